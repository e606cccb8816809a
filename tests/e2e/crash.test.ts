import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/platform/audit/audit.service';
import { migrateDatabase, openDatabase, type Database } from '../../server/platform/db/client';
import { withDatabase } from '../support/global-setup';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-crash-'));
let databaseUrl: string | undefined;

/** Writes of each kind (project creations, report fill + submit, project edits); SIGKILL once a third of each kind is acknowledged. */
const PER_KIND = 150;
/** Concurrent clients per kind. */
const CLIENTS = 50;

async function freshServerDatabase(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  const name = `gw_crash_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  return withDatabase(url, name);
}

function start(port: number): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: databaseUrl ?? '' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${out}`)), 90_000);
    child.stdout!.on('data', () => {
      const m = /地址：http:\/\/localhost:(\d+)/.exec(out);
      if (m && out.includes('按 Ctrl-C 停止')) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}` });
      }
    });
  });
}

async function login(url: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'drc', password: 'Demo@2026' }) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

interface Report {
  id: string;
  projectId: string;
  status: string;
  version: number;
  investedThisPeriod: string;
  yearCumulative: string;
  progressText: string | null;
  progressPct: number | null;
  funding: Array<{ source: string; amount: string }>;
}
interface ProjectBody {
  id: string;
  name: string;
  version: number;
  remarks: string | null;
  yearPlans: Array<{ year: number; planned: string }>;
}

const same = (a: string | number | null, b: string | number | null) => (a === null || b === null ? a === b : Number(a) === Number(b));

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('crash safety', () => {
  it('keeps every acknowledged creation, report submission and edit after SIGKILL, none half-written, and the audit chain verifies', async () => {
    databaseUrl = await freshServerDatabase();
    const first = await start(0);
    const { cookie, csrfToken } = await login(first.url);
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const get = async <T>(p: string) => (await (await fetch(`${first.url}${p}`, { headers })).json()) as T;
    const send = (method: string, p: string, body?: unknown) => fetch(`${first.url}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });

    const owners = await get<{ data: Array<{ id: string }> }>('/api/units?kind=owner&pageSize=5');
    const { current: period } = await get<{ current: string }>('/api/periods');
    const grid = await get<{ data: Array<{ projectId: string; stage: string; canFill: boolean }> }>(`/api/monthly-reports?period=${period}&status=none&pageSize=500`);
    const toReport = grid.data.filter((r) => r.canFill).slice(0, PER_KIND);
    const reserve = (await get<{ data: ProjectBody[] }>('/api/projects?stage=reserve&pageSize=200&sort=name&order=ascend')).data.slice(0, PER_KIND);
    expect([toReport.length, reserve.length]).toEqual([PER_KIND, PER_KIND]);
    const versionBefore = new Map(reserve.map((p) => [p.id, p.version]));
    const startedAt = new Date();

    const tag = randomBytes(3).toString('hex');
    const created: Array<{ id: string; name: string }> = [];
    const drafts = new Map<string, Report>();
    const submitted = new Map<string, Report>();
    const edited = new Map<string, ProjectBody>();
    const remarksOf = (i: number) => `崩溃测试修改${tag}第${i}号`;
    const reportOf = (i: number) => ({
      version: 0,
      investedThisPeriod: `${i + 1}.5`,
      funding: [{ source: 'self_raised', amount: `${i + 1}.5` }],
      preliminaryProgress: `崩溃测试前期进展${tag}第${i}号`,
      progressText: `崩溃测试形象进度${tag}第${i}号`,
      progressPct: 50,
      explanation: '崩溃测试说明',
    });

    // 3 × CLIENTS concurrent clients, a third per kind, each writing PER_KIND / CLIENTS times in a row.
    let killed = false;
    const write = async (kind: number, i: number) => {
      if (kind === 0) {
        const name = `崩溃测试项目${tag}第${i}号`;
        const res = await send('POST', '/api/projects', { name, ownerUnitId: owners.data[0].id, sector: 'industry', totalInvestment: '1000', funding: [{ source: 'self_raised', amount: '600' }] });
        if (res.status === 201) created.push({ id: ((await res.json()) as { id: string }).id, name });
      } else if (kind === 1) {
        const projectId = toReport[i].projectId;
        const draft = await send('PUT', `/api/monthly-reports/${projectId}/${period}`, reportOf(i));
        if (draft.status !== 200) return;
        const saved = (await draft.json()) as Report;
        drafts.set(projectId, saved);
        const res = await send('POST', `/api/monthly-reports/${saved.id}/submit`);
        if (res.status === 200) submitted.set(projectId, (await res.json()) as Report);
      } else {
        const p = reserve[i];
        const res = await send('PATCH', `/api/projects/${p.id}`, { version: p.version, remarks: remarksOf(i), yearPlans: [{ year: 2030, planned: `${i + 1}` }] });
        if (res.status === 200) edited.set(p.id, (await res.json()) as ProjectBody);
      }
    };
    const clients = Array.from({ length: 3 * CLIENTS }, async (_, c) => {
      const kind = c % 3;
      for (let i = Math.floor(c / 3); i < PER_KIND && !killed; i += CLIENTS) {
        try {
          await write(kind, i);
        } catch {
          // The connection died with the server: not acknowledged.
        }
        if (!killed && Math.min(created.length, submitted.size, edited.size) >= PER_KIND / 3) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    });
    await Promise.all(clients);
    await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode ? r(null) : first.child.on('exit', r)));
    // The kill fell in the middle: a third of each kind acknowledged, not all of them.
    expect(killed).toBe(true);
    expect(created.length + submitted.size + edited.size).toBeLessThan(3 * PER_KIND);

    const database = databaseUrl ? await openDatabase({ url: databaseUrl, poolSize: 1 }) : await openDatabase({ dataDir: path.join(dataDir, 'db') });
    await migrateDatabase(database);
    await checkCreations(database, tag, created);
    await checkReports(database, period, toReport.map((r) => r.projectId), drafts, submitted, startedAt);
    await checkEdits(database, versionBefore, remarksOf, reserve, edited, startedAt);
    expect((await verifyAuditChain(database)).problems).toEqual([]);
    await database.close();

    const second = await start(0);
    const again = await login(second.url);
    expect(again.csrfToken).toBeTruthy();
    // The restarted server serves what it acknowledged before the kill.
    const [projectId, report] = [...submitted][0];
    const detail = (await (await fetch(`${second.url}/api/monthly-reports/${report.id}`, { headers: { cookie: again.cookie } })).json()) as { report: Report };
    expect([detail.report.projectId, detail.report.status, detail.report.version]).toEqual([projectId, 'submitted', report.version]);
    await new Promise((r) => {
      second.child.on('exit', r);
      second.child.kill('SIGINT');
    });
  }, 240_000);
});

