import { randomBytes } from 'node:crypto';
import type { Role, DataScope, UnitKind } from '../../common/roles';
import { DEFAULT_SCOPE } from '../../common/roles';
import { hashPassword } from '../../server/platform/auth/passwords';
import type { Database } from '../../server/platform/db/client';
import { divisions, orgUnits, users } from '../../server/modules/org/org.tables';

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
