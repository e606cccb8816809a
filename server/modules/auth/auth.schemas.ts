import { z } from '@hono/zod-openapi';
import { PERMISSIONS } from '../../../common/permissions';
import { DATA_SCOPES, ROLES } from '../../../common/roles';

export const LoginBody = z
  .object({
    username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
    password: z.string().min(1, '请输入密码').max(128, '密码过长'),
  })
  .openapi('LoginBody');

export const Me = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    roleLabel: z.string(),
    dataScope: z.enum(DATA_SCOPES),
    divisionCode: z.string(),
    divisionName: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    permissions: z.array(z.enum(PERMISSIONS)),
    mustChangePassword: z.boolean(),
    /** When the password expires (null: passwords do not expire). */
    passwordExpiresAt: z.string().nullable(),
    /** Within the warning days before expiry: the app asks the user to change it now. */
    passwordExpiresSoon: z.boolean(),
    csrfToken: z.string(),
  })
  .openapi('Me');

export const LoginResponse = z.object({ user: Me, csrfToken: z.string() }).openapi('LoginResponse');

export const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码').max(128),
    newPassword: z.string().min(1, '请输入新密码').max(128, '密码长度不能超过 128 位'),
  })
  .openapi('ChangePasswordBody');
