import { ApartmentOutlined, AuditOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { InboxPage } from '../../components/inbox-bell';
import { definePages } from '../../layout/define-pages';
import { AuditPage } from '../audit-page';
import { UnitsPage } from '../units-page';
import { UsersPage } from '../users-page';

/** Units, users, the audit log and the inbox. */
export const systemPages = definePages({
  name: 'system',
  groups: [{ key: 'system', path: '/system', name: '系统管理', icon: <SettingOutlined />, order: 90 }],
  pages: [
    { path: '/inbox', permission: null, component: InboxPage },
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
