import type { ProColumns, ProFormInstance } from '@ant-design/pro-components';
import { Card, Col, Row, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { PROCEDURE_DUE_FILTER_LABELS, PROCEDURE_DUE_FILTERS } from '../../../../common/procedure-filters';
import { PROCEDURE_STATUS_LABELS } from '../../../../common/projects';
import type { ProcedureStatus } from '../../../../common/projects';
import { api, apiUrl } from '../../api/client';
import type { StuckAnswer, StuckProcedure } from '../../api/projects';
import { useUnitOptions } from '../../api/projects';
import { useSession } from '../../auth/session';
import { ListPage } from '../../components/list-page';

const OPEN_STATUS_ENUM = Object.fromEntries((['not_started', 'in_progress'] as const).map((s) => [s, { text: PROCEDURE_STATUS_LABELS[s] }]));
const DUE_ENUM = Object.fromEntries(PROCEDURE_DUE_FILTERS.map((d) => [d, { text: PROCEDURE_DUE_FILTER_LABELS[d] }]));

type Summary = StuckAnswer['summary'];

/** The per-procedure cards: 待办 and 逾期 of each type; a click filters the list by it. */
function ProcedureCards({ summary, selected, onSelect }: { summary: Summary; selected: string | undefined; onSelect: (key: string | undefined) => void }) {
  const totalPending = summary.reduce((n, s) => n + s.pending, 0);
  const totalOverdue = summary.reduce((n, s) => n + s.overdue, 0);
  const card = (key: string | undefined, name: string, pending: number, overdue: number) => {
    const isSelected = selected === key;
    return (
      <Col key={key ?? 'all'} xs={12} md={8} lg={6} xl={4} xxl={3}>
        <Card
          hoverable
          size="small"
          onClick={() => onSelect(isSelected ? undefined : key)}
          data-testid={`procedure-card-${key ?? 'all'}`}
          style={{
            borderColor: isSelected ? '#1d5fb3' : overdue && key ? '#ffccc7' : undefined,
            background: isSelected ? '#f0f6ff' : undefined,
            height: '100%',
          }}
        >
          <Typography.Text strong>{name}</Typography.Text>
          <div style={{ marginTop: 6, fontSize: 13 }}>
            待办 <b>{pending}</b>
            <span style={{ marginLeft: 12 }}>
              逾期 <b style={{ color: overdue ? '#cf1322' : undefined }}>{overdue}</b>
            </span>
          </div>
        </Card>
      </Col>
    );
  };
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {card(undefined, '全部手续', totalPending, totalOverdue)}
      {summary.map((s) => card(s.key, s.name, s.pending, s.overdue))}
    </Row>
  );
}

/** 前期手续: every open procedure in the caller's scope, paged on the server, filtered and exported. */
export function ProceduresPage() {
  const { can } = useSession();
  const formRef = useRef<ProFormInstance>();
  const [summary, setSummary] = useState<Summary>([]);
  const [selectedKey, setSelectedKey] = useState<string | undefined>();
  // A 项目单位 reads no unit list (no org.read): its few projects need no department or township filter.
  const mayFilterByUnit = can('org.read');
  const departments = useUnitOptions('department', mayFilterByUnit);
  const townships = useUnitOptions('township', mayFilterByUnit);

  const selectKey = (key: string | undefined) => {
    formRef.current?.setFieldsValue({ key });
    formRef.current?.submit();
  };

  const columns: ProColumns<StuckProcedure>[] = [
    {
      title: '关键字',
      dataIndex: 'q',
      hideInTable: true,
      tooltip: '按项目名称或建设单位检索，输入其中任意两个字即可',
      fieldProps: { placeholder: '项目名称/单位，任意两字', allowClear: true, 'data-testid': 'procedure-search' },
    },
    {
      title: '项目',
      dataIndex: 'projectName',
      search: false,
      ellipsis: true,
      width: 260,
      render: (_, row) => <Link to={`/projects/${row.projectId}`}>{row.projectName}</Link>,
    },
    {
      title: '主管部门',
      dataIndex: 'departmentId',
      valueType: 'select',
      hideInSearch: !mayFilterByUnit,
      width: 150,
      ellipsis: true,
      fieldProps: { options: departments, showSearch: true, optionFilterProp: 'label', 'data-testid': 'procedure-filter-department' },
      render: (_, row) => row.departmentName || '—',
    },
    {
      title: '乡镇',
      dataIndex: 'townshipId',
      valueType: 'select',
      hideInSearch: !mayFilterByUnit,
      width: 100,
      ellipsis: true,
      fieldProps: { options: townships, showSearch: true, optionFilterProp: 'label' },
      render: (_, row) => row.townshipName || '—',
    },
    {
      title: '手续',
      dataIndex: 'key',
      valueType: 'select',
      width: 130,
      fieldProps: { options: summary.map((s) => ({ value: s.key, label: s.name })), showSearch: true, optionFilterProp: 'label' },
      render: (_, row) => row.name,
    },
    {
      title: '状态',
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: OPEN_STATUS_ENUM,
      width: 90,
      render: (_, row) => <Tag color={row.status === 'in_progress' ? 'processing' : 'default'}>{PROCEDURE_STATUS_LABELS[row.status as ProcedureStatus] ?? row.status}</Tag>,
    },
    { title: '责任人', dataIndex: 'responsiblePerson', search: false, width: 90, renderText: (v: string | null) => v || '—' },
    { title: '办理时限', dataIndex: 'due', valueType: 'select', valueEnum: DUE_ENUM, hideInTable: true, fieldProps: { 'data-testid': 'procedure-filter-due' } },
    {
      title: '办结时限',
      dataIndex: 'dueDate',
      search: false,
      width: 110,
      render: (_, row) =>
        row.dueDate ? (
          row.isOverdue ? (
            <Tooltip title="已逾期">
              <Typography.Text type="danger" strong>
                {row.dueDate}
              </Typography.Text>
            </Tooltip>
          ) : (
            row.dueDate
          )
        ) : (
          '—'
        ),
    },
    {
      title: '卡点问题',
      dataIndex: 'blockingProblem',
      search: false,
      ellipsis: true,
      width: 260,
      render: (_, row) => (row.blockingProblem ? <Typography.Text type="warning">{row.blockingProblem}</Typography.Text> : '—'),
    },
  ];

  return (
    <ListPage<StuckProcedure>
      title="前期手续"
      subTitle="未办结的前期手续：办理进度、卡点与逾期，点击卡片按手续筛选"
      headerTitle="未办结的前期手续"
      rowKey="id"
      columns={columns}
      fetchPage={async (query) => {
        const answer = await api<StuckAnswer>('/api/procedures/stuck', { query });
        setSummary(answer.summary);
        setSelectedKey(typeof query.key === 'string' ? query.key : undefined);
        return answer;
      }}
      exportUrl={(query) => apiUrl('/api/procedures/stuck/export.xlsx', query)}
      exportTestId="procedure-export"
      aboveTable={<ProcedureCards summary={summary} selected={selectedKey} onSelect={selectKey} />}
      tableProps={{
        formRef,
        rowClassName: (row) => (row.isOverdue ? 'gw-row-overdue' : ''),
        pagination: { defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `共 ${total} 项` },
      }}
    />
  );
}
