import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission } from '../../common/permissions';
import { MODULES } from '../../server/modules';
import type { RecordKind } from '../../server/platform/modules/define-module';
import { DEFAULT_SCOPE, ROLES, type Role } from '../../common/roles';
import type { Database } from '../../server/platform/db/client';
import { buildUnit, buildUser } from '../support/factories';
import { buildCounty, buildRegion, createMilestone, otherProjectMarkers, PNG_BYTES, sendMessage, type County, type ReportState } from '../support/scope-world';
import { createTestApp, TestClient, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

/*
 * The authorization matrix: every operation of the OpenAPI document × every role × a record
 * inside and outside the caller's scope, against the one role table. A missing permission
 * answers 403; a record outside the caller's scope answers exactly what a random id answers
 * (404 for a path id); a record inside passes both checks. Every answer is also searched for
 * another county's data (and, for department/township/owner users, for the county's project
 * outside their scope) — including the text inside .xlsx/.docx downloads.
 *
 * Order of checks on the server: authenticate → the route's permission guard → zod
 * validation → the service's scope check. A bad body can therefore never mask a 403, but it
 * could mask a 404; every body here is generated valid from the route's request schema.
 *
 * The world (tests/support/scope-world.ts): 甲县 and 乙县 under 金泉市, 丙县 under 银泉市.
 * The callers are 甲县's user of every role and 金泉市's admin, drc and leader; their
 * in-scope records are 甲县's, out of scope is 乙县 for county callers and 丙县 for city
 * callers, and for 甲县's department, township and owner users also 甲县's other project.
 *
 * Refusals run first (phase 1), then the allowed in-scope calls (phase 2), so a successful
 * write never changes what a refusal sees; destructive in-scope calls get a fresh record.
 */

let database: Database;
let app: TestApp;
let spec: OpenApi;
let A: County;
let B: County;
let C: County;
let callers: Caller[];

const CITY = { code: '620900', name: '金泉市' };
const OTHER_CITY = { code: '620800', name: '银泉市' };
/** The value of every `{period}` parameter: a quarter's end with no report yet. */
const PERIOD = '2025-06';
const STRONG_PASSWORD = 'Matrix#2026pass';

// ------------------------------------------------------------------ the OpenAPI document

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  pattern?: string;
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
};
interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  'x-permission'?: Permission | null;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface Op {
  method: string;
  path: string;
  key: string;
  permission: Permission | null;
  operation: Operation;
}

/** Routes the matrix does not call, and why. A new route must be either exercised or listed here. */
const NOT_EXERCISED: Record<string, string> = {
  'POST /api/auth/login': 'public: takes credentials, not a session (route-guard and auth tests)',
};

/**
 * In-scope calls a business rule refuses with 403 although the role holds the permission: an
 * action the caller may not take on data they can see. Listed with the rule, so the list
 * stays short and every entry is still checked (a listed call that is allowed fails too).
 */
const RULE_REFUSALS: Record<string, string> = {
  'POST /api/projects/import · city drc': 'a ledger is imported into one county, by a user of that county',
  'POST /api/monthly-reports/import · city drc': 'monthly reports are imported into one county, by a user of that county',
  // The `in` project is the 水务局's, created by the 发改局 and in no library the 商务局 owns.
  'PATCH /api/projects/{id} · commerce': 'the 商务局 changes only projects in its 招商引资项目库 or created by its unit',
  'POST /api/projects/{id}/documents · commerce': 'the 商务局 attaches files only to projects in its 招商引资项目库 or created by its unit',
  // Beyond the general rule below (a city writes no county record), periods are the counties' own.
  'POST /api/periods/{period}/close · city drc': 'periods are run by the counties',
  'POST /api/periods/{period}/reopen-requests · city drc': 'periods are run by the counties',
  'POST /api/periods/history-entry · city drc': 'periods are run by the counties',
  // A leader decides a reopen request only when the county's 重开审批人 rule names the leader (the world's rule: another 发改局 user).
  'POST /api/period-reopen-requests/{id}/decision · leader': 'the request was routed to another 发改局 user of the county',
  'POST /api/counties · admin': 'a county is added by the administrator of its city or province, not of a county',
};

