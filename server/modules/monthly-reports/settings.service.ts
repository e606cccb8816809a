import { and, eq, like, sql } from 'drizzle-orm';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { plainWan } from '../projects';
import { cycleSettings } from './monthly-reports.service';
import { investmentFigures, reportingSettings } from './monthly-reports.tables';

export interface SettingsInput {
  version: number;
  deadlineDay: number;
  summaryDay: number;
  combineJanFeb: boolean;
  lagMarginPct: number;
  idleMonths: number;
}

/** The monthly-cycle settings of the caller's division. */
export async function getSettings(database: Database, actor: Actor) {
  const [row] = await database.db.select().from(reportingSettings).where(eq(reportingSettings.divisionCode, actor.divisionCode));
  const s = await cycleSettings(database.db, actor.divisionCode);
  return { deadlineDay: s.deadlineDay, summaryDay: s.summaryDay, combineJanFeb: s.combineJanFeb, lagMarginPct: s.lagMarginPct, idleMonths: s.idleMonths, version: row?.version ?? 0 };
}

/** Changes the settings (they apply to periods opened from now on; open periods keep their dates). */
export async function saveSettings(database: Database, actor: Actor, input: SettingsInput) {
  return database.db.transaction(async (tx) => {
    const [current] = await tx.select().from(reportingSettings).where(eq(reportingSettings.divisionCode, actor.divisionCode));
    if ((current?.version ?? 0) !== input.version) throw new AppError('VERSION_CONFLICT');
    const { version, ...values } = input;
    const [row] = current
      ? await tx
          .update(reportingSettings)
          .set({ ...values, version: sql`${reportingSettings.version} + 1`, updatedAt: new Date() })
          .where(and(eq(reportingSettings.divisionCode, actor.divisionCode), eq(reportingSettings.version, version)))
          .returning()
      : await tx.insert(reportingSettings).values({ divisionCode: actor.divisionCode, ...values }).returning();
    if (!row) throw new AppError('VERSION_CONFLICT');
    await recordAudit(tx, { actor: auditActorOf(actor), divisionCode: actor.divisionCode, action: 'settings.saved', entityType: 'settings', entityId: 'reporting', summary: '修改月报调度设置', before: current ?? null, after: row });
    return { ...values, version: row.version };
  });
}

/** Dispatch history and official statistics of a year. */
export async function listFigures(database: Database, actor: Actor, year: number) {
  const rows = await database.db
    .select()
    .from(investmentFigures)
    .where(and(eq(investmentFigures.divisionCode, actor.divisionCode), like(investmentFigures.period, `${year}-%`)));
  return rows.map((r) => ({ period: r.period, kind: r.kind, scope: r.scope, yearCumulative: plainWan(r.yearCumulative), note: r.note }));
}

/**
 * Enters figures kept apart from the platform's reports: last year's dispatch figures
 * (for the year-over-year comparison before the platform was used) and official statistics.
 */
export async function saveFigures(
  database: Database,
  actor: Actor,
  items: Array<{ period: string; kind: 'dispatch' | 'official'; scope: string; yearCumulative: string; note?: string | null }>,
) {
  await database.db.transaction(async (tx) => {
    for (const item of items) {
      await tx
        .insert(investmentFigures)
        .values({ divisionCode: actor.divisionCode, ...item, note: item.note ?? null })
        .onConflictDoUpdate({
          target: [investmentFigures.divisionCode, investmentFigures.period, investmentFigures.kind, investmentFigures.scope],
          set: { yearCumulative: item.yearCumulative, note: item.note ?? null, updatedAt: new Date() },
        });
    }
    await recordAudit(tx, { actor: auditActorOf(actor), divisionCode: actor.divisionCode, action: 'figures.saved', entityType: 'figures', summary: `录入统计数据 ${items.length} 项`, after: items });
  });
  return { saved: items.length };
}
