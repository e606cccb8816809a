import ExcelJS from 'exceljs';
import type { ReportImportValues } from './monthly-reports.schemas';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { parseAmountWan, toHalfWidth } from '../../../common/amounts';
import { STAGE_LABELS, type Stage } from '../../../common/projects';
import { auditActorOf, recordAuditBatch } from '../../platform/audit/audit.service';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { columnLetter } from '../projects';
import { requireCountyActor } from '../org';
import { plainWan } from '../projects';
import { projects } from '../projects';
import { cycleSettings, ensurePeriod, reportGrid } from './monthly-reports.service';
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

/**
 * The batch-entry workbook for a period: one row per project the caller still has to file
 * (no report yet, or a draft). Submitted and approved reports are left out: they can only
 * change through a correction.
 */
export async function reportTemplate(database: Database, actor: Actor, period: string): Promise<{ bytes: Buffer; filename: string }> {
  const full = await reportGrid(database, actor, { period, page: 1, pageSize: 500 });
  const grid = { ...full, data: full.data.filter((r) => r.report === null || r.report.status === 'draft') };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Groundwork';
  const sheet = workbook.addWorksheet('月报填报', { views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }] });
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  sheet.getCell(1, 1).value = `${period.slice(0, 4)}年${grid.period.label}项目月报（截止 ${grid.period.deadline}）`;
  sheet.getCell(1, 1).font = { name: '宋体', size: 16, bold: true };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.getCell(2, 1).value = '单位：万元。请只填写绿色列；储备编号用于匹配项目，请勿修改。';
  sheet.getCell(2, 1).font = { name: '宋体', size: 10, color: { argb: 'FF666666' } };
  const header = sheet.getRow(3);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: '宋体', bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.key && c.key !== 'reserveNo' ? 'FFE2F0D9' : 'FFF2F2F2' } };
    sheet.getColumn(i + 1).width = c.width;
  });
  header.height = 32;
  const rows = await database.db
    .select({ id: projects.id, reserveNo: projects.reserveNo })
    .from(projects)
    .where(inArray(projects.id, grid.data.length ? grid.data.map((r) => r.projectId) : ['00000000-0000-4000-8000-000000000000']));
  const reserveNo = new Map(rows.map((r) => [r.id, r.reserveNo]));
  grid.data.forEach((r, i) => {
    const report = r.report;
    sheet.getRow(4 + i).values = [
      reserveNo.get(r.projectId) ?? '',
      r.projectName,
      r.departmentName ?? '',
      STAGE_LABELS[r.stage as Stage],
      Number(r.totalInvestment),
      Number(r.yearCumulativeBefore),
      report ? Number(report.investedThisPeriod) : null,
      report?.progressPct ?? null,
      report?.progressText ?? null,
      report?.preliminaryProgress ?? null,
      report?.problems ?? null,
      report?.measures ?? null,
      report?.explanation ?? null,
    ] as ExcelJS.CellValue[];
  });
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `月报填报_${period}.xlsx` };
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

/**
 * Reads a filled batch-entry workbook: each row matched to a project by 储备编号, values
 * checked like the form, every problem by row and column. With `commit` the drafts are
 * written in one transaction; any problem refuses the whole file.
 */
