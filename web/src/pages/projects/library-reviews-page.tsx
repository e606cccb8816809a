import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { App, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../../api/client';
import type { Page } from '../../api/client';
import type { LibraryRequest } from '../../api/projects';
import { ReasonModal } from '../../components/reason-modal';
import { errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { RequestStatusTag, requestKindLabel } from './project-tabs';

type Tab = 'pending' | 'approved' | 'returned';
const KIND_COLORS: Record<string, string> = { enter: 'green', adjust: 'blue', exit: 'orange' };

/** 入库审核: 发改局 (and sector reviewers) approve or return library requests. */
export function LibraryReviewsPage() {
  const { message } = App.useApp();
  const actionRef = useRef<ActionType>();
  const [tab, setTab] = useState<Tab>('pending');
  const [pendingCount, setPendingCount] = useState<number | null>(null);
  const [reviewing, setReviewing] = useState<{ request: LibraryRequest; decision: 'approve' | 'return' } | null>(null);

  /** Sends the decision; a request someone else decided first (409) closes the dialog and reloads. */
  const submit = async (comment: string) => {
    if (!reviewing) return;
    const { request, decision } = reviewing;
    try {
      await api(`/api/library-requests/${request.id}/${decision}`, { method: 'POST', body: { comment: comment || undefined } });
    } catch (error) {
      if (!(isApiError(error) && error.status === 409)) throw error;
      message.error(errorText(error, '操作失败'));
      actionRef.current?.reload();
      return;
    }
    message.success(decision === 'approve' ? '已审核通过' : '已退回申请');
    actionRef.current?.reload();
  };

  const columns: ProColumns<LibraryRequest>[] = [
    {
      title: '项目',
      dataIndex: 'projectName',
      ellipsis: true,
      width: 260,
      render: (_, row) => (
        <Link to={`/projects/${row.projectId}`} data-testid={`review-project-${row.id}`}>
          {row.projectName}
        </Link>
      ),
    },
    {
      title: '申请',
      dataIndex: 'kind',
      width: 150,
      render: (_, row) => (
        <Space size={4}>
          <Tag color={KIND_COLORS[row.kind]}>{requestKindLabel(row.kind)}</Tag>
          <span>{row.libraryName}</span>
        </Space>
      ),
    },
    {
      title: '理由 / 调整内容',
      dataIndex: 'reason',
      width: 320,
      render: (_, row) => (
        <div>
          <div>{row.reason}</div>
          {row.changes && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              调整：{row.changes}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '申请人', dataIndex: 'submittedByName', width: 100, renderText: (v: string | null) => v || '—' },
    { title: '申请时间', dataIndex: 'submittedAt', width: 140, renderText: (v: string) => formatDateTime(v, 'YYYY-MM-DD HH:mm') },
    { title: '状态', dataIndex: 'status', width: 90, hideInTable: tab === 'pending', render: (_, row) => <RequestStatusTag status={row.status} /> },
    {
      title: '审核',
      key: 'reviewed',
      width: 220,
      hideInTable: tab === 'pending',
      render: (_, row) =>
        row.reviewedByName ? (
          <div>
            <div>
              {row.reviewedByName} · {formatDateTime(row.reviewedAt, 'YYYY-MM-DD HH:mm')}
            </div>
            {row.reviewComment && (
              <Typography.Text type={row.status === 'returned' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {row.reviewComment}
              </Typography.Text>
            )}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 120,
      hideInTable: tab !== 'pending',
      // Only the decisions the server accepts on this request (its `allowedActions`).
      render: (_, row) =>
        row.allowedActions.length
          ? [
              row.allowedActions.includes('approve') && (
                <a key="approve" onClick={() => setReviewing({ request: row, decision: 'approve' })} data-testid={`review-approve-${row.id}`}>
                  通过
                </a>
              ),
              row.allowedActions.includes('return') && (
                <a key="return" style={{ color: '#cf1322' }} onClick={() => setReviewing({ request: row, decision: 'return' })} data-testid={`review-return-${row.id}`}>
                  退回
                </a>
              ),
            ].filter(Boolean)
          : [
              <Tooltip key="none" title="本人提交的申请或不属于本单位审核范围">
                <Typography.Text type="secondary">不可审核</Typography.Text>
              </Tooltip>,
            ],
    },
  ];

  const isReturn = reviewing?.decision === 'return';

  return (
    <PageContainer title="入库审核" subTitle="项目入库、调整、出库申请由发改局审核，退回须说明理由">
      <ProTable<LibraryRequest>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        cardBordered={false}
        search={false}
        scroll={{ x: 'max-content' }}
        params={{ status: tab }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: false, reload: true }}
        toolbar={{
          menu: {
            type: 'tab',
            activeKey: tab,
            onChange: (key) => setTab(key as Tab),
            items: [
              { key: 'pending', label: <span data-testid="review-tab-pending">待审核{pendingCount ? `（${pendingCount}）` : ''}</span> },
              { key: 'approved', label: <span data-testid="review-tab-approved">已通过</span> },
              { key: 'returned', label: <span data-testid="review-tab-returned">已退回</span> },
            ],
          },
        }}
        request={async (params) => {
          const answer = await api<Page<LibraryRequest>>('/api/library-requests', {
            query: { status: params.status as string, page: params.current, pageSize: params.pageSize },
          });
          if (params.status === 'pending') setPendingCount(answer.total);
          return { data: answer.data, total: answer.total, success: true };
        }}
      />
      <ReasonModal
        open={reviewing !== null}
        title={reviewing ? `${isReturn ? '退回' : '通过'}：${reviewing.request.projectName}` : ''}
        description={
          reviewing && (
            <>
              {requestKindLabel(reviewing.request.kind)}「{reviewing.request.libraryName}」 · 申请人 {reviewing.request.submittedByName ?? '—'}
              <br />
              理由：{reviewing.request.reason}
            </>
          )
        }
        label={isReturn ? '退回理由' : '审核意见'}
        placeholder={isReturn ? '请说明退回原因及需补充的材料' : undefined}
        isRequired={isReturn}
        minLength={isReturn ? 2 : 1}
        isDanger={isReturn}
        okText={isReturn ? '确认退回' : '确认通过'}
        onSubmit={submit}
        onClose={() => setReviewing(null)}
        inputTestId="review-comment"
        confirmTestId="review-confirm"
      />
    </PageContainer>
  );
}
