/**
 * The pieces of a 发改局 analysis report as a government document (GB/T 9704): A4 with the
 * 公文 margins, a 小标宋 title, the 主送机关 line, 仿宋 body at a fixed 28pt line pitch, 黑体
 * and 楷体 headings, tables in 宋体, the 附件 note, the issuer and date, 「— 1 —」 page numbers,
 * and the annexes (附件1, 附件2 …) as landscape tables after the signature.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IFontAttributesProperties,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';

// ---------------------------------------------------------------- page and type

const CM = 567; // twips per centimetre (1440 / 2.54, rounded as Word does)
const PAGE = { width: 11906, height: 16838 }; // A4
const MARGIN = { top: Math.round(3.7 * CM), bottom: Math.round(3.5 * CM), left: Math.round(2.8 * CM), right: Math.round(2.6 * CM) };
/** Width of the type area of a portrait page (156 mm). */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
// The annexes are 横排表格: A4 landscape, the same footer.
const ANNEX_MARGIN = { top: Math.round(2.6 * CM), bottom: Math.round(2.4 * CM), left: Math.round(2.8 * CM), right: Math.round(2.6 * CM) };
/** Width of the type area of a landscape annex page. */
export const ANNEX_WIDTH = PAGE.height - ANNEX_MARGIN.left - ANNEX_MARGIN.right;

const PT = 2; // docx sizes are half-points
export const SIZE = { title: 22 * PT, body: 16 * PT, table: 12 * PT, annexTable: 10.5 * PT, tableCaption: 14 * PT, footer: 14 * PT };
/** 28pt exact line pitch: 22 lines on the 公文 type area. */
const LINE = 28 * 20;
const CHAR = 16 * 20; // one 三号 character in twips
const BODY_INDENT = { firstLine: 2 * CHAR, firstLineChars: 200 };

function font(name: string): IFontAttributesProperties {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' };
}
export const FONT = {
  title: font('方正小标宋简体'),
  body: font('仿宋_GB2312'),
  heading: font('黑体'),
  subheading: font('楷体_GB2312'),
  table: font('宋体'),
};

/**
 * The font table: the 公文 fonts with the system fonts Word and WPS fall back to when the
 * GB2312 / 方正 faces are not installed (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 小标宋 → 宋体).
 */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${[
  ['仿宋_GB2312', '仿宋', '02010609030101010101', 'modern', 'fixed'],
  ['仿宋', 'FangSong', '02010609060101010101', 'modern', 'fixed'],
  ['方正小标宋简体', '宋体', '02000000000000000000', 'auto', 'variable'],
  ['黑体', 'SimHei', '02010609060101010101', 'modern', 'fixed'],
  ['楷体_GB2312', '楷体', '02010609030101010101', 'modern', 'fixed'],
  ['楷体', 'KaiTi', '02010609060101010101', 'modern', 'fixed'],
  ['宋体', 'SimSun', '02010600030101010101', 'auto', 'variable'],
]
  .map(
    ([name, alt, panose, family, pitch]) =>
      `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:panose1 w:val="${panose}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`,
  )
  .join('')}<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

// ---------------------------------------------------------------- paragraphs

export type Block = Paragraph | Table;

export const run = (text: string, f: IFontAttributesProperties, size: number, bold?: boolean) => new TextRun({ text, font: f, size, bold });

export function body(text: string | ParagraphChild[], options: { indent?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: typeof text === 'string' ? [run(text, FONT.body, SIZE.body)] : text,
    alignment: AlignmentType.JUSTIFIED,
    keepNext: options.keepNext,
    widowControl: true,
    spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: options.indent === false ? undefined : BODY_INDENT,
  });
}

/** 「一、总体运行情况」 in 黑体. */
export function heading(text: string): Paragraph {
  return body([run(text, FONT.heading, SIZE.body)], { keepNext: true });
}

/** 「（一）分产业领域。」 in 楷体, optionally followed by body text in the same paragraph. */
export function subheading(label: string, rest?: string): Paragraph {
  const children = [run(label, FONT.subheading, SIZE.body)];
  if (rest) children.push(run(rest, FONT.body, SIZE.body));
  return body(children, { keepNext: !rest });
}

/** 「一是……」 paragraphs: the lead phrase in 仿宋 bold, the rest plain. */
export function point(lead: string, rest: string): Paragraph {
  return body([run(lead, FONT.body, SIZE.body, true), run(rest, FONT.body, SIZE.body)]);
}

export const blank = () => body('', { indent: false });

