import { z } from '@hono/zod-openapi';
import { DATA_SCOPES, ROLES, UNIT_KINDS } from '../../../common/roles';

const phone = z.string().trim().max(32, '电话过长').regex(/^[0-9+\-\s()（）转]*$/, '电话号码格式不正确');
const divisionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');
const username = z
  .string()
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(64, '用户名过长')
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和短横线');

export const Division = z
  .object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable() })
  .openapi('Division');

export const Unit = z
  .object({
    id: z.string().uuid(),
    divisionCode: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    kind: z.enum(UNIT_KINDS),
    parentId: z.string().nullable(),
    contactPerson: z.string().nullable(),
    contactPhone: z.string().nullable(),
    sortOrder: z.number().int(),
    isActive: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Unit');

const unitFields = {
  name: z.string().trim().min(2, '单位名称至少 2 个字').max(100, '单位名称过长'),
  shortName: z.string().trim().max(32, '简称过长').nullish(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().uuid('上级单位无效').nullish(),
  contactPerson: z.string().trim().max(32, '联系人过长').nullish(),
  contactPhone: phone.nullish(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
};

export const CreateUnitBody = z.object({ ...unitFields, divisionCode: divisionCode.optional() }).strict().openapi('CreateUnitBody');

export const UpdateUnitBody = z
  .object({
    version: z.number().int().positive(),
    name: unitFields.name.optional(),
    shortName: unitFields.shortName,
    kind: unitFields.kind.optional(),
    parentId: unitFields.parentId,
    contactPerson: unitFields.contactPerson,
    contactPhone: unitFields.contactPhone,
    sortOrder: unitFields.sortOrder,
    isActive: z.boolean().optional(),
  })
  .strict()
  .openapi('UpdateUnitBody');

export const UnitListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  divisionCode: divisionCode.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const User = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    dataScope: z.enum(DATA_SCOPES),
    divisionCode: z.string(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    phone: z.string().nullable(),
    isActive: z.boolean(),
    mustChangePassword: z.boolean(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('User');

export const CreateUserBody = z
  .object({
    username,
    displayName: z.string().trim().min(1, '请输入姓名').max(64, '姓名过长'),
    role: z.enum(ROLES),
    dataScope: z.enum(DATA_SCOPES).optional(),
    unitId: z.string().uuid('所属单位无效'),
    phone: phone.nullish(),
    password: z.string().min(1, '请输入初始密码').max(128, '密码过长'),
  })
  .strict()
  .openapi('CreateUserBody');

export const UpdateUserBody = z
  .object({
    version: z.number().int().positive(),
    displayName: z.string().trim().min(1, '请输入姓名').max(64, '姓名过长').optional(),
    role: z.enum(ROLES).optional(),
    dataScope: z.enum(DATA_SCOPES).optional(),
    // null (a cleared select) means "unchanged": every user belongs to a unit.
    unitId: z.string().uuid('所属单位无效').nullish(),
    phone: phone.nullish(),
    isActive: z.boolean().optional(),
  })
  .strict()
  .openapi('UpdateUserBody');

export const ResetPasswordBody = z.object({ password: z.string().min(1, '请输入新密码').max(128, '密码过长') }).strict().openapi('ResetPasswordBody');

export const UserListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  role: z.enum(ROLES).optional(),
  unitId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

/** A county as the 区划管理 page lists it: the division and what it holds. */
export const County = z
  .object({
    code: z.string(),
    name: z.string(),
    parentCode: z.string().nullable(),
    parentName: z.string().nullable(),
    unitCount: z.number().int(),
    userCount: z.number().int(),
    /** The county's administrators' usernames. */
    admins: z.array(z.string()),
    createdAt: z.string(),
  })
  .openapi('County');

export const CountyListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** 新增县区: the division, its 发改局 and its first administrator, created together. */
export const CreateCountyBody = z
  .object({
    code: divisionCode.openapi({ example: '620929' }),
    name: z.string().trim().min(2, '县区名称至少 2 个字').max(32, '县区名称过长'),
    /** Defaults to 「<县区名称>发展和改革局」. */
    drcUnitName: z.string().trim().min(2, '单位名称至少 2 个字').max(100, '单位名称过长').nullish(),
    adminUsername: username,
    adminDisplayName: z.string().trim().min(1, '请输入管理员姓名').max(64, '姓名过长'),
    adminPhone: phone.nullish(),
    adminPassword: z.string().min(1, '请输入初始密码').max(128, '密码过长'),
  })
  .strict()
  .openapi('CreateCountyBody');

/** What 新增县区 created. */
export const CreatedCounty = z
  .object({ county: County, drcUnit: Unit, admin: User })
  .openapi('CreatedCounty');

export const IdParam = z.object({ id: z.string().uuid('编号格式不正确') });
