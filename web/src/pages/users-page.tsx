import { PlusOutlined } from '@ant-design/icons';
import { ProFormSelect, ProFormText } from '@ant-design/pro-components';
import type { ActionType, ProColumns, ProFormInstance } from '@ant-design/pro-components';
import { App, Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { DATA_SCOPE_LABELS, DATA_SCOPES, DEFAULT_SCOPE, ROLE_LABELS, ROLES } from '../../../common/roles';
import type { DataScope, Role } from '../../../common/roles';
import { api, isApiError } from '../api/client';
import type { Page } from '../api/client';
import { useAllUnits } from '../api/lists';
import type { User } from '../api/types';
import { useSession } from '../auth/session';
import { FormModal } from '../components/form-modal';
import { ListPage } from '../components/list-page';
import { formatDateTime, isLockedNow } from '../lib/format';
import { confirmRules, PASSWORD_HINT, passwordRules } from './system/password-rules';

const ROLE_ENUM = Object.fromEntries(ROLES.map((role) => [role, { text: ROLE_LABELS[role] }]));
const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const SCOPE_OPTIONS = DATA_SCOPES.map((scope) => ({ value: scope, label: DATA_SCOPE_LABELS[scope] }));

interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  dataScope: DataScope;
  unitId?: string;
  phone?: string;
  password?: string;
  confirmPassword?: string;
}

interface ResetValues {
  password: string;
  confirmPassword: string;
}

function UserStatus({ user }: { user: User }) {
  if (isLockedNow(user.lockedUntil)) {
    return (
      <Tooltip title={`锁定至 ${formatDateTime(user.lockedUntil)}`}>
        <Tag color="red">锁定至 {formatDateTime(user.lockedUntil, 'HH:mm')}</Tag>
      </Tooltip>
    );
  }
  if (!user.isActive) return <Tag>停用</Tag>;
  return (
    <Space size={4}>
      <Tag color="green">启用</Tag>
      {user.mustChangePassword && <Tag color="orange">待改密</Tag>}
    </Space>
  );
}