/**
 * The platform's rule for callers above a county (policy `writesIn`): a city or province reads
 * and rolls up its counties' records and writes none of them — a write naming a county record
 * answers 403, unless the record's kind says higher levels may write it (units and users, which a
 * city's administrator provisions) or it is the caller's own (saved filters, messages).
 */
function higherLevelRefusal(op: Op, shape: Shape, caller: Caller): string | null {
  if (op.method === 'GET' || caller.divisionCode === caller.home.code) return null;
  const named = [...shape.pathRefs, ...shape.bodyRefs].map((r) => RECORD_KINDS.find((k) => k.kind === r.kind)!);
  const county = named.find((k) => k.scope !== 'personal' && !k.higherLevelsWrite);
  return county ? `a city reads and rolls up its counties’ records and writes none of them (${county.kind})` : null;
}

/** Routes that end the caller's session: each case runs on a session of its own. */
const FRESH_SESSION = new Set(['POST /api/auth/logout']);

// ------------------------------------------------------------------ records and scopes

/** What a path, body or query id can name: a record kind a module declares (`recordKinds` of its definition). */
type Kind = string;
const RECORD_KINDS = MODULES.flatMap((m) => m.recordKinds ?? []);

/**
 * How far each kind reaches: `region` the caller's division and those under it; `project`
 * the caller's data scope over projects (department / township / owner are narrower);
 * `personal` the caller's own; `own-division` exactly the caller's division (a county's
 * reopen requests are decided by that county's 发改局, not by the city's).
 */
const KIND_SCOPE: Record<Kind, RecordKind['scope']> = Object.fromEntries(RECORD_KINDS.map((k) => [k.kind, k.scope]));

const byField = (fields: (k: RecordKind) => readonly string[] | undefined): Record<string, Kind> =>
  Object.fromEntries(RECORD_KINDS.flatMap((k) => (fields(k) ?? []).map((f) => [f, k.kind])));
/** `{id}` names a record of the kind its path segment says. */
const ID_KINDS = byField((k) => (k.segment ? [k.segment] : []));
/** Other uuid path parameters, body fields and query filters, by name. */
const PARAM_KINDS = byField((k) => k.pathParams);
const BODY_KINDS = byField((k) => k.bodyFields);
const FILTER_KINDS = byField((k) => k.filterFields);

/** Which monthly report a report action is called on, so that it can succeed once. */
const REPORT_STATE_FOR: Record<string, ReportState> = {
  'POST submit': 'draft',
  'POST photos': 'draft',
  'POST approve': 'submitted',
  'POST return': 'returnable',
  'POST revise': 'approved',
};

/**
 * Bodies are generated from the request schema (required fields, first enum value, minimum,
 * formats). These few fields need a value the schema cannot tell: a password the password
 * policy accepts, checked before the unit of the new user is looked up.
 */
const BODY_OVERRIDES: Record<string, Record<string, unknown>> = {
  'POST /api/users': { password: STRONG_PASSWORD },
  'POST /api/users/{id}/reset-password': { password: STRONG_PASSWORD },
  // One period or one year (the schema wants exactly one; neither is required on its own).
  'POST /api/periods/history-entry': { period: PERIOD },
};
/** Imports get the platform's own (empty) template of the caller, so the upload passes the file checks. */
const UPLOAD_TEMPLATES: Record<string, string> = {
  'POST /api/projects/import': '/api/projects/template.xlsx',
  'POST /api/monthly-reports/import': `/api/monthly-reports/template.xlsx?period=${PERIOD}`,
};

const PATTERN_SAMPLES: Record<string, string> = {
  '^\\d{4}-(0[1-9]|1[0-2])$': PERIOD,
  '^[a-z][a-z0-9_]{1,31}$': 'matrix_item',
  '^[A-Za-z0-9_.-]+$': 'matrix_user',
  '^[A-Z]{3}$': 'CNY',
  '^\\d{2}$': '48',
};

