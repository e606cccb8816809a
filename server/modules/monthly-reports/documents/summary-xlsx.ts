/**
 * The monthly summary as the workbook of tables the 发改局 hands round with its analysis
 * report: 总表 and one sheet per breakdown and list, each with a merged title, 「单位：万元」,
 * a bold bordered header that stays in view, numbers as numbers and a 合计 row where rows add up.
 */
import ExcelJS from 'exceljs';
import Decimal from 'decimal.js';
import { sumWan } from '../../../../common/amounts';
import { countedScopeLabel } from '../../../../common/projects';
import type { LaggingProject, MonthlySummary, SummaryBreakdownRow, SummaryProjectRef } from '../../../../common/summary';
import { bandNouns, breakdownTotal, formatAmountCn, sortBands, tidyCn } from './format';

const FONT_NAME = '宋体';
const THIN = { style: 'thin' as const };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

type Kind = 'seq' | 'text' | 'longtext' | 'count' | 'amount' | 'pct' | 'date';
interface Column {
  header: string;
  kind: Kind;
  /** Minimum width in Excel character units (a Chinese character takes about two). */
  width?: number;
  /** Amounts formatted cell by cell (rows of different measures) rather than aligned per column. */
  perCell?: boolean;
}
/** A cell value as written: amounts are exact 万元 strings, turned into numbers here. */
type Value = string | number | null | { wan: string } | { date: string } | { sum: true };

const wan = (v: string): Value => ({ wan: v });

