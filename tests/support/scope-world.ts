import { and, eq } from 'drizzle-orm';
import { ROLES, type Role, type UnitKind } from '../../common/roles';
import type { Database } from '../../server/platform/db/client';
import { inAppSender } from '../../server/modules/inbox/reminder-senders';
import { notifications } from '../../server/modules/inbox/inbox.tables';
import { projects } from '../../server/modules/projects/projects.tables';
import { buildDivision, buildUnit, buildUser } from './factories';
import { moduleWorlds, type WorldCounty, type WorldRecords } from './module-world';
import { TestClient, type TestApp } from './test-app';

/**
 * A small multi-county world for authorization tests: counties with units, a user of every
 * role and, twice over, every kind of record a route can name — one on a project inside the
 * narrow scopes of the county's department, township and owner users (`in`), one on a
 * project outside them (`other`). Records are made through the public API by a second
 * 发改局 user who is not one of the callers under test, so no caller reviews its own work.
 */

/** The smallest valid PNG header: enough for the content check of uploads. */
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** Reporting periods of the records: 1—2月 and 3月 submitted, 4月 a draft, 5月 approved. */
export const REPORT_PERIODS = { returnable: '2025-01', submitted: '2025-03', draft: '2025-04', approved: '2025-05' } as const;
export type ReportState = keyof typeof REPORT_PERIODS;
/** The period closed in every county, with a pending request to reopen it. */
export const CLOSED_PERIOD = '2024-12';

/** The records hanging off one project. */
export interface ProjectRecords {
  project: string;
  procedure: string;
  document: string;
  milestone: string;
  libraryRequest: string;
  reports: Record<ReportState, string>;
}

/** One county of the world. */
export interface County {
  code: string;
  /** The county's name; every name made in it starts with this, so it doubles as a leak marker. */
  name: string;
  units: WorldCounty['units'];
  /** A user of every role, on the unit whose narrow scope contains the `in` project. */
  users: Record<Role, { id: string; username: string }>;
  /** Neither a caller under test nor a record under test: makes the records. */
  clerk: { id: string; username: string; client: TestClient };
  /** A user and a unit no caller is: the targets of user and unit management routes. */
  spareUser: string;
  library: string;
  libraryOther: string;
  reopenRequest: string;
  /** The records the modules' test worlds made (`server/modules/<m>/<m>.world.ts`), by record kind. */
  modules: WorldRecords;
  in: ProjectRecords;
  other: ProjectRecords;
  /** The clerk's own saved filter and inbox message: another user's, for every caller. */
  clerkFilter: string;
  clerkMessage: string;
  /** Every id made in the county. */
  ids: string[];
}

const ROLE_UNIT: Record<Role, keyof County['units']> = {
  admin: 'government',
  auditor: 'government',
  leader: 'government',
  drc: 'drc',
  department: 'department',
  commerce: 'commerce',
  township: 'township',
  owner: 'owner',
  inspector: 'inspector',
};

