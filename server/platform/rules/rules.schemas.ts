import { z } from '@hono/zod-openapi';
import { ruleSets } from './rule-sets';

/** A rule's value: a number, a list of whole numbers (e.g. reminder days), or a choice's value. */
export const RuleValue = z.union([z.number(), z.array(z.number()), z.string()]).openapi('RuleValue');

export const RuleSource = z
  .object({
    level: z.enum(['default', 'province', 'city', 'county']),
    divisionCode: z.string().nullable(),
    divisionName: z.string().nullable(),
    version: z.number().int().nullable(),
  })
  .openapi('RuleSource');

export const RuleField = z
  .object({
    key: z.string(),
    label: z.string(),
    unit: z.string().nullable(),
    help: z.string().nullable(),
    kind: z.enum(['integer', 'number', 'integer_list', 'choice']),
    min: z.number().nullable(),
    max: z.number().nullable(),
    /** A choice field's values with their labels; null for a number. */
    options: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
    defaultValue: RuleValue,
    /** The value in force for the division. */
    value: RuleValue,
    /** The division's own value, or null when it follows the city / province / default. */
    ownValue: RuleValue.nullable(),
    source: RuleSource,
  })
  .openapi('RuleField');

export const RuleSetView = z
  .object({
    key: z.string(),
    label: z.string(),
    description: z.string(),
    /** The division's newest saved version (0: none yet); send it back when saving. */
    version: z.number().int(),
    note: z.string().nullable(),
    savedByName: z.string().nullable(),
    savedAt: z.string().nullable(),
    fields: z.array(RuleField),
  })
  .openapi('RuleSetView');

export const RuleSetList = z
  .object({ divisionCode: z.string(), divisionName: z.string(), canManage: z.boolean(), data: z.array(RuleSetView) })
  .openapi('RuleSetList');

export const RuleVersion = z
  .object({ version: z.number().int(), values: z.record(z.string(), RuleValue), note: z.string().nullable(), savedByName: z.string(), savedAt: z.string() })
  .openapi('RuleVersion');

export const RuleVersionList = z.object({ data: z.array(RuleVersion) }).openapi('RuleVersionList');

/** The `{ruleSet}` parameter: one of the modules' rule set keys (built when the routes are, once every module is loaded). */
export function ruleSetParam() {
  const keys = ruleSets().map((s) => s.key) as [string, ...string[]];
  return z.object({ ruleSet: z.enum(keys, '没有这一规则集') });
}

export const RuleDivisionQuery = z.object({ divisionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字').optional() });

export const SaveRulesBody = z
  .object({
    version: z.number().int().min(0),
    /** Only the fields the division sets itself; the others follow the city / province / default. */
    values: z.record(z.string(), RuleValue),
    note: z.string().trim().max(200, '说明不超过 200 字').nullish(),
  })
  .strict()
  .openapi('SaveRules');
