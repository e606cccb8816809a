import { defineCatalog } from '../../platform/modules/define-module';

/** Login and sessions: audited actions only (every logged-in user may log out and change their password). */
export const authCatalog = defineCatalog({
  permissions: {},
  auditActions: {
    'auth.login': '登录',
    'auth.login_failed': '登录失败',
    'auth.locked': '账号锁定',
    'auth.logout': '退出登录',
    'auth.password_changed': '修改密码',
  },
  entityLabels: { session: '会话' },
});
