import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { parseAmountWan, toHalfWidth } from '../../../common/amounts';
import { STAGE_LABELS, type Stage } from '../../../common/projects';
import { auditActorOf, recordAuditBatch } from '../../platform/audit/audit.service';
import { divisionPrefix } from '../../platform/auth/scope';
import { rowsOf, type Database, type DbOrTx, type Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { writeHistory } from '../../platform/workflow/transitions';
import { orgUnits, requireCountyActor } from '../org';
import { columnLetter, plainWan, projectScope, projects } from '../projects';
import { reportMachine } from './monthly-reports.machine';
import type { ReportImportValues } from './monthly-reports.schemas';
import { cycleSettings, ensurePeriod, priorFigures, refuseUnstartedPeriod, REPORTING_STAGES } from './monthly-reports.service';
import { monthlyReports } from './monthly-reports.tables';
import { periodSpec } from './periods';

/** The columns of the batch-entry workbook; `key` null = shown for reference, not read back. */
const COLUMNS = [
  { key: 'reserveNo', header: '储备编号', width: 24 },
  { key: null, header: '项目名称', width: 36 },
  { key: null, header: '主管部门', width: 18 },
  { key: null, header: '阶段', width: 10 },
  { key: null, header: '总投资（万元）', width: 14 },
  { key: null, header: '本年累计（截至上期，万元）', width: 16 },
  { key: 'investedThisPeriod', header: '本月完成投资（万元）', width: 16 },
  { key: 'progressPct', header: '形象进度（%）', width: 12 },
  { key: 'progressText', header: '形象进度说明', width: 30 },
  { key: 'preliminaryProgress', header: '前期工作进展', width: 30 },
  { key: 'problems', header: '存在问题', width: 26 },
  { key: 'measures', header: '拟采取措施', width: 26 },
  { key: 'explanation', header: '情况说明', width: 22 },
] as const;

/** The row of the column headers in the template; an uploaded file may have it anywhere in its first rows. */
const HEADER_ROW = 3;
const HEADER_SEARCH_ROWS = 10;

/** Projects whose texts and prior figures are read together while the template is written. */
const TEMPLATE_CHUNK = 1000;

/** A project the caller reports for in a period, with the status of its latest revision (no texts: one of these per project in scope). */
interface ReportableProject {
  id: string;
  divisionCode: string;
  reserveNo: string;
  name: string;
  stage: string;
  departmentName: string | null;
  totalInvestment: string;
  reportId: string | null;
  reportStatus: string | null;
}

const department = alias(orgUnits, 'workbook_department');

/**
 * Every project in the caller's scope that reports in the period, in the batch-entry grid's
 * order (主管部门, then name), each with its latest revision's id and status. No row limit:
 * a county's whole scope (the target is 10,000 projects) fits in these few columns.
 */
async function reportableProjects(db: DbOrTx, actor: Actor, period: string): Promise<ReportableProject[]> {
  const rows = await db
    .select({
      id: projects.id,
      divisionCode: projects.divisionCode,
      reserveNo: projects.reserveNo,
      name: projects.name,
      stage: projects.stage,
      departmentName: department.name,
      totalInvestment: projects.totalInvestment,
    })
    .from(projects)
    .leftJoin(department, and(eq(department.divisionCode, projects.divisionCode), eq(department.id, projects.departmentId)))
    .where(and(projectScope(actor), inArray(projects.stage, REPORTING_STAGES)))
    .orderBy(asc(department.name), asc(projects.name), asc(projects.id));
  const divisionCodes = [...new Set(rows.map((r) => r.divisionCode))];
  const latest = new Map<string, { id: string; status: string }>();
  if (divisionCodes.length) {
    const reports = await db
      .selectDistinctOn([monthlyReports.divisionCode, monthlyReports.projectId], { projectId: monthlyReports.projectId, id: monthlyReports.id, status: monthlyReports.status })
      .from(monthlyReports)
      .where(and(inArray(monthlyReports.divisionCode, divisionCodes), eq(monthlyReports.period, period)))
      .orderBy(monthlyReports.divisionCode, monthlyReports.projectId, desc(monthlyReports.revision));
    for (const r of reports) latest.set(r.projectId, { id: r.id, status: r.status });
  }
  return rows.map((r) => ({ ...r, reportId: latest.get(r.id)?.id ?? null, reportStatus: latest.get(r.id)?.status ?? null }));
}

/** The approved figures before the period of some projects (of any divisions). */
async function priorFiguresOf(db: DbOrTx, rows: ReportableProject[], period: string) {
  const byDivision = new Map<string, string[]>();
  for (const r of rows) byDivision.set(r.divisionCode, [...(byDivision.get(r.divisionCode) ?? []), r.id]);
  const prior = new Map<string, { yearBefore: string }>();
  for (const [divisionCode, ids] of byDivision) for (const [id, figures] of await priorFigures(db, divisionCode, ids, period)) prior.set(id, figures);
  return prior;
}

/**
 * The batch-entry workbook for a period: one row per project in the caller's scope that
 * still has to file (no report yet, or a draft, whose values it carries). Submitted and
 * approved reports are left out: they can only change through a correction. Written by the
 * streaming writer a chunk of projects at a time, so memory does not grow with the rows.
 */
export async function reportTemplate(database: Database, actor: Actor, period: string): Promise<{ bytes: Buffer; filename: string }> {
  const { db } = database;
  const spec = periodSpec(period, await cycleSettings(db, actor.divisionCode));
  // Periods open on first use: a county downloading its template is enough to start one.
  if (divisionPrefix(actor.divisionCode).length === 6) await ensurePeriod(db, actor.divisionCode, spec.period);
  const toFile = (await reportableProjects(db, actor, spec.period)).filter((r) => r.reportStatus === null || r.reportStatus === 'draft');

  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Groundwork';
  // Views and print titles go in at creation: the streaming writer takes them only there.
  const sheet = workbook.addWorksheet('月报填报', {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  const title = sheet.getCell(1, 1);
  title.value = `${spec.year}年${spec.label}项目月报（截止 ${spec.deadline}）`;
  title.font = { name: '宋体', size: 16, bold: true };
  title.alignment = { horizontal: 'center' };
  sheet.getRow(1).commit();
  const note = sheet.getCell(2, 1);
  note.value = `单位：万元。共 ${toFile.length} 个项目。请只填写绿色列；储备编号用于匹配项目，请勿修改。`;
  note.font = { name: '宋体', size: 10, color: { argb: 'FF666666' } };
  sheet.getRow(2).commit();
  const header = sheet.getRow(HEADER_ROW);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: '宋体', bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.key && c.key !== 'reserveNo' ? 'FFE2F0D9' : 'FFF2F2F2' } };
  });
  header.height = 32;
  header.commit();

  let rowNumber = HEADER_ROW + 1;
  for (let i = 0; i < toFile.length; i += TEMPLATE_CHUNK) {
    const chunk = toFile.slice(i, i + TEMPLATE_CHUNK);
    const draftIds = chunk.map((r) => r.reportId).filter((id): id is string => id !== null);
    const drafts = new Map(
      (draftIds.length ? await db.select().from(monthlyReports).where(and(inArray(monthlyReports.divisionCode, [...new Set(chunk.map((r) => r.divisionCode))]), inArray(monthlyReports.id, draftIds))) : []).map((d) => [d.id, d]),
    );
    const prior = await priorFiguresOf(db, chunk, spec.period);
    for (const r of chunk) {
      const draft = r.reportId ? drafts.get(r.reportId) : undefined;
      const row = sheet.getRow(rowNumber++);
      row.values = [
        r.reserveNo,
        r.name,
        r.departmentName ?? '',
        STAGE_LABELS[r.stage as Stage],
        Number(r.totalInvestment),
        Number(prior.get(r.id)?.yearBefore ?? 0),
        draft ? Number(draft.investedThisPeriod) : null,
        draft?.progressPct ?? null,
        draft?.progressText ?? null,
        draft?.preliminaryProgress ?? null,
        draft?.problems ?? null,
        draft?.measures ?? null,
        draft?.explanation ?? null,
      ] as ExcelJS.CellValue[];
      row.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  return { bytes: Buffer.concat(chunks), filename: `月报填报_${spec.period}.xlsx` };
}

interface Problem {
  row: number;
  column?: string;
  field?: string;
  message: string;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
  }
  return String(value);
}