/** Every acknowledged project is there; every project that is there is whole and audited exactly once. */
async function checkCreations(database: Database, tag: string, acknowledged: Array<{ id: string; name: string }>) {
  const rows = await database.query<{ id: string; funding: number; procedures: number; transitions: number; audits: number }>(
    `select p.id,
       (select count(*)::int from project_funding f where f.project_id = p.id) as funding,
       (select count(*)::int from project_procedures r where r.project_id = p.id) as procedures,
       (select count(*)::int from stage_transitions t where t.project_id = p.id) as transitions,
       (select count(*)::int from audit_log a where a.action = 'project.created' and a.entity_id = p.id::text) as audits
     from projects p where p.name like $1`,
    [`崩溃测试项目${tag}%`],
  );
  const stored = new Map(rows.map((r) => [r.id, r]));
  for (const a of acknowledged) expect(stored.has(a.id), `acknowledged ${a.name} lost`).toBe(true);
  for (const r of rows) expect([r.funding > 0, r.procedures > 0, r.transitions > 0, r.audits]).toEqual([true, true, true, 1]);
  // No creation entry in the audit log without its project.
  const [orphans] = await database.query<{ n: number }>(
    `select count(*)::int as n from audit_log a where a.action = 'project.created' and a.after->>'name' like $1
       and not exists (select 1 from projects p where p.id::text = a.entity_id)`,
    [`崩溃测试项目${tag}%`],
  );
  expect(orphans.n).toBe(0);
}

/**
 * Per project: no report, a draft, or a submitted report — one revision, its funding with it,
 * the submission audited exactly once with the stored figures; acknowledged ones as answered.
 */
