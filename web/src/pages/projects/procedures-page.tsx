import { PageContainer } from '@ant-design/pro-components';
import { Alert, Card, Col, Empty, Row, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { PROCEDURE_STATUS_LABELS } from '../../../../common/projects';
import type { ProcedureStatus } from '../../../../common/projects';
import { api } from '../../api/client';
import type { StuckAnswer, StuckProcedure } from '../../api/projects';
import { errorText } from '../../lib/errors';

type Scope = 'pending' | 'overdue';

/** 前期手续: which preliminary procedures hold projects up, by procedure and overall. */
export function ProceduresPage() {
  const [key, setKey] = useState<string | null>(null);
  const [scope, setScope] = useState<Scope>('pending');
  const [answer, setAnswer] = useState<StuckAnswer | null>(null);
  const [summary, setSummary] = useState<StuckAnswer['summary']>([]);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);

  const load = useCallback(async () => {
    setIsLoading(true);
    try {
      const next = await api<StuckAnswer>('/api/procedures/stuck', { query: { key: key ?? undefined, overdue: scope === 'overdue' ? 'true' : undefined } });
      setAnswer(next);
      // The cards always show every procedure; keep the first full summary when filtered.
      if (!key || summary.length === 0) setSummary(next.summary);
      setError(null);
    } catch (caught) {
      setError(errorText(caught, '加载失败'));
      setAnswer({ summary: [], data: [], total: 0 });
    } finally {
      setIsLoading(false);
    }
  }, [key, scope]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    void load();
  }, [load]);

  const totalPending = summary.reduce((n, s) => n + s.pending, 0);
  const totalOverdue = summary.reduce((n, s) => n + s.overdue, 0);
  const selectedName = summary.find((s) => s.key === key)?.name;

  return (
    <PageContainer title="前期手续" subTitle="各项前期手续办理进度、卡点与逾期情况，点击卡片按手续筛选">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={8} lg={6} xl={4}>
          <Card
            hoverable
            size="small"
            onClick={() => setKey(null)}
            data-testid="procedure-card-all"
            style={{ borderColor: key === null ? '#1d5fb3' : undefined, background: key === null ? '#f0f6ff' : undefined, height: '100%' }}
          >
            <Typography.Text strong>全部手续</Typography.Text>
            <div style={{ marginTop: 6, fontSize: 13 }}>
              待办 <b>{totalPending}</b>
              <span style={{ marginLeft: 12 }}>
                逾期 <b style={{ color: totalOverdue ? '#cf1322' : undefined }}>{totalOverdue}</b>
              </span>
            </div>
          </Card>
        </Col>
        {summary.map((item) => (
          <Col key={item.key} xs={12} md={8} lg={6} xl={4}>
            <Card
              hoverable
              size="small"
              onClick={() => setKey(item.key === key ? null : item.key)}
              data-testid={`procedure-card-${item.key}`}
              style={{
                borderColor: key === item.key ? '#1d5fb3' : item.overdue ? '#ffccc7' : undefined,
                background: key === item.key ? '#f0f6ff' : undefined,
                height: '100%',
              }}
            >
              <Typography.Text strong>{item.name}</Typography.Text>
              <div style={{ marginTop: 6, fontSize: 13 }}>
                待办 <b>{item.pending}</b>
                <span style={{ marginLeft: 12 }}>
                  逾期 <b style={{ color: item.overdue ? '#cf1322' : undefined }}>{item.overdue}</b>
                </span>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        bordered={false}
        title={
          <Space>
            <span>{selectedName ? `${selectedName}：未办结项目` : '未办结的前期手续'}</span>
            {answer && <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>共 {answer.total} 项</Typography.Text>}
          </Space>
        }
        extra={
          <Segmented<Scope>
            value={scope}
            onChange={setScope}
            options={[
              { value: 'pending', label: '全部待办' },
              { value: 'overdue', label: <span data-testid="procedure-overdue-only">仅看逾期</span> },
            ]}
          />
        }
      >
        <Table<StuckProcedure>
          rowKey="id"
          size="middle"
          loading={isLoading}
          dataSource={answer?.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 项` }}
          locale={{ emptyText: <Empty description={scope === 'overdue' ? '没有逾期的手续' : '没有未办结的手续'} /> }}
          scroll={{ x: 1000 }}
          rowClassName={(row) => (row.isOverdue ? 'gw-row-overdue' : '')}
          columns={[
            {
              title: '项目',
              dataIndex: 'projectName',
              ellipsis: true,
              width: 260,
              render: (name: string, row) => <Link to={`/projects/${row.projectId}`}>{name}</Link>,
            },
            { title: '主管部门', dataIndex: 'departmentName', width: 140, ellipsis: true, render: (v: string | null) => v || '—' },
            { title: '手续', dataIndex: 'name', width: 120 },
            {
              title: '状态',
              dataIndex: 'status',
              width: 90,
              render: (v: string) => <Tag color={v === 'in_progress' ? 'processing' : 'default'}>{PROCEDURE_STATUS_LABELS[v as ProcedureStatus] ?? v}</Tag>,
            },
            { title: '责任人', dataIndex: 'responsiblePerson', width: 90, render: (v: string | null) => v || '—' },
            {
              title: '办结时限',
              dataIndex: 'dueDate',
              width: 110,
              render: (v: string | null, row) =>
                v ? (
                  row.isOverdue ? (
                    <Tooltip title="已逾期">
                      <Typography.Text type="danger" strong>
                        {v}
                      </Typography.Text>
                    </Tooltip>
                  ) : (
                    v
                  )
                ) : (
                  '—'
                ),
            },
            {
              title: '卡点问题',
              dataIndex: 'blockingProblem',
              ellipsis: true,
              render: (v: string | null) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : '—'),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
