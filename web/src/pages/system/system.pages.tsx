import { ApartmentOutlined, AuditOutlined, ClusterOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { definePages } from '../../layout/define-pages';
import { lazyPage } from '../../layout/lazy-page';

const InboxPage = lazyPage(() => import('../../components/inbox-bell').then((m) => m.InboxPage));
const AuditPage = lazyPage(() => import('../audit-page').then((m) => m.AuditPage));
const UnitsPage = lazyPage(() => import('../units-page').then((m) => m.UnitsPage));
const UsersPage = lazyPage(() => import('../users-page').then((m) => m.UsersPage));
const CountiesPage = lazyPage(() => import('./counties-page').then((m) => m.CountiesPage));

/** Counties, units, users, the audit log and the inbox. */
export const systemPages = definePages({
  name: 'system',
  groups: [{ key: 'system', path: '/system', name: '系统管理', icon: <SettingOutlined />, order: 90 }],
  pages: [
    { path: '/inbox', permission: null, component: InboxPage },
    {
      path: '/system/counties',
      permission: 'division.manage',
      component: CountiesPage,
      menu: { group: 'system', key: 'counties', name: '区划管理', icon: <ClusterOutlined />, testId: 'nav-counties', description: '所辖县（市、区）一览；新增县区及其发改局和首个管理员，即建即用' },
    },
    {
      path: '/system/units',
      permission: 'org.read',
      component: UnitsPage,
      menu: { group: 'system', key: 'units', name: '单位管理', icon: <ApartmentOutlined />, testId: 'nav-units', description: '县直部门、乡镇、园区及项目单位的组织机构信息' },
    },
    {
      path: '/system/users',
      permission: 'user.read',
      component: UsersPage,
      menu: { group: 'system', key: 'users', name: '用户管理', icon: <TeamOutlined />, testId: 'nav-users', description: '账号、角色、数据范围、密码重置与解除锁定' },
    },
    {
      path: '/system/audit',
      permission: 'audit.read',
      component: AuditPage,
      menu: { group: 'system', key: 'audit', name: '审计日志', icon: <AuditOutlined />, testId: 'nav-audit', description: '所有写操作的留痕记录，可校验审计链是否被篡改' },
    },
  ],
});
