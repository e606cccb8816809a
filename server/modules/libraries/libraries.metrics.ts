import { defineMetric, type MetricContext } from '../../platform/metrics/define-metric';
import { reserveRatio } from './libraries.service';

// One count of the caller's region serves the four figures.
const counts = (ctx: MetricContext) => ctx.memo('libraries.reserve', () => reserveRatio(ctx.db, ctx.actor, ctx.year, ctx.divisionCode));

/** The figures the libraries module provides: the reserve ratio of SPEC §2 and what it is made of. */
export const libraryMetrics = [
  defineMetric({ key: 'reserve_projects', label: '储备项目数', unit: 'count', basis: '尚未开工（储备/前期/具备开工条件）、达到统计起点的项目数', compute: async (ctx) => String((await counts(ctx)).reserveCount) }),
  defineMetric({ key: 'implemented_projects', label: '本年实施项目数', unit: 'count', basis: '在建或本年开工、竣工、达到统计起点的项目数', compute: async (ctx) => String((await counts(ctx)).implementedCount) }),
  defineMetric({ key: 'reserve_ratio', label: '储备比', unit: 'ratio', basis: '储备项目数 ÷ 本年实施项目数', compute: async (ctx) => (await counts(ctx)).ratio }),
  defineMetric({ key: 'reserve_ratio_target', label: '储备比目标', unit: 'ratio', basis: '规则设置「项目储备」', compute: async (ctx) => String((await counts(ctx)).target) }),
];