/** Width of a string in character cells: CJK 1, ASCII ½. */
export function cells(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

/**
 * The title (one paragraph, lines broken where given), the 发文字号 when there is one, and for
 * preliminary figures a 楷体 line under the title that says so.
 */
export function titleBlock(title: string[], options: { docNumber?: string; notice?: string } = {}): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 36 * 20, lineRule: LineRuleType.EXACT },
      children: title.flatMap((line, i) => [new TextRun({ text: line, font: FONT.title, size: SIZE.title, bold: true, break: i > 0 ? 1 : undefined })]),
    }),
  ];
  if (options.notice) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 120 },
        children: [run(options.notice, FONT.subheading, SIZE.body)],
      }),
    );
  }
  if (options.docNumber) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 120 },
        children: [run(options.docNumber, FONT.body, SIZE.body)],
      }),
    );
  }
  out.push(blank());
  return out;
}

/** 主送机关: under the title after a blank line, flush left, ending with a full-width colon (GB/T 9704 7.3.2). */
export function addresseeLine(addressee: string): Paragraph {
  return body(`${addressee.replace(/[：:]+$/, '')}：`, { indent: false });
}

/**
 * 附件说明 (GB/T 9704 7.3.4): a blank line after the text, 「附件：1.……」 two characters in,
 * the further names aligned under the first; no punctuation after a name.
 */
export function attachmentNote(names: string[]): Paragraph[] {
  if (!names.length) return [];
  const lead = '附件：';
  const hanging = 2 * CHAR + cells(lead) * CHAR;
  return [
    body('', { indent: false, keepNext: true }),
    ...names.map((name, i) => {
      const label = names.length > 1 ? `${i + 1}.${name}` : name;
      // The note keeps with the signature below it: the two move to a new page together.
      return new Paragraph({
        alignment: AlignmentType.LEFT,
        keepNext: true,
        spacing: { line: LINE, lineRule: LineRuleType.EXACT },
        indent: i === 0 ? { left: 2 * CHAR } : { left: hanging },
        children: [run(i === 0 ? `${lead}${label}` : label, FONT.body, SIZE.body)],
      });
    }),
  ];
}

/** 成文日期右空四字, the issuer centred over the date. */
export function signature(issuer: string, date: string): Paragraph[] {
  const dateIndent = 4 * CHAR;
  const issuerIndent = Math.max(0, dateIndent + Math.round(((cells(date) - cells(issuer)) / 2) * CHAR));
  const line = (text: string, right: number, keepNext: boolean) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      keepNext,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      indent: { right },
      children: [run(text, FONT.body, SIZE.body)],
    });
  // 正文（或附件说明）下空一行; the signature never stands alone at the top of a page: the blank line keeps with it.
  return [body('', { indent: false, keepNext: true }), line(issuer, issuerIndent, true), line(date, dateIndent, false)];
}

// ---------------------------------------------------------------- tables

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

export interface TableColumn {
  header: string;
  /** Width in twips; the column marked `fill` takes what the others leave of the type area. */
  width?: number;
  fill?: boolean;
  align?: 'left' | 'center' | 'right';
}

/** Tables of at most this many rows are kept on one page. */
const KEEP_WHOLE_ROWS = 8;

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };

function tableCell(text: string, width: number, align: (typeof AlignmentType)[keyof typeof AlignmentType], size: number, bold: boolean, keepNext: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 20, bottom: 20 },
    // A header may be set over two lines: 「本年累计\n（万元）」.
    children: [
      new Paragraph({
        alignment: align,
        keepNext,
        keepLines: true,
        spacing: { line: Math.round(size * 12.5), lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
        children: text.split('\n').map((line, i) => new TextRun({ text: line, font: FONT.table, size, bold, break: i > 0 ? 1 : undefined })),
      }),
    ],
  });
}

/**
 * A bordered table over the type area. The header row repeats on every page and keeps with
 * the first row (no header alone at the foot of a page); no row is split across pages; a
 * closing 合计 row (`boldLast`) keeps with the row before it.
 */
export function dataTable(columns: TableColumn[], rows: string[][], options: { width?: number; size?: number; boldLast?: boolean } = {}): Table {
  const width = options.width ?? TEXT_WIDTH;
  const size = options.size ?? SIZE.table;
  const fixed = columns.reduce((a, c) => a + (c.fill ? 0 : (c.width ?? 0)), 0);
  const widths = columns.map((c) => (c.fill ? width - fixed : (c.width ?? 0)));
  const last = rows.length - 1;
  const tableRow = (values: string[], i: number) => {
    const isHeader = i < 0;
    const bold = isHeader || (options.boldLast === true && i === last);
    // Rows kept with the next: a short table whole (it moves to the next page rather than
    // leave a few rows behind); a long one the header with the first row, the first row with
    // the second (a lone row under a repeated header reads as a stray line), and the row before 合计.
    const keepNext = isHeader || (rows.length <= KEEP_WHOLE_ROWS ? i < last : (i === 0 && last > 1) || (options.boldLast === true && i === last - 1));
    return new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      height: { value: isHeader ? 520 : 340, rule: HeightRule.ATLEAST },
      children: values.map((v, c) => tableCell(v, widths[c], isHeader ? AlignmentType.CENTER : ALIGN[columns[c].align ?? 'center'], size, bold, keepNext)),
    });
  };
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    borders: BORDERS,
    alignment: AlignmentType.CENTER,
    rows: [tableRow(columns.map((c) => c.header), -1), ...rows.map((r, i) => tableRow(r, i))],
  });
}

