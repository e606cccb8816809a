import { refreshStatistics } from '../platform/db/statistics';
import { MODULES } from '../modules';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { libraries, libraryMemberships, libraryRequests } from '../modules/libraries/libraries.tables';
import { milestones } from '../modules/milestones/milestones.tables';
import { investmentFigures, monthlyReportFunding, monthlyReports, reportingPeriods, reportLateness } from '../modules/monthly-reports/monthly-reports.tables';
import { divisions, orgUnits, users } from '../modules/org/org.tables';
import { projectProcedures } from '../modules/projects/procedures.tables';
import { projectCodes, projectFunding, projects, projectYearPlans, reserveCounters, stageTransitions } from '../modules/projects/projects.tables';
import { targetAllocations, targets } from '../modules/targets/targets.tables';
import { bigrams } from '../modules/projects/search';
import { recordAudit, SYSTEM_ACTOR } from '../platform/audit/audit.service';
import { hashPassword } from '../platform/auth/passwords';
import type { Database, Tx } from '../platform/db/client';
import { DEMO_PASSWORD } from './accounts';
import type { DemoDataSet, DemoUnit, DemoUser } from './generate';
import { buildCountyMonthly, type DemoCountyMonthly, type DemoInvestmentFigure, hasMonthly, rollUpFigures } from './monthly';
import type { DemoLibrary, DemoLibraryRequest, DemoProject, DemoReserveCounter } from './projects';

export interface DemoLoadCounts {
  divisions: number;
  units: number;
  users: number;
  libraries: number;
  projects: number;
  procedures: number;
  transitions: number;
  memberships: number;
  libraryRequests: number;
  /** The monthly cycle (monthly.ts), when the data set includes it. */
  reportingPeriods: number;
  monthlyReports: number;
  reportFunding: number;
  reportLateness: number;
  investmentFigures: number;
  milestones: number;
  targets: number;
  targetAllocations: number;
  /** Rows written by each module's demo section (`demo` of its definition). */
  moduleRows: Record<string, number>;
}

/** Whether the database already has accounts, in which case start-up leaves it alone. */
export async function isDemoLoaded(database: Database): Promise<boolean> {
  const rows = await database.db.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}

interface DivisionPart {
  units: DemoUnit[];
  users: DemoUser[];
  libraries: DemoLibrary[];
  projects: DemoProject[];
  requests: DemoLibraryRequest[];
  counters: DemoReserveCounter[];
}

/**
 * Inserts a generated data set: the divisions first, then one transaction per division
 * with its units, users and project library, and one audit entry for each division that
 * received anything (no audit entries per project). Every demo account gets the password
 * `Demo@2026`, hashed once and shared, and need not change it at first login.
 *
 * Multi-row inserts, each below PostgreSQL's bind-parameter limit; no per-row queries.
 * If loading stops half-way, the divisions loaded so far stay: start again on an empty database.
 */
