import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Role, DataScope, UnitKind } from '../../common/roles';
import { DEFAULT_SCOPE } from '../../common/roles';
import { hashPassword } from '../../server/platform/auth/passwords';
import type { Database } from '../../server/platform/db/client';
import { monthlyReports } from '../../server/modules/monthly-reports/monthly-reports.tables';
import { divisions, orgUnits, users } from '../../server/modules/org/org.tables';
import { projects } from '../../server/modules/projects/projects.tables';

/** The password every factory-made user has. */
export const TEST_PASSWORD = 'Test@2026pw';
let hashOnce: Promise<string> | null = null;
const passwordHash = () => (hashOnce ??= hashPassword(TEST_PASSWORD));

const suffix = () => randomBytes(3).toString('hex');

/** Creates a division (a county unless the code says otherwise). */
export async function buildDivision(database: Database, overrides: Partial<typeof divisions.$inferInsert> = {}) {
  const code = overrides.code ?? `62${String(Math.floor(Math.random() * 9000) + 1000)}`;
  const [row] = await database.db
    .insert(divisions)
    .values({ code, name: `测试县${code}`, level: 'county', ...overrides })
    .onConflictDoUpdate({ target: divisions.code, set: { name: overrides.name ?? `测试县${code}` } })
    .returning();
  return row;
}

/** Creates a unit, and its division when none is given. */
export async function buildUnit(database: Database, overrides: Partial<typeof orgUnits.$inferInsert> & { kind?: UnitKind } = {}) {
  const divisionCode = overrides.divisionCode ?? (await buildDivision(database)).code;
  const [row] = await database.db
    .insert(orgUnits)
    .values({ name: `测试单位${suffix()}`, kind: 'department', ...overrides, divisionCode })
    .returning();
  return row;
}

/** Creates a user (password TEST_PASSWORD, no forced change), and its unit when none is given. */
export async function buildUser(
  database: Database,
  overrides: Partial<typeof users.$inferInsert> & { role?: Role; dataScope?: DataScope } = {},
) {
  const role = overrides.role ?? 'department';
  let { unitId, divisionCode } = overrides;
  if (!unitId) {
    const unit = await buildUnit(database, { divisionCode });
    unitId = unit.id;
    divisionCode = unit.divisionCode;
  }
  const [row] = await database.db
    .insert(users)
    .values({
      username: `u_${suffix()}`,
      displayName: '测试用户',
      dataScope: DEFAULT_SCOPE[role],
      passwordHash: await passwordHash(),
      mustChangePassword: false,
      ...overrides,
      role,
      unitId,
      divisionCode: divisionCode!,
    })
    .returning();
  return row;
}


/** A project created through the API as `client` (201 checked), then given `set` directly (stage, dates) as months of work would have. */
export async function createProjectAs(
  database: Database,
  client: { post(path: string, body?: unknown): Promise<Response> },
  name: string,
  fields: Record<string, unknown>,
  set: Partial<typeof projects.$inferInsert>,
): Promise<string> {
  const res = await client.post('/api/projects', { name, sector: 'infrastructure', totalInvestment: '12000', ...fields });
  if (res.status !== 201) throw new Error(`create project ${name}: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  await database.db.update(projects).set(set).where(eq(projects.id, id));
  return id;
}

/** Approved monthly figures of a project, period → 万元, as months reported and reviewed earlier would have left them. */
export async function insertApprovedReports(database: Database, divisionCode: string, projectId: string, amounts: Record<string, string>): Promise<void> {
  for (const [period, invested] of Object.entries(amounts)) {
    await database.db.insert(monthlyReports).values({ divisionCode, projectId, period, status: 'approved', stage: 'construction', investedThisPeriod: invested, progressText: '主体施工', progressPct: 50 });
  }
}
