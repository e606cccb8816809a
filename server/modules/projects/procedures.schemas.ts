import { z } from '@hono/zod-openapi';
import { PROCEDURE_DUE_FILTERS } from '../../../common/procedure-filters';
import { APPROVAL_TYPES, PROCEDURE_STATUSES } from '../../../common/projects';

/** Statuses of a procedure still to be done (the list shows only these). */
const OPEN_PROCEDURE_STATUSES = ['not_started', 'in_progress'] as const;

const isoDate = z.string().date('日期格式应为 YYYY-MM-DD');

/** One 前期手续 of a project's checklist. */
export const Procedure = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    sortOrder: z.number(),
    isRequiredForStart: z.boolean(),
    status: z.enum(PROCEDURE_STATUSES),
    approvingOffice: z.string().nullable(),
    approvalNo: z.string().nullable(),
    approvalDate: z.string().nullable(),
    responsiblePerson: z.string().nullable(),
    dueDate: z.string().nullable(),
    blockingProblem: z.string().nullable(),
    waiverReason: z.string().nullable(),
    version: z.number(),
  })
  .openapi('Procedure');

export const Procedures = z.object({ data: z.array(Procedure) }).openapi('Procedures');

export const UpdateProcedureBody = z
  .object({
    version: z.number().int().positive(),
    status: z.enum(PROCEDURE_STATUSES).optional(),
    approvingOffice: z.string().trim().max(100).nullish(),
    approvalNo: z.string().trim().max(100).nullish(),
    approvalDate: isoDate.nullish(),
    responsiblePerson: z.string().trim().max(32).nullish(),
    dueDate: isoDate.nullish(),
    blockingProblem: z.string().trim().max(1000).nullish(),
    waiverReason: z.string().trim().max(1000).nullish(),
  })
  .strict()
  .openapi('UpdateProcedureBody');

/** The filters of the 前期手续 list (without paging): the export takes the same. */
export const StuckFilters = z.object({
  /** 手续类型: the procedure's key (eia, land_pre_review …). */
  key: z.string().trim().max(32).optional(),
  status: z.enum(OPEN_PROCEDURE_STATUSES).optional(),
  /** 办理时限: overdue, due within 30 days, or no 办结时限 set. */
  due: z.enum(PROCEDURE_DUE_FILTERS).optional(),
  /** Kept for callers of the first version: the same as `due=overdue`. */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  departmentId: z.string().uuid('主管部门编号格式不正确').optional(),
  townshipId: z.string().uuid('乡镇编号格式不正确').optional(),
  /** Project name or owner, any two characters. */
  q: z.string().trim().max(100).optional(),
});
export type StuckFilterInput = z.infer<typeof StuckFilters>;

export const StuckQuery = StuckFilters.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** A procedure still open on a project not yet started, with its project. */
export const StuckProcedure = Procedure.extend({
  projectId: z.string(),
  projectName: z.string(),
  departmentName: z.string().nullable(),
  townshipName: z.string().nullable(),
  isOverdue: z.boolean(),
}).openapi('StuckProcedure');

export const StuckAnswer = z
  .object({
    summary: z.array(z.object({ key: z.string(), name: z.string(), pending: z.number(), overdue: z.number(), blocked: z.number() })),
    data: z.array(StuckProcedure),
    total: z.number(),
  })
  .openapi('StuckProcedures');

export const SavedFilter = z.object({ id: z.string(), name: z.string(), query: z.string() }).openapi('SavedFilter');
export const SavedFilters = z.object({ data: z.array(SavedFilter) }).openapi('SavedFilters');

/** One item of a 前期手续 checklist template. */
export const ProcedureTemplateItem = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, '手续代码应为小写字母开头的字母、数字或下划线'),
  name: z.string().trim().min(2, '手续名称至少 2 个字').max(64),
  office: z.string().trim().max(100),
  isRequiredForStart: z.boolean(),
});

/** The division's checklist template for one approval type; `isDefault`: no own copy saved yet, the built-in default applies. */
export const ProcedureTemplate = z
  .object({ approvalType: z.enum(APPROVAL_TYPES), label: z.string(), items: z.array(ProcedureTemplateItem), isDefault: z.boolean(), version: z.number() })
  .openapi('ProcedureTemplate');

export const ProcedureTemplates = z.object({ data: z.array(ProcedureTemplate) }).openapi('ProcedureTemplates');

export const SaveTemplateBody = z
  .object({ version: z.number().int().min(0), items: z.array(ProcedureTemplateItem).min(1, '模板至少包含一项手续').max(30) })
  .strict();