export async function loadDemoData(database: Database, data: DemoDataSet, onProgress: (message: string) => void = () => {}): Promise<DemoLoadCounts> {
  // One argon2 hash (~50 ms) for all accounts instead of one per account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();

  const parts = new Map<string, DivisionPart>();
  const part = (code: string) => {
    let p = parts.get(code);
    if (!p) parts.set(code, (p = { units: [], users: [], libraries: [], projects: [], requests: [], counters: [] }));
    return p;
  };
  for (const u of data.units) part(u.divisionCode).units.push(u);
  for (const u of data.users) part(u.divisionCode).users.push(u);
  for (const l of data.libraries ?? []) part(l.divisionCode).libraries.push(l);
  for (const p of data.projects ?? []) part(p.divisionCode).projects.push(p);
  for (const r of data.libraryRequests ?? []) part(r.divisionCode).requests.push(r);
  for (const c of data.reserveCounters ?? []) part(c.divisionCode).counters.push(c);

  await database.db.transaction(async (tx) => {
    await insertRows(
      tx,
      divisions,
      data.divisions.map((d) => ({ code: d.code, name: d.name, level: d.level, parentCode: d.parentCode })),
    );
  });

  const counts: DemoLoadCounts = {
    divisions: data.divisions.length,
    units: data.units.length,
    users: data.users.length,
    libraries: 0,
    projects: 0,
    procedures: 0,
    transitions: 0,
    memberships: 0,
    libraryRequests: 0,
    reportingPeriods: 0,
    monthlyReports: 0,
    reportFunding: 0,
    reportLateness: 0,
    investmentFigures: 0,
    milestones: 0,
    targets: 0,
    targetAllocations: 0,
    moduleRows: {},
  };
  const monthly = hasMonthly(data);
  const firstCounty = data.divisions.find((d) => d.level === 'county');
  const countyFigures: DemoInvestmentFigure[] = [];
  for (const d of data.divisions) {
    const p = parts.get(d.code);
    if (!p) continue;
    // The monthly cycle is built here, one county at a time, and dropped once inserted.
    const cycle =
      monthly && d.level === 'county' && p.projects.length
        ? buildCountyMonthly({ seed: data.seed, asOf: data.asOf, county: d, isDemo: d === firstCounty, projects: p.projects, users: p.users, units: p.units })
        : null;
    const startedAt = Date.now();
    onProgress(`${d.name}：${p.units.length} 个单位、${p.users.length} 个账号、${p.projects.length} 个项目${cycle ? `、${cycle.reports.length} 份月报` : ''}…`);
    const c = await database.db.transaction(async (tx) => {
      const loaded = await loadDivision(tx, d.code, p, passwordHash, now, cycle);
      // Then each module's own demo section, in the division's transaction.
      for (const module of MODULES) {
        if (module.demo) counts.moduleRows[module.name] = (counts.moduleRows[module.name] ?? 0) + (await module.demo.loadDivision({ tx, seed: data.seed, asOf: data.asOf, division: d, units: p.units, users: p.users, projects: p.projects }));
      }
      return loaded;
    });
    onProgress(`${d.name}：完成（${((Date.now() - startedAt) / 1000).toFixed(1)} 秒）`);
    if (cycle) {
      counts.reportingPeriods += cycle.periods.length;
      counts.monthlyReports += cycle.reports.length;
      counts.reportFunding += c.reportFunding;
      counts.reportLateness += cycle.lateness.length;
      counts.investmentFigures += cycle.figures.length;
      counts.milestones += cycle.milestones.length;
      counts.targets += cycle.targets.length;
      counts.targetAllocations += c.targetAllocations;
      countyFigures.push(...cycle.figures);
    }
    counts.libraries += p.libraries.length;
    counts.projects += p.projects.length;
    counts.procedures += c.procedures;
    counts.transitions += c.transitions;
    counts.memberships += c.memberships;
    counts.libraryRequests += p.requests.length;
  }
  // City and province 调度数 / 统计数: the sums of their counties'.
  const rolledUp = rollUpFigures(data.divisions, countyFigures);
  if (rolledUp.length) {
    await database.db.transaction((tx) => insertRows(tx, investmentFigures, rolledUp.map((f) => figureRow(f, now))));
    counts.investmentFigures += rolledUp.length;
  }
  onProgress('更新查询统计信息…');
  await refreshStatistics(database);
  return counts;
}

function figureRow(f: DemoInvestmentFigure, now: Date) {
  return { divisionCode: f.divisionCode, period: f.period, kind: f.kind, scope: f.scope, yearCumulative: f.yearCumulative, note: f.note, updatedAt: now };
}

/** Inserts one county's monthly cycle: periods, report revisions with their funding, lateness, figures, milestones, targets. */
async function loadMonthly(tx: Tx, divisionCode: string, m: DemoCountyMonthly, now: Date) {
  await insertRows(
    tx,
    reportingPeriods,
    m.periods.map((p) => ({
      divisionCode,
      period: p.period,
      label: p.label,
      firstMonth: p.firstMonth,
      lastMonth: p.lastMonth,
      deadline: p.deadline,
      summaryDue: p.summaryDue,
      status: p.status,
      closedAt: p.closedAt ? new Date(p.closedAt) : null,
      closedByName: p.closedByName,
    })),
  );
  // Reports are the largest table of the set: built and inserted a slice at a time.
  const slice = 10_000;
  let reportFunding = 0;
  for (let i = 0; i < m.reports.length; i += slice) {
    const part = m.reports.slice(i, i + slice);
    await insertRows(
      tx,
      monthlyReports,
      part.map((r) => ({
        divisionCode,
        id: r.id,
        projectId: r.projectId,
        period: r.period,
        revision: r.revision,
        status: r.status,
        stage: r.stage,
        preliminaryProgress: r.preliminaryProgress,
        investedThisPeriod: r.investedThisPeriod,
        yearCumulative: r.yearCumulative,
        sinceStartCumulative: r.sinceStartCumulative,
        progressText: r.progressText,
        progressPct: r.progressPct,
        problems: r.problems,
        measures: r.measures,
        explanation: r.explanation,
        revisionReason: r.revisionReason,
        isLate: r.isLate,
        submittedBy: r.submittedBy,
        submittedByName: r.submittedByName,
        submittedAt: r.submittedAt,
        reviewedBy: r.reviewedBy,
        reviewedByName: r.reviewedByName,
        reviewedAt: r.reviewedAt,
        reviewComment: r.reviewComment,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      })),
    );
    const funding = part.flatMap((r) => r.funding.map((f) => ({ divisionCode, reportId: r.id, source: f.source, amount: f.amount })));
    reportFunding += funding.length;
    await insertRows(tx, monthlyReportFunding, funding);
  }
  await insertRows(
    tx,
    reportLateness,
    m.lateness.map((l) => ({ divisionCode, period: l.period, projectId: l.projectId, departmentId: l.departmentId, kind: l.kind, flaggedAt: l.flaggedAt })),
  );
  await insertRows(tx, investmentFigures, m.figures.map((f) => figureRow(f, now)));
  await insertRows(
    tx,
    milestones,
    m.milestones.map((x) => ({
      divisionCode,
      id: x.id,
      projectId: x.projectId,
      name: x.name,
      plannedDate: x.plannedDate,
      actualDate: x.actualDate,
      ownerName: x.ownerName,
      ownerUserId: x.ownerUserId,
      sortOrder: x.sortOrder,
      note: x.note,
      createdAt: x.createdAt,
      updatedAt: x.updatedAt,
    })),
  );
  await insertRows(
    tx,
    targets,
    m.targets.map((t) => ({ divisionCode, id: t.id, year: t.year, key: t.key, label: t.label, unit: t.unit, value: t.value, updatedByName: t.updatedByName, updatedAt: t.updatedAt })),
  );
  const allocations = m.targets.flatMap((t) => t.allocations.map((a) => ({ divisionCode, targetId: t.id, unitId: a.unitId, value: a.value })));
  await insertRows(tx, targetAllocations, allocations);
  return { reportFunding, targetAllocations: allocations.length };
}