/** Width of text in Excel character units. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return w;
}

function decimalsOf(v: string): number {
  return Math.min(4, new Decimal(v).decimalPlaces());
}

/** `#,##0`, `#,##0.0` …: as many decimals as the column needs, never trailing zeros beyond. */
const amountFormat = (decimals: number) => (decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0');

function isoDate(iso: string): Date {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

interface SheetSpec {
  name: string;
  title: string;
  columns: Column[];
  rows: Value[][];
  /** A 合计 row: label in the name column, SUM formulas in count and amount columns, fixed values elsewhere. */
  total?: { label: string; labelColumn: number; values?: Record<number, Value> };
  /** Written under the table. */
  notes?: string[];
  /** Rows (0-based) set in bold, e.g. section rows 「一、……」. */
  boldRows?: Set<number>;
  /** Shown instead of rows when there are none. */
  emptyText: string;
  unitNote?: string;
}

function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const n = spec.columns.length;
  const headerRow = 3;
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    pageSetup: {
      orientation: spec.columns.reduce((a, c) => a + (c.width ?? 8), 0) > 90 ? 'landscape' : 'portrait',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.4, footer: 0.4 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.properties.defaultRowHeight = 20;

  const title = sheet.getRow(1);
  title.getCell(1).value = spec.title;
  title.getCell(1).font = { name: FONT_NAME, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 36;
  sheet.mergeCells(1, 1, 1, n);

  const unit = sheet.getRow(2);
  unit.getCell(1).value = spec.unitNote ?? '单位：万元';
  unit.getCell(1).font = { name: FONT_NAME, size: 11 };
  unit.getCell(1).alignment = { horizontal: 'right', vertical: 'middle' };
  sheet.mergeCells(2, 1, 2, n);

  const header = sheet.getRow(headerRow);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT_NAME, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = HEADER_FILL;
  });
  header.height = 32;

  // Decimals per amount column, over the rows and the total, so that a column lines up.
  const decimals = spec.columns.map((c, i) => {
    if (c.kind !== 'amount') return 0;
    const values = spec.rows.map((r) => r[i]).filter((v): v is { wan: string } => typeof v === 'object' && v !== null && 'wan' in v);
    return values.reduce((a, v) => Math.max(a, decimalsOf(v.wan)), 0);
  });
  const widths = spec.columns.map((c) => Math.max(c.width ?? 8, textWidth(c.header) + 2));

  const first = headerRow + 1;
  const writeRow = (values: Value[], rowIndex: number, bold = false) => {
    const row = sheet.getRow(rowIndex);
    spec.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = values[i];
      cell.border = BORDER;
      cell.font = { name: FONT_NAME, size: 11, bold };
      const align: Partial<ExcelJS.Alignment> = { vertical: 'middle' };
      if (v === null || v === undefined) {
        cell.value = c.kind === 'pct' || c.kind === 'amount' ? '—' : null;
        align.horizontal = 'center';
      } else if (typeof v === 'object' && 'wan' in v) {
        cell.value = new Decimal(v.wan).toNumber();
        cell.numFmt = amountFormat(c.perCell ? decimalsOf(v.wan) : decimals[i]);
        align.horizontal = 'right';
      } else if (typeof v === 'object' && 'date' in v) {
        cell.value = isoDate(v.date);
        cell.numFmt = 'yyyy"年"m"月"d"日"';
        align.horizontal = 'center';
        widths[i] = Math.max(widths[i], 16);
      } else if (typeof v === 'object' && 'sum' in v) {
        // filled in by the total row below
      } else if (typeof v === 'number') {
        cell.value = v;
        if (c.kind === 'pct') cell.numFmt = '0.0';
        else if (c.kind === 'amount') cell.numFmt = Number.isInteger(v) ? '#,##0' : '#,##0.0';
        align.horizontal = c.kind === 'amount' ? 'right' : 'center';
      } else {
        cell.value = v;
        align.horizontal = c.kind === 'text' || c.kind === 'longtext' ? 'left' : 'center';
        if (c.kind === 'longtext') align.wrapText = true;
        else widths[i] = Math.max(widths[i], Math.min(48, textWidth(v) + 2));
        if (c.kind === 'text' && textWidth(v) + 2 > 48) align.wrapText = true;
      }
      cell.alignment = align;
    });
    row.height = 20;
    return row;
  };

  if (!spec.rows.length) {
    const row = sheet.getRow(first);
    row.getCell(1).value = spec.emptyText;
    row.getCell(1).font = { name: FONT_NAME, size: 11 };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    for (let i = 1; i <= n; i++) row.getCell(i).border = BORDER;
    sheet.mergeCells(first, 1, first, n);
    row.height = 24;
  }
  spec.rows.forEach((values, k) => {
    const row = writeRow(values, first + k, spec.boldRows?.has(k));
    const lines = spec.columns.reduce((a, c, i) => {
      const v = values[i];
      return c.kind === 'longtext' && typeof v === 'string' ? Math.max(a, Math.ceil((textWidth(v) * 1.3) / Math.max(10, (c.width ?? 40) - 4))) : a;
    }, 1);
    row.height = Math.max(20, lines * 15 + 8);
  });

  let next = first + Math.max(1, spec.rows.length);
  if (spec.total && spec.rows.length) {
    const last = first + spec.rows.length - 1;
    const values: Value[] = spec.columns.map((c, i) => {
      if (i === spec.total!.labelColumn) return spec.total!.label;
      if (spec.total!.values && i in spec.total!.values) return spec.total!.values[i];
      return c.kind === 'count' || c.kind === 'amount' ? { sum: true } : c.kind === 'pct' ? null : '';
    });
    const row = writeRow(values, next, true);
    spec.columns.forEach((c, i) => {
      if (!(typeof values[i] === 'object' && values[i] !== null && 'sum' in (values[i] as object))) return;
      const letter = sheet.getColumn(i + 1).letter;
      const result =
        c.kind === 'count'
          ? spec.rows.reduce((a, r) => a + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0)
          : new Decimal(sumWan(spec.rows.map((r) => (typeof r[i] === 'object' && r[i] !== null && 'wan' in (r[i] as object) ? (r[i] as { wan: string }).wan : null)))).toNumber();
      const cell = row.getCell(i + 1);
      cell.value = { formula: `SUM(${letter}${first}:${letter}${last})`, result };
      cell.numFmt = c.kind === 'amount' ? amountFormat(decimals[i]) : '0';
      cell.alignment = { horizontal: c.kind === 'amount' ? 'right' : 'center', vertical: 'middle' };
    });
    next++;
  }
  for (const note of spec.notes ?? []) {
    const row = sheet.getRow(next++);
    row.getCell(1).value = note;
    row.getCell(1).font = { name: FONT_NAME, size: 10 };
    row.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    const tableWidth = spec.columns.reduce((a, c, i) => a + (c.kind === 'longtext' ? (c.width ?? 40) : widths[i]), 0);
    row.height = Math.max(18, Math.ceil((textWidth(note) * 1.1) / tableWidth) * 15 + 4);
    sheet.mergeCells(row.number, 1, row.number, n);
  }
  spec.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.kind === 'longtext' ? (c.width ?? 40) : widths[i];
  });
  return sheet;
}

// ---------------------------------------------------------------- sheets

function breakdownSheet(s: MonthlySummary, name: string, what: string, nameHeader: string, rows: SummaryBreakdownRow[], options: { total?: boolean; labels?: Record<string, string> } = {}): SheetSpec {
  const total = breakdownTotal(rows);
  return {
    name,
    title: `${s.divisionName}${s.year}年${s.cumulativeLabel}${what}项目投资完成情况表`,
    columns: [
      { header: '序号', kind: 'seq', width: 6 },
      { header: nameHeader, kind: 'text', width: 24 },
      { header: '项目个数', kind: 'count', width: 10 },
      { header: `${s.periodLabel}完成`, kind: 'amount', width: 16 },
      { header: '本年累计', kind: 'amount', width: 16 },
      { header: '上年同期累计', kind: 'amount', width: 16 },
      { header: '同比增长（%）', kind: 'pct', width: 14 },
    ],
    rows: rows.map((r, i) => [
      i + 1,
      options.labels?.[r.key] ?? r.label,
      r.projects,
      wan(r.period),
      wan(r.yearCumulative),
      r.lastYearCumulative === null ? null : wan(r.lastYearCumulative),
      r.growthPct === null ? null : Number(r.growthPct),
    ]),
    total: options.total === false ? undefined : { label: '合计', labelColumn: 1, values: { 0: '', 6: total.growthPct === null ? null : Number(total.growthPct) } },
    emptyText: '本期无数据',
  };
}

