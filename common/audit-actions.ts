/** The closed list of audited actions, with the Chinese label the audit page shows. */
export const AUDIT_ACTIONS = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'user.created': '新建用户',
  'user.updated': '修改用户',
  'user.password_reset': '重置密码',
  'user.unlocked': '解除锁定',
  'unit.created': '新建单位',
  'unit.updated': '修改单位',
  'division.created': '新建行政区划',
  'demo.loaded': '载入演示数据',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Kinds of entity the audit log names. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  unit: '单位',
  session: '会话',
  division: '行政区划',
  system: '系统',
};
