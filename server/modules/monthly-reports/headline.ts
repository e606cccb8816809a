import { sql } from 'drizzle-orm';
import { regionCondition } from '../../platform/auth/scope';
import { rowsOf, type DbOrTx } from '../../platform/db/client';
import { divisions } from '../org';
import { cycleSettings } from './monthly-reports.service';
import { reportingPeriods } from './monthly-reports.tables';
import { beijingDate, headlinePeriod, periodSpec, type FigureStatus } from './periods';

/** The headline period of a division on a day, with its labels and whether its figures are final. */
export interface Headline {
  period: string;
  /** 「10月」, 「1—2月」. */
  label: string;
  /** 「1—10月」. */
  cumulativeLabel: string;
  year: number;
  figureStatus: FigureStatus;
}

/** How far a period is closed across a division: a county is one; a city or province counts the counties under it. */
export interface PeriodClosure {
  counties: number;
  closed: number;
  figureStatus: FigureStatus;
}

/**
 * Whether a period is closed for a division: final ('正式') for a county once it closed the
 * period, for a city or province only when every county under it has; otherwise preliminary.
 */
export async function periodClosureOf(db: DbOrTx, divisionCode: string, period: string): Promise<PeriodClosure> {
  const [row] = rowsOf<{ counties: number; closed: number }>(
    await db.execute(sql`
      select (select count(*)::int from ${divisions} where level = 'county' and ${regionCondition(divisions.code, divisionCode)}) as counties,
        (select count(*)::int from ${reportingPeriods} where ${regionCondition(reportingPeriods.divisionCode, divisionCode)} and period = ${period} and status = 'closed') as closed`),
  );
  const isFinal = row.counties > 0 && row.closed >= row.counties;
  return { counties: row.counties, closed: row.closed, figureStatus: isFinal ? 'final' : 'preliminary' };
}

/**
 * The period every page and document states "the" figures of a division for on a day (the
 * latest period whose summary is due, `headlinePeriod`), with its labels and status. The
 * cockpit, the summary, targets and the Word report all read it from here.
 */
export async function headlineOf(db: DbOrTx, divisionCode: string, now: Date = new Date()): Promise<Headline> {
  const settings = await cycleSettings(db, divisionCode);
  const spec = periodSpec(headlinePeriod(beijingDate(now), settings), settings);
  const { figureStatus } = await periodClosureOf(db, divisionCode, spec.period);
  return { period: spec.period, label: spec.label, cumulativeLabel: spec.cumulativeLabel, year: spec.year, figureStatus };
}
