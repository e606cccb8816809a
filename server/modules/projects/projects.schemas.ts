import { z } from '@hono/zod-openapi';
import {
  APPROVAL_TYPES,
  CONSTRUCTION_NATURES,
  FUNDING_SOURCES,
  INVESTMENT_BANDS,
  MATURITIES,
  SECTORS,
  STAGES,
} from '../../../common/projects';
import { PROJECT_ACTIONS } from './projects.actions';

/** Money in 万元 as a decimal string: up to 14 integer digits and 4 decimals (1 元). */
export const Wan = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,4})?$/, '金额应为不小于 0 的数字（万元，最多四位小数）')
  .openapi({ example: '12000.5' });

const isoDate = z.string().date('日期格式应为 YYYY-MM-DD');
const uuid = (message: string) => z.string().uuid(message);
const BAND_KEYS = INVESTMENT_BANDS.map((b) => b.key) as [string, ...string[]];

export const FundingItem = z
  .object({
    source: z.enum(FUNDING_SOURCES),
    amount: Wan,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, '币种应为三位字母代码，如 USD')
      .default('CNY'),
    originalAmount: z
      .string()
      .regex(/^\d{1,16}(\.\d{1,2})?$/, '原币金额格式不正确')
      .nullish(),
  })
  .openapi('FundingItem');

export const YearPlan = z.object({ year: z.number().int().min(2000).max(2100), planned: Wan }).openapi('YearPlan');

const projectFields = {
  name: z.string().trim().min(2, '项目名称至少 2 个字').max(200, '项目名称过长'),
  code: z.string().trim().max(40, '项目代码过长').nullish(),
  ownerUnitId: uuid('建设单位无效'),
  departmentId: uuid('主管部门无效').nullish(),
  townshipId: uuid('所在乡镇无效').nullish(),
  parkId: uuid('所属园区无效').nullish(),
  sector: z.enum(SECTORS),
  industryCode: z
    .string()
    .regex(/^\d{2}$/, '行业大类代码应为两位数字')
    .nullish(),
  approvalType: z.enum(APPROVAL_TYPES).default('government'),
  constructionNature: z.enum(CONSTRUCTION_NATURES).default('new'),
  scaleContent: z.string().trim().max(4000, '建设规模及内容过长').nullish(),
  totalInvestment: Wan,
  funding: z.array(FundingItem).max(20).optional(),
  plannedStart: isoDate.nullish(),
  plannedCompletion: isoDate.nullish(),
  maturity: z.enum(MATURITIES).default('concept'),
  tags: z.array(z.string().trim().min(1).max(32)).max(20).optional(),
  leaderName: z.string().trim().max(32).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  latitude: z.number().min(-90).max(90).nullish(),
  remarks: z.string().trim().max(2000).nullish(),
  yearPlans: z.array(YearPlan).max(10).optional(),
};

export const CreateProjectBody = z
  .object({
    ...projectFields,
    divisionCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    stage: z.enum(['planning', 'reserve']).default('reserve'),
  })
  .strict()
  .openapi('CreateProjectBody');
export type CreateProjectInput = z.infer<typeof CreateProjectBody>;

export const UpdateProjectBody = z
  .object({
    version: z.number().int().positive(),
    name: projectFields.name.optional(),
    code: projectFields.code,
    ownerUnitId: projectFields.ownerUnitId.optional(),
    departmentId: projectFields.departmentId,
    townshipId: projectFields.townshipId,
    parkId: projectFields.parkId,
    sector: projectFields.sector.optional(),
    industryCode: projectFields.industryCode,
    approvalType: z.enum(APPROVAL_TYPES).optional(),
    constructionNature: z.enum(CONSTRUCTION_NATURES).optional(),
    scaleContent: projectFields.scaleContent,
    totalInvestment: Wan.optional(),
    funding: projectFields.funding,
    plannedStart: projectFields.plannedStart,
    plannedCompletion: projectFields.plannedCompletion,
    maturity: z.enum(MATURITIES).optional(),
    tags: projectFields.tags,
    leaderName: projectFields.leaderName,
    longitude: projectFields.longitude,
    latitude: projectFields.latitude,
    remarks: projectFields.remarks,
    yearPlans: projectFields.yearPlans,
  })
  .strict()
  .openapi('UpdateProjectBody');
export type UpdateProjectInput = z.infer<typeof UpdateProjectBody>;

export const ProjectListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  code: z.string().trim().max(40).optional(),
  libraryId: z.string().uuid().optional(),
  stage: z.enum(STAGES).optional(),
  sector: z.enum(SECTORS).optional(),
  departmentId: z.string().uuid().optional(),
  townshipId: z.string().uuid().optional(),
  band: z.enum(BAND_KEYS).optional(),
  leader: z.string().trim().max(32).optional(),
  tag: z.string().trim().max(32).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  sort: z.enum(['name', 'totalInvestment', 'plannedStart', 'updatedAt', 'stage']).default('updatedAt'),
  order: z.enum(['ascend', 'descend']).default('descend'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ProjectListFilters = z.infer<typeof ProjectListQuery>;

export const ProjectListItem = z
  .object({
    id: z.string(),
    divisionCode: z.string(),
    code: z.string().nullable(),
    reserveNo: z.string(),
    name: z.string(),
    ownerUnitId: z.string(),
    ownerUnitName: z.string().nullable(),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
    townshipId: z.string().nullable(),
    townshipName: z.string().nullable(),
    sector: z.string(),
    stage: z.string(),
    totalInvestment: z.string(),
    bands: z.array(z.string()),
    plannedStart: z.string().nullable(),
    plannedCompletion: z.string().nullable(),
    leaderName: z.string().nullable(),
    tags: z.array(z.string()),
    libraryNames: z.array(z.string()),
    version: z.number(),
    updatedAt: z.string(),
    /** What the caller may do to this project (the project policy): the UI shows these buttons only. */
    allowedActions: z.array(z.enum(PROJECT_ACTIONS)),
  })
  .openapi('ProjectListItem');

export const ProjectDetail = ProjectListItem.extend({
  codeKind: z.string().nullable(),
  industryCode: z.string().nullable(),
  approvalType: z.string(),
  constructionNature: z.string(),
  scaleContent: z.string().nullable(),
  parkId: z.string().nullable(),
  parkName: z.string().nullable(),
  maturity: z.string(),
  actualStart: z.string().nullable(),
  actualCompletion: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  remarks: z.string().nullable(),
  funding: z.array(FundingItem),
  yearPlans: z.array(YearPlan),
  libraries: z.array(z.object({ id: z.string(), name: z.string(), enteredAt: z.string() })),
  nextStages: z.array(z.object({ stage: z.string(), label: z.string() })),
}).openapi('ProjectDetail');

export const TransitionBody = z
  .object({
    to: z.enum(STAGES),
    reason: z.string().trim().max(1000).nullish(),
    actualStart: isoDate.nullish(),
    actualCompletion: isoDate.nullish(),
  })
  .strict()
  .openapi('TransitionBody');

export const ProjectIdParam = z.object({ id: z.string().uuid('编号格式不正确') });

/** One stage change of a project (阶段时间轴). */
export const TimelineEntry = z
  .object({ id: z.string(), fromStage: z.string().nullable(), toStage: z.string(), reason: z.string().nullable(), actorName: z.string(), at: z.string() })
  .openapi('TimelineEntry');

export const Timeline = z.object({ data: z.array(TimelineEntry) }).openapi('Timeline');