async function checkReports(database: Database, period: string, projectIds: string[], drafts: Map<string, Report>, submitted: Map<string, Report>, since: Date) {
  const rows = await database.query<{
    id: string;
    project_id: string;
    revision: number;
    status: string;
    version: number;
    invested: string;
    year_cumulative: string;
    progress_text: string | null;
    progress_pct: number | null;
    funding: Array<{ source: string; amount: string }> | null;
    audits: Array<{ version: number; status: string; yearCumulative: string }> | null;
  }>(
    `select r.id, r.project_id, r.revision, r.status, r.version, r.invested_this_period::text as invested,
       r.year_cumulative::text as year_cumulative, r.progress_text, r.progress_pct,
       (select json_agg(json_build_object('source', f.source, 'amount', f.amount::text)) from monthly_report_funding f where f.report_id = r.id) as funding,
       (select json_agg(a.after) from audit_log a where a.action = 'monthly_report.submitted' and a.entity_id = r.id::text) as audits
     from monthly_reports r where r.period = $1 and r.project_id = any($2::uuid[])`,
    [period, projectIds],
  );
  const byProject = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    expect(byProject.has(r.project_id), `two report rows for ${r.project_id}`).toBe(false);
    byProject.set(r.project_id, r);
    expect(r.revision).toBe(1);
    expect(r.funding?.length, `report ${r.id} without its funding`).toBe(1);
    expect(same(r.funding![0].amount, r.invested)).toBe(true);
    if (r.status === 'submitted') {
      expect(r.audits?.length, `submitted report ${r.id} audited ${r.audits?.length ?? 0} times`).toBe(1);
      const after = r.audits![0];
      expect([after.status, after.version, same(after.yearCumulative, r.year_cumulative)]).toEqual(['submitted', r.version, true]);
    } else {
      expect(r.status).toBe('draft');
      expect(r.audits, `draft ${r.id} has a submission entry`).toBeNull();
    }
  }
  for (const [projectId, ack] of drafts) {
    const r = byProject.get(projectId);
    expect(r, `acknowledged draft of ${projectId} lost`).toBeDefined();
    expect([r!.id, same(r!.invested, ack.investedThisPeriod), r!.progress_text, r!.progress_pct]).toEqual([ack.id, true, ack.progressText, ack.progressPct]);
  }
  for (const [projectId, ack] of submitted) {
    const r = byProject.get(projectId)!;
    expect([r.status, r.version, same(r.year_cumulative, ack.yearCumulative), same(r.funding![0].amount, ack.funding[0].amount)]).toEqual(['submitted', ack.version, true, true]);
  }
  // No submission entry since the test began for a report that is not there.
  const [orphans] = await database.query<{ n: number }>(
    `select count(*)::int as n from audit_log a where a.action = 'monthly_report.submitted' and a.at >= $1
       and not exists (select 1 from monthly_reports r where r.id::text = a.entity_id and r.status = 'submitted')`,
    [since.toISOString()],
  );
  expect(orphans.n).toBe(0);
}

/** Each edited project either carries the whole edit and one audit entry, or neither; acknowledged ones as answered. */
async function checkEdits(
  database: Database,
  versionBefore: Map<string, number>,
  remarksOf: (i: number) => string,
  targets: ProjectBody[],
  acknowledged: Map<string, ProjectBody>,
  since: Date,
) {
  const rows = await database.query<{ id: string; version: number; remarks: string | null; plans: Array<{ year: number; planned: string }> | null; audits: Array<{ remarks: string; version: number }> | null }>(
    `select p.id, p.version, p.remarks,
       (select json_agg(json_build_object('year', y.year, 'planned', y.planned::text)) from project_year_plans y where y.project_id = p.id) as plans,
       (select json_agg(a.after) from audit_log a where a.action = 'project.updated' and a.entity_id = p.id::text and a.at >= $2) as audits
     from projects p where p.id = any($1::uuid[])`,
    [targets.map((p) => p.id), since.toISOString()],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  targets.forEach((target, i) => {
    const r = byId.get(target.id)!;
    const before = versionBefore.get(target.id)!;
    const isApplied = r.version === before + 1;
    if (isApplied) {
      expect([r.remarks, r.plans?.filter((p) => p.year === 2030).map((p) => Number(p.planned)), r.audits?.length]).toEqual([remarksOf(i), [i + 1], 1]);
      expect([r.audits![0].remarks, r.audits![0].version]).toEqual([remarksOf(i), r.version]);
    } else {
      expect([r.version, r.remarks === remarksOf(i), r.audits]).toEqual([before, false, null]);
    }
    const ack = acknowledged.get(target.id);
    if (ack) expect([isApplied, r.version, r.remarks]).toEqual([true, ack.version, ack.remarks]);
  });
}
