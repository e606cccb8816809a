import { sql } from 'drizzle-orm';
import { passwordWeakness } from '../../../common/password-policy';
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.service';
import { hashPassword } from '../../platform/auth/passwords';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/http/errors';
import { divisionLevelOf } from './counties.service';
import { divisions, orgUnits, users } from './org.tables';

/** Whether any user exists yet. */
export async function hasAnyUser(database: Database): Promise<boolean> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row.n > 0;
}

/**
 * Creates the first administrator of a deployment, with its division and an 信息中心 unit.
 * The password must meet the policy and must be changed at first login.
 */
export async function createFirstAdmin(
  database: Database,
  input: { username: string; password: string; displayName?: string; divisionCode: string; divisionName: string; scope?: 'division' | 'all' },
): Promise<void> {
  const weakness = passwordWeakness(input.password, input.username);
  if (weakness) throw new AppError('VALIDATION_FAILED', weakness, { field: 'password' });
  if (!/^\d{6}$/.test(input.divisionCode)) throw new AppError('VALIDATION_FAILED', '行政区划代码应为 6 位数字', { field: 'divisionCode' });
  const passwordHash = await hashPassword(input.password);
  const level = divisionLevelOf(input.divisionCode);
  await database.db.transaction(async (tx) => {
    await tx.insert(divisions).values({ code: input.divisionCode, name: input.divisionName, level }).onConflictDoNothing();
    const [unit] = await tx
      .insert(orgUnits)
      .values({ divisionCode: input.divisionCode, name: '信息中心', kind: 'other' })
      .onConflictDoUpdate({ target: [orgUnits.divisionCode, orgUnits.name], set: { updatedAt: new Date() } })
      .returning();
    const [user] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName ?? '系统管理员',
        role: 'admin',
        dataScope: input.scope ?? 'all',
        divisionCode: input.divisionCode,
        unitId: unit.id,
        passwordHash,
        mustChangePassword: true,
      })
      .returning();
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      divisionCode: input.divisionCode,
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      summary: `创建首个管理员：${user.username}`,
    });
  });
}
