import { passwordWeakness } from '../../../common/password-policy';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { hashPassword } from '../../platform/auth/passwords';
import { actorRegion, isWithinDivision, regionCondition } from '../../platform/auth/scope';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError, forbidden } from '../../platform/http/errors';
import * as repo from './org.repository';
import { presentUnit, presentUser } from './org.service';
import { divisions, orgUnits, users } from './org.tables';

/** The level a 6-digit code names: `PP0000` a province, `PPCC00` a city, anything else a county. */
export function divisionLevelOf(code: string): 'province' | 'city' | 'county' {
  return code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county';
}

/** A county as the API shows it. */
export function presentCounty(row: repo.CountyRow) {
  return {
    code: row.division.code,
    name: row.division.name,
    parentCode: row.division.parentCode,
    parentName: row.parentName,
    unitCount: row.unitCount,
    userCount: row.userCount,
    admins: row.admins ? row.admins.split(',') : [],
    createdAt: row.division.createdAt.toISOString(),
  };
}

/** A page of the counties within the caller's region. */
export async function listCounties(database: Database, actor: Actor, query: { q?: string; page: number; pageSize: number }) {
  const { rows, total } = await repo.listCounties(database.db, {
    scope: actorRegion(actor, divisions.code),
    q: query.q,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { data: rows.map(presentCounty), total };
}

export interface CreateCountyInput {
  code: string;
  name: string;
  drcUnitName?: string | null;
  adminUsername: string;
  adminDisplayName: string;
  adminPhone?: string | null;
  adminPassword: string;
}

function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { field });
}
function duplicate(field: string, message: string): never {
  throw new AppError('DUPLICATE', message, { field });
}

/**
 * 新增县区: a province's or city's administrator adds a county under their own division — the
 * division, its 发展和改革局 and its first administrator (who must change the initial password at
 * first login), all or nothing in one transaction, each audited in the new county's chain. Nothing
 * about divisions is held in memory, so the county is in every list, roll-up and login at once.
 */
export async function createCounty(database: Database, actor: Actor, input: CreateCountyInput) {
  const own = await repo.findDivision(database.db, actor.divisionCode);
  if (!own || own.level === 'county') forbidden('新增县区须由市（州）或省级管理员办理');
  const { code, name } = input;
  if (divisionLevelOf(code) !== 'county') invalid('code', `${code} 不是县级行政区划代码：县级代码的末两位不能为 00`);
  if (!isWithinDivision(code, own.code)) invalid('code', `行政区划代码 ${code} 不在您管辖的${own.name}（${own.code}）范围内`);
  const cityCode = `${code.slice(0, 4)}00`;
  const city = cityCode === own.code ? own : await repo.findDivision(database.db, cityCode);
  if (!city || city.level !== 'city') invalid('code', `上级市（州）${cityCode} 尚未建立，请先建立市（州）或核对代码`);
  const weakness = passwordWeakness(input.adminPassword, input.adminUsername);
  if (weakness) invalid('adminPassword', weakness);
  const drcUnitName = input.drcUnitName || `${name}发展和改革局`;
  const passwordHash = await hashPassword(input.adminPassword);

  return database.db.transaction(async (tx) => {
    const existing = await repo.findDivision(tx, code);
    if (existing) duplicate('code', `行政区划代码 ${code} 已存在（${existing.name}）`);
    const sameName = await repo.divisionNameTaken(tx, name, regionCondition(divisions.code, `${code.slice(0, 2)}0000`));
    if (sameName) duplicate('name', `县区名称「${name}」已被 ${sameName.code} 使用`);
    if (await repo.usernameTaken(tx, input.adminUsername)) duplicate('adminUsername', `用户名「${input.adminUsername}」已被使用`);

    // A concurrent request for the same code or username meets the keys: nothing is written twice.
    const [division] = await tx.insert(divisions).values({ code, name, level: 'county', parentCode: city.code }).onConflictDoNothing().returning();
    if (!division) duplicate('code', `行政区划代码 ${code} 已存在`);
    const [unit] = await tx.insert(orgUnits).values({ divisionCode: code, name: drcUnitName, shortName: '发改局', kind: 'drc', sortOrder: 1 }).returning();
    const [admin] = await tx
      .insert(users)
      .values({
        username: input.adminUsername,
        displayName: input.adminDisplayName,
        role: 'admin',
        dataScope: 'division',
        divisionCode: code,
        unitId: unit.id,
        phone: input.adminPhone ?? null,
        passwordHash,
        mustChangePassword: true,
      })
      .onConflictDoNothing()
      .returning();
    if (!admin) duplicate('adminUsername', `用户名「${input.adminUsername}」已被使用`);

    const by = auditActorOf(actor);
    await recordAudit(tx, {
      actor: by,
      divisionCode: code,
      action: 'division.created',
      entityType: 'division',
      entityId: code,
      summary: `新增县区：${name}（${code}），上级 ${city.name}`,
      after: division,
    });
    await recordAudit(tx, { actor: by, divisionCode: code, action: 'unit.created', entityType: 'unit', entityId: unit.id, summary: `新建单位：${unit.name}`, after: unit });
    const { passwordHash: _secret, ...auditedAdmin } = admin;
    await recordAudit(tx, {
      actor: by,
      divisionCode: code,
      action: 'user.created',
      entityType: 'user',
      entityId: admin.id,
      summary: `新建县区管理员：${admin.username}（${admin.displayName}）`,
      after: auditedAdmin,
    });
    return {
      county: presentCounty({ division, parentName: city.name, unitCount: 1, userCount: 1, admins: admin.username }),
      drcUnit: presentUnit(unit),
      admin: presentUser({ user: admin, unitName: unit.name, lockedUntil: null }),
    };
  });
}
