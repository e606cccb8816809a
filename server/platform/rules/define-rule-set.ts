import { z } from '@hono/zod-openapi';

/** How a rule field is entered: a whole number, a decimal, a list of whole numbers, or one of named choices (a `z.enum`). */
export type RuleFieldKind = 'integer' | 'number' | 'integer_list' | 'choice';

/** A rule's stored value. */
export type RuleFieldValue = number | number[] | string;

/** What the settings page shows beside a field. */
export interface RuleFieldLabel {
  label: string;
  unit?: string;
  help?: string;
  /** The label of each value of a choice field (a `z.enum`), in the order shown. */
  options?: Readonly<Record<string, string>>;
}

/** A field of a rule set as the settings page renders it (limits taken from the schema). */
export interface RuleFieldInfo extends Omit<RuleFieldLabel, 'options'> {
  key: string;
  kind: RuleFieldKind;
  min: number | null;
  max: number | null;
  /** The values a choice field takes, with their labels; null for a number. */
  options: Array<{ value: string; label: string }> | null;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** A rule set: a named group of rules with its zod schema, its defaults and its field labels. */
export interface RuleSet<S extends AnyObject = AnyObject> {
  /** `module.name`, e.g. `projects.thresholds`; the key rows of `rule_settings` carry. */
  key: string;
  label: string;
  description: string;
  /** The whole value; cross-field checks (`refine`) name the field they blame in `path`. */
  schema: S;
  defaults: z.infer<S>;
  fields: { readonly [K in keyof z.infer<S> & string]: RuleFieldLabel };
}

/** Declares a rule set; its defaults must pass its own schema. */
export function defineRuleSet<S extends AnyObject>(definition: RuleSet<S>): RuleSet<S> {
  const parsed = definition.schema.safeParse(definition.defaults);
  if (!parsed.success) throw new Error(`rule set ${definition.key}: defaults do not pass the schema: ${parsed.error.message}`);
  return { ...definition, defaults: parsed.data };
}

interface JsonSchemaField {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: { type?: string; minimum?: number; maximum?: number };
}

// Whole numbers outside this range are zod's "safe integer" bounds, not a rule's limit.
const bound = (n: number | undefined) => (n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? null : n);

/** The fields of a rule set with their kind and limits, read from its schema. */
export function describeFields(set: RuleSet): RuleFieldInfo[] {
  const json = z.toJSONSchema(set.schema, { unrepresentable: 'any' }) as { properties?: Record<string, JsonSchemaField> };
  return Object.entries(set.fields as Record<string, RuleFieldLabel>).map(([key, { options: optionLabels, ...label }]) => {
    const field = json.properties?.[key] ?? {};
    if (field.enum) {
      const options = field.enum.map((value) => ({ value: String(value), label: optionLabels?.[String(value)] ?? String(value) }));
      return { key, ...label, kind: 'choice' as const, min: null, max: null, options };
    }
    const isList = field.type === 'array';
    const limits = isList ? (field.items ?? {}) : field;
    const kind: RuleFieldKind = isList ? 'integer_list' : field.type === 'integer' ? 'integer' : 'number';
    return { key, ...label, kind, min: bound(limits.minimum ?? field.exclusiveMinimum), max: bound(limits.maximum), options: null };
  });
}
