import { and, eq, sql } from 'drizzle-orm';
import { passwordWeakness } from '../../../common/password-policy';
import { DEFAULT_SCOPE, type DataScope, type Role, type UnitKind } from '../../../common/roles';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { loginFailures } from '../../platform/auth/auth.tables';
import { hashPassword } from '../../platform/auth/passwords';
import { actorRegion, canReachDivision } from '../../platform/auth/scope';
import { destroyUserSessions } from '../../platform/auth/sessions';
import type { Database, DbOrTx } from '../../platform/db/client';
import { assertSameVersion } from '../../platform/db/versioning';
import { saveRecord } from '../../platform/workflow/save-record';
import type { Actor } from '../../platform/http/context';
import { AppError, forbidden, notFound } from '../../platform/http/errors';
import * as repo from './org.repository';
import { divisions, orgUnits, users } from './org.tables';
import { unitShortName, unitWithSameShortName } from './unit-names';

/** A unit as the API shows it. */
export function presentUnit(row: repo.UnitRow) {
  return {
    id: row.id,
    divisionCode: row.divisionCode,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind as UnitKind,
    parentId: row.parentId,
    contactPerson: row.contactPerson,
    contactPhone: row.contactPhone,
    sortOrder: row.sortOrder,
    isActive: row.isActive,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A user as the API shows it (never the password hash). */
export function presentUser(row: repo.UserListRow) {
  const { user } = row;
  const isLocked = row.lockedUntil !== null && row.lockedUntil.getTime() > Date.now();
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    dataScope: user.dataScope as DataScope,
    divisionCode: user.divisionCode,
    unitId: user.unitId,
    unitName: row.unitName,
    phone: user.phone,
    isActive: user.isActive,
    mustChangePassword: user.mustChangePassword,
    lockedUntil: isLocked ? row.lockedUntil!.toISOString() : null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
  };
}

// What the audit log keeps of a user: everything but secrets.
function auditedUser(user: repo.UserRow) {
  const { passwordHash: _secret, ...rest } = user;
  return rest;
}

/**
 * Refuses (403) an action that belongs to one county when the caller sits at a city or
 * province: a batch import writes into the caller's own county and nowhere else. Answers the
 * county.
 */
export async function requireCountyActor(tx: DbOrTx, actor: Actor, message: string) {
  const division = await repo.findDivision(tx, actor.divisionCode);
  if (!division || division.level !== 'county') forbidden(message);
  return division;
}

/** Divisions within the caller's region. */
export async function listDivisions(database: Database, actor: Actor) {
  return repo.selectDivisions(database.db, actorRegion(actor, divisions.code));
}

/** A page of units within the caller's region. */
export async function listUnits(
  database: Database,
  actor: Actor,
  query: { q?: string; kind?: string; divisionCode?: string; page: number; pageSize: number },
) {
  const { rows, total } = await repo.listUnits(database.db, {
    scope: actorRegion(actor, orgUnits.divisionCode),
    q: query.q,
    kind: query.kind,
    divisionCode: query.divisionCode,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { data: rows.map(presentUnit), total };
}

interface UnitInput {
  name?: string;
  shortName?: string | null;
  kind?: UnitKind;
  parentId?: string | null;
  contactPerson?: string | null;
  contactPhone?: string | null;
  sortOrder?: number;
}

async function checkParent(database: Database, divisionCode: string, parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  if (parentId === selfId) throw new AppError('VALIDATION_FAILED', '上级单位不能是本单位', { field: 'parentId' });
  const parent = await repo.findUnit(database.db, parentId, eq(orgUnits.divisionCode, divisionCode));
  if (!parent) throw new AppError('VALIDATION_FAILED', '上级单位不存在或不在同一行政区划', { field: 'parentId' });
}

/**
 * Refuses (409, field `name`) a unit name that another unit of the division has already, in
 * full or as its short name (「县农业农村局」 beside 「河西县农业农村局」): the ledger import and
 * every picker could no longer tell them apart.
 */
async function checkUnitName(tx: DbOrTx, division: { code: string; name: string }, name: string, exceptId?: string) {
  const units = await repo.unitNamesIn(tx, division.code);
  const same = units.find((u) => u.id !== exceptId && u.name === name);
  if (same) throw new AppError('DUPLICATE', `单位「${name}」已存在`, { field: 'name' });
  const similar = unitWithSameShortName(units, name, division.name, exceptId);
  if (similar) {
    throw new AppError(
      'DUPLICATE',
      `单位「${name}」与已有单位「${similar.name}」仅差县名前缀（简称同为「${unitShortName(name, division.name)}」），台账导入时无法区分，请核对是否为同一单位，或改用可区分的名称`,
      { field: 'name' },
    );
  }
}

/** Creates a unit in the caller's division (or a division in their region). */
export async function createUnit(database: Database, actor: Actor, input: UnitInput & { name: string; kind: UnitKind; divisionCode?: string }) {
  const divisionCode = input.divisionCode ?? actor.divisionCode;
  const division = canReachDivision(actor, divisionCode) ? await repo.findDivision(database.db, divisionCode) : null;
  if (!division) throw new AppError('VALIDATION_FAILED', '行政区划不存在或不在您的管理范围内', { field: 'divisionCode' });
  await checkParent(database, divisionCode, input.parentId);
  return database.db.transaction(async (tx) => {
    await checkUnitName(tx, division, input.name);
    const [row] = await tx
      .insert(orgUnits)
      .values({
        divisionCode,
        name: input.name,
        shortName: input.shortName ?? null,
        kind: input.kind,
        parentId: input.parentId ?? null,
        contactPerson: input.contactPerson ?? null,
        contactPhone: input.contactPhone ?? null,
        sortOrder: input.sortOrder ?? 0,
      })
      .returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode,
      action: 'unit.created',
      entityType: 'unit',
      entityId: row.id,
      summary: `新建单位：${row.name}`,
      after: row,
    });
    return presentUnit(row);
  });
}

/** Updates a unit, refusing a stale version. */
export async function updateUnit(database: Database, actor: Actor, id: string, input: UnitInput & { version: number; isActive?: boolean }) {
  return database.db.transaction(async (tx) => {
    const before = await repo.findUnit(tx, id, actorRegion(actor, orgUnits.divisionCode));
    if (!before) notFound('单位不存在或不在您的管理范围内');
    assertSameVersion(before.version, input.version);
    await checkParent(database, before.divisionCode, input.parentId, id);
    if (input.name && input.name !== before.name) {
      const division = await repo.findDivision(tx, before.divisionCode);
      await checkUnitName(tx, { code: before.divisionCode, name: division?.name ?? '' }, input.name, id);
    }
    const { version, ...changes } = input;
    return saveRecord(tx, {
      table: orgUnits,
      where: and(eq(orgUnits.divisionCode, before.divisionCode), eq(orgUnits.id, id)),
      version,
      set: changes,
      audit: (after) => ({ actor: auditActorOf(actor), divisionCode: before.divisionCode, action: 'unit.updated', entityType: 'unit', entityId: id, summary: `修改单位：${after.name}`, before, after }),
      present: presentUnit,
    });
  });
}

/** A page of users within the caller's region. */
export async function listUsers(
  database: Database,
  actor: Actor,
  query: { q?: string; role?: string; unitId?: string; page: number; pageSize: number },
) {
  const { rows, total } = await repo.listUsers(database.db, {
    scope: actorRegion(actor, users.divisionCode),
    q: query.q,
    role: query.role,
    unitId: query.unitId,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { data: rows.map(presentUser), total };
}

// Only a platform-wide administrator may hand out platform-wide scope.
function checkGrantableScope(actor: Actor, scope: DataScope) {
  if (scope === 'all' && actor.dataScope !== 'all') forbidden('只有全域管理员可以授予“全部”数据范围');
}

function checkPassword(password: string, username: string, field: string) {
  const weakness = passwordWeakness(password, username);
  if (weakness) throw new AppError('VALIDATION_FAILED', weakness, { field });
}

/** Creates a user who must change the initial password at first login. */
export async function createUser(
  database: Database,
  actor: Actor,
  input: { username: string; displayName: string; role: Role; dataScope?: DataScope; unitId: string; phone?: string | null; password: string },
) {
  const dataScope = input.dataScope ?? DEFAULT_SCOPE[input.role];
  checkGrantableScope(actor, dataScope);
  checkPassword(input.password, input.username, 'password');
  const unit = await repo.findUnit(database.db, input.unitId, actorRegion(actor, orgUnits.divisionCode));
  if (!unit) throw new AppError('VALIDATION_FAILED', '所属单位不存在或不在您的管理范围内', { field: 'unitId' });
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    if (await repo.usernameTaken(tx, input.username)) {
      throw new AppError('DUPLICATE', `用户名「${input.username}」已被使用`, { field: 'username' });
    }
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        dataScope,
        divisionCode: unit.divisionCode,
        unitId: unit.id,
        phone: input.phone ?? null,
        passwordHash,
        mustChangePassword: true,
      })
      .returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode: unit.divisionCode,
      action: 'user.created',
      entityType: 'user',
      entityId: row.id,
      summary: `新建用户：${row.username}（${row.displayName}）`,
      after: auditedUser(row),
    });
    return presentUser({ user: row, unitName: unit.name, lockedUntil: null });
  });
}

