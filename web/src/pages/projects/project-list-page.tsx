import { DeleteOutlined, DownloadOutlined, FilterOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormText, ProTable } from '@ant-design/pro-components';
import type { ActionType, ProColumns, ProFormInstance } from '@ant-design/pro-components';
import { App, Button, Dropdown, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { INVESTMENT_BANDS, SECTOR_LABELS, SECTORS, STAGE_LABELS, STAGES } from '../../../../common/projects';
import type { Sector } from '../../../../common/projects';
import { api, apiUrl } from '../../api/client';
import type { Page } from '../../api/client';
import { useLibraries, useUnitOptions } from '../../api/projects';
import type { ProjectListItem, SavedFilter } from '../../api/projects';
import { useSession } from '../../auth/session';
import { projectListTitles } from '../../layout/scope-titles';
import { download, errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { BandTags, POLICY_TAG_SUGGESTIONS, StageTag, Wan } from './project-ui';

/** The filters the list sends and keeps in the address bar (and in saved filters). */
const FILTER_KEYS = ['q', 'code', 'stage', 'sector', 'departmentId', 'townshipId', 'band', 'libraryId', 'tag', 'leader'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;

const SORT_FIELDS = ['name', 'totalInvestment', 'plannedStart', 'updatedAt', 'stage'];

const STAGE_ENUM = Object.fromEntries(STAGES.map((s) => [s, { text: STAGE_LABELS[s] }]));
const SECTOR_ENUM = Object.fromEntries(SECTORS.map((s) => [s, { text: SECTOR_LABELS[s] }]));
const BAND_ENUM = Object.fromEntries(INVESTMENT_BANDS.map((b) => [b.key, { text: b.label }]));

function filtersFromSearch(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

function filtersToSearch(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== null && String(value).trim() !== '') params.set(key, String(value).trim());
  }
  return params;
}

/** 项目库: every project the user may see, with filters, sorting, export and saved filters. */
export function ProjectListPage() {
  const { can, me } = useSession();
  // Titles say whose projects these are; a 项目单位 (no org.read) gets no unit filters it cannot fill.
  const titles = me ? projectListTitles(me) : { title: '项目库', subTitle: '' };
  const mayFilterByUnit = can('org.read');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const actionRef = useRef<ActionType>();
  const formRef = useRef<ProFormInstance>();
  const initialFilters = useMemo(() => filtersFromSearch(searchParams), []); // eslint-disable-line react-hooks/exhaustive-deps
  const currentFilters = useRef<Filters>(initialFilters);
  const currentSort = useRef<{ sort?: string; order?: string }>({});
  const [savedFilters, setSavedFilters] = useState<SavedFilter[]>([]);
  const [isSaveOpen, setIsSaveOpen] = useState(false);

  const departments = useUnitOptions('department', mayFilterByUnit);
  const townships = useUnitOptions('township', mayFilterByUnit);
  const libraries = useLibraries();

  const loadSaved = useCallback(async () => {
    try {
      setSavedFilters((await api<{ data: SavedFilter[] }>('/api/saved-filters')).data);
    } catch {
      setSavedFilters([]);
    }
  }, []);
  useEffect(() => {
    void loadSaved();
  }, [loadSaved]);

  const applyFilters = (query: string) => {
    const filters = filtersFromSearch(new URLSearchParams(query));
    formRef.current?.resetFields();
    formRef.current?.setFieldsValue(filters);
    formRef.current?.submit();
  };

  const deleteSaved = (filter: SavedFilter) => {
    modal.confirm({
      title: `删除筛选「${filter.name}」？`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api(`/api/saved-filters/${filter.id}`, { method: 'DELETE' });
          message.success('已删除');
          void loadSaved();
        } catch (error) {
          message.error(errorText(error, '删除失败'));
        }
      },
    });
  };

  const savedMenu: MenuProps['items'] = [
    ...savedFilters.map((f) => ({
      key: f.id,
      label: (
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, minWidth: 180 }}>
          <span data-testid={`saved-filter-${f.id}`}>{f.name}</span>
          <DeleteOutlined
            style={{ color: '#8a94a6' }}
            onClick={(event) => {
              event.stopPropagation();
              deleteSaved(f);
            }}
          />
        </div>
      ),
    })),
    ...(savedFilters.length ? [{ type: 'divider' as const }] : []),
    { key: '__save', icon: <SaveOutlined />, label: <span data-testid="saved-filter-save">保存当前筛选…</span> },
  ];

  const columns: ProColumns<ProjectListItem>[] = [
    {
      title: '项目名称',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      width: 320,
      hideInSearch: true,
      render: (_, row) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/projects/${row.id}`} data-testid={`project-row-${row.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
            {row.name}
          </Link>
          <div style={{ fontSize: 12, color: '#8a94a6', marginTop: 2, display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
            <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{row.code ?? row.reserveNo}</span>
            {!row.code && <span>（储备编号）</span>}
            <BandTags bands={row.bands} />
          </div>
        </div>
      ),
    },
    {
      title: '关键字',
      dataIndex: 'q',
      hideInTable: true,
      tooltip: '按项目名称或建设单位检索，输入其中任意两个字即可',
      fieldProps: { placeholder: '名称/单位，任意两字', 'data-testid': 'project-search', allowClear: true },
    },
    { title: '项目代码', dataIndex: 'code', hideInTable: true, fieldProps: { placeholder: '项目代码或储备编号' } },
    { title: '建设单位', dataIndex: 'ownerUnitName', search: false, ellipsis: true, width: 180, renderText: (v: string | null) => v || '—' },
    {
      title: '主管部门',
      dataIndex: 'departmentId',
      valueType: 'select',
      hideInSearch: !mayFilterByUnit,
      width: 140,
      ellipsis: true,
      fieldProps: { options: departments, showSearch: true, optionFilterProp: 'label' },
      render: (_, row) => row.departmentName || '—',
    },
    {
      title: '乡镇',
      dataIndex: 'townshipId',
      valueType: 'select',
      hideInSearch: !mayFilterByUnit,
      width: 110,
      ellipsis: true,
      fieldProps: { options: townships, showSearch: true, optionFilterProp: 'label' },
      render: (_, row) => row.townshipName || '—',
    },
    {
      title: '产业类别',
      dataIndex: 'sector',
      valueType: 'select',
      valueEnum: SECTOR_ENUM,
      width: 100,
      render: (_, row) => SECTOR_LABELS[row.sector as Sector] ?? row.sector,
    },
    {
      title: '阶段',
      dataIndex: 'stage',
      valueType: 'select',
      valueEnum: STAGE_ENUM,
      sorter: true,
      width: 110,
      render: (_, row) => <StageTag stage={row.stage} />,
    },
    {
      title: '总投资（万元）',
      dataIndex: 'totalInvestment',
      key: 'totalInvestment',
      search: false,
      sorter: true,
      align: 'right',
      width: 140,
      render: (_, row) => <Wan value={row.totalInvestment} />,
    },
    { title: '投资规模', dataIndex: 'band', valueType: 'select', valueEnum: BAND_ENUM, hideInTable: true },
    {
      title: '项目库',
      dataIndex: 'libraryId',
      valueType: 'select',
      fieldProps: { options: libraries.data.map((l) => ({ value: l.id, label: l.name })), showSearch: true, optionFilterProp: 'label' },
      width: 160,
      render: (_, row) =>
        row.libraryNames.length ? (
          <Space size={[0, 4]} wrap>
            {row.libraryNames.map((n) => (
              <Tag key={n} bordered={false} style={{ fontSize: 12 }}>
                {n}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">未入库</Typography.Text>
        ),
    },
    {
      title: '计划开工',
      dataIndex: 'plannedStart',
      key: 'plannedStart',
      search: false,
      sorter: true,
      width: 110,
      renderText: (v: string | null) => v || '—',
    },
    { title: '包抓领导', dataIndex: 'leader', width: 100, render: (_, row) => row.leaderName || '—', fieldProps: { placeholder: '领导姓名' } },
    {
      title: '政策标签',
      dataIndex: 'tag',
      valueType: 'select',
      fieldProps: { options: POLICY_TAG_SUGGESTIONS.map((t) => ({ value: t, label: t })), showSearch: true },
      hideInTable: true,
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      search: false,
      sorter: true,
      width: 150,
      defaultSortOrder: undefined,
      renderText: (v: string) => formatDateTime(v, 'YYYY-MM-DD HH:mm'),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 70,
      fixed: 'right',
      // Only the actions the server accepts on this project (its `allowedActions`).
      render: (_, row) =>
        row.allowedActions.includes('update')
          ? [
              <Link key="edit" to={`/projects/${row.id}/edit`} onClick={(e) => e.stopPropagation()} data-testid={`project-edit-${row.id}`}>
                编辑
              </Link>,
            ]
          : [],
    },
  ];

  const exportExcel = () => {
    download(apiUrl('/api/projects/export.xlsx', { ...currentFilters.current, ...currentSort.current }));
  };

  return (
    <PageContainer title={titles.title} subTitle={titles.subTitle}>
      <ProTable<ProjectListItem>
        rowKey="id"
        actionRef={actionRef}
        formRef={formRef}
        columns={columns}
        cardBordered={false}
        headerTitle="项目列表"
        form={{ initialValues: initialFilters, syncToUrl: false }}
        search={{ labelWidth: 'auto', defaultCollapsed: true, span: { xs: 24, sm: 12, md: 12, lg: 8, xl: 8, xxl: 6 } }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `共 ${total} 个项目` }}
        options={{ density: false, setting: true, reload: true }}
        scroll={{ x: 1400 }}
        onRow={(row) => ({ onClick: () => navigate(`/projects/${row.id}`), style: { cursor: 'pointer' } })}
        request={async (params, sort) => {
          const filters: Filters = {};
          for (const key of FILTER_KEYS) {
            const value = params[key] as string | undefined;
            if (value !== undefined && value !== null && String(value).trim() !== '') filters[key] = String(value).trim();
          }
          currentFilters.current = filters;
          const [field, order] = Object.entries(sort ?? {}).find(([, o]) => o) ?? [];
          currentSort.current = field && SORT_FIELDS.includes(field) ? { sort: field, order: order ?? 'descend' } : {};
          setSearchParams(filtersToSearch(filters), { replace: true });
          const answer = await api<Page<ProjectListItem>>('/api/projects', {
            query: { ...filters, ...currentSort.current, page: params.current, pageSize: params.pageSize },
          });
          return { data: answer.data, total: answer.total, success: true };
        }}
        toolBarRender={() => [
          <Dropdown
            key="saved"
            trigger={['click']}
            menu={{
              items: savedMenu,
              onClick: ({ key }) => {
                if (key === '__save') setIsSaveOpen(true);
                else {
                  const hit = savedFilters.find((f) => f.id === key);
                  if (hit) applyFilters(hit.query);
                }
              },
            }}
          >
            <Button icon={<FilterOutlined />} data-testid="saved-filters">
              常用筛选{savedFilters.length ? `（${savedFilters.length}）` : ''}
            </Button>
          </Dropdown>,
          <Button key="export" icon={<DownloadOutlined />} onClick={exportExcel} data-testid="project-export">
            导出 Excel
          </Button>,
          ...(can('project.create')
            ? [
                <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/new')} data-testid="project-create">
                  新建项目
                </Button>,
              ]
            : []),
        ]}
      />
      <ModalForm<{ name: string }>
        title="保存当前筛选"
        open={isSaveOpen}
        width={420}
        modalProps={{ destroyOnClose: true, onCancel: () => setIsSaveOpen(false) }}
        onOpenChange={(open) => {
          if (!open) setIsSaveOpen(false);
        }}
        onFinish={async ({ name }) => {
          const query = filtersToSearch(currentFilters.current).toString();
          try {
            await api('/api/saved-filters', { method: 'POST', body: { name: name.trim(), query } });
            message.success('筛选已保存');
            void loadSaved();
            return true;
          } catch (error) {
            message.error(errorText(error, '保存失败'));
            return false;
          }
        }}
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {Object.keys(currentFilters.current).length === 0 ? '当前未设置任何筛选条件。' : '保存后可在「常用筛选」中一键套用。'}
        </Typography.Paragraph>
        <ProFormText
          name="name"
          label="名称"
          placeholder="如：水务局在建重大项目"
          fieldProps={{ 'data-testid': 'saved-filter-name' } as object}
          rules={[{ required: true, whitespace: true, message: '请输入名称' }, { max: 40 }]}
        />
      </ModalForm>
    </PageContainer>
  );
}