/** A caller under test. */
interface Caller {
  label: string;
  role: Role;
  divisionCode: string;
  username: string;
  client: TestClient;
  isNarrow: boolean;
  /** Where the caller's in-scope records are, and the county outside their region. */
  home: County;
  away: County;
  ownFilter: string;
  ownMessage: string;
  /** Strings that must never appear in an answer to this caller: other counties', and for narrow scopes the county's other project. */
  markers: string[];
  /** Other users' saved filters and messages: never shown, except in the audit trail, which records every write. */
  personalMarkers: string[];
}

type Scope = 'in' | 'out-county' | 'out-narrow' | 'other-user' | 'random';

/** The id of a kind for a caller in a scope; undefined when the caller has no such record (then the case does not apply). */
function recordOf(kind: Kind, scope: Scope, caller: Caller, reportState: ReportState): string | undefined {
  if (scope === 'random') return kind === 'division' ? '000000' : randomUUID();
  const county = scope === 'out-county' ? caller.away : caller.home;
  const records = scope === 'out-narrow' ? county.other : county.in;
  switch (kind) {
    case 'project':
      return records.project;
    case 'procedure':
      return records.procedure;
    case 'document':
      return records.document;
    case 'milestone':
      return records.milestone;
    case 'libraryRequest':
      return records.libraryRequest;
    case 'report':
      return records.reports[reportState];
    case 'savedFilter':
      return scope === 'in' ? caller.ownFilter : county.clerkFilter;
    case 'message':
      return scope === 'in' ? caller.ownMessage : county.clerkMessage;
    case 'reopenRequest':
      return scope === 'in' && caller.divisionCode !== county.code ? undefined : county.reopenRequest;
    case 'unit':
      return county.units.spare;
    case 'user':
      return county.spareUser;
    case 'library':
      return scope === 'out-narrow' ? county.libraryOther : county.library;
    case 'ownerUnit':
      return scope === 'out-narrow' ? county.units.ownerOther : county.units.owner;
    case 'department':
      return scope === 'out-narrow' ? county.units.departmentOther : county.units.department;
    case 'township':
      return scope === 'out-narrow' ? county.units.townshipOther : county.units.township;
    case 'division':
      return county.code;
    default: {
      // A record a module's test world made (server/modules/<m>/<m>.world.ts).
      const made = county.modules[kind];
      if (!made) throw new Unmapped(`no record of kind ${kind}: its module needs a test world (<m>.world.ts) that makes one`);
      return scope === 'out-narrow' ? made.other : made.in;
    }
  }
}

/**
 * Whether a scope is a real test of a kind for a caller. Outside a narrow scope means a
 * project-bound record, or — as a list filter — a unit or library that only the county's
 * other project belongs to.
 */
function scopeApplies(kind: Kind, scope: Scope, caller: Caller, asFilter = false): boolean {
  if (scope === 'out-narrow') return caller.isNarrow && (KIND_SCOPE[kind] === 'project' || (asFilter && ['department', 'township', 'library'].includes(kind)));
  if (scope === 'other-user') return KIND_SCOPE[kind] === 'personal';
  return true;
}

// ------------------------------------------------------------------ requests from the document

class Unmapped extends Error {}

function deref(schema: Schema): Schema {
  let s = schema;
  while (s.$ref) s = spec.components.schemas[s.$ref.split('/').pop()!];
  return s;
}

interface SampleContext {
  ref(field: string): string;
  file(): File;
}

/** A minimal valid value of a schema: required properties, first enum value, minimum, formats. */
function sample(input: Schema, field: string, ctx: SampleContext): unknown {
  const schema = deref(input);
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return sample(branches.find((b) => deref(b).type !== 'null')!, field, ctx);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sample(schema.properties![name], name, ctx)]));
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items!, field, ctx));
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'string': {
      if (schema.format === 'uuid') return ctx.ref(field);
      if (schema.format === 'date') return '2025-06-15';
      if (schema.format === 'date-time') return '2025-06-15T08:00:00.000Z';
      if (schema.format === 'binary') return ctx.file();
      if (schema.pattern) {
        const value = schema.example ?? PATTERN_SAMPLES[schema.pattern];
        if (value === undefined) throw new Unmapped(`no sample for pattern ${schema.pattern} (field ${field})`);
        return value;
      }
      return '矩阵测试'.padEnd(schema.minLength ?? 0, '试').slice(0, schema.maxLength ?? 100);
    }
  }
  throw new Unmapped(`no sample for schema of field ${field}: ${JSON.stringify(schema).slice(0, 80)}`);
}