/** Updates a user's profile, role, scope, unit or active flag. */
export async function updateUser(
  database: Database,
  actor: Actor,
  id: string,
  input: { version: number; displayName?: string; role?: Role; dataScope?: DataScope; unitId?: string | null; phone?: string | null; isActive?: boolean },
) {
  return database.db.transaction(async (tx) => {
    const found = await repo.findUser(tx, id, actorRegion(actor, users.divisionCode));
    if (!found) notFound('用户不存在或不在您的管理范围内');
    const before = found.user;
    assertSameVersion(before.version, input.version);
    if (id === actor.id && (input.isActive === false || (input.role && input.role !== before.role))) {
      throw new AppError('CONFLICT', '不能停用自己的账号或修改自己的角色');
    }
    if (input.dataScope) checkGrantableScope(actor, input.dataScope);
    let unitName = found.unitName;
    let divisionCode = before.divisionCode;
    if (input.unitId && input.unitId !== before.unitId) {
      const unit = await repo.findUnit(tx, input.unitId, actorRegion(actor, orgUnits.divisionCode));
      if (!unit) throw new AppError('VALIDATION_FAILED', '所属单位不存在或不在您的管理范围内', { field: 'unitId' });
      unitName = unit.name;
      divisionCode = unit.divisionCode;
    }
    const { version, unitId: _unit, ...changes } = input;
    return saveRecord(tx, {
      table: users,
      where: eq(users.id, id),
      version,
      set: { ...changes, unitId: input.unitId ?? before.unitId, divisionCode },
      after: async () => {
        if (input.isActive === false || (input.role && input.role !== before.role)) await destroyUserSessions(tx, id);
      },
      audit: (after) => ({
        actor: auditActorOf(actor),
        divisionCode: before.divisionCode,
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        summary: `修改用户：${after.username}`,
        before: auditedUser(before),
        after: auditedUser(after),
      }),
      present: (after) => presentUser({ user: after, unitName, lockedUntil: found.lockedUntil }),
    });
  });
}

/** Sets a new initial password, ends the user's sessions and forces a change at next login. */
export async function resetUserPassword(database: Database, actor: Actor, id: string, password: string) {
  const found = await repo.findUser(database.db, id, actorRegion(actor, users.divisionCode));
  if (!found) notFound('用户不存在或不在您的管理范围内');
  checkPassword(password, found.user.username, 'password');
  const passwordHash = await hashPassword(password);
  await database.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, id));
    await destroyUserSessions(tx, id);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode: found.user.divisionCode,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      summary: `重置密码：${found.user.username}`,
    });
  });
}

/** Lifts a login lockout. */
export async function unlockUser(database: Database, actor: Actor, id: string) {
  const found = await repo.findUser(database.db, id, actorRegion(actor, users.divisionCode));
  if (!found) notFound('用户不存在或不在您的管理范围内');
  await database.db.transaction(async (tx) => {
    await tx.delete(loginFailures).where(eq(loginFailures.username, found.user.username));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode: found.user.divisionCode,
      action: 'user.unlocked',
      entityType: 'user',
      entityId: id,
      summary: `解除锁定：${found.user.username}`,
      before: { lockedUntil: found.lockedUntil },
      after: { lockedUntil: null },
    });
  });
}
