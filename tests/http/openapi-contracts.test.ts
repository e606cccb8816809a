import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { readConfig } from '../../server/platform/config';
import type { AppDeps } from '../../server/platform/http/context';

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
interface Spec {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** The OpenAPI document; writing it needs no database. */
async function readSpec(): Promise<Spec> {
  const app = createApp({ database: null, config: readConfig({}) } as unknown as AppDeps);
  return (await app.request('/api/openapi.json')).json() as Promise<Spec>;
}

/** Whether a schema says nothing about its value: `{}`, `true`, or only a description. */
function isEmpty(schema: Schema | boolean): boolean {
  if (schema === true) return true;
  if (schema === false) return false;
  const keys = Object.keys(schema).filter((k) => !['description', 'title', 'example', 'examples', 'default', 'deprecated'].includes(k));
  return keys.length === 0;
}

/**
 * The places in a response schema that do not describe their value: a schema without a type,
 * or an object that accepts any further property (`additionalProperties: true` or `{}`).
 */
function openEnded(schema: Schema, where: string, spec: Spec, seen = new Set<string>(), isAllOfPart = false): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return [];
    const target = spec.components?.schemas?.[name];
    if (!target) return [`${where}: unresolved ${schema.$ref}`];
    return openEnded(target, `${where}→${name}`, spec, new Set([...seen, name]));
  }
  const problems: string[] = [];
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  const allOfParts = new Set(schema.allOf ?? []);
  const hasShape = schema.type !== undefined || branches.length > 0 || 'enum' in schema || 'const' in schema;
  if (!hasShape) problems.push(`${where}: schema with no type`);
  branches.forEach((branch, i) => problems.push(...openEnded(branch, `${where}|${i}`, spec, seen, allOfParts.has(branch))));
  const additional = schema.additionalProperties;
  if (additional !== undefined && additional !== false) {
    if (isEmpty(additional)) problems.push(`${where}: object open to any property`);
    else problems.push(...openEnded(additional as Schema, `${where}{*}`, spec, seen));
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  // `allOf: [{$ref}, {type: ['object', 'null']}]` is how a nullable reference is written: the second part only narrows.
  if (types.includes('object') && !schema.properties && additional === undefined && !isAllOfPart) problems.push(`${where}: object with no properties`);
  for (const [key, value] of Object.entries(schema.properties ?? {})) problems.push(...openEnded(value, `${where}.${key}`, spec, seen));
  if (schema.items) problems.push(...openEnded(schema.items, `${where}[]`, spec, seen));
  (schema.prefixItems ?? []).forEach((item, i) => problems.push(...openEnded(item, `${where}[${i}]`, spec, seen)));
  return problems;
}

describe('the OpenAPI document', () => {
  it('describes every JSON response completely: no untyped value, no open-ended object', async () => {
    const spec = await readSpec();
    const problems: string[] = [];
    let responses = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const schema = response.content?.['application/json']?.schema;
          if (!schema) continue;
          responses += 1;
          problems.push(...openEnded(schema, `${method.toUpperCase()} ${path} ${status}`, spec));
        }
      }
    }
    expect(responses).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  it('describes every JSON request body completely too', async () => {
    const spec = await readSpec();
    const problems: string[] = [];
    let bodies = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        bodies += 1;
        problems.push(...openEnded(schema, `${method.toUpperCase()} ${path} body`, spec));
      }
    }
    expect(bodies).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it('finds an open-ended object when there is one', () => {
    const spec: Spec = { paths: {} };
    expect(openEnded({ type: 'object', propertyNames: { type: 'string' }, additionalProperties: {} }, 'record', spec)).toHaveLength(1);
    expect(openEnded({}, 'unknown', spec)).toHaveLength(1);
    expect(openEnded({ type: 'object', properties: { a: { type: 'string' } } }, 'closed', spec)).toEqual([]);
  });
});