async function loadDivision(tx: Tx, divisionCode: string, p: DivisionPart, passwordHash: string, now: Date, monthly: DemoCountyMonthly | null) {
  await insertRows(
    tx,
    orgUnits,
    p.units.map((u) => ({
      divisionCode: u.divisionCode,
      id: u.id,
      name: u.name,
      shortName: u.shortName,
      kind: u.kind,
      parentId: u.parentId,
      contactPerson: u.contactPerson,
      contactPhone: u.contactPhone,
      sortOrder: u.sortOrder,
    })),
  );
  await insertRows(
    tx,
    users,
    p.users.map((u) => ({
      id: u.id,
      divisionCode: u.divisionCode,
      unitId: u.unitId,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      dataScope: u.dataScope,
      phone: u.phone,
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: now,
    })),
  );
  await insertRows(
    tx,
    libraries,
    p.libraries.map((l) => ({
      divisionCode: l.divisionCode,
      id: l.id,
      name: l.name,
      kind: l.kind,
      ownerUnitId: l.ownerUnitId,
      entryCriteria: l.entryCriteria,
      sortOrder: l.sortOrder,
    })),
  );
  await insertRows(
    tx,
    projects,
    p.projects.map((r) => ({
      divisionCode: r.divisionCode,
      id: r.id,
      code: r.code,
      codeKind: r.codeKind,
      reserveNo: r.reserveNo,
      name: r.name,
      ownerUnitId: r.ownerUnitId,
      departmentId: r.departmentId,
      townshipId: r.townshipId,
      parkId: r.parkId,
      sector: r.sector,
      industryCode: r.industryCode,
      constructionNature: r.constructionNature,
      approvalType: r.approvalType,
      scaleContent: r.scaleContent,
      totalInvestment: r.totalInvestment,
      plannedStart: r.plannedStart,
      plannedCompletion: r.plannedCompletion,
      actualStart: r.actualStart,
      actualCompletion: r.actualCompletion,
      stage: r.stage,
      stageBeforeSuspension: r.stageBeforeSuspension,
      maturity: r.maturity,
      tags: r.tags,
      leaderName: r.leaderName,
      leaderUserId: r.leaderUserId,
      longitude: r.longitude,
      latitude: r.latitude,
      remarks: r.remarks,
      searchText: r.searchText,
      searchGrams: bigrams(r.searchText),
      createdBy: r.createdBy,
      createdAt: new Date(r.createdAt),
      updatedAt: new Date(r.updatedAt),
    })),
  );
  await insertRows(
    tx,
    projectCodes,
    p.projects.filter((r) => r.code).map((r) => ({ code: r.code!, divisionCode: r.divisionCode, projectId: r.id })),
  );
  await insertRows(
    tx,
    projectFunding,
    p.projects.flatMap((r) =>
      r.funding.map((f) => ({ divisionCode, projectId: r.id, source: f.source, amount: f.amount, currency: f.currency, originalAmount: f.originalAmount })),
    ),
  );
  await insertRows(
    tx,
    projectYearPlans,
    p.projects.flatMap((r) => r.yearPlans.map((y) => ({ divisionCode, projectId: r.id, year: y.year, planned: y.planned }))),
  );
  let procedures = 0;
  let transitions = 0;
  let memberships = 0;
  // Procedures are the largest table: built and inserted a slice of projects at a time.
  const slice = 2000;
  for (let i = 0; i < p.projects.length; i += slice) {
    const rows = p.projects.slice(i, i + slice).flatMap((r) =>
      r.procedures.map((x) => ({
        divisionCode,
        id: x.id,
        projectId: r.id,
        key: x.key,
        name: x.name,
        sortOrder: x.sortOrder,
        isRequiredForStart: x.isRequiredForStart,
        status: x.status,
        approvingOffice: x.approvingOffice,
        approvalNo: x.approvalNo,
        approvalDate: x.approvalDate,
        responsiblePerson: x.responsiblePerson,
        dueDate: x.dueDate,
        blockingProblem: x.blockingProblem,
        waiverReason: x.waiverReason,
        updatedAt: new Date(r.updatedAt),
      })),
    );
    procedures += rows.length;
    await insertRows(tx, projectProcedures, rows);
  }
  const transitionRows = p.projects.flatMap((r) =>
    r.transitions.map((t) => ({
      divisionCode,
      id: t.id,
      projectId: r.id,
      fromStage: t.fromStage,
      toStage: t.toStage,
      reason: t.reason,
      actorId: t.actorId,
      actorName: t.actorName,
      at: new Date(t.at),
    })),
  );
  transitions = transitionRows.length;
  await insertRows(tx, stageTransitions, transitionRows);
  const membershipRows = p.projects.flatMap((r) => r.memberships.map((m) => ({ divisionCode, libraryId: m.libraryId, projectId: r.id, enteredAt: new Date(m.enteredAt) })));
  memberships = membershipRows.length;
  await insertRows(tx, libraryMemberships, membershipRows);
  await insertRows(
    tx,
    libraryRequests,
    p.requests.map((r) => ({
      divisionCode: r.divisionCode,
      id: r.id,
      projectId: r.projectId,
      libraryId: r.libraryId,
      kind: r.kind,
      status: r.status,
      reason: r.reason,
      submittedBy: r.submittedBy,
      submittedByName: r.submittedByName,
      submittedUnitId: r.submittedUnitId,
      submittedAt: new Date(r.submittedAt),
      reviewedBy: r.reviewedBy,
      reviewedByName: r.reviewedByName,
      reviewedAt: r.reviewedAt ? new Date(r.reviewedAt) : null,
      reviewComment: r.reviewComment,
    })),
  );
  await insertRows(tx, reserveCounters, p.counters.map((c) => ({ divisionCode: c.divisionCode, year: c.year, last: c.last })));

  const cycle = monthly ? await loadMonthly(tx, divisionCode, monthly, now) : { reportFunding: 0, targetAllocations: 0 };

  const summary = [`${p.units.length} 个单位`, `${p.users.length} 个用户`];
  if (p.projects.length) summary.push(`${p.projects.length} 个项目`);
  if (monthly?.reports.length) summary.push(`${monthly.reports.length} 份月报`);
  await recordAudit(tx, {
    actor: SYSTEM_ACTOR,
    divisionCode,
    action: 'demo.loaded',
    entityType: 'system',
    summary: `载入演示数据：${summary.join('，')}`,
  });
  return { procedures, transitions, memberships, ...cycle };
}