async function json<T = { id: string; version: number }>(res: Promise<Response>, what: string): Promise<T> {
  const response = await res;
  if (response.status >= 300) throw new Error(`world: ${what} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Creates a division of the given level (a county under `parentCode` unless told otherwise). */
export async function buildRegion(database: Database, code: string, name: string, level: 'city' | 'county', parentCode: string | null) {
  return buildDivision(database, { code, name, level, parentCode });
}

/** Delivers one inbox message to a user through the in-app sender; returns its id. */
export async function sendMessage(database: Database, user: { id: string; divisionCode: string }, title: string): Promise<string> {
  const dedupeKey = `matrix:${user.id}`;
  await inAppSender(database).send({ divisionCode: user.divisionCode, userId: user.id, kind: 'report_due', title, body: title, link: null, dedupeKey, escalationLevel: 0 });
  const [row] = await database.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.divisionCode, user.divisionCode), eq(notifications.userId, user.id), eq(notifications.dedupeKey, dedupeKey)));
  return row.id;
}

/** Uploads the tiny PNG to a project as a document; returns the document id. */
export async function uploadPng(client: TestClient, projectId: string, filename: string): Promise<string> {
  const form = new FormData();
  form.append('file', new File([PNG_BYTES], filename, { type: 'image/png' }));
  return (await json(client.request('POST', `/api/projects/${projectId}/documents`, form), 'upload')).id;
}

/** Creates a milestone on a project; returns its id. */
export async function createMilestone(client: TestClient, projectId: string): Promise<string> {
  return (await json(client.post(`/api/projects/${projectId}/milestones`, { name: '主体结构完工', plannedDate: '2025-09-30', ownerName: '张工' }), 'milestone')).id;
}

async function buildProjectRecords(
  database: Database,
  clerk: TestClient,
  reviewer: TestClient,
  input: { name: string; ownerUnitId: string; departmentId: string; townshipId: string; libraryId: string; documentName: string },
): Promise<ProjectRecords> {
  const { libraryId, documentName, ...fields } = input;
  const project = (await json(clerk.post('/api/projects', { ...fields, sector: 'infrastructure', totalInvestment: '5000' }), 'project')).id;
  // The stage machine's guards are tested elsewhere; here the project simply is under construction.
  await database.db.update(projects).set({ stage: 'construction', actualStart: '2025-01-10' }).where(eq(projects.id, project));
  const procedures = await json<{ data: Array<{ id: string }> }>(clerk.get(`/api/projects/${project}/procedures`), 'procedures');
  const document = await uploadPng(clerk, project, documentName);
  const milestone = await createMilestone(clerk, project);
  const libraryRequest = (await json(clerk.post('/api/library-requests', { projectId: project, libraryId, kind: 'enter', reason: '符合入库条件' }), 'library request')).id;
  const reports = {} as Record<ReportState, string>;
  for (const [state, period] of Object.entries(REPORT_PERIODS) as Array<[ReportState, string]>) {
    const draft = await json(
      clerk.request('PUT', `/api/monthly-reports/${project}/${period}`, { version: 0, investedThisPeriod: '10', progressText: '主体结构施工', progressPct: 20 }),
      `report ${period}`,
    );
    reports[state] = draft.id;
    if (state !== 'draft') await json(clerk.post(`/api/monthly-reports/${draft.id}/submit`), `submit ${period}`);
    if (state === 'approved') await json(reviewer.post(`/api/monthly-reports/${draft.id}/approve`, {}), `approve ${period}`);
  }
  return { project, procedure: procedures.data[0].id, document, milestone, libraryRequest, reports };
}

/**
 * Builds one county under `cityCode`: units, a user of every role (password TEST_PASSWORD),
 * libraries, an `in` and an `other` project with all their records, a target, a closed
 * period with a pending reopen request, and the clerk's saved filter and inbox message.
 * `prefix` starts every username ('a' → a_drc, a_owner …).
 */
export async function buildCounty(database: Database, app: TestApp, input: { code: string; name: string; cityCode: string; prefix: string }): Promise<County> {
  const { code, name, prefix } = input;
  await buildRegion(database, code, name, 'county', input.cityCode);
  const unit = async (unitName: string, kind: UnitKind) => (await buildUnit(database, { divisionCode: code, name: `${name}${unitName}`, kind })).id;
  const units: County['units'] = {
    drc: await unit('发展和改革局', 'drc'),
    government: await unit('人民政府', 'government'),
    department: await unit('水务局', 'department'),
    departmentOther: await unit('交通运输局', 'department'),
    commerce: await unit('商务局', 'commerce'),
    township: await unit('城关镇', 'township'),
    townshipOther: await unit('东乡', 'township'),
    inspector: await unit('督查室', 'inspector'),
    owner: await unit('城市建设投资有限公司', 'owner'),
    ownerOther: await unit('水电开发有限公司', 'owner'),
    spare: await unit('档案馆', 'other'),
  };
  const users = {} as County['users'];
  for (const role of ROLES) {
    const user = await buildUser(database, { role, unitId: units[ROLE_UNIT[role]], divisionCode: code, username: `${prefix}_${role}`, displayName: `${name}${role}` });
    users[role] = { id: user.id, username: user.username };
  }
  const clerkUser = await buildUser(database, { role: 'drc', unitId: units.drc, divisionCode: code, username: `${prefix}_clerk`, displayName: `${name}发改局办事员` });
  const spareUser = await buildUser(database, { role: 'department', unitId: units.spare, divisionCode: code, username: `${prefix}_spare`, displayName: `${name}档案员` });
  const clerk = await new TestClient(app).login(clerkUser.username);
  const reviewer = await new TestClient(app).login(users.drc.username);

  const library = (await json(clerk.post('/api/libraries', { name: `${name}水利项目库`, kind: 'sector', ownerUnitId: units.department }), 'library')).id;
  const libraryOther = (await json(clerk.post('/api/libraries', { name: `${name}综合项目库`, kind: 'comprehensive' }), 'library')).id;
  const inRecords = await buildProjectRecords(database, clerk, reviewer, {
    name: `${name}城区供水管网改造工程`,
    ownerUnitId: units.owner,
    departmentId: units.department,
    townshipId: units.township,
    libraryId: library,
    documentName: `${name}现场照片.png`,
  });
  // 他管: the project the county's department, township and owner users must never see.
  const otherRecords = await buildProjectRecords(database, clerk, reviewer, {
    name: `${name}他管国道改线工程`,
    ownerUnitId: units.ownerOther,
    departmentId: units.departmentOther,
    townshipId: units.townshipOther,
    libraryId: libraryOther,
    documentName: `${name}他管现场照片.png`,
  });

  await json(clerk.post(`/api/periods/${CLOSED_PERIOD}/close`), 'close period');
  const reopenRequest = (await json(clerk.post(`/api/periods/${CLOSED_PERIOD}/reopen-requests`, { reason: '补报遗漏项目' }), 'reopen request')).id;
  const clerkFilter = (await json(clerk.post('/api/saved-filters', { name: `${name}在建项目`, query: 'stage=construction' }), 'filter')).id;
  const clerkMessage = await sendMessage(database, clerkUser, `${name}月报报送提醒`);

  // Each module's own records, made by its test world.
  const modules: WorldRecords = {};
  const worldCounty: WorldCounty = { code, name, units, users, clerk, reviewer, in: { project: inRecords.project }, other: { project: otherRecords.project } };
  for (const { build } of await moduleWorlds()) Object.assign(modules, await build({ database, county: worldCounty }));
  const moduleIds = Object.values(modules).flatMap((r) => [r.in, ...(r.other ? [r.other] : [])]);

  const recordIds = (r: ProjectRecords) => [r.project, r.procedure, r.document, r.milestone, r.libraryRequest, ...Object.values(r.reports)];
  return {
    code,
    name,
    units,
    users,
    clerk: { id: clerkUser.id, username: clerkUser.username, client: clerk },
    spareUser: spareUser.id,
    library,
    libraryOther,
    reopenRequest,
    modules,
    in: inRecords,
    other: otherRecords,
    clerkFilter,
    clerkMessage,
    ids: [
      ...Object.values(units),
      ...Object.values(users).map((u) => u.id),
      clerkUser.id,
      spareUser.id,
      library,
      libraryOther,
      reopenRequest,
      ...moduleIds,
      clerkFilter,
      clerkMessage,
      ...recordIds(inRecords),
      ...recordIds(otherRecords),
    ],
  };
}

/** The ids and the name marker of the `other` project's records: hidden from narrow scopes. */
export function otherProjectMarkers(county: County): string[] {
  const r = county.other;
  const moduleOthers = Object.values(county.modules).flatMap((m) => (m.other ? [m.other] : []));
  return ['他管', r.project, r.procedure, r.document, r.milestone, r.libraryRequest, ...Object.values(r.reports), ...moduleOthers];
}