/** What an operation names: path records, path values, required body references, filters. */
interface Shape {
  pathRefs: Array<{ name: string; kind: Kind }>;
  pathValues: Record<string, string>;
  bodyRefs: Array<{ field: string; kind: Kind }>;
  /** An optional body `divisionCode`: where the record is to be written. */
  bodyDivision: boolean;
  filters: Array<{ name: string; kind: Kind }>;
  query: Record<string, string>;
  reportState: ReportState;
}

function shapeOf(op: Op): Shape {
  const params = op.operation.parameters ?? [];
  const shape: Shape = { pathRefs: [], pathValues: {}, bodyRefs: [], bodyDivision: false, filters: [], query: {}, reportState: 'submitted' };
  const segments = op.path.split('/');
  const noRefs: SampleContext = { ref: () => randomUUID(), file: () => new File([], 'x') };
  for (const [index, segment] of segments.entries()) {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (!name) continue;
    const schema = deref(params.find((p) => p.in === 'path' && p.name === name)?.schema ?? {});
    if (schema.format === 'uuid') {
      const kind = name === 'id' ? ID_KINDS[segments[index - 1]] : PARAM_KINDS[name];
      if (!kind) throw new Unmapped(`no record kind for path parameter {${name}} after /${segments[index - 1]}`);
      shape.pathRefs.push({ name, kind });
    } else shape.pathValues[name] = String(sample(schema, name, noRefs));
  }
  const action = `${op.method} ${segments[segments.length - 1]}`;
  if (REPORT_STATE_FOR[action]) shape.reportState = REPORT_STATE_FOR[action];
  for (const p of params.filter((q) => q.in === 'query')) {
    if (p.required) shape.query[p.name] = String(sample(p.schema, p.name, noRefs));
    else if (deref(p.schema).format === 'uuid' || p.name === 'divisionCode') {
      const kind = FILTER_KINDS[p.name];
      if (!kind) throw new Unmapped(`no record kind for query filter ${p.name}`);
      if (op.method === 'GET') shape.filters.push({ name: p.name, kind });
    }
  }
  const json = op.operation.requestBody?.content['application/json']?.schema;
  if (json) {
    sample(json, 'body', {
      ref: (field) => {
        const kind = BODY_KINDS[field];
        if (!kind) throw new Unmapped(`no record kind for body field ${field}`);
        shape.bodyRefs.push({ field, kind });
        return '';
      },
      file: noRefs.file,
    });
    const body = deref(json);
    shape.bodyDivision = !!body.properties?.divisionCode && !(body.required ?? []).includes('divisionCode');
  }
  return shape;
}

/** One request of the matrix: the URL and body for a caller, with ids of one scope. */
interface Call {
  url: string;
  body?: unknown;
}

async function callOf(op: Op, shape: Shape, caller: Caller, scope: Scope, extra: { filter?: [string, string]; division?: string } = {}): Promise<Call | null> {
  let url = op.path;
  for (const ref of shape.pathRefs) {
    const id = recordOf(ref.kind, scope, caller, shape.reportState);
    if (id === undefined) return null;
    url = url.replace(`{${ref.name}}`, id);
  }
  for (const [name, value] of Object.entries(shape.pathValues)) url = url.replace(`{${name}}`, value);
  const query = new URLSearchParams(shape.query);
  if (extra.filter) query.set(...extra.filter);
  if ([...query].length) url += `?${query}`;
  const content = op.operation.requestBody?.content ?? {};
  const ctx: SampleContext = {
    ref: (field) => recordOf(BODY_KINDS[field], scope, caller, shape.reportState)!,
    file: () => new File([PNG_BYTES], 'matrix.png', { type: 'image/png' }),
  };
  if (content['application/json']) {
    const body = { ...(sample(content['application/json'].schema, 'body', ctx) as object), ...BODY_OVERRIDES[op.key] };
    return { url, body: extra.division ? { ...body, divisionCode: extra.division } : body };
  }
  if (content['multipart/form-data']) {
    const fields = sample(content['multipart/form-data'].schema, 'form', ctx) as Record<string, string | File>;
    const template = UPLOAD_TEMPLATES[op.key];
    if (template) {
      const res = await caller.client.get(template);
      if (res.status === 200) fields.file = new File([await res.arrayBuffer()], 'matrix.xlsx');
      else await res.arrayBuffer();
    }
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return { url, body: form };
  }
  return { url };
}