const FILLED_KEYS = ['investedThisPeriod', 'progressPct', 'progressText', 'preliminaryProgress', 'problems', 'measures', 'explanation'] as const;
const TEXT_KEYS = ['progressText', 'preliminaryProgress', 'problems', 'measures', 'explanation'] as const;
const UNREADABLE = '无法读取该 .xlsx 文件，可能已损坏，请用 Excel 或 WPS 打开后重新保存';

/** The template's columns found in a row (by header text), or null when the row holds no 储备编号 header. */
function headerColumns(row: ExcelJS.Row): Map<string, number> | null {
  const columnOf = new Map<string, number>();
  row.eachCell((cell, col) => {
    const text = cellText(cell.value).replace(/\s+/g, '');
    const column = COLUMNS.find((c) => c.key && c.header === text);
    if (column?.key) columnOf.set(column.key, col);
  });
  return columnOf.has('reserveNo') ? columnOf : null;
}

/**
 * Streams the rows below the template's header: those of the first worksheet with a 储备编号
 * header in its first 10 rows, read by the streaming reader so a 10,000-row file is never
 * held as a workbook of cell objects. Yields the header's columns once, then each row after it.
 */
async function* templateRows(bytes: Buffer): AsyncGenerator<{ columnOf: Map<string, number> } | { row: ExcelJS.Row }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let found = false;
  // The reader runs to the end of the file (it parks worksheets read before the shared
  // strings in temporary files and removes them only then); other sheets are left unread.
  for await (const worksheet of reader) {
    let columnOf: Map<string, number> | null = null;
    for await (const row of worksheet) {
      if (columnOf) {
        yield { row };
        continue;
      }
      if (found || row.number > HEADER_SEARCH_ROWS) break;
      columnOf = headerColumns(row);
      if (columnOf) {
        found = true;
        yield { columnOf };
      }
    }
  }
}

