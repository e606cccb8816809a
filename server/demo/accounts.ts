import type { Role } from '../../common/roles';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Demo@2026';

/** A fixed demo login, as the start-up banner and the login page list them. */
export interface DemoAccount {
  username: string;
  role: Role;
  /** Who logs in with it, in Chinese. */
  label: string;
}

/** The fixed accounts of the demo county 河西县 (and its province and city), in banner order. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', role: 'admin', label: '系统管理员（河西县）' },
  { username: 'drc', role: 'drc', label: '河西县发展和改革局（项目库、月报汇总、考核）' },
  { username: 'leader', role: 'leader', label: '县级领导 王县长（驾驶舱、包抓项目）' },
  { username: 'dept_water', role: 'department', label: '河西县水务局（行业主管部门）' },
  { username: 'dept_culture', role: 'department', label: '河西县文化和旅游局（行业主管部门）' },
  { username: 'dept_agri', role: 'department', label: '河西县农业农村局（行业主管部门）' },
  { username: 'commerce', role: 'commerce', label: '河西县商务局（招商引资）' },
  { username: 'township', role: 'township', label: '城关镇（乡镇）' },
  { username: 'owner', role: 'owner', label: '河西锋源风电装备制造有限公司（项目单位）' },
  { username: 'inspector', role: 'inspector', label: '河西县委县政府督查室' },
  { username: 'auditor', role: 'auditor', label: '安全审计员（审计日志）' },
  { username: 'city_drc', role: 'drc', label: '金泉市发展和改革委员会（全市汇总）' },
  { username: 'province_admin', role: 'admin', label: '祁连省系统管理员（全省数据）' },
];