interface Outcome {
  status: number;
  error: { code?: string; message?: string; field?: string } | null;
  /** The answer's text: JSON, or every XML part of an .xlsx/.docx. */
  text: string;
}

async function readOutcome(res: Response): Promise<Outcome> {
  const type = res.headers.get('content-type') ?? '';
  let text = '';
  if (type.includes('json') || type.startsWith('text/')) text = await res.text();
  else {
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      const zip = await JSZip.loadAsync(bytes);
      const parts = Object.values(zip.files).filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name));
      text = (await Promise.all(parts.map((f) => f.async('string')))).join('\n');
    }
  }
  let error: Outcome['error'] = null;
  if (res.status >= 400) {
    try {
      error = (JSON.parse(text) as { error?: Outcome['error'] }).error ?? null;
    } catch {
      error = null; // the fuzz test holds every refusal to a JSON error body; here the status is what counts
    }
  }
  return { status: res.status, error, text };
}

async function send(op: Op, caller: Caller, call: Call): Promise<Outcome> {
  let client = caller.client;
  if (FRESH_SESSION.has(op.key)) client = await new TestClient(app).login(caller.username);
  return readOutcome(await client.request(op.method, call.url, call.body));
}

// ------------------------------------------------------------------ the run

let cases = 0;
const failures: string[] = [];
const exercised = new Set<string>();
const succeeded = new Set<string>();

const describeOutcome = (o: Outcome) => `${o.status}${o.error?.code ? ` ${o.error.code}` : ''}`;
const sameAnswer = (a: Outcome, b: Outcome) =>
  a.status === b.status && a.error?.code === b.error?.code && a.error?.message === b.error?.message && a.error?.field === b.error?.field;

/** Runs one case: the expectation, then the leak search over whatever came back. */
async function check(op: Op, caller: Caller, scope: string, call: Call, expectation: (o: Outcome) => string | null): Promise<Outcome> {
  cases++;
  exercised.add(op.key);
  const outcome = await send(op, caller, call);
  const fail = (expected: string) => failures.push(`${op.method} ${op.path} ${caller.label} ${scope} → got ${describeOutcome(outcome)}, expected ${expected}`);
  if (outcome.status >= 500) fail('no server error');
  else {
    const problem = expectation(outcome);
    if (problem) fail(problem);
  }
  // Whatever the caller sent may come back (a filter echoed in a file); anything else of the markers is a leak.
  const sent = `${call.url} ${call.body instanceof FormData ? '' : JSON.stringify(call.body ?? '')}`;
  const markers = op.permission === 'audit.read' ? caller.markers : [...caller.markers, ...caller.personalMarkers];
  const leaked = markers.filter((m) => !sent.includes(m) && outcome.text.includes(m));
  if (leaked.length) failures.push(`${op.method} ${op.path} ${caller.label} ${scope} → LEAK: answer (${outcome.status}) contains ${leaked.slice(0, 3).join(', ')}`);
  return outcome;
}

const expectForbidden = (o: Outcome) => (o.status === 403 && o.error?.code === 'FORBIDDEN' ? null : '403 FORBIDDEN (role lacks the permission)');
const expectAllowed = (o: Outcome) => ([401, 403, 404].includes(o.status) ? 'allowed (neither 401, 403 nor 404)' : null);
const expectNotFound = (o: Outcome) => (o.status === 404 ? null : '404 (an id that does not exist)');
const expectAsRandom = (random: Outcome) => (o: Outcome) =>
  sameAnswer(o, random) ? null : `the same answer as for a random id (${describeOutcome(random)}${random.error?.message ? ` ${random.error.message}` : ''})`;

