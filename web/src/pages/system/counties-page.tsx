import { PlusOutlined } from '@ant-design/icons';
import { ProFormDependency, ProFormText } from '@ant-design/pro-components';
import type { ActionType, ProColumns, ProFormInstance } from '@ant-design/pro-components';
import { Alert, Button, Divider, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useDivisions } from '../../api/lists';
import { countiesApi } from '../../api/org';
import type { County } from '../../api/org';
import { useSession } from '../../auth/session';
import { FormModal } from '../../components/form-modal';
import { ListPage } from '../../components/list-page';
import { formatDateTime } from '../../lib/format';
import { confirmRules, PASSWORD_HINT, passwordRules } from './password-rules';

interface CountyFormValues {
  code: string;
  name: string;
  drcUnitName?: string;
  adminUsername: string;
  adminDisplayName: string;
  adminPhone?: string;
  adminPassword: string;
  confirmPassword: string;
}

/** The code prefix of a division's region: 990000 → 99, 990100 → 9901 (a county: its own code). */
function regionPrefix(code: string): string {
  return code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
}

/**
 * 区划管理: the counties under a province or city, and 新增县区 — the division, its 发改局 and its
 * first administrator in one step; the county can log in and report at once, without a restart.
 */
export function CountiesPage() {
  const { can, me } = useSession();
  const actionRef = useRef<ActionType>();
  const formRef = useRef<ProFormInstance<CountyFormValues>>();
  const [isCreating, setIsCreating] = useState(false);
  const divisions = useDivisions(can('division.read'));
  const cityNames = useMemo(() => new Map(divisions.filter((d) => d.level === 'city').map((d) => [d.code, d.name])), [divisions]);

  const ownCode = me?.divisionCode ?? '';
  const isAboveCounty = ownCode.endsWith('00');
  const canCreate = can('division.manage') && isAboveCounty;
  const prefix = regionPrefix(ownCode);
  const codeHint = ownCode.endsWith('0000') ? `${prefix}CCXX：CC 为已建立的市（州），XX 为 01–99` : `${prefix}XX：XX 为 01–99`;

  /** Under the code field: the format while it is incomplete, then the city it falls under. */
  const parentHint = (code: string | undefined) => {
    if (!code || !/^\d{6}$/.test(code)) return `县级代码，格式 ${codeHint}`;
    const city = cityNames.get(`${code.slice(0, 4)}00`);
    return city ? `上级市（州）：${city}` : `县级代码，格式 ${codeHint}`;
  };

  const columns: ProColumns<County>[] = [
    { title: '关键字', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '县区名称或代码' } },
    { title: '行政区划代码', dataIndex: 'code', search: false, width: 120 },
    { title: '县区名称', dataIndex: 'name', search: false, width: 140 },
    { title: '上级市（州）', dataIndex: 'parentName', search: false, width: 140, renderText: (v: string | null) => v || '—' },
    { title: '单位数', dataIndex: 'unitCount', search: false, width: 80, align: 'right' },
    { title: '用户数', dataIndex: 'userCount', search: false, width: 80, align: 'right' },
    {
      title: '管理员账号',
      dataIndex: 'admins',
      search: false,
      width: 220,
      render: (_, row) =>
        row.admins.length ? (
          <Space size={[4, 4]} wrap>
            {row.admins.map((name) => (
              <Tag key={name}>{name}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="warning">尚无管理员</Typography.Text>
        ),
    },
    { title: '建立时间', dataIndex: 'createdAt', search: false, width: 150, renderText: (v: string) => formatDateTime(v, 'YYYY-MM-DD HH:mm') },
  ];

  const save = async (values: CountyFormValues) => {
    const optional = (text: string | undefined) => text?.trim() || undefined;
    await countiesApi.create({
      code: values.code.trim(),
      name: values.name.trim(),
      drcUnitName: optional(values.drcUnitName),
      adminUsername: values.adminUsername.trim(),
      adminDisplayName: values.adminDisplayName.trim(),
      adminPhone: optional(values.adminPhone),
      adminPassword: values.adminPassword,
    });
  };

  return (
    <ListPage<County>
      title="区划管理"
      subTitle={isAboveCounty ? `${me?.divisionName ?? ''}所辖县（市、区）` : '本县区'}
      headerTitle="县区列表"
      rowKey="code"
      actionRef={actionRef}
      columns={columns}
      fetchPage={(query) => countiesApi.list(query)}
      toolbar={
        canCreate
          ? [
              <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)} data-testid="county-create">
                新增县区
              </Button>,
            ]
          : []
      }
      tableProps={{
        tableExtraRender: () =>
          canCreate ? null : <Alert type="info" showIcon message="新增县区由市（州）或省级系统管理员办理；县区内的单位和用户在「单位管理」「用户管理」中维护。" />,
      }}
    >
      <FormModal<CountyFormValues>
        formRef={formRef}
        title="新增县区"
        width={720}
        open={isCreating}
        onClose={() => setIsCreating(false)}
        onSubmit={save}
        onSaved={() => actionRef.current?.reload()}
        successMessage="县区已新增，管理员首次登录须修改初始密码"
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16, width: '100%' }}
          message="一次建立行政区划、该县区的发展和改革局和首个系统管理员；保存后立即生效，管理员即可登录，无需重启。"
        />
        <ProFormDependency name={['code']}>
          {({ code }: { code?: string }) => (
            <ProFormText
              name="code"
              label="行政区划代码"
              colProps={{ span: 12 }}
              fieldProps={{ maxLength: 6, inputMode: 'numeric', autoComplete: 'off' }}
              rules={[
                { required: true, message: '请输入 6 位行政区划代码' },
                { pattern: /^\d{6}$/, message: '行政区划代码应为 6 位数字' },
                { pattern: /^\d{4}(?!00)\d{2}$/, message: '县级代码的末两位不能为 00' },
                {
                  validator: (_: unknown, value: string | undefined) =>
                    !value || !/^\d{6}$/.test(value) || value.startsWith(prefix)
                      ? Promise.resolve()
                      : Promise.reject(new Error(`须在${me?.divisionName ?? '本级'}范围内（${prefix} 开头）`)),
                },
                {
                  // Divisions not loaded yet: the server checks it.
                  validator: (_: unknown, value: string | undefined) =>
                    !value || !/^\d{6}$/.test(value) || cityNames.size === 0 || cityNames.has(`${value.slice(0, 4)}00`)
                      ? Promise.resolve()
                      : Promise.reject(new Error(`上级市（州）${value.slice(0, 4)}00 尚未建立，请核对代码`)),
                },
              ]}
              extra={parentHint(code)}
            />
          )}
        </ProFormDependency>
        <ProFormText name="name" label="县区名称" colProps={{ span: 12 }} placeholder="如：河东县" rules={[{ required: true, whitespace: true, message: '请输入县区名称' }, { min: 2, max: 32 }]} />
        <ProFormDependency name={['name']}>
          {({ name }: { name?: string }) => (
            <ProFormText
              name="drcUnitName"
              label="发改局名称"
              colProps={{ span: 24 }}
              placeholder={name?.trim() ? `${name.trim()}发展和改革局` : '默认为「县区名称 + 发展和改革局」'}
              extra="该县区的发展和改革局，首个管理员即属于本单位；留空则用默认名称"
              rules={[{ min: 2, max: 100 }]}
            />
          )}
        </ProFormDependency>
        <Divider orientation="left" plain style={{ margin: '4px 0 12px' }}>
          首个系统管理员（由其在本县区建立单位和用户）
        </Divider>
        <ProFormText
          name="adminUsername"
          label="用户名"
          colProps={{ span: 8 }}
          fieldProps={{ autoComplete: 'off' }}
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: '3–64 位字母、数字、下划线、点或短横线' },
          ]}
        />
        <ProFormText name="adminDisplayName" label="姓名" colProps={{ span: 8 }} rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 64 }]} />
        <ProFormText name="adminPhone" label="手机号" colProps={{ span: 8 }} rules={[{ pattern: /^1\d{10}$/, message: '请输入 11 位手机号' }]} />
        <ProFormText.Password
          name="adminPassword"
          label="初始密码"
          colProps={{ span: 12 }}
          extra={`${PASSWORD_HINT}；首次登录须修改`}
          fieldProps={{ autoComplete: 'new-password' }}
          rules={passwordRules(() => formRef.current?.getFieldValue('adminUsername') as string | undefined)}
        />
        <ProFormText.Password
          name="confirmPassword"
          label="确认初始密码"
          colProps={{ span: 12 }}
          dependencies={['adminPassword']}
          fieldProps={{ autoComplete: 'new-password' }}
          rules={confirmRules('adminPassword')}
        />
      </FormModal>
    </ListPage>
  );
}