const byYtdDesc = (a: SummaryBreakdownRow, b: SummaryBreakdownRow) => new Decimal(b.yearCumulative).comparedTo(a.yearCumulative);

function summarySheet(s: MonthlySummary): SheetSpec {
  const t = s.totals;
  const r = s.reporting;
  const rate = r.expected ? new Decimal(r.submitted).div(r.expected).times(100).toDecimalPlaces(1).toNumber() : null;
  const rows: Value[][] = [];
  let seq = 0;
  const boldRows = new Set<number>();
  const section = (label: string) => {
    boldRows.add(rows.length);
    rows.push(['', label, '', '']);
  };
  const item = (label: string, value: Value, unit: string) => rows.push([++seq, label, value, unit]);
  section(`一、项目调度数（${countedScopeLabel(s.thresholds)}项目）`);
  item('纳入统计项目个数', t.projects, '个');
  item(`${s.periodLabel}完成投资`, wan(t.period), '万元');
  item(`${s.cumulativeLabel}累计完成投资`, wan(t.yearCumulative), '万元');
  item('上年同期累计完成投资', t.lastYearCumulative === null ? '无可比数据' : wan(t.lastYearCumulative), '万元');
  item('同比增长', t.growthPct === null ? '无可比数据' : Number(t.growthPct), '%');
  section('二、统计部门公布数（统计数）');
  if (s.official) {
    item(`${s.cumulativeLabel}全社会固定资产投资`, wan(s.official.yearCumulative), '万元');
    item('同比增长', s.official.growthPct === null ? '无可比数据' : Number(s.official.growthPct), '%');
  } else {
    item('统计数', '未录入', '');
  }
  section('三、项目月报报送情况');
  item('应报', r.expected, '份');
  item('已报', r.submitted, '份');
  item('其中：已审核', r.approved, '份');
  item('缺报', r.missing, '份');
  item('迟报', r.late, '份');
  item('报送率', rate ?? '—', '%');
  section(`四、${s.periodLabel}项目开工竣工及推进情况`);
  item('新开工项目', s.startedThisPeriod.length, '个');
  item('集中开工批次', s.concentratedStarts.length, '次');
  item('竣工项目', s.completedThisPeriod.length, '个');
  item('进度滞后项目', s.lagging.length, '个');
  item('项目单位反映问题', s.issues.length, '个');
  return {
    name: '总表',
    title: `${s.divisionName}${s.year}年${s.cumulativeLabel}项目建设情况汇总表`,
    columns: [
      { header: '序号', kind: 'seq', width: 6 },
      { header: '指标', kind: 'text', width: 36 },
      { header: '数值', kind: 'amount', width: 18, perCell: true },
      { header: '计量单位', kind: 'seq', width: 10 },
    ],
    rows,
    boldRows,
    notes: ['注：调度数为各部门报送并经审核的项目月报汇总数，统计数为统计部门公布数据，两者口径不同，分别列示，不作合并。'],
    emptyText: '本期无数据',
  };
}

function startsSheet(s: MonthlySummary): SheetSpec {
  const inBatch = new Map<string, string>();
  for (const b of s.concentratedStarts) for (const p of b.projects) inBatch.set(p.id, '集中开工');
  const line = (kind: string, p: SummaryProjectRef): Value[] => [
    0,
    kind,
    p.name,
    p.departmentName ?? '',
    p.townshipName ?? '',
    wan(p.totalInvestment),
    p.date ? { date: p.date } : '',
    kind === '新开工' ? (inBatch.get(p.id) ?? '') : '',
  ];
  const rows = [...s.startedThisPeriod.map((p) => line('新开工', p)), ...s.completedThisPeriod.map((p) => line('竣工', p))];
  rows.forEach((r, i) => (r[0] = i + 1));
  return {
    name: '新开工竣工',
    title: `${s.divisionName}${s.year}年${s.periodLabel}新开工和竣工项目表`,
    columns: [
      { header: '序号', kind: 'seq', width: 6 },
      { header: '类别', kind: 'seq', width: 8 },
      { header: '项目名称', kind: 'text', width: 30 },
      { header: '责任部门', kind: 'text', width: 20 },
      { header: '所在乡镇', kind: 'text', width: 12 },
      { header: '总投资', kind: 'amount', width: 14 },
      { header: '开工（竣工）日期', kind: 'date', width: 18 },
      { header: '备注', kind: 'seq', width: 10 },
    ],
    rows,
    notes: rows.length
      ? [
          `注：新开工项目${s.startedThisPeriod.length}个，总投资${formatAmountCn(sumWanNumber(s.startedThisPeriod))}；竣工项目${s.completedThisPeriod.length}个，总投资${formatAmountCn(sumWanNumber(s.completedThisPeriod))}。集中开工指同一天开工3个及以上项目。`,
        ]
      : [],
    emptyText: '本期无新开工和竣工项目',
  };
}

