import type { MonthlySummary } from '../../../common/summary';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { createMetricContext } from '../../platform/metrics/define-metric';
import { metrics } from '../../platform/metrics/providers';

/**
 * The growth target an analysis report measures the year against: the 发改局's target of the
 * summary's division and year (else the division's default rule), read from the metric registry.
 */
export async function reportGrowthTarget(database: Database, actor: Actor, summary: Pick<MonthlySummary, 'divisionCode' | 'year' | 'period'>): Promise<number> {
  const ctx = createMetricContext({ database, actor, divisionCode: summary.divisionCode, year: summary.year, period: summary.period });
  const target = await metrics().compute('fai_growth_target', ctx);
  if (target === null) throw new Error('no metric provides fai_growth_target');
  return Number(target);
}
