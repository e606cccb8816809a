import { and, eq, gte, inArray, like, lte, or, sql } from 'drizzle-orm';
import { divisionChain } from '../../platform/auth/scope';
import type { DbOrTx } from '../../platform/db/client';
import { divisions } from '../org';
import { summarySnapshots } from './monthly-reports.tables';

/** The longest stale reason kept (several corrected months are listed, then cut). */
const MAX_REASON = 400;

/**
 * Marks stale every kept summary a county's changed month feeds: the county's own and its
 * city's and province's roll-ups, for that period, every later period of the same year (their
 * year-to-date includes it) and every period of the next year (its 同期). The next read
 * recomputes them and says why. `what` names the change: 「2026-03 月报更正」.
 */
export async function markSnapshotsStale(tx: DbOrTx, countyCode: string, period: string, what: string): Promise<void> {
  const year = Number(period.slice(0, 4));
  const fed = or(and(gte(summarySnapshots.period, period), lte(summarySnapshots.period, `${year}-12`)), like(summarySnapshots.period, `${year + 1}-%`));
  const mark = (reason: string) =>
    sql`case when ${summarySnapshots.staleReason} is null then ${reason}
      when strpos(${summarySnapshots.staleReason}, ${reason}) > 0 then ${summarySnapshots.staleReason}
      else left(${summarySnapshots.staleReason} || '；' || ${reason}, ${MAX_REASON}) end`;
  await tx
    .update(summarySnapshots)
    .set({ staleReason: mark(what) })
    .where(and(eq(summarySnapshots.divisionCode, countyCode), fed));
  const above = divisionChain(countyCode).filter((code) => code !== countyCode);
  if (!above.length) return;
  // A roll-up names the county whose month changed.
  const [county] = await tx.select({ name: divisions.name }).from(divisions).where(eq(divisions.code, countyCode));
  await tx
    .update(summarySnapshots)
    .set({ staleReason: mark(`${county?.name ?? countyCode} ${what}`) })
    .where(and(inArray(summarySnapshots.divisionCode, above), fed));
}
