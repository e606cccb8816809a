import { inboxRuleSets } from '../../modules/inbox/inbox.rules';
import { libraryRuleSets } from '../../modules/libraries/libraries.rules';
import { monthlyReportRuleSets } from '../../modules/monthly-reports/monthly-reports.rules';
import { projectRuleSets } from '../../modules/projects/projects.rules';
import { targetRuleSets } from '../../modules/targets/targets.rules';
import type { RuleSet } from './define-rule-set';

/**
 * Every rule set of the platform, in the order the settings page shows them. Each module
 * declares its own in `<m>.rules.ts`; this list gathers them until the module manifests do.
 */
export const RULE_SETS: readonly RuleSet[] = [...projectRuleSets, ...libraryRuleSets, ...monthlyReportRuleSets, ...inboxRuleSets, ...targetRuleSets];

/** The rule set of a key, or undefined. */
export function ruleSetByKey(key: string): RuleSet | undefined {
  return RULE_SETS.find((s) => s.key === key);
}