/**
 * Reads a filled batch-entry workbook: each row matched to a project of the caller's scope
 * by 储备编号, values checked like the form, every problem by row and column. With `commit`
 * the drafts are written in one transaction; any problem refuses the whole file. Covers
 * every project in scope (no row limit; the target is 10,000 rows).
 */
export async function importReports(database: Database, actor: Actor, period: string, file: { name: string; bytes: Buffer }, commit: boolean) {
  const { db } = database;
  // Periods, settings and the report rows belong to the caller's county.
  await requireCountyActor(db, actor, '请以县级用户身份导入本县的月报');
  const spec = periodSpec(period, await cycleSettings(db, actor.divisionCode));
  refuseUnstartedPeriod(spec);
  const reportable = await reportableProjects(db, actor, spec.period);
  const byReserveNo = new Map(reportable.map((p) => [p.reserveNo, p]));
  const problems: Problem[] = [];
  const records: ImportRecord[] = [];
  const seen = new Set<string>();
  let columnOf: Map<string, number> | null = null;
  const problem = (row: number, key: string | null, message: string) => {
    const col = key ? columnOf?.get(key) : undefined;
    const column = col ? columnLetter(col) : undefined;
    problems.push({ row, column, field: key ?? undefined, message: `第 ${row} 行${column ? ` ${column} 列` : ''}：${message}` });
  };
  try {
    for await (const item of templateRows(file.bytes)) {
      if ('columnOf' in item) columnOf = item.columnOf;
      else checkRow(item.row);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION_FAILED', UNREADABLE, { field: 'file' });
  }
  if (!columnOf) throw new AppError('VALIDATION_FAILED', '未找到表头：请使用本系统下载的月报填报模板（须包含「储备编号」列）', { field: 'file' });

  function checkRow(row: ExcelJS.Row) {
    const r = row.number;
    const read = (key: string) => {
      const col = columnOf!.get(key);
      return col ? cellText(row.getCell(col).value).trim() : '';
    };
    const reserveNo = toHalfWidth(read('reserveNo'));
    const filled = FILLED_KEYS.some((k) => read(k));
    if (!reserveNo && !filled) return;
    const project = byReserveNo.get(reserveNo);
    if (!project) {
      problem(r, 'reserveNo', reserveNo ? `储备编号 ${reserveNo} 不是本期您需要填报的项目` : '缺少储备编号');
      return;
    }
    if (seen.has(project.id)) problem(r, 'reserveNo', `项目「${project.name}」重复出现`);
    seen.add(project.id);
    if (!filled) return;
    const values: ReportImportValues = {};
    const amountText = read('investedThisPeriod');
    if (amountText) {
      const amount = parseAmountWan(amountText);
      if (!amount.ok) problem(r, 'investedThisPeriod', amount.message);
      else values.investedThisPeriod = amount.wan;
    } else values.investedThisPeriod = '0';
    const pctText = toHalfWidth(read('progressPct')).replace(/%$/, '');
    if (pctText) {
      const pct = Number(pctText);
      const asPct = pct > 0 && pct <= 1 && pctText.includes('.') ? Math.round(pct * 100) : pct;
      if (!Number.isInteger(asPct) || asPct < 0 || asPct > 100) problem(r, 'progressPct', `形象进度应为 0–100 的整数：${pctText}`);
      else values.progressPct = asPct;
    }
    for (const key of TEXT_KEYS) {
      const text = read(key);
      if (text.length > 4000) problem(r, key, '内容过长（最多 4000 字）');
      values[key] = text || null;
    }
    if (project.reportStatus && project.reportStatus !== 'draft') {
      problem(r, null, `项目「${project.name}」本期月报${project.reportStatus === 'submitted' ? '已提交待审核' : '已审核或已退回'}，不能通过导入修改`);
    }
    records.push({ row: r, project, values });
  }

  const preview = {
    fileName: file.name,
    period: spec.period,
    records: records.map((rec) => ({ row: rec.row, projectId: rec.project.id, projectName: rec.project.name, values: rec.values })),
    problems,
    canCommit: problems.length === 0 && records.length > 0,
  };
  if (!commit) return preview;
  if (!preview.canCommit) {
    throw new AppError('VALIDATION_FAILED', problems.length ? `表格存在 ${problems.length} 处问题，整份未导入，请修改后重新上传` : '表格中没有填写任何月报', {
      field: 'file',
      details: { problems: problems.slice(0, 200) },
    });
  }
  return db.transaction(async (tx) => {
    const open = await ensurePeriod(tx, actor.divisionCode, spec.period);
    if (open.status !== 'open') throw new AppError('CONFLICT', `${open.label}报送期已关闭，如需修改请向发改局提交重开申请`);
    const reportIds = new Map<string, string>();
    for (let i = 0; i < records.length; i += WRITE_CHUNK) {
      const chunk = records.slice(i, i + WRITE_CHUNK);
      for (const [projectId, id] of await createDrafts(tx, actor, spec.period, chunk.filter((rec) => !rec.project.reportId), open.historyEntry)) reportIds.set(projectId, id);
      for (const [projectId, id] of await updateDrafts(tx, actor, chunk.filter((rec) => rec.project.reportId))) reportIds.set(projectId, id);
    }
    await recordAuditBatch(
      tx,
      actor.divisionCode,
      records.map((rec) => ({
        actor: auditActorOf(actor),
        action: 'monthly_report.imported' as const,
        entityType: 'monthly_report',
        entityId: reportIds.get(rec.project.id),
        summary: `导入月报草稿：${rec.project.name}（${open.label}，本月 ${plainWan(String(rec.values.investedThisPeriod ?? '0'))} 万元）`,
        after: { ...rec.values, projectId: rec.project.id, period: spec.period },
      })),
    );
    return { saved: records.length };
  });
}

/** Rows written per statement on commit. */
const WRITE_CHUNK = 1000;

interface ImportRecord {
  row: number;
  project: ReportableProject;
  values: ReportImportValues;
}

/** The columns a filled row sets on its draft (an empty 形象进度 clears it, as an empty text does). */
function draftFields(rec: ImportRecord) {
  return {
    stage: rec.project.stage,
    investedThisPeriod: rec.values.investedThisPeriod ?? '0',
    progressPct: rec.values.progressPct ?? null,
    progressText: rec.values.progressText ?? null,
    preliminaryProgress: rec.values.preliminaryProgress ?? null,
    problems: rec.values.problems ?? null,
    measures: rec.values.measures ?? null,
    explanation: rec.values.explanation ?? null,
  };
}

/**
 * Creates revision 1 of each project's report as a draft, with its history entry (marked a
 * 补录 history entry when the period is in history-entry mode). A report someone created since
 * the file was read refuses the whole import (the transaction rolls back).
 */
async function createDrafts(tx: Tx, actor: Actor, period: string, records: ImportRecord[], isHistoryEntry = false): Promise<Map<string, string>> {
  if (!records.length) return new Map();
  const created = await tx
    .insert(monthlyReports)
    .values(records.map((rec) => ({ divisionCode: actor.divisionCode, projectId: rec.project.id, period, revision: 1, ...draftFields(rec), isHistoryEntry, createdBy: actor.id })))
    .onConflictDoNothing()
    .returning({ id: monthlyReports.id, projectId: monthlyReports.projectId });
  if (created.length !== records.length) throw changedMeanwhile();
  await writeHistory(tx, reportMachine, created.map((r) => ({ divisionCode: actor.divisionCode, recordId: r.id, from: null, to: 'draft', action: 'create', actor })));
  return new Map(created.map((r) => [r.projectId, r.id]));
}

/** Edits the open drafts in one statement; a draft submitted since the file was read refuses the whole import. */
async function updateDrafts(tx: Tx, actor: Actor, records: ImportRecord[]): Promise<Map<string, string>> {
  if (!records.length) return new Map();
  const values = records.map((rec) => ({ id: rec.project.reportId, ...draftFields(rec) }));
  const updated = rowsOf<{ id: string; project_id: string }>(
    await tx.execute(sql`
      update ${monthlyReports} as m set
        stage = v."stage", invested_this_period = v."investedThisPeriod", progress_pct = v."progressPct", progress_text = v."progressText",
        preliminary_progress = v."preliminaryProgress", problems = v."problems", measures = v."measures", explanation = v."explanation",
        version = m.version + 1, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(
        id uuid, "stage" text, "investedThisPeriod" numeric, "progressPct" smallint, "progressText" text,
        "preliminaryProgress" text, "problems" text, "measures" text, "explanation" text)
      where m.division_code = ${actor.divisionCode} and m.id = v.id and m.status = 'draft'
      returning m.id, m.project_id`),
  );
  if (updated.length !== records.length) throw changedMeanwhile();
  return new Map(updated.map((r) => [r.project_id, r.id]));
}

function changedMeanwhile() {
  return new AppError('CONFLICT', '读取表格后有月报被他人保存或提交，整份未导入，请重新下载填报表后再导入');
}
