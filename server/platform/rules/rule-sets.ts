import { registeredModules } from '../modules/registry';
import type { RuleSet } from './define-rule-set';

/**
 * Every rule set of the platform, in the order the settings page shows them: each module
 * declares its own (`ruleSets` of its definition, from its `<m>.rules.ts`). Read when asked,
 * not at load time, since the modules themselves read rules.
 */
export function ruleSets(): readonly RuleSet[] {
  return registeredModules().flatMap((m) => m.ruleSets ?? []);
}

/** The rule set of a key, or undefined. */
export function ruleSetByKey(key: string): RuleSet | undefined {
  return ruleSets().find((s) => s.key === key);
}
