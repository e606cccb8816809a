import { z } from '@hono/zod-openapi';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses, jsonResponse as json, jsonBody as body } from '../../platform/http/openapi';
import {
  BatchReportResult,
  BatchReviewBody,
  BatchSubmitBody,
  GridAnswer,
  HistoryEntryAnswer,
  HistoryEntryBody,
  LatenessAnswer,
  MonthlyReport,
  PeriodParam,
  PeriodReopenRequest,
  PeriodReopenRequests,
  PeriodsAnswer,
  ReportImportPreview,
  ReportImportResult,
  ReportingPeriod,
  ReportPhotos,
  ReportWithRevisions,
  ProjectPeriodParam,
  ReportIdParam,
  ReportListQuery,
  ReturnBody,
  ReviewBody,
  ReviseBody,
  SaveDraftBody,
  UploadedReportPhoto,
} from './monthly-reports.schemas';
import { MonthlySummary } from './summary.schemas';
import * as reports from './monthly-reports.service';
import * as periods from './periods.service';
import type { Actor } from '../../platform/http/context';
import type { FigureStatus } from './periods';
import { issuesReportsAs } from './monthly-reports.policy';
import { getHeadlineSummary, getSummary } from './summary.service';
import { importReports, reportTemplate } from './report-import.service';
import { renderMonthlyReportDocx } from './documents/monthly-report-docx';
import { renderQuarterlyReportDocx } from './documents/quarterly-report-docx';
import { getQuarterFigures, reportGrowthTarget } from './report-documents.service';
import { renderSummaryXlsx } from './documents/summary-xlsx';
import { attachment, DOCX, XLSX } from '../../platform/http/download';
import { readXlsxUpload } from '../../platform/documents/xlsx-guard';
import { uploadQuotaBytes } from '../../platform/config';


