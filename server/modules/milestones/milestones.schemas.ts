import { z } from '@hono/zod-openapi';
import { MILESTONE_STATUSES } from './milestone-status';

const isoDate = z.string().date('日期格式应为 YYYY-MM-DD');

const milestoneFields = {
  name: z.string().trim().min(2, '里程碑名称至少 2 个字').max(100, '里程碑名称过长'),
  plannedDate: isoDate,
  actualDate: isoDate.nullish(),
  ownerName: z.string().trim().min(1, '请填写责任人').max(64, '责任人过长'),
  ownerUserId: z.string().uuid('责任人账号无效').nullish(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  note: z.string().trim().max(2000, '备注过长').nullish(),
};

export const CreateMilestoneBody = z.object(milestoneFields).strict().openapi('CreateMilestoneBody');
export type CreateMilestoneInput = z.infer<typeof CreateMilestoneBody>;

export const UpdateMilestoneBody = z
  .object({
    version: z.number().int().positive(),
    name: milestoneFields.name.optional(),
    plannedDate: isoDate.optional(),
    actualDate: milestoneFields.actualDate,
    ownerName: milestoneFields.ownerName.optional(),
    ownerUserId: milestoneFields.ownerUserId,
    sortOrder: milestoneFields.sortOrder,
    note: milestoneFields.note,
  })
  .strict()
  .openapi('UpdateMilestoneBody');
export type UpdateMilestoneInput = z.infer<typeof UpdateMilestoneBody>;

export const IdParam = z.object({ id: z.string().uuid('编号格式不正确') });
export const DeleteMilestoneQuery = z.object({ version: z.coerce.number().int().positive() });

export const Milestone = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    plannedDate: z.string(),
    actualDate: z.string().nullable(),
    ownerName: z.string(),
    ownerUserId: z.string().nullable(),
    sortOrder: z.number(),
    note: z.string().nullable(),
    status: z.enum(MILESTONE_STATUSES),
    statusLabel: z.string(),
    isDoneLate: z.boolean().nullable(),
    daysRemaining: z.number().nullable(),
    version: z.number(),
  })
  .openapi('Milestone');

export const ProjectMilestones = z
  .object({
    data: z.array(Milestone),
    rollUpStatus: z.enum(MILESTONE_STATUSES).nullable(),
    today: z.string(),
    canManage: z.boolean(),
  })
  .openapi('ProjectMilestones');

export const PortfolioQuery = z.object({
  /** Project name or owner, any two characters. */
  q: z.string().trim().max(100).optional(),
  leader: z.string().trim().max(32).optional(),
  departmentId: z.string().uuid().optional(),
  townshipId: z.string().uuid().optional(),
  libraryId: z.string().uuid().optional(),
  status: z.enum(MILESTONE_STATUSES).optional(),
});
export type PortfolioFilters = z.infer<typeof PortfolioQuery>;

export const PortfolioRow = z
  .object({
    projectId: z.string(),
    projectName: z.string(),
    divisionCode: z.string(),
    stage: z.string(),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
    townshipName: z.string().nullable(),
    leaderName: z.string().nullable(),
    /** Earliest and latest planned dates: the bar of the Gantt row. */
    plannedStart: z.string(),
    plannedEnd: z.string(),
    status: z.enum(MILESTONE_STATUSES),
    counts: z.object({ overdue: z.number(), at_risk: z.number(), on_time: z.number(), done: z.number() }),
    milestones: z.array(Milestone),
  })
  .openapi('PortfolioRow');

export const Portfolio = z
  .object({
    today: z.string(),
    atRiskDays: z.number(),
    data: z.array(PortfolioRow),
    /** Projects matching every filter (the rows shown, unless `isTruncated`). */
    total: z.number(),
    /** Projects per roll-up status over the whole answer (before the status filter). */
    summary: z.object({ overdue: z.number(), at_risk: z.number(), on_time: z.number(), done: z.number() }),
    /** True when more projects matched than the answer holds. */
    isTruncated: z.boolean(),
  })
  .openapi('Portfolio');
