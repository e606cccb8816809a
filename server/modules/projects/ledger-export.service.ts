import { and, eq, inArray } from 'drizzle-orm';
import { industryLabel } from '../../../common/industry-classes';
import {
  CONSTRUCTION_NATURE_LABELS,
  MATURITY_LABELS,
  SECTOR_LABELS,
  STAGE_LABELS,
  type ConstructionNature,
  type Maturity,
  type Sector,
  type Stage,
} from '../../../common/projects';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { divisions } from '../org';
import { writeLedger, writeTemplate } from './ledger-writer';
import { projectScope } from './projects.policy';
import * as repo from './projects.repository';
import { bandMinimums, investmentThresholds } from './projects.rules';
import { getRules } from '../../platform/rules/rules.service';
import type { ProjectListFilters } from './projects.schemas';
import { plainWan } from './projects.service';
import { projectFunding, projectYearPlans } from './projects.tables';

/** The most rows one export writes. */
export const MAX_EXPORT_ROWS = 50_000;

const FUNDING_KEY: Record<string, string> = {
  central: 'fundCentral',
  provincial: 'fundProvincial',
  city: 'fundCity',
  county: 'fundCounty',
  special_bond: 'fundSpecialBond',
  bank_loan: 'fundBankLoan',
  self_raised: 'fundSelfRaised',
  attracted: 'fundAttracted',
};

/** The filtered project list as a ledger workbook in the layout the import reads. */
export async function exportLedger(database: Database, actor: Actor, filters: Partial<ProjectListFilters>): Promise<{ bytes: Buffer; filename: string }> {
  const { db } = database;
  const bands = bandMinimums(await getRules(db, actor.divisionCode, investmentThresholds));
  const rows = await repo.selectProjects(db, and(projectScope(actor), repo.filterCondition(filters, bands)), MAX_EXPORT_ROWS);
  const year = new Date().getFullYear();
  const funding = new Map<string, Record<string, string>>();
  const plans = new Map<string, string>();
  const ids = rows.map((r) => r.project.id);
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    for (const f of await db.select().from(projectFunding).where(inArray(projectFunding.projectId, chunk))) {
      const key = FUNDING_KEY[f.source];
      if (!key) continue;
      const own = funding.get(f.projectId) ?? {};
      own[key] = plainWan(f.amount);
      funding.set(f.projectId, own);
    }
    for (const y of await db.select().from(projectYearPlans).where(and(inArray(projectYearPlans.projectId, chunk), eq(projectYearPlans.year, year)))) {
      plans.set(y.projectId, plainWan(y.planned));
    }
  }
  const records = rows.map(({ project: p, ownerUnitName, departmentName, townshipName, parkName }) => ({
    code: p.code,
    reserveNo: p.reserveNo,
    name: p.name,
    ownerUnit: ownerUnitName,
    department: departmentName,
    sector: SECTOR_LABELS[p.sector as Sector] ?? p.sector,
    industry: p.industryCode ? industryLabel(p.industryCode) : null,
    township: townshipName,
    park: parkName,
    nature: CONSTRUCTION_NATURE_LABELS[p.constructionNature as ConstructionNature] ?? null,
    scale: p.scaleContent,
    totalInvestment: plainWan(p.totalInvestment),
    ...funding.get(p.id),
    plannedStart: p.plannedStart,
    plannedCompletion: p.plannedCompletion,
    actualStart: p.actualStart,
    actualCompletion: p.actualCompletion,
    stage: STAGE_LABELS[p.stage as Stage] ?? p.stage,
    maturity: MATURITY_LABELS[p.maturity as Maturity] ?? null,
    annualPlan: plans.get(p.id) ?? null,
    leader: p.leaderName,
    tags: p.tags.length ? p.tags.join('、') : null,
    longitude: p.longitude,
    latitude: p.latitude,
    remarks: p.remarks,
  }));
  const [division] = await db.select().from(divisions).where(eq(divisions.code, actor.divisionCode));
  const title = `${division?.name ?? ''}项目台账`;
  const bytes = await writeLedger(records, { title, sections: true });
  return { bytes, filename: `${title}（${new Date().toISOString().slice(0, 10)}导出）.xlsx` };
}

/** The empty import template with one example row and the 填表说明 sheet. */
export function ledgerTemplate(): Promise<Buffer> {
  return writeTemplate({ title: '项目台账（导入模板）' });
}
