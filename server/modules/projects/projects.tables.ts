import { sql } from 'drizzle-orm';
import {
  char,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/** Exact money in 万元 with 4 decimals (1 元). Read and written as decimal strings. */
const wan = (name: string) => numeric(name, { precision: 18, scale: 4 });

/** 项目 — one investment project of a division. */
export const projects = pgTable(
  'projects',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    /** 项目代码 issued by the national online approval platform; never generated here. */
    code: varchar('code', { length: 32 }),
    codeKind: varchar('code_kind', { length: 8 }),
    /** 储备编号, generated per division (e.g. HX-2024-0001). */
    reserveNo: varchar('reserve_no', { length: 32 }).notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    ownerUnitId: uuid('owner_unit_id').notNull(),
    departmentId: uuid('department_id'),
    townshipId: uuid('township_id'),
    parkId: uuid('park_id'),
    sector: varchar('sector', { length: 16 }).notNull(),
    industryCode: char('industry_code', { length: 2 }),
    constructionNature: varchar('construction_nature', { length: 16 }).notNull().default('new'),
    /** 审批类型 — decides which preliminary procedures apply (审批 / 核准 / 备案). */
    approvalType: varchar('approval_type', { length: 16 }).notNull().default('government'),
    scaleContent: text('scale_content'),
    totalInvestment: wan('total_investment').notNull(),
    plannedStart: date('planned_start'),
    plannedCompletion: date('planned_completion'),
    actualStart: date('actual_start'),
    actualCompletion: date('actual_completion'),
    stage: varchar('stage', { length: 16 }).notNull().default('reserve'),
    /** The stage before 暂缓, to resume to. */
    stageBeforeSuspension: varchar('stage_before_suspension', { length: 16 }),
    maturity: varchar('maturity', { length: 16 }).notNull().default('concept'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    leaderName: varchar('leader_name', { length: 32 }),
    leaderUserId: uuid('leader_user_id'),
    longitude: numeric('longitude', { precision: 9, scale: 6 }),
    latitude: numeric('latitude', { precision: 9, scale: 6 }),
    remarks: text('remarks'),
    /** Lower-cased name, owner, code and 储备编号: what the text search matches. */
    searchText: text('search_text').notNull().default(''),
    /** Character bigrams of `search_text`, so a substring search narrows through a GIN index first. */
    searchGrams: text('search_grams').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.divisionCode, t.id] }),
    unique('projects_division_reserve_no_key').on(t.divisionCode, t.reserveNo),
    index('projects_id_idx').on(t.id),
    index('projects_search_grams_idx').using('gin', t.searchGrams),
    index('projects_tags_idx').using('gin', t.tags),
    index('projects_division_stage_idx').on(t.divisionCode, t.stage),
    index('projects_division_department_idx').on(t.divisionCode, t.departmentId),
    index('projects_division_township_idx').on(t.divisionCode, t.townshipId),
    index('projects_division_owner_idx').on(t.divisionCode, t.ownerUnitId),
    index('projects_division_investment_idx').on(t.divisionCode, t.totalInvestment),
    index('projects_division_updated_idx').on(t.divisionCode, t.updatedAt),
  ],
);

/**
 * National project codes are unique across the whole platform, whatever division holds
 * the project: a small reference table keyed by the code enforces it (a distributed
 * table could only enforce uniqueness per division).
 */
export const projectCodes = pgTable('project_codes', {
  code: varchar('code', { length: 32 }).primaryKey(),
  divisionCode: char('division_code', { length: 6 }).notNull(),
  projectId: uuid('project_id').notNull(),
});

/** 资金来源 — the split of total investment by source; foreign money keeps its currency. */
export const projectFunding = pgTable(
  'project_funding',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    projectId: uuid('project_id').notNull(),
    source: varchar('source', { length: 16 }).notNull(),
    amount: wan('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull().default('CNY'),
    /** Amount in the original currency (units of that currency, not 万). */
    originalAmount: numeric('original_amount', { precision: 20, scale: 2 }),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.projectId, t.source] })],
);

/** 三年滚动计划 and 年度计划: planned investment per year. */
export const projectYearPlans = pgTable(
  'project_year_plans',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    projectId: uuid('project_id').notNull(),
    year: smallint('year').notNull(),
    planned: wan('planned').notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.projectId, t.year] })],
);

/** 阶段变更 — every stage transition, shown on the project's timeline. */
export const stageTransitions = pgTable(
  'stage_transitions',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    projectId: uuid('project_id').notNull(),
    fromStage: varchar('from_stage', { length: 16 }),
    toStage: varchar('to_stage', { length: 16 }).notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    actorName: varchar('actor_name', { length: 64 }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.id] }), index('stage_transitions_project_idx').on(t.divisionCode, t.projectId, t.at)],
);

/** Per-division counter for 储备编号. */
export const reserveCounters = pgTable(
  'reserve_counters',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    year: smallint('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.year] })],
);

/** Saved list filters of a user (named queries of the project list). */
export const savedFilters = pgTable(
  'saved_filters',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    userId: uuid('user_id').notNull(),
    name: varchar('name', { length: 64 }).notNull(),
    query: text('query').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.id] }), unique('saved_filters_user_name_key').on(t.divisionCode, t.userId, t.name)],
);