const permits = (caller: Caller, op: Op) => op.permission === null || ROLE_PERMISSIONS[caller.role].includes(op.permission);

/** Phase 1: every refusal — a missing permission, and every way of naming a record out of scope. */
async function runRefusals(op: Op, shape: Shape, caller: Caller) {
  const named = [...shape.pathRefs, ...shape.bodyRefs];
  if (!permits(caller, op)) {
    for (const scope of named.length ? (['in', 'out-county'] as const) : (['in'] as const)) {
      const call = await callOf(op, shape, caller, scope);
      if (call) await check(op, caller, scope, call, expectForbidden);
    }
    return;
  }
  if (named.length) {
    const random = await check(op, caller, 'random id', (await callOf(op, shape, caller, 'random'))!, shape.pathRefs.length ? expectNotFound : () => null);
    for (const scope of ['out-county', 'out-narrow', 'other-user'] as const) {
      if (!named.some((r) => scopeApplies(r.kind, scope, caller))) continue;
      const call = await callOf(op, shape, caller, scope);
      if (call) await check(op, caller, scope, call, expectAsRandom(random));
    }
  }
  // Where a record is to be written, and what a list is filtered by: each on its own, against a random value.
  const optional: Array<{ label: string; kind: Kind; extra: (value: string) => { filter?: [string, string]; division?: string } }> = [
    ...(shape.bodyDivision ? [{ label: 'body divisionCode', kind: 'division' as Kind, extra: (value: string) => ({ division: value }) }] : []),
    ...shape.filters.map((f) => ({ label: `?${f.name}`, kind: f.kind, extra: (value: string) => ({ filter: [f.name, value] as [string, string] }) })),
  ];
  for (const item of optional) {
    const randomCall = await callOf(op, shape, caller, 'in', item.extra(recordOf(item.kind, 'random', caller, shape.reportState)!));
    if (!randomCall) continue;
    const random = await check(op, caller, `random ${item.label}`, randomCall, () => null);
    for (const scope of ['out-county', 'out-narrow'] as const) {
      if (!scopeApplies(item.kind, scope, caller, true)) continue;
      const call = await callOf(op, shape, caller, 'in', item.extra(recordOf(item.kind, scope, caller, shape.reportState)!));
      if (call) await check(op, caller, `${scope} ${item.label}`, call, expectAsRandom(random));
    }
  }
}

/** Fresh in-scope records for calls that destroy theirs. */
async function freshRecord(op: Op, shape: Shape, caller: Caller): Promise<Shape> {
  if (op.method !== 'DELETE' || !permits(caller, op)) return shape;
  for (const ref of shape.pathRefs) {
    if (ref.kind === 'milestone') caller.home.in.milestone = await createMilestone(caller.home.clerk.client, caller.home.in.project);
    else if (ref.kind === 'savedFilter') caller.ownFilter = (await (await caller.client.post('/api/saved-filters', { name: `矩阵${randomUUID().slice(0, 8)}`, query: '' })).json()).id;
    else throw new Unmapped(`no fresh ${ref.kind} for ${op.key}`);
  }
  return shape;
}

/** Phase 2: the allowed calls on records in scope. */
async function runAllowed(op: Op, shape: Shape, caller: Caller) {
  if (!permits(caller, op)) return;
  await freshRecord(op, shape, caller);
  const call = await callOf(op, shape, caller, 'in');
  if (!call) return; // the caller has no record of this kind (a city user and a county's reopen request)
  const rule = RULE_REFUSALS[`${op.key} · ${caller.label}`] ?? higherLevelRefusal(op, shape, caller);
  const outcome = await check(op, caller, 'in', call, rule ? (o) => (o.status === 403 ? null : `403 by the rule: ${rule}`) : expectAllowed);
  if (outcome.status < 300) succeeded.add(op.key);
}

function operations(): Op[] {
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      key: `${method.toUpperCase()} ${path}`,
      permission: operation['x-permission'] ?? null,
      operation,
    })),
  );
}

// ------------------------------------------------------------------ the world

