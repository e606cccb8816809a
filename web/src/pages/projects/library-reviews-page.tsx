import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { App, Button, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import { Link } from 'react-router-dom';
import type { BatchLibraryRequestResult } from '../../../../server/modules/libraries/libraries.schemas';
import type { BatchBlocker } from '../../api/monthly';
import { api, isApiError } from '../../api/client';
import type { Page } from '../../api/client';
import { useLibraries, type LibraryRequest } from '../../api/projects';
import { LIBRARY_REQUEST_KIND_LABELS, LIBRARY_REQUEST_KINDS, type LibraryRequestKind } from '../../../../common/projects';
import { ReasonModal } from '../../components/reason-modal';
import { errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { RequestStatusTag, requestKindLabel } from './project-tabs';

type Tab = 'pending' | 'approved' | 'returned';
type Decision = 'approve' | 'return';
/** A batch review: one decision and one comment for the ticked requests. */
type Reviewing = { requests: LibraryRequest[]; decision: Decision };
const KIND_COLORS: Record<string, string> = { enter: 'green', adjust: 'blue', exit: 'orange' };

/** 入库审核: 发改局 (and sector reviewers) approve or return library requests. */
export function LibraryReviewsPage() {
  const { message, modal } = App.useApp();
  const actionRef = useRef<ActionType>();
  const [tab, setTab] = useState<Tab>('pending');
  const [pendingCount, setPendingCount] = useState<number | null>(null);
  const [reviewing, setReviewing] = useState<Reviewing | null>(null);
  const [selected, setSelected] = useState<LibraryRequest[]>([]);
  // The filters its columns suggest: the project's name, the library, the kind of request.
  const [filters, setFilters] = useState<{ q?: string; libraryId?: string; kind?: LibraryRequestKind }>({});
  const { data: libraries } = useLibraries();
  const reviewable = selected.filter((r) => r.allowedActions.includes('approve'));

  /** Lists the requests that stopped a batch; resolves true when the user goes on without them. */
  const askToSkip = (verb: string, blocked: BatchBlocker[], restCount: number) =>
    new Promise<boolean>((resolve) => {
      const title = `${blocked.length} 项申请不能${verb}，本次未做任何处理`;
      const content = (
        <ul style={{ paddingLeft: 18, margin: 0, maxHeight: 320, overflow: 'auto' }} data-testid="batch-blocked">
          {blocked.map((b) => (
            <li key={b.id}>
              <Typography.Text strong>{b.projectName}</Typography.Text>：{b.message}
            </li>
          ))}
        </ul>
      );
      if (restCount === 0) modal.warning({ title, content, width: 560, okText: '知道了', onOk: () => resolve(false) });
      else modal.confirm({ title, content, width: 560, okText: `跳过这些，${verb}其余 ${restCount} 项`, cancelText: '取消', onOk: () => resolve(true), onCancel: () => resolve(false) });
    });

  /**
   * Sends the decision for the requests in one batch — all of them, or none: when some cannot
   * take it (decided meanwhile), they are listed and the others can be sent on their own.
   */
  const decide = async ({ requests, decision }: Reviewing, comment: string) => {
    const verb = decision === 'approve' ? '审核通过' : '退回';
    let batch = requests;
    try {
      while (batch.length > 0) {
        try {
          const result = await api<z.output<typeof BatchLibraryRequestResult>>('/api/library-requests/batch-review', {
            method: 'POST',
            body: { requestIds: batch.map((r) => r.id), decision, comment: comment || undefined },
          });
          message.success(`已${verb} ${result.count} 项申请`);
          setSelected([]);
          return;
        } catch (error) {
          const blocked = isApiError(error) && Array.isArray(error.details?.blocked) ? (error.details.blocked as BatchBlocker[]) : null;
          if (!blocked) {
            message.error(errorText(error, '操作失败'));
            return;
          }
          const ids = new Set(blocked.map((b) => b.id));
          const rest = batch.filter((r) => !ids.has(r.id));
          if (!(await askToSkip(verb, blocked, rest.length))) return;
          batch = rest;
        }
      }
    } finally {
      actionRef.current?.reload();
    }
  };

  const columns: ProColumns<LibraryRequest>[] = [
    {
      title: '项目',
      dataIndex: 'projectName',
      // The whole name, on two lines if need be: a name cut short is a name mistaken.
      width: 260,
      render: (_, row) => (
        <Link to={`/projects/${row.projectId}`} style={{ wordBreak: 'break-word' }} data-testid={`review-project-${row.id}`}>
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
      width: 280,
      render: (_, row) => (
        <div>
          <Typography.Paragraph ellipsis={{ rows: 3, tooltip: row.reason }} style={{ margin: 0 }}>
            {row.reason}
          </Typography.Paragraph>
          {row.changes && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: row.changes }} style={{ margin: 0, fontSize: 12 }}>
              调整：{row.changes}
            </Typography.Paragraph>
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
                <a key="approve" onClick={() => setReviewing({ requests: [row], decision: 'approve' })} data-testid={`review-approve-${row.id}`}>
                  通过
                </a>
              ),
              row.allowedActions.includes('return') && (
                <a key="return" style={{ color: '#cf1322' }} onClick={() => setReviewing({ requests: [row], decision: 'return' })} data-testid={`review-return-${row.id}`}>
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
  const single = reviewing?.requests.length === 1 ? reviewing.requests[0] : null;

  return (
    <PageContainer title="入库审核" subTitle="项目入库、调整、出库申请由发改局审核，退回须说明理由">
      <ProTable<LibraryRequest>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        cardBordered={false}
        search={false}
        scroll={{ x: 'max-content' }}
        params={{ status: tab, ...filters }}
        headerTitle={
          <Space wrap size={8}>
            <Input.Search
              allowClear
              placeholder="项目名称"
              style={{ width: 200 }}
              onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
              data-testid="review-filter-q"
            />
            <Select
              allowClear
              placeholder="项目库"
              style={{ width: 180 }}
              options={libraries.map((l) => ({ value: l.id, label: l.name }))}
              onChange={(libraryId?: string) => setFilters((f) => ({ ...f, libraryId }))}
              data-testid="review-filter-library"
            />
            <Select
              allowClear
              placeholder="申请类型"
              style={{ width: 120 }}
              options={LIBRARY_REQUEST_KINDS.map((k) => ({ value: k, label: LIBRARY_REQUEST_KIND_LABELS[k] }))}
              onChange={(kind?: LibraryRequestKind) => setFilters((f) => ({ ...f, kind }))}
              data-testid="review-filter-kind"
            />
          </Space>
        }
        rowSelection={
          tab === 'pending'
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                onChange: (_, rows) => setSelected(rows),
                getCheckboxProps: (row) => ({ disabled: !row.allowedActions.includes('approve'), 'data-testid': `review-select-${row.id}` }) as object,
              }
            : undefined
        }
        tableAlertRender={false}
        toolBarRender={() =>
          tab === 'pending'
            ? [
                <Button key="approve" icon={<CheckOutlined />} disabled={reviewable.length === 0} onClick={() => setReviewing({ requests: reviewable, decision: 'approve' })} data-testid="review-approve-selected">
                  批量通过{reviewable.length ? `（${reviewable.length}）` : ''}
                </Button>,
                <Button key="return" danger icon={<RollbackOutlined />} disabled={reviewable.length === 0} onClick={() => setReviewing({ requests: reviewable, decision: 'return' })} data-testid="review-return-selected">
                  批量退回{reviewable.length ? `（${reviewable.length}）` : ''}
                </Button>,
              ]
            : []
        }
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `共 ${total} 项` }}
        options={{ density: false, setting: false, reload: true }}
        toolbar={{
          menu: {
            type: 'tab',
            activeKey: tab,
            onChange: (key) => {
              setTab(key as Tab);
              setSelected([]);
            },
            items: [
              { key: 'pending', label: <span data-testid="review-tab-pending">待审核{pendingCount ? `（${pendingCount}）` : ''}</span> },
              { key: 'approved', label: <span data-testid="review-tab-approved">已通过</span> },
              { key: 'returned', label: <span data-testid="review-tab-returned">已退回</span> },
            ],
          },
        }}
        request={async (params) => {
          const answer = await api<Page<LibraryRequest>>('/api/library-requests', {
            query: { status: params.status as string, q: filters.q, libraryId: filters.libraryId, kind: filters.kind, page: params.current, pageSize: params.pageSize },
          });
          if (params.status === 'pending' && !filters.q && !filters.libraryId && !filters.kind) setPendingCount(answer.total);
          return { data: answer.data, total: answer.total, success: true };
        }}
      />
      <ReasonModal
        open={reviewing !== null}
        title={reviewing ? (single ? `${isReturn ? '退回' : '通过'}：${single.projectName}` : `批量${isReturn ? '退回' : '通过'} ${reviewing.requests.length} 项申请`) : ''}
        description={
          single ? (
            <>
              {requestKindLabel(single.kind)}「{single.libraryName}」 · 申请人 {single.submittedByName ?? '—'}
              <br />
              理由：{single.reason}
            </>
          ) : (
            reviewing && (
              <>
                以同一{isReturn ? '退回理由' : '审核意见'}处理所选 {reviewing.requests.length} 项申请，每项各记一条审计记录。
                <br />
                整批处理：全部处理成功，或有任何一项不能处理时全部保持不变，并逐项列出原因。
              </>
            )
          )
        }
        label={isReturn ? '退回理由' : '审核意见'}
        placeholder={isReturn ? '请说明退回原因及需补充的材料' : undefined}
        isRequired={isReturn}
        minLength={isReturn ? 2 : 1}
        isDanger={isReturn}
        okText={isReturn ? '确认退回' : '确认通过'}
        onSubmit={async (comment) => {
          // The dialog closes at once; the batch then reports its outcome.
          if (reviewing) void decide(reviewing, comment);
        }}
        onClose={() => setReviewing(null)}
        inputTestId="review-comment"
        confirmTestId="review-confirm"
      />
    </PageContainer>
  );
}