/** Columns laid out for the portrait type area, widened in proportion for a landscape annex. */
export function landscapeColumns(columns: TableColumn[]): TableColumn[] {
  const factor = ANNEX_WIDTH / TEXT_WIDTH;
  return columns.map((c) => (c.fill ? c : { ...c, width: Math.round((c.width ?? 0) * factor) }));
}

/** 「表1  ……」 in 黑体 and 「单位：万元」 at the right, both kept with the table. */
export function tableCaption(text: string, unit: string | null = '单位：万元'): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 160 },
      children: [run(text, FONT.heading, SIZE.tableCaption)],
    }),
  ];
  if (unit) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        keepNext: true,
        spacing: { line: 20 * 20, lineRule: LineRuleType.EXACT },
        children: [run(unit, FONT.table, SIZE.table)],
      }),
    );
  }
  return out;
}

/** Space after a table so that the next paragraph does not touch its bottom border. */
export const afterTable = () => new Paragraph({ spacing: { line: 14 * 20, lineRule: LineRuleType.EXACT }, children: [] });

// ---------------------------------------------------------------- annexes

export interface Annex {
  /** 「滞后项目清单」: named in the 附件 note and over the table. */
  name: string;
  /** 「截至2026年11月底，共196个」: a line under the title. */
  subtitle?: string;
  columns: TableColumn[];
  rows: string[][];
  /** 「单位：万元」 above the table, when it has amounts. */
  unit?: string;
  /** Said instead of the table when there are no rows. */
  empty: string;
  /** The last row is a 合计. */
  boldLast?: boolean;
  /** 「注：……」 under the table. */
  note?: string;
}

function annexBlocks(annex: Annex, n: number, first: boolean): Block[] {
  const out: Block[] = [
    new Paragraph({
      pageBreakBefore: !first,
      keepNext: true,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      children: [run(`附件${n}`, FONT.heading, SIZE.body)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { line: 36 * 20, lineRule: LineRuleType.EXACT, before: 120, after: 120 },
      children: [run(annex.name, FONT.title, 18 * PT, true)],
    }),
  ];
  if (annex.subtitle || annex.unit) {
    const children = [run(annex.subtitle ?? '', FONT.subheading, SIZE.table)];
    out.push(
      new Paragraph({
        alignment: AlignmentType.LEFT,
        keepNext: true,
        tabStops: [{ type: 'right', position: ANNEX_WIDTH }],
        spacing: { line: 22 * 20, lineRule: LineRuleType.EXACT },
        children: annex.unit ? [...children, new TextRun({ text: `\t${annex.unit}`, font: FONT.table, size: SIZE.table })] : children,
      }),
    );
  }
  if (!annex.rows.length) out.push(body(annex.empty));
  else out.push(dataTable(annex.columns, annex.rows, { width: ANNEX_WIDTH, size: SIZE.annexTable, boldLast: annex.boldLast }));
  if (annex.note) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { line: 18 * 20, lineRule: LineRuleType.EXACT, before: 120 },
        children: [run(annex.note, FONT.table, SIZE.annexTable)],
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------- document

const footer = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: SIZE.footer })],
      }),
    ],
  });

/**
 * The .docx of a report: the text on portrait pages, then — after the signature — each annex
 * on its own landscape page(s). The annexes go in the same file rather than a separate
 * workbook because the report is printed and sent upward as one 公文 with its 附件 (one
 * upload in the OA system, one stapled copy on a leader's desk); the full tables for
 * working with the figures are the Excel download beside it.
 */
export async function renderGovDocument(meta: { creator: string; title: string; description: string }, text: Block[], annexes: Annex[] = []): Promise<Buffer> {
  const sections: ISectionOptions[] = [
    {
      properties: { page: { size: PAGE, margin: { ...MARGIN, header: Math.round(1.5 * CM), footer: Math.round(2.5 * CM) } } },
      footers: { default: footer() },
      children: text,
    },
  ];
  if (annexes.length) {
    sections.push({
      properties: {
        page: {
          size: { ...PAGE, orientation: PageOrientation.LANDSCAPE },
          margin: { ...ANNEX_MARGIN, header: Math.round(1.2 * CM), footer: Math.round(1.2 * CM) },
        },
      },
      footers: { default: footer() },
      children: annexes.flatMap((a, i) => annexBlocks(a, i + 1, i === 0)),
    });
  }
  const doc = new Document({
    creator: meta.creator,
    title: meta.title,
    description: meta.description,
    styles: {
      default: {
        document: { run: { font: FONT.body, size: SIZE.body }, paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } } },
      },
    },
    sections,
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}
