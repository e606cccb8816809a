import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import type { MenuDataItem } from '@ant-design/pro-components';
import { Alert, Avatar, Button, Dropdown, Modal, Spin, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../../common/roles';
import type { Me } from '../api/types';
import { CHANGE_PASSWORD_PATH, LOGIN_PATH, useSession } from '../auth/session';
import { ChangePasswordForm } from '../components/change-password-form';
import { InboxBell } from '../components/inbox-bell';
import { LogoMark } from '../components/logo-mark';
import { useIsNarrow } from '../components/use-is-narrow';
import { formatDateTime } from '../lib/format';
import { HOME_SECTION, menuFor, type MenuUser } from './sections';

const BRAND_BLUE = '#12467f';

function menuRoutes(user: MenuUser): MenuDataItem[] {
  const home: MenuDataItem = { path: HOME_SECTION.path, name: HOME_SECTION.name, icon: HOME_SECTION.icon, testId: HOME_SECTION.testId };
  const groups = menuFor(user).map(
    (group) =>
      ({
        path: group.path,
        key: group.key,
        name: group.name,
        icon: group.icon,
        children: group.sections.map((s) => ({ path: s.path, name: s.name, icon: s.icon, testId: s.testId })),
      }) satisfies MenuDataItem,
  );
  return [home, ...groups];
}

/** Only for a user with a session whose password needs no change; otherwise redirects. */
export function RequireSession() {
  const { me, isLoading } = useSession();
  const location = useLocation();
  if (isLoading) {
    return (
      <div style={{ height: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" tip="正在加载…">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </div>
    );
  }
  if (!me) return <Navigate to={LOGIN_PATH} replace state={{ from: location.pathname + location.search }} />;
  if (me.mustChangePassword) return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  return <AppLayout me={me} />;
}

// One line in the header: long names end in an ellipsis instead of pushing the bar wider.
const ONE_LINE = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

function UserMenu({ me, onChangePassword }: { me: Me; onChangePassword: () => void }) {
  const { logout } = useSession();
  // A phone's bar has room for the name only; the dropdown still shows role and unit.
  const isNarrow = useIsNarrow();
  const roleLabel = ROLE_LABELS[me.role] ?? me.roleLabel;
  const roleAndUnit = `${roleLabel}${me.unitName ? ` · ${me.unitName}` : ''}`;
  const items: MenuProps['items'] = [
    {
      key: 'profile',
      disabled: true,
      style: { cursor: 'default' },
      label: (
        <div style={{ padding: '4px 0', minWidth: 200 }}>
          <Typography.Text strong style={{ display: 'block' }}>
            {me.displayName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {roleAndUnit}
          </Typography.Text>
          {me.divisionName && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {me.divisionName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">修改密码</span> },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">退出登录</span>, danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') onChangePassword();
    if (key === 'logout') void logout();
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <span
        data-testid="user-menu"
        role="button"
        tabIndex={0}
        title={`${me.displayName}（${roleAndUnit}）`}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minWidth: 0, cursor: 'pointer', padding: '0 8px', color: '#fff' }}
      >
        <Avatar size="small" icon={<UserOutlined />} style={{ flex: 'none', background: '#f5b82e', color: BRAND_BLUE }} />
        <span style={{ ...ONE_LINE, maxWidth: isNarrow ? 96 : 160 }}>{me.displayName}</span>
        {!isNarrow && <span style={{ ...ONE_LINE, maxWidth: 320, fontSize: 12, opacity: 0.8 }}>{roleAndUnit}</span>}
      </span>
    </Dropdown>
  );
}

/** The app shell: header with brand and user menu, side menu by permission, page content. */
function AppLayout({ me }: { me: Me }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [isPasswordOpen, setIsPasswordOpen] = useState(false);
  const routes = useMemo(() => menuRoutes({ permissions: me.permissions, dataScope: me.dataScope }), [me.permissions, me.dataScope]);
  // ProLayout matches menu paths as prefixes, so /projects would light up on /projects/reviews
  // too: select the longest menu path that the current page is under, and only that one.
  const activePath = useMemo(() => {
    const paths: string[] = [];
    const walk = (items: MenuDataItem[]) => items.forEach((i) => (i.children ? walk(i.children) : i.path && paths.push(i.path)));
    walk(routes);
    const here = location.pathname;
    return paths.filter((p) => here === p || (p !== '/' && here.startsWith(`${p}/`))).sort((a, b) => b.length - a.length)[0] ?? here;
  }, [routes, location.pathname]);

  return (
    <>
      <ProLayout
        title="Groundwork 县域项目建设全生命周期管理平台"
        logo={<LogoMark size={30} />}
        layout="mix"
        splitMenus={false}
        fixedHeader
        fixSiderbar
        siderWidth={216}
        location={{ pathname: activePath }}
        selectedKeys={[activePath]}
        route={{ path: '/', children: routes }}
        menu={{ defaultOpenAll: true, ignoreFlatMenu: true }}
        onMenuHeaderClick={() => navigate('/')}
        menuItemRender={(item, dom) => (
          <Link to={item.path ?? '/'} data-testid={(item as MenuDataItem & { testId?: string }).testId}>
            {dom}
          </Link>
        )}
        actionsRender={() => [<InboxBell key="inbox" />]}
        avatarProps={{ render: () => <UserMenu me={me} onChangePassword={() => setIsPasswordOpen(true)} /> }}
        token={{
          bgLayout: '#f3f5f8',
          header: {
            colorBgHeader: BRAND_BLUE,
            colorBgScrollHeader: BRAND_BLUE,
            colorHeaderTitle: '#fff',
            colorTextRightActionsItem: 'rgba(255,255,255,0.92)',
            colorBgRightActionsItemHover: 'rgba(255,255,255,0.12)',
            heightLayoutHeader: 56,
          },
          sider: {
            colorMenuBackground: '#fff',
            colorTextMenu: '#3a4556',
            colorTextMenuSelected: '#1d5fb3',
            colorBgMenuItemSelected: '#e8f0fb',
            colorTextSubMenuSelected: '#1d5fb3',
          },
          pageContainer: { paddingBlockPageContainerContent: 20, paddingInlinePageContainerContent: 24 },
        }}
        footerRender={() => (
          <div style={{ textAlign: 'center', padding: '16px 0 24px', color: '#8a94a6', fontSize: 12 }}>
            Groundwork 县域项目建设全生命周期管理平台 · 所有操作均记录审计日志
          </div>
        )}
      >
        {me.passwordExpiresSoon && me.passwordExpiresAt && (
          <Alert
            type="warning"
            showIcon
            banner
            style={{ margin: '12px 24px 0' }}
            data-testid="password-expiry-warning"
            message={`您的密码将于 ${formatDateTime(me.passwordExpiresAt, 'YYYY-MM-DD')} 到期，到期后须先修改密码才能继续使用。`}
            action={
              <Button size="small" type="link" onClick={() => setIsPasswordOpen(true)}>
                现在修改
              </Button>
            }
          />
        )}
        <Outlet />
      </ProLayout>
      <Modal title="修改密码" open={isPasswordOpen} onCancel={() => setIsPasswordOpen(false)} footer={null} destroyOnHidden width={440}>
        <div style={{ paddingTop: 8 }}>
          <ChangePasswordForm onDone={() => setIsPasswordOpen(false)} />
        </div>
      </Modal>
    </>
  );
}