export async function importReports(database: Database, actor: Actor, period: string, file: { name: string; bytes: Buffer }, commit: boolean) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', '无法读取该 .xlsx 文件，可能已损坏，请用 Excel 或 WPS 打开后重新保存', { field: 'file' });
  }
  const sheet = workbook.worksheets[0];
  let headerRow = 0;
  const columnOf = new Map<string, number>();
  for (let r = 1; r <= Math.min(10, sheet?.rowCount ?? 0); r++) {
    const row = sheet.getRow(r);
    row.eachCell((cell, col) => {
      const text = cellText(cell.value).replace(/\s+/g, '');
      const column = COLUMNS.find((c) => c.key && c.header === text);
      if (column?.key) columnOf.set(column.key, col);
    });
    if (columnOf.has('reserveNo')) {
      headerRow = r;
      break;
    }
  }
  if (!headerRow) throw new AppError('VALIDATION_FAILED', '未找到表头：请使用本系统下载的月报填报模板（须包含「储备编号」列）', { field: 'file' });

  const { db } = database;
  // Periods, settings and the report rows belong to the caller's county.
  await requireCountyActor(db, actor, '请以县级用户身份导入本县的月报');
  const spec = periodSpec(period, await cycleSettings(db, actor.divisionCode));
  const grid = await reportGrid(database, actor, { period: spec.period, page: 1, pageSize: 500 });
  const reportable = await db
    .select({ id: projects.id, reserveNo: projects.reserveNo, name: projects.name, stage: projects.stage })
    .from(projects)
    .where(inArray(projects.id, grid.data.length ? grid.data.map((r) => r.projectId) : ['00000000-0000-4000-8000-000000000000']));
  const byReserveNo = new Map(reportable.map((p) => [p.reserveNo, p]));
  const gridById = new Map(grid.data.map((r) => [r.projectId, r]));
  const problems: Problem[] = [];
  const records: Array<{ row: number; projectId: string; projectName: string; values: ReportImportValues }> = [];
  const seen = new Set<string>();
  const problem = (row: number, key: string | null, message: string) => {
    const col = key ? columnOf.get(key) : undefined;
    const column = col ? columnLetter(col) : undefined;
    problems.push({ row, column, field: key ?? undefined, message: `第 ${row} 行${column ? ` ${column} 列` : ''}：${message}` });
  };
  // Only the rows that exist: a stray value in row 1,048,576 must not mean a million empty rows.
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    if (r <= headerRow) return;
    const read = (key: string) => {
      const col = columnOf.get(key);
      return col ? cellText(row.getCell(col).value).trim() : '';
    };
    const reserveNo = toHalfWidth(read('reserveNo'));
    const values: ReportImportValues = {};
    const filled = ['investedThisPeriod', 'progressPct', 'progressText', 'preliminaryProgress', 'problems', 'measures', 'explanation'].some((k) => read(k));
    if (!reserveNo && !filled) return;
    const project = byReserveNo.get(reserveNo);
    if (!project) {
      problem(r, 'reserveNo', reserveNo ? `储备编号 ${reserveNo} 不是本期您需要填报的项目` : '缺少储备编号');
      return;
    }
    if (seen.has(project.id)) problem(r, 'reserveNo', `项目「${project.name}」重复出现`);
    seen.add(project.id);
    if (!filled) return;
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
    for (const key of ['progressText', 'preliminaryProgress', 'problems', 'measures', 'explanation'] as const) {
      const text = read(key);
      if (text.length > 4000) problem(r, key, '内容过长（最多 4000 字）');
      values[key] = text || null;
    }
    const existing = gridById.get(project.id)?.report;
    if (existing && existing.status !== 'draft') {
      problem(r, null, `项目「${project.name}」本期月报${existing.status === 'submitted' ? '已提交待审核' : '已审核或已退回'}，不能通过导入修改`);
    }
    records.push({ row: r, projectId: project.id, projectName: project.name, values });
  });
  const preview = { fileName: file.name, period: spec.period, records, problems, canCommit: problems.length === 0 && records.length > 0 };
  if (!commit) return preview;
  if (!preview.canCommit) {
    throw new AppError('VALIDATION_FAILED', problems.length ? `表格存在 ${problems.length} 处问题，整份未导入，请修改后重新上传` : '表格中没有填写任何月报', {
      field: 'file',
      details: { problems: problems.slice(0, 200) },
    });
  }
  return db.transaction(async (tx) => {
    const period = await ensurePeriod(tx, actor.divisionCode, spec.period);
    if (period.status !== 'open') throw new AppError('CONFLICT', `${period.label}报送期已关闭，如需修改请向发改局提交重开申请`);
    const audits = [];
    for (const rec of records) {
      const existing = gridById.get(rec.projectId)?.report;
      const project = reportable.find((p) => p.id === rec.projectId)!;
      const values = { ...rec.values, stage: project.stage, updatedAt: new Date() } as Partial<typeof monthlyReports.$inferInsert>;
      if (existing) {
        await tx
          .update(monthlyReports)
          .set({ ...values, version: sql`${monthlyReports.version} + 1` })
          .where(and(eq(monthlyReports.divisionCode, actor.divisionCode), eq(monthlyReports.id, existing.id), eq(monthlyReports.status, 'draft')));
      } else {
        await tx.insert(monthlyReports).values({ divisionCode: actor.divisionCode, projectId: rec.projectId, period: spec.period, revision: 1, stage: project.stage, ...values, createdBy: actor.id });
      }
      audits.push({
        actor: auditActorOf(actor),
        action: 'monthly_report.imported' as const,
        entityType: 'monthly_report',
        entityId: rec.projectId,
        summary: `导入月报草稿：${rec.projectName}（${period.label}，本月 ${plainWan(String(rec.values.investedThisPeriod ?? '0'))} 万元）`,
        after: { ...rec.values, projectId: rec.projectId, period: spec.period },
      });
    }
    await recordAuditBatch(tx, actor.divisionCode, audits);
    return { saved: records.length };
  });
}
