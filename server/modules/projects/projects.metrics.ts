import { and, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { regionCondition } from '../../platform/auth/scope';
import { defineMetric, type MetricContext } from '../../platform/metrics/define-metric';
import { investmentThresholds } from './projects.rules';
import { projects } from './projects.tables';

const RESERVE_STAGES = ['planning', 'reserve', 'preliminary', 'ready'];
const COUNTS = ['reserve_new', 'construction_projects', 'major_projects'] as const;
type CountKey = (typeof COUNTS)[number];
type Counts = Record<CountKey, number>;

/**
 * The project counts of a division's year in one pass, grouped by (department, township): the
 * division's figure is the sum of the groups, a unit's the sum of the groups it appears in.
 * Dates of creation are taken in Beijing time; thresholds are the division's rules.
 */
function projectCounts(ctx: MetricContext) {
  return ctx.memo('projects.counts', async () => {
    const { year, divisionCode } = ctx;
    const rules = await ctx.rules(investmentThresholds, divisionCode);
    const counted = String(rules.countedMinWan);
    const createdFrom = new Date(`${year}-01-01T00:00:00+08:00`);
    const createdTo = new Date(`${year + 1}-01-01T00:00:00+08:00`);
    const startedThisYear = and(gte(projects.actualStart, `${year}-01-01`), lt(projects.actualStart, `${year + 1}-01-01`));
    const reserveNew = and(inArray(projects.stage, RESERVE_STAGES), gte(projects.totalInvestment, counted), gte(projects.createdAt, createdFrom), lt(projects.createdAt, createdTo));
    const construction = and(gte(projects.totalInvestment, counted), startedThisYear);
    const major = and(gte(projects.totalInvestment, String(rules.majorMinWan)), or(eq(projects.stage, 'construction'), startedThisYear));
    const groups = await ctx.db
      .select({
        departmentId: projects.departmentId,
        townshipId: projects.townshipId,
        reserve_new: sql<number>`count(*) filter (where ${reserveNew})::int`,
        construction_projects: sql<number>`count(*) filter (where ${construction})::int`,
        major_projects: sql<number>`count(*) filter (where ${major})::int`,
      })
      .from(projects)
      // A city or province counts every county under it.
      .where(and(regionCondition(projects.divisionCode, divisionCode), or(reserveNew, construction, major)))
      .groupBy(projects.departmentId, projects.townshipId);
    const total: Counts = { reserve_new: 0, construction_projects: 0, major_projects: 0 };
    for (const g of groups) for (const k of COUNTS) total[k] += Number(g[k]);
    const ofUnit = (unitId: string): Counts => {
      const counts: Counts = { reserve_new: 0, construction_projects: 0, major_projects: 0 };
      for (const g of groups) {
        if (g.departmentId !== unitId && g.townshipId !== unitId) continue;
        for (const k of COUNTS) counts[k] += Number(g[k]);
      }
      return counts;
    };
    return { total, ofUnit };
  });
}

function countMetric(key: CountKey, label: string, basis: string) {
  return defineMetric({
    key,
    label,
    unit: 'count',
    basis,
    compute: async (ctx) => String((await projectCounts(ctx)).total[key]),
    computeByUnit: async (ctx) => {
      const { ofUnit } = await projectCounts(ctx);
      return (unitId) => String(ofUnit(unitId)[key]);
    },
  });
}

/** The figures the projects module provides (the targets 谋划储备, 开工建设, 亿元以上重大项目). */
export const projectMetrics = [
  countMetric('reserve_new', '谋划储备项目', '本年新建、处于谋划/储备/前期/具备开工条件阶段、达到统计起点（默认 500 万元）的项目数'),
  countMetric('construction_projects', '开工建设项目', '本年实际开工、达到统计起点（默认 500 万元）的项目数'),
  countMetric('major_projects', '亿元以上重大项目', '达到重大项目标准（默认 1 亿元）、在建或本年开工的项目数'),
];
