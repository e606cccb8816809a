import { PlusOutlined } from '@ant-design/icons';
import { ProFormDigit, ProFormSelect, ProFormSwitch, ProFormText } from '@ant-design/pro-components';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { Button, Tag } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { UNIT_KIND_LABELS, UNIT_KINDS } from '../../../common/roles';
import type { UnitKind } from '../../../common/roles';
import { api } from '../api/client';
import type { Page } from '../api/client';
import { useAllUnits, useDivisions } from '../api/lists';
import type { Unit } from '../api/types';
import { useSession } from '../auth/session';
import { FormModal } from '../components/form-modal';
import { ListPage } from '../components/list-page';
import { formatDateTime } from '../lib/format';

const KIND_ENUM = Object.fromEntries(UNIT_KINDS.map((kind) => [kind, { text: UNIT_KIND_LABELS[kind] }]));

interface UnitFormValues {
  name: string;
  shortName?: string;
  kind: UnitKind;
  parentId?: string;
  divisionCode?: string;
  contactPerson?: string;
  contactPhone?: string;
  sortOrder?: number;
  isActive?: boolean;
}

/** Optional text: trimmed, or null when left empty (PATCH clears the field). */
function optional(value: string | undefined | null): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/** 单位管理: the organisation units, with create and edit for `org.manage`. */
export function UnitsPage() {
  const { can } = useSession();
  const canManage = can('org.manage');
  const actionRef = useRef<ActionType>();
  const { units, reloadUnits } = useAllUnits();
  const divisions = useDivisions(can('division.read'));
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);

  const unitNames = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const divisionNames = useMemo(() => new Map(divisions.map((d) => [d.code, d.name])), [divisions]);
  const hasManyDivisions = divisions.length > 1;

  const reloadAll = () => {
    actionRef.current?.reload();
    void reloadUnits();
  };

  const columns: ProColumns<Unit>[] = [
    {
      title: '单位名称',
      dataIndex: 'name',
      fieldProps: { placeholder: '名称或简称' },
      search: { transform: (value: string) => ({ q: value }) },
      width: 240,
      ellipsis: true,
    },
    { title: '简称', dataIndex: 'shortName', search: false, width: 120, renderText: (v: string | null) => v || '—' },
    { title: '类型', dataIndex: 'kind', valueType: 'select', valueEnum: KIND_ENUM, width: 150 },
    {
      title: '上级单位',
      dataIndex: 'parentId',
      search: false,
      width: 200,
      ellipsis: true,
      renderText: (id: string | null) => (id ? (unitNames.get(id) ?? '—') : '—'),
    },
    {
      title: '行政区划',
      dataIndex: 'divisionCode',
      search: false,
      hideInTable: !hasManyDivisions,
      renderText: (code: string) => divisionNames.get(code) ?? code,
    },
    { title: '联系人', dataIndex: 'contactPerson', search: false, width: 100, renderText: (v: string | null) => v || '—' },
    { title: '联系电话', dataIndex: 'contactPhone', search: false, width: 140, renderText: (v: string | null) => v || '—' },
    { title: '排序', dataIndex: 'sortOrder', search: false, width: 70, align: 'right' },
    {
      title: '状态',
      dataIndex: 'isActive',
      search: false,
      width: 80,
      render: (_, row) => (row.isActive ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    { title: '更新时间', dataIndex: 'updatedAt', search: false, width: 160, renderText: (v: string) => formatDateTime(v, 'YYYY-MM-DD HH:mm') },
    {
      title: '操作',
      valueType: 'option',
      width: 80,
      hideInTable: !canManage,
      render: (_, row) => [
        <a key="edit" onClick={() => setEditing(row)} data-testid={`unit-edit-${row.id}`}>
          编辑
        </a>,
      ],
    },
  ];

  const current = editing === 'new' ? null : editing;

  /** Creates the unit, or saves the one being edited (with its version). */
  const save = async (values: UnitFormValues) => {
    const fields = {
      name: values.name.trim(),
      kind: values.kind,
      shortName: optional(values.shortName),
      parentId: values.parentId ?? null,
      contactPerson: optional(values.contactPerson),
      contactPhone: optional(values.contactPhone),
      sortOrder: values.sortOrder ?? 0,
    };
    if (current) {
      await api<Unit>(`/api/units/${current.id}`, {
        method: 'PATCH',
        body: { ...fields, isActive: values.isActive ?? true, version: current.version },
      });
    } else {
      const body = Object.fromEntries(Object.entries({ ...fields, divisionCode: values.divisionCode }).filter(([, v]) => v !== null && v !== undefined));
      await api<Unit>('/api/units', { method: 'POST', body });
    }
  };

  return (
    <ListPage<Unit>
      title="单位管理"
      subTitle="组织机构与单位信息"
      headerTitle="单位列表"
      rowKey="id"
      actionRef={actionRef}
      columns={columns}
      fetchPage={(query) => api<Page<Unit>>('/api/units', { query })}
      toolbar={
        canManage
          ? [
              <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="unit-create">
                新建单位
              </Button>,
            ]
          : []
      }
    >
      <FormModal<UnitFormValues>
        title={current ? `编辑单位：${current.name}` : '新建单位'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSubmit={save}
        onSaved={reloadAll}
        successMessage={current ? '单位已保存' : '单位已新建'}
        initialValues={
          current
            ? {
                name: current.name,
                shortName: current.shortName ?? undefined,
                kind: current.kind,
                parentId: current.parentId ?? undefined,
                contactPerson: current.contactPerson ?? undefined,
                contactPhone: current.contactPhone ?? undefined,
                sortOrder: current.sortOrder,
                isActive: current.isActive,
              }
            : { sortOrder: 0, isActive: true }
        }
      >
        <ProFormText
          name="name"
          label="单位名称"
          colProps={{ span: 16 }}
          extra="请填写全称，如「河西县农业农村局」；与已有单位仅差县名前缀的名称（如「县农业农村局」）不能再建"
          rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, { max: 100 }]}
        />
        <ProFormText name="shortName" label="简称" colProps={{ span: 8 }} rules={[{ max: 50 }]} />
        <ProFormSelect
          name="kind"
          label="单位类型"
          colProps={{ span: 12 }}
          options={UNIT_KINDS.map((kind) => ({ value: kind, label: UNIT_KIND_LABELS[kind] }))}
          rules={[{ required: true, message: '请选择单位类型' }]}
        />
        <ProFormSelect
          name="parentId"
          label="上级单位"
          colProps={{ span: 12 }}
          showSearch
          allowClear
          placeholder="无（顶级单位）"
          options={units.filter((u) => u.id !== current?.id).map((u) => ({ value: u.id, label: u.name }))}
        />
        {!current && hasManyDivisions && (
          <ProFormSelect
            name="divisionCode"
            label="行政区划"
            colProps={{ span: 12 }}
            placeholder="默认为本人所在行政区划"
            allowClear
            options={divisions.map((d) => ({ value: d.code, label: d.name }))}
          />
        )}
        <ProFormText name="contactPerson" label="联系人" colProps={{ span: 12 }} rules={[{ max: 50 }]} />
        <ProFormText
          name="contactPhone"
          label="联系电话"
          colProps={{ span: 12 }}
          rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: '请输入有效的电话号码' }]}
        />
        <ProFormDigit name="sortOrder" label="排序号" colProps={{ span: 12 }} min={0} max={99999} fieldProps={{ precision: 0 }} extra="数字越小越靠前" />
        {current && <ProFormSwitch name="isActive" label="启用" colProps={{ span: 12 }} checkedChildren="启用" unCheckedChildren="停用" />}
      </FormModal>
    </ListPage>
  );
}