/** 用户管理: accounts, roles and data scope; create, edit, reset, unlock for `user.manage`. */
export function UsersPage() {
  const { can, me } = useSession();
  const { message } = App.useApp();
  const canManage = can('user.manage');
  const actionRef = useRef<ActionType>();
  const formRef = useRef<ProFormInstance<UserFormValues>>();
  const { units } = useAllUnits(can('org.read'));
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const unitOptions = useMemo(() => units.map((u) => ({ value: u.id, label: u.name })), [units]);
  const unitEnum = useMemo(() => Object.fromEntries(units.map((u) => [u.id, { text: u.name }])), [units]);
  const current = editing === 'new' ? null : editing;

  const reload = () => actionRef.current?.reload();

  const report = (error: unknown, fallback: string) => {
    message.error(isApiError(error) ? error.message : fallback);
    if (isApiError(error, 'VERSION_CONFLICT')) reload();
  };

  const setActive = async (user: User, isActive: boolean) => {
    try {
      await api<User>(`/api/users/${user.id}`, { method: 'PATCH', body: { version: user.version, isActive } });
      message.success(isActive ? '账号已启用' : '账号已停用');
      reload();
    } catch (error) {
      report(error, '操作失败');
    }
  };

  const unlock = async (user: User) => {
    try {
      await api<void>(`/api/users/${user.id}/unlock`, { method: 'POST' });
      message.success('已解除锁定');
      reload();
    } catch (error) {
      report(error, '解除锁定失败');
    }
  };

  const columns: ProColumns<User>[] = [
    {
      title: '关键字',
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: '用户名或姓名' },
    },
    { title: '用户名', dataIndex: 'username', search: false, width: 100 },
    { title: '姓名', dataIndex: 'displayName', search: false, width: 90 },
    { title: '角色', dataIndex: 'role', valueType: 'select', valueEnum: ROLE_ENUM, width: 120 },
    {
      title: '数据范围',
      dataIndex: 'dataScope',
      search: false,
      width: 90,
      renderText: (scope: DataScope) => DATA_SCOPE_LABELS[scope] ?? scope,
    },
    {
      title: '所在单位',
      dataIndex: 'unitId',
      valueType: 'select',
      valueEnum: unitEnum,
      fieldProps: { showSearch: true },
      width: 170,
      ellipsis: true,
      render: (_, row) => row.unitName ?? '—',
    },
    { title: '手机号', dataIndex: 'phone', search: false, width: 110, renderText: (v: string | null) => v || '—' },
    { title: '状态', dataIndex: 'isActive', search: false, width: 120, render: (_, row) => <UserStatus user={row} /> },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      search: false,
      width: 150,
      renderText: (v: string | null) => (v ? formatDateTime(v, 'YYYY-MM-DD HH:mm') : '从未登录'),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 210,
      fixed: 'right',
      hideInTable: !canManage,
      render: (_, row) => {
        const isSelf = row.id === me?.id;
        const actions = [
          <a key="edit" onClick={() => setEditing(row)} data-testid={`user-edit-${row.username}`}>
            编辑
          </a>,
          <a key="reset" onClick={() => setResetting(row)} data-testid={`user-reset-${row.username}`}>
            重置密码
          </a>,
        ];
        if (isLockedNow(row.lockedUntil)) {
          actions.push(
            <Popconfirm key="unlock" title={`解除「${row.displayName}」的锁定？`} onConfirm={() => unlock(row)}>
              <a data-testid={`user-unlock-${row.username}`}>解除锁定</a>
            </Popconfirm>,
          );
        }
        if (!isSelf) {
          actions.push(
            <Popconfirm
              key="toggle"
              title={row.isActive ? `停用「${row.displayName}」？停用后该账号不能登录。` : `启用「${row.displayName}」？`}
              onConfirm={() => setActive(row, !row.isActive)}
            >
              <a data-testid={`user-toggle-${row.username}`} style={row.isActive ? { color: '#cf1322' } : undefined}>
                {row.isActive ? '停用' : '启用'}
              </a>
            </Popconfirm>,
          );
        }
        return actions;
      },
    },
  ];

  /** Creates the account, or saves the one being edited (with its version). */
  const save = async (values: UserFormValues) => {
    const phone = values.phone?.trim() || null;
    if (current) {
      await api<User>(`/api/users/${current.id}`, {
        method: 'PATCH',
        body: {
          version: current.version,
          displayName: values.displayName.trim(),
          role: values.role,
          dataScope: values.dataScope,
          unitId: values.unitId ?? null,
          phone,
        },
      });
    } else {
      await api<User>('/api/users', {
        method: 'POST',
        body: {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          dataScope: values.dataScope,
          unitId: values.unitId,
          ...(phone ? { phone } : {}),
          password: values.password,
        },
      });
    }
  };

  const resetPassword = async (values: ResetValues) => {
    if (resetting) await api<void>(`/api/users/${resetting.id}/reset-password`, { method: 'POST', body: { password: values.password } });
  };

  return (
    <ListPage<User>
      title="用户管理"
      subTitle="账号、角色与数据范围"
      headerTitle="用户列表"
      rowKey="id"
      actionRef={actionRef}
      columns={columns}
      fetchPage={(query) => api<Page<User>>('/api/users', { query })}
      toolbar={
        canManage
          ? [
              <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
                新建用户
              </Button>,
            ]
          : []
      }
    >
      <FormModal<UserFormValues>
        formRef={formRef}
        title={current ? `编辑用户：${current.displayName}` : '新建用户'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSubmit={save}
        onSaved={reload}
        successMessage={current ? '用户已保存' : '用户已新建，首次登录须修改密码'}
        initialValues={
          current
            ? {
                username: current.username,
                displayName: current.displayName,
                role: current.role,
                dataScope: current.dataScope,
                unitId: current.unitId ?? undefined,
                phone: current.phone ?? undefined,
              }
            : {}
        }
        onValuesChange={(changed) => {
          if (changed.role) formRef.current?.setFieldsValue({ dataScope: DEFAULT_SCOPE[changed.role] });
        }}
      >
        <ProFormText
          name="username"
          label="用户名"
          colProps={{ span: 12 }}
          disabled={Boolean(current)}
          fieldProps={{ autoComplete: 'off' }}
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '3–32 位字母、数字、下划线、点或短横线' },
          ]}
        />
        <ProFormText name="displayName" label="姓名" colProps={{ span: 12 }} rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]} />
        <ProFormSelect name="role" label="角色" colProps={{ span: 12 }} options={ROLE_OPTIONS} rules={[{ required: true, message: '请选择角色' }]} />
        <ProFormSelect
          name="dataScope"
          label="数据范围"
          colProps={{ span: 12 }}
          options={SCOPE_OPTIONS}
          extra="选择角色后自动带出默认范围，可调整"
          rules={[{ required: true, message: '请选择数据范围' }]}
        />
        <ProFormSelect
          name="unitId"
          label="所在单位"
          colProps={{ span: 12 }}
          showSearch
          options={unitOptions}
          rules={[{ required: true, message: '请选择所在单位' }]}
        />
        <ProFormText name="phone" label="手机号" colProps={{ span: 12 }} rules={[{ pattern: /^1\d{10}$/, message: '请输入 11 位手机号' }]} />
        {!current && (
          <>
            <ProFormText.Password
              name="password"
              label="初始密码"
              colProps={{ span: 12 }}
              extra={PASSWORD_HINT}
              fieldProps={{ autoComplete: 'new-password' }}
              rules={passwordRules(() => formRef.current?.getFieldValue('username') as string | undefined)}
            />
            <ProFormText.Password
              name="confirmPassword"
              label="确认初始密码"
              colProps={{ span: 12 }}
              dependencies={['password']}
              fieldProps={{ autoComplete: 'new-password' }}
              rules={confirmRules('password')}
            />
          </>
        )}
      </FormModal>

      <FormModal<ResetValues>
        title={resetting ? `重置密码：${resetting.displayName}（${resetting.username}）` : '重置密码'}
        open={resetting !== null}
        width={440}
        isGrid={false}
        onClose={() => setResetting(null)}
        onSubmit={resetPassword}
        onSaved={reload}
        successMessage={resetting ? `已重置「${resetting.displayName}」的密码，下次登录须修改密码` : undefined}
        errorMessage="重置密码失败"
      >
        <Typography.Paragraph type="secondary">重置后该用户下次登录须先修改密码。</Typography.Paragraph>
        <ProFormText.Password
          name="password"
          label="新密码"
          extra={PASSWORD_HINT}
          fieldProps={{ autoComplete: 'new-password' }}
          rules={passwordRules(() => resetting?.username)}
        />
        <ProFormText.Password
          name="confirmPassword"
          label="确认新密码"
          dependencies={['password']}
          fieldProps={{ autoComplete: 'new-password' }}
          rules={confirmRules('password')}
        />
      </FormModal>
    </ListPage>
  );
}
