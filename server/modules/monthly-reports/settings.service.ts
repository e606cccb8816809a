import { and, eq, like } from 'drizzle-orm';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { upsertRecord } from '../../platform/workflow/save-record';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
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
    const where = eq(reportingSettings.divisionCode, actor.divisionCode);
    const [current] = await tx.select().from(reportingSettings).where(where);
    const { version, ...values } = input;
    return upsertRecord(tx, {
      table: reportingSettings,
      where,
      version,
      current,
      set: values,
      values: { divisionCode: actor.divisionCode, ...values },
      audit: (row) => ({ actor: auditActorOf(actor), divisionCode: actor.divisionCode, action: 'settings.saved', entityType: 'settings', entityId: 'reporting', summary: '修改月报调度设置', before: current ?? null, after: row }),
      present: (row) => ({ ...values, version: row.version }),
    });
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