const SummaryQuery = z.object({ divisionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字').optional() });

const UploadBody = z.object({ file: z.instanceof(File, { message: '请选择要导入的 .xlsx 文件' }).openapi({ type: 'string', format: 'binary' }) });
const PhotoBody = z.object({ file: z.instanceof(File, { message: '请选择要上传的现场照片' }).openapi({ type: 'string', format: 'binary' }) });

const MAX_REPORT_IMPORT_BYTES = 10 * 1024 * 1024;
/** A site photo's size limit. */
const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

const DocumentQuery = SummaryQuery.extend({
  docNumber: z.string().trim().max(40, '文号过长').optional(),
  addressee: z.string().trim().max(60, '主送机关过长').optional().openapi({ description: '主送机关，默认为本级党委、政府（如“县委、县政府”）' }),
});

const download = (bytes: Buffer, type: string, filename: string) => attachment(bytes, type, filename) as never;

const routes = {
  reportDocx: defineRoute({
    method: 'get',
    path: '/api/summaries/{period}/report.docx',
    tags: ['月报'],
    summary: '月度项目建设运行分析报告（Word，公文格式）',
    permission: 'summary.read',
    request: { params: PeriodParam, query: DocumentQuery },
    responses: { 200: { description: 'Word 文档' }, ...errorResponses },
  }),
  quarterlyDocx: defineRoute({
    method: 'get',
    path: '/api/summaries/{period}/quarterly.docx',
    tags: ['月报'],
    summary: '季度项目建设分析报告（Word；period 为季末月 03/06/09/12）',
    permission: 'summary.read',
    request: { params: PeriodParam, query: DocumentQuery },
    responses: { 200: { description: 'Word 文档' }, ...errorResponses },
  }),
  tablesXlsx: defineRoute({
    method: 'get',
    path: '/api/summaries/{period}/tables.xlsx',
    tags: ['月报'],
    summary: '月度汇总表（Excel）',
    permission: 'summary.read',
    request: { params: PeriodParam, query: SummaryQuery },
    responses: { 200: { description: 'Excel 汇总表' }, ...errorResponses },
  }),
  template: defineRoute({
    method: 'get',
    path: '/api/monthly-reports/template.xlsx',
    tags: ['月报'],
    summary: '下载本期月报批量填报表（含本人应报项目）',
    permission: 'report.fill',
    request: { query: z.object({ period: PeriodParam.shape.period }) },
    responses: { 200: { description: 'Excel 填报表' }, ...errorResponses },
  }),
  import: defineRoute({
    method: 'post',
    path: '/api/monthly-reports/import',
    tags: ['月报'],
    summary: '导入批量填报表：先预览（不写入），commit=true 时整份写入为草稿',
    permission: 'report.fill',
    upload: { maxBytes: MAX_REPORT_IMPORT_BYTES, what: '填报表' },
    request: {
      query: z.object({ period: PeriodParam.shape.period, commit: z.enum(['true', 'false']).optional() }),
      body: { content: { 'multipart/form-data': { schema: UploadBody } }, required: true },
    },
    responses: { 200: json(z.union([ReportImportPreview, ReportImportResult]), '预览或写入结果'), ...errorResponses },
  }),
  grid: defineRoute({
    method: 'get',
    path: '/api/monthly-reports',
    tags: ['月报'],
    summary: '某报送期的月报填报表（本人范围内应报项目及其最新版本）',
    permission: 'project.read',
    request: { query: ReportListQuery },
    responses: { 200: json(GridAnswer, '填报表'), ...errorResponses },
  }),
  saveDraft: defineRoute({
    method: 'put',
    path: '/api/monthly-reports/{projectId}/{period}',
    tags: ['月报'],
    summary: '保存月报草稿（version 为草稿版本，新建时为 0）',
    permission: 'report.fill',
    request: { params: ProjectPeriodParam, ...body(SaveDraftBody) },
    responses: { 200: json(MonthlyReport, '已保存'), ...errorResponses },
  }),
  get: defineRoute({
    method: 'get',
    path: '/api/monthly-reports/{id}',
    tags: ['月报'],
    summary: '月报详情及本期各版本',
    permission: 'project.read',
    request: { params: ReportIdParam },
    responses: { 200: json(ReportWithRevisions, '月报'), ...errorResponses },
  }),
  submit: defineRoute({
    method: 'post',
    path: '/api/monthly-reports/{id}/submit',
    tags: ['月报'],
    summary: '提交月报（提交后不可修改）',
    permission: 'report.fill',
    request: { params: ReportIdParam },
    responses: { 200: json(MonthlyReport, '已提交'), ...errorResponses },
  }),
  approve: defineRoute({
    method: 'post',
    path: '/api/monthly-reports/{id}/approve',
    tags: ['月报'],
    summary: '审核通过',
    permission: 'report.review',
    request: { params: ReportIdParam, ...body(ReviewBody) },
    responses: { 200: json(MonthlyReport, '已通过'), ...errorResponses },
  }),
  return: defineRoute({
    method: 'post',
    path: '/api/monthly-reports/{id}/return',
    tags: ['月报'],
    summary: '退回（须填写原因）',
    permission: 'report.review',
    request: { params: ReportIdParam, ...body(ReturnBody) },
    responses: { 200: json(MonthlyReport, '已退回'), ...errorResponses },
  }),
  batchReview: defineRoute({
    method: 'post',
    path: '/api/monthly-reports/batch-review',
    tags: ['月报'],
    summary: '批量审核：以同一审核意见通过或退回多份待审核月报（每份一条审计记录；整批处理，任一份不能处理则全部不变，并逐份说明原因）',
    permission: 'report.review',
    request: body(BatchReviewBody),
    responses: { 200: json(BatchReportResult, '已处理'), ...errorResponses },
  }),
  batchSubmit: defineRoute({
    method: 'post',
    path: '/api/monthly-reports/batch-submit',
    tags: ['月报'],
    summary: '批量提交草稿（提交后不可修改；整批处理，任一份不能提交则全部不变，并逐份说明原因）',
    permission: 'report.fill',
    request: body(BatchSubmitBody),
    responses: { 200: json(BatchReportResult, '已提交'), ...errorResponses },
  }),
  revise: defineRoute({
    method: 'post',
    path: '/api/monthly-reports/{id}/revise',
    tags: ['月报'],
    summary: '更正：生成新版本草稿（须填写原因）',
    permission: 'report.fill',
    request: { params: ReportIdParam, ...body(ReviseBody) },
    responses: { 200: json(MonthlyReport, '新版本草稿'), ...errorResponses },
  }),
  photos: defineRoute({
    method: 'get',
    path: '/api/monthly-reports/{id}/photos',
    tags: ['月报'],
    summary: '月报现场照片',
    permission: 'project.read',
    request: { params: ReportIdParam },
    responses: { 200: json(ReportPhotos, '照片'), ...errorResponses },
  }),
  addPhoto: defineRoute({
    method: 'post',
    path: '/api/monthly-reports/{id}/photos',
    tags: ['月报'],
    summary: '上传现场照片（JPG/PNG，草稿可添加，每份最多 9 张；下载走 /api/documents/{id}/download）',
    permission: 'report.fill',
    upload: { maxBytes: MAX_PHOTO_BYTES, what: '单张照片' },
    request: { params: ReportIdParam, body: { content: { 'multipart/form-data': { schema: PhotoBody } }, required: true } },
    responses: { 201: json(UploadedReportPhoto, '已上传'), ...errorResponses },
  }),
  periods: defineRoute({
    method: 'get',
    path: '/api/periods',
    tags: ['月报'],
    summary: '报送期（截止日遇节假日顺延）',
    permission: 'project.read',
    request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
    responses: { 200: json(PeriodsAnswer, '报送期'), ...errorResponses },
  }),
  close: defineRoute({
    method: 'post',
    path: '/api/periods/{period}/close',
    tags: ['月报'],
    summary: '关闭报送期（冻结，并登记缺报迟报）',
    permission: 'period.manage',
    request: { params: PeriodParam },
    responses: { 200: json(ReportingPeriod, '已关闭'), ...errorResponses },
  }),
  historyEntry: defineRoute({
    method: 'post',
    path: '/api/periods/history-entry',
    tags: ['月报'],
    summary: '开启或结束补录历史数据模式（某一已过去的报送期，或某年全部已过去的报送期；补录的月报不计迟报、不登记缺报迟报）',
    permission: 'period.manage',
    request: body(HistoryEntryBody),
    responses: { 200: json(HistoryEntryAnswer, '已开启或结束'), ...errorResponses },
  }),
  lateness: defineRoute({
    method: 'get',
    path: '/api/periods/{period}/lateness',
    tags: ['月报'],
    summary: '缺报、迟报情况（按部门）',
    permission: 'project.read',
    request: { params: PeriodParam },
    responses: { 200: json(LatenessAnswer, '缺报迟报'), ...errorResponses },
  }),
  requestReopen: defineRoute({
    method: 'post',
    path: '/api/periods/{period}/reopen-requests',
    tags: ['月报'],
    summary: '申请重开已关闭的报送期',
    permission: 'report.fill',
    request: { params: PeriodParam, ...body(z.object({ reason: z.string().trim().min(2, '请填写重开理由').max(2000) }).strict()) },
    responses: { 201: json(PeriodReopenRequest, '已提交'), ...errorResponses },
  }),
  reopenRequests: defineRoute({
    method: 'get',
    path: '/api/period-reopen-requests',
    tags: ['月报'],
    summary: '重开申请',
    permission: 'project.read',
    responses: { 200: json(PeriodReopenRequests, '申请列表'), ...errorResponses },
  }),
  decideReopen: defineRoute({
    method: 'post',
    path: '/api/period-reopen-requests/{id}/decision',
    tags: ['月报'],
    summary: '审批重开申请（由申请时按「重开审批人」规则确定的审批人审批：本级发改局其他人员、本级领导或市级发改局）',
    permission: 'period.reopen.decide',
    request: { params: ReportIdParam, ...body(z.object({ approve: z.boolean(), comment: z.string().trim().max(2000).nullish() }).strict()) },
    responses: { 204: { description: '已处理' }, ...errorResponses },
  }),
  summary: defineRoute({
    method: 'get',
    path: '/api/summaries/{period}',
    tags: ['月报'],
    summary: '发改局月度汇总（达到本级统计起点的项目，所用投资额口径见 thresholds；divisionCode 可为市、省代码做汇总）',
    permission: 'summary.read',
    request: { params: PeriodParam, query: SummaryQuery },
    responses: { 200: json(MonthlySummary, '汇总'), ...errorResponses },
  }),
  headlineSummary: defineRoute({
    method: 'get',
    path: '/api/summaries',
    tags: ['月报'],
    summary: '默认期的月度汇总：最近一个已到汇总日的报送期（未关闭的标注为初步，见 figureStatus、figureNote）',
    permission: 'summary.read',
    request: { query: SummaryQuery },
    responses: { 200: json(MonthlySummary, '汇总'), ...errorResponses },
  }),
};

// A report of an open period is named as one: 「……分析报告（初步）.docx」.
const preliminaryMark = (status: FigureStatus) => (status === 'preliminary' ? '（初步）' : '');

// The 落款 of an analysis report: the 发改局 user's own unit, else the division's 发改局.
function issuerOf(actor: Actor, divisionName: string): string {
  return issuesReportsAs(actor) ?? `${divisionName}发展和改革局`;
}

/** The monthly cycle: report grid, drafts, submission, review, revisions, periods, summary. */
export function monthlyReportRoutes() {
  return createRouter()
    .openapi(routes.reportDocx, async (c) => {
      const actor = requireActor(c);
      const { database } = c.get('deps');
      const { docNumber, addressee, divisionCode } = c.req.valid('query');
      const summary = await getSummary(database, actor, c.req.valid('param').period, divisionCode);
      const growthTarget = await reportGrowthTarget(database, actor, summary);
      const { figureStatus } = summary;
      const bytes = await renderMonthlyReportDocx(summary, { docNumber, addressee, issuer: issuerOf(actor, summary.divisionName), growthTarget, figureStatus });
      return download(bytes, DOCX, `${summary.divisionName}${summary.year}年${summary.cumulativeLabel}项目建设运行分析报告${preliminaryMark(figureStatus)}.docx`);
    })
    .openapi(routes.quarterlyDocx, async (c) => {
      const actor = requireActor(c);
      const { database } = c.get('deps');
      const { docNumber, addressee, divisionCode } = c.req.valid('query');
      const quarter = await getQuarterFigures(database, actor, c.req.valid('param').period, divisionCode);
      const growthTarget = await reportGrowthTarget(database, actor, quarter.end);
      const { figureStatus } = quarter.end;
      const bytes = await renderQuarterlyReportDocx(quarter, { docNumber, addressee, issuer: issuerOf(actor, quarter.end.divisionName), growthTarget, figureStatus });
      return download(bytes, DOCX, `${quarter.end.divisionName}${quarter.year}年${quarter.name}项目建设分析报告${preliminaryMark(figureStatus)}.docx`);
    })
    .openapi(routes.tablesXlsx, async (c) => {
      const summary = await getSummary(c.get('deps').database, requireActor(c), c.req.valid('param').period, c.req.valid('query').divisionCode);
      return download(await renderSummaryXlsx(summary), XLSX, `${summary.divisionName}${summary.year}年${summary.cumulativeLabel}项目调度汇总表${preliminaryMark(summary.figureStatus)}.xlsx`);
    })
    .openapi(routes.template, async (c) => {
      const { bytes, filename } = await reportTemplate(c.get('deps').database, requireActor(c), c.req.valid('query').period);
      return download(bytes, XLSX, filename);
    })
    .openapi(routes.import, async (c) => {
      const file = await readXlsxUpload(c.req.valid('form').file, { what: '填报表', maxBytes: MAX_REPORT_IMPORT_BYTES });
      const { period, commit } = c.req.valid('query');
      return c.json(await importReports(c.get('deps').database, requireActor(c), period, file, commit === 'true'), 200);
    })
    .openapi(routes.grid, async (c) => c.json(await reports.reportGrid(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.saveDraft, async (c) => {
      const { projectId, period } = c.req.valid('param');
      return c.json(await reports.saveDraft(c.get('deps').database, requireActor(c), projectId, period, c.req.valid('json')), 200);
    })
    .openapi(routes.get, async (c) => c.json(await reports.getReport(c.get('deps').database, requireActor(c), c.req.valid('param').id), 200))
    .openapi(routes.submit, async (c) => c.json(await reports.submitReport(c.get('deps').database, requireActor(c), c.req.valid('param').id), 200))
    .openapi(routes.approve, async (c) =>
      c.json(await reports.reviewReport(c.get('deps').database, requireActor(c), c.req.valid('param').id, { approve: true, comment: c.req.valid('json').comment }), 200),
    )
    .openapi(routes.return, async (c) =>
      c.json(await reports.reviewReport(c.get('deps').database, requireActor(c), c.req.valid('param').id, { approve: false, comment: c.req.valid('json').comment }), 200),
    )
    .openapi(routes.batchReview, async (c) => c.json(await reports.reviewReports(c.get('deps').database, requireActor(c), c.req.valid('json')), 200))
    .openapi(routes.batchSubmit, async (c) => c.json(await reports.submitReports(c.get('deps').database, requireActor(c), c.req.valid('json')), 200))
    .openapi(routes.revise, async (c) => c.json(await reports.reviseReport(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json').reason), 200))
    .openapi(routes.photos, async (c) => c.json({ data: await reports.listReportPhotos(c.get('deps').database, requireActor(c), c.req.valid('param').id) }, 200))
    .openapi(routes.addPhoto, async (c) => {
      const { database, config } = c.get('deps');
      return c.json(await reports.addReportPhoto(database, config.filesDir, requireActor(c), c.req.valid('param').id, c.req.valid('form').file, uploadQuotaBytes(config)), 201);
    })
    .openapi(routes.periods, async (c) =>
      c.json(await periods.listPeriods(c.get('deps').database, requireActor(c), c.req.valid('query').year ?? new Date().getFullYear()), 200),
    )
    .openapi(routes.close, async (c) => c.json(await periods.closePeriod(c.get('deps').database, requireActor(c), c.req.valid('param').period), 200))
    .openapi(routes.historyEntry, async (c) => c.json(await periods.setHistoryEntry(c.get('deps').database, requireActor(c), c.req.valid('json')), 200))
    .openapi(routes.lateness, async (c) => c.json(await periods.latenessReport(c.get('deps').database, requireActor(c), c.req.valid('param').period), 200))
    .openapi(routes.requestReopen, async (c) =>
      c.json(await periods.requestReopen(c.get('deps').database, requireActor(c), c.req.valid('param').period, c.req.valid('json').reason), 201),
    )
    .openapi(routes.reopenRequests, async (c) => c.json({ data: await periods.listReopenRequests(c.get('deps').database, requireActor(c)) }, 200))
    .openapi(routes.decideReopen, async (c) => {
      const { approve, comment } = c.req.valid('json');
      await periods.decideReopen(c.get('deps').database, requireActor(c), c.req.valid('param').id, approve, comment ?? null);
      return c.body(null, 204);
    })
    .openapi(routes.summary, async (c) =>
      c.json(await getSummary(c.get('deps').database, requireActor(c), c.req.valid('param').period, c.req.valid('query').divisionCode), 200),
    )
    .openapi(routes.headlineSummary, async (c) => c.json(await getHeadlineSummary(c.get('deps').database, requireActor(c), c.req.valid('query').divisionCode), 200));
}