/** Rows per INSERT. Each statement binds one text[] parameter per column, far below PostgreSQL's 65,535. */
const CHUNK_ROWS = 5000;

/**
 * Multi-row inserts as `INSERT … SELECT … FROM unnest($1::text[], $2::text[], …)`: one
 * parameter per column instead of one per value, which spares the query builder hundreds of
 * thousands of parameters (it dominated the load time) and works the same on the embedded
 * database and a PostgreSQL server. Values go as text and are cast to each column's type.
 */
async function insertRows<T extends Record<string, unknown>>(tx: Tx, table: PgTable, rows: T[]): Promise<void> {
  if (!rows.length) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]);
  const cols = keys.map((k) => {
    const c = columns[k];
    if (!c) throw new Error(`demo load: unknown column ${k}`);
    return c;
  });
  const names = sql.raw(cols.map((c) => `"${c.name}"`).join(', '));
  const casts = sql.raw(cols.map((c, i) => `c${i}::${c.getSQLType()}`).join(', '));
  const aliases = sql.raw(cols.map((_, i) => `c${i}`).join(', '));
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const arrays = keys.map((k) => sql`${sql.param(chunk.map((r) => asText(r[k])))}::text[]`);
    await tx.execute(sql`insert into ${table} (${names}) select ${casts} from unnest(${sql.join(arrays, sql`, `)}) as t(${aliases})`);
  }
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
  return String(value);
}