async function buildCallers(): Promise<Caller[]> {
  const cityUnit = await buildUnit(database, { divisionCode: CITY.code, name: `${CITY.name}发展和改革委员会`, kind: 'drc' });
  const countyMarkers = (c: County) => [c.name, ...c.ids];
  const made: Caller[] = [];
  const make = async (label: string, role: Role, user: { id: string; username: string }, divisionCode: string, markers: string[]) => {
    const client = await new TestClient(app).login(user.username);
    const ownFilter = (await (await client.post('/api/saved-filters', { name: '我的筛选', query: 'stage=construction' })).json()).id as string;
    const ownMessage = await sendMessage(database, { id: user.id, divisionCode }, `${label}的提醒`);
    const isNarrow = DEFAULT_SCOPE[role] !== 'division';
    made.push({
      label,
      role,
      divisionCode,
      username: user.username,
      client,
      isNarrow,
      home: A,
      away: divisionCode === CITY.code ? C : B,
      ownFilter,
      ownMessage,
      markers: [...markers, ...(isNarrow ? otherProjectMarkers(A) : [])],
      personalMarkers: [],
    });
  };
  for (const role of ROLES) await make(role, role, A.users[role], A.code, [...countyMarkers(B), ...countyMarkers(C), OTHER_CITY.name]);
  for (const role of ['admin', 'drc', 'leader'] as const) {
    const user = await buildUser(database, { role, unitId: cityUnit.id, divisionCode: CITY.code, username: `city_${role}`, displayName: `${CITY.name}${role}` });
    await make(`city ${role}`, role, user, CITY.code, [...countyMarkers(C), OTHER_CITY.name]);
  }
  // Someone else's saved filters and messages are never shown: the other callers' too.
  const personal = made.flatMap((c) => [c.ownFilter, c.ownMessage]);
  for (const c of made) c.personalMarkers = [A.clerkFilter, A.clerkMessage, ...personal.filter((id) => id !== c.ownFilter && id !== c.ownMessage)];
  return made;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  spec = await (await app.request('/api/openapi.json')).json();
  await buildRegion(database, CITY.code, CITY.name, 'city', null);
  await buildRegion(database, OTHER_CITY.code, OTHER_CITY.name, 'city', null);
  A = await buildCounty(database, app, { code: '620921', name: '甲县', cityCode: CITY.code, prefix: 'a' });
  B = await buildCounty(database, app, { code: '620922', name: '乙县', cityCode: CITY.code, prefix: 'b' });
  C = await buildCounty(database, app, { code: '620821', name: '丙县', cityCode: OTHER_CITY.code, prefix: 'c' });
  callers = await buildCallers();
}, 120_000);
afterAll(() => database?.close());

describe('authorization matrix, generated from the OpenAPI document', () => {
  it('answers every route × role × scope by the role table, and leaks nothing', async () => {
    const started = Date.now();
    const ops = operations().filter((op) => !NOT_EXERCISED[op.key]);
    const shapes = new Map<string, Shape>();
    for (const op of ops) {
      try {
        shapes.set(op.key, shapeOf(op));
      } catch (error) {
        if (!(error instanceof Unmapped)) throw error;
        failures.push(`${op.key} cannot be exercised: ${error.message} — map it, or list it in NOT_EXERCISED with the reason`);
      }
    }
    for (const op of ops) for (const caller of callers) if (shapes.has(op.key)) await runRefusals(op, shapes.get(op.key)!, caller);
    for (const op of ops) for (const caller of callers) if (shapes.has(op.key)) await runAllowed(op, shapes.get(op.key)!, caller);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const neverSucceeded = ops.filter((op) => !succeeded.has(op.key)).map((op) => op.key);
    console.info(
      `authorization matrix: ${cases} route×role×scope cases over ${exercised.size} routes and ${callers.length} callers in ${seconds} s` +
        (neverSucceeded.length ? `; in scope but refused by business rules for every caller: ${neverSucceeded.join(', ')}` : ''),
    );
    expect(failures).toEqual([]);
    expect(ops.filter((op) => !exercised.has(op.key)).map((op) => op.key)).toEqual([]);
    expect(Object.keys(NOT_EXERCISED).filter((key) => !operations().some((op) => op.key === key))).toEqual([]);
  }, 300_000);
});
