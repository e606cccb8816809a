import { z } from '@hono/zod-openapi';
import { LIBRARY_KINDS, LIBRARY_REQUEST_KINDS, LIBRARY_REQUEST_STATUSES } from '../../../common/projects';
import { LIBRARY_REQUEST_ACTIONS } from './libraries.actions';

export const Library = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(LIBRARY_KINDS),
    ownerUnitId: z.string().nullable(),
    ownerUnitName: z.string().nullable(),
    entryCriteria: z.string().nullable(),
    sortOrder: z.number(),
    isActive: z.boolean(),
    projectCount: z.number(),
    version: z.number(),
  })
  .openapi('Library');

export const ReserveRatio = z
  .object({
    reserveCount: z.number(),
    implementedCount: z.number(),
    ratio: z.string().nullable(),
    target: z.number(),
    isBelowTarget: z.boolean(),
    /** The division's 统计起点 in 万元: only projects at least this large count. */
    countedMinWan: z.number(),
  })
  .openapi('ReserveRatio');

/** The configured libraries and the county's reserve ratio. */
export const LibraryList = z.object({ data: z.array(Library), reserveRatio: ReserveRatio }).openapi('LibraryList');

export const CreateLibraryBody = z
  .object({
    name: z.string().trim().min(2, '名称至少 2 个字').max(64, '名称过长'),
    kind: z.enum(LIBRARY_KINDS),
    ownerUnitId: z.string().uuid('主管单位无效').nullish(),
    entryCriteria: z.string().trim().max(2000).nullish(),
    sortOrder: z.number().int().min(0).max(10000).optional(),
  })
  .strict()
  .openapi('CreateLibraryBody');

export const UpdateLibraryBody = z
  .object({
    version: z.number().int().positive(),
    name: z.string().trim().min(2, '名称至少 2 个字').max(64, '名称过长').optional(),
    kind: z.enum(LIBRARY_KINDS).optional(),
    ownerUnitId: z.string().uuid('主管单位无效').nullish(),
    entryCriteria: z.string().trim().max(2000).nullish(),
    sortOrder: z.number().int().min(0).max(10000).optional(),
    isActive: z.boolean().optional(),
  })
  .strict()
  .openapi('UpdateLibraryBody');

export const LibraryRequest = z
  .object({
    id: z.string(),
    projectId: z.string(),
    projectName: z.string().nullable(),
    libraryId: z.string(),
    libraryName: z.string().nullable(),
    kind: z.enum(LIBRARY_REQUEST_KINDS),
    status: z.enum(LIBRARY_REQUEST_STATUSES),
    reason: z.string(),
    changes: z.string().nullable(),
    submittedByName: z.string(),
    submittedAt: z.string(),
    reviewedByName: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewComment: z.string().nullable(),
    canReview: z.boolean(),
    /** What the caller may do to this request (the library-request policy). */
    allowedActions: z.array(z.enum(LIBRARY_REQUEST_ACTIONS)),
    version: z.number(),
  })
  .openapi('LibraryRequest');

export const CreateLibraryRequestBody = z
  .object({
    projectId: z.string().uuid('项目无效'),
    libraryId: z.string().uuid('项目库无效'),
    kind: z.enum(LIBRARY_REQUEST_KINDS),
    reason: z.string().trim().min(2, '请填写申请理由').max(2000),
    changes: z.string().trim().max(2000).nullish(),
  })
  .strict()
  .openapi('CreateLibraryRequestBody');

export const LibraryRequestQuery = z.object({
  status: z.enum(LIBRARY_REQUEST_STATUSES).optional(),
  projectId: z.string().uuid().optional(),
  /** Any part of the project's name. */
  q: z.string().trim().max(100).optional(),
  libraryId: z.string().uuid('项目库编号格式不正确').optional(),
  kind: z.enum(LIBRARY_REQUEST_KINDS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ReviewBody = z.object({ comment: z.string().trim().max(2000).nullish() }).strict().openapi('ReviewBody');
export const ReturnBody = z.object({ comment: z.string().trim().min(2, '退回须填写原因').max(2000) }).strict().openapi('ReturnBody');
export const IdParam = z.object({ id: z.string().uuid('编号格式不正确') });

/** How many requests one batch review takes at most. */
export const MAX_BATCH_REQUESTS = 500;

/**
 * 批量审核 of 入库 / 调整 / 出库 requests: one decision and one 审核意见 for many pending
 * requests, all or nothing (when one cannot take it, none changes and the answer names it).
 */
export const BatchReviewRequestsBody = z
  .object({
    requestIds: z
      .array(z.string().uuid('编号格式不正确'))
      .min(1, '请至少选择一项申请')
      .max(MAX_BATCH_REQUESTS, `一次最多处理 ${MAX_BATCH_REQUESTS} 项申请`),
    decision: z.enum(['approve', 'return']),
    comment: z.string().trim().max(2000).nullish(),
  })
  .strict()
  .refine((body) => body.decision !== 'return' || (body.comment ?? '').length >= 2, { message: '退回须填写原因', path: ['comment'] })
  .openapi('BatchReviewLibraryRequests');

/** What a batch review did: every request it decided. */
export const BatchLibraryRequestResult = z.object({ count: z.number(), data: z.array(LibraryRequest) }).openapi('LibraryRequestBatchResult');