function sumWanNumber(list: SummaryProjectRef[]): string {
  return sumWan(list.map((p) => p.totalInvestment));
}

const LAG_LABELS: Record<LaggingProject['reason'], string> = { behind_plan: '投资进度滞后', idle: '连续未完成投资', start_overdue: '未按期开工' };

function laggingSheet(s: MonthlySummary): SheetSpec {
  const order: LaggingProject['reason'][] = ['behind_plan', 'idle', 'start_overdue'];
  const sorted = [...s.lagging].sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason));
  return {
    name: '滞后项目',
    title: `${s.divisionName}${s.year}年${s.periodLabel}进度滞后项目表`,
    columns: [
      { header: '序号', kind: 'seq', width: 6 },
      { header: '项目名称', kind: 'text', width: 30 },
      { header: '责任部门', kind: 'text', width: 20 },
      { header: '所在乡镇', kind: 'text', width: 12 },
      { header: '总投资', kind: 'amount', width: 14 },
      { header: '滞后类型', kind: 'seq', width: 16 },
      { header: '具体情况', kind: 'longtext', width: 46 },
    ],
    rows: sorted.map((p, i) => [i + 1, p.name, p.departmentName ?? '', p.townshipName ?? '', wan(p.totalInvestment), LAG_LABELS[p.reason] ?? p.reason, tidyCn(p.detail, { withinYear: s.year })]),
    emptyText: '本期无进度滞后项目',
  };
}

function issuesSheet(s: MonthlySummary): SheetSpec {
  return {
    name: '问题与措施',
    title: `${s.divisionName}${s.year}年${s.periodLabel}项目建设存在问题及拟采取措施表`,
    unitNote: '',
    columns: [
      { header: '序号', kind: 'seq', width: 6 },
      { header: '项目名称', kind: 'text', width: 28 },
      { header: '责任部门', kind: 'text', width: 20 },
      { header: '存在问题', kind: 'longtext', width: 48 },
      { header: '拟采取措施', kind: 'longtext', width: 48 },
    ],
    rows: s.issues.map((i, k) => [k + 1, i.projectName, i.departmentName ?? '', tidyCn(i.problems, { sentence: true }), i.measures ? tidyCn(i.measures, { sentence: true }) : '（未提出）']),
    emptyText: '本期各项目单位未反映问题',
  };
}

export async function renderSummaryXlsx(summary: MonthlySummary): Promise<Buffer> {
  const s = summary;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `${s.divisionName}发展和改革局`;
  workbook.created = new Date(Date.parse(s.generatedAt) || Date.now());
  const bandLabels = Object.fromEntries(Object.entries(bandNouns(s.thresholds)).map(([k, v]) => [k, v.replace(/项目$/, '')]));
  const specs: SheetSpec[] = [
    summarySheet(s),
    breakdownSheet(s, '分领域', '分产业领域', '产业领域', [...s.bySector].sort(byYtdDesc)),
    breakdownSheet(s, '分部门', '分责任部门', '责任部门', [...s.byDepartment].sort(byYtdDesc)),
    breakdownSheet(s, '分乡镇', '分乡镇', '乡镇（片区）', [...s.byTownship].sort(byYtdDesc)),
    {
      ...breakdownSheet(s, '分项目库', '分项目库', '项目库', [...s.byLibrary].sort(byYtdDesc), { total: false }),
      notes: s.byLibrary.length ? ['注：同一项目可同时列入多个项目库，各库数据不作相加。'] : [],
    },
    breakdownSheet(s, '分投资规模', '分投资规模', '投资规模', sortBands(s.byBand), { labels: bandLabels }),
    startsSheet(s),
    laggingSheet(s),
    issuesSheet(s),
  ];
  // An open period's tables say so in every title, as the Word report does.
  const mark = s.figureStatus === 'preliminary' ? '（初步）' : '';
  for (const spec of specs) addSheet(workbook, { ...spec, title: `${spec.title}${mark}` });
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
