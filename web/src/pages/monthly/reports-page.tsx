/** 月报填报: one grid for the batch entry and review of a period's monthly reports (SPEC §5). */
import { CheckOutlined, DownloadOutlined, ReloadOutlined, RollbackOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { monthlyApi } from '../../api/monthly';
import type { BatchDecision, GridRow, ReportingPeriod } from '../../api/monthly';
import { useSession } from '../../auth/session';
import { ReasonModal } from '../../components/reason-modal';
import { useIsNarrow } from '../../components/use-is-narrow';
import { download } from '../../lib/errors';
import { ForbiddenPage } from '../status-pages';
import { isEditableRow, reportActions } from './report-actions';
import { ReportCards } from './report-cards';
import { reportColumns } from './report-columns';
import { ReportDrawer } from './report-drawer';

// The wide table (ProTable, with its query-form machinery) loads only off a phone: an owner on
// site gets the card list without downloading it.
const ReportTable = lazy(() => import('./report-table'));
// The Excel import (with its preview table) loads when opened: a phone never needs it.
const ReportImportModal = lazy(() => import('./report-import-modal').then((m) => ({ default: m.ReportImportModal })));
import { computeChecks } from './report-edit';
import { ReportFilterBar } from './report-filters';
import { BATCH_RULE, useReportBatch } from './use-report-batch';
import { useReportGrid } from './use-report-grid';
import type { GridFilters } from './use-report-grid';

type StatusCounts = Record<'none' | 'draft' | 'submitted' | 'approved' | 'returned', number>;

/** How many rows of the page are in each status. */
function countStatuses(rows: GridRow[]): StatusCounts {
  const counts: StatusCounts = { none: 0, draft: 0, submitted: 0, approved: 0, returned: 0 };
  for (const row of rows) {
    const status = row.report?.status ?? 'none';
    if (status in counts) counts[status as keyof StatusCounts] += 1;
  }
  return counts;
}

/** 月报填报 page. */
export function MonthlyReportsPage() {
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const [period, setPeriod] = useState<string | null>(searchParams.get('period'));
  const [periodInfo, setPeriodInfo] = useState<ReportingPeriod | null>(null);
  const [filters, setFilters] = useState<GridFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [asking, setAsking] = useState<{ row: GridRow; kind: 'return' | 'revise' } | null>(null);
  const [isImportOpen, setIsImportOpen] = useState(false);
  const [batchDecision, setBatchDecision] = useState<BatchDecision | null>(null);

  const isPeriodOpen = periodInfo ? periodInfo.status === 'open' : true;
  const grid = useReportGrid({ period, filters, page, pageSize, isPeriodOpen });
  const { rows, answer, dirtyCount, selected, isBulkBusy } = grid;
  const canFill = can('report.fill');
  const canReview = can('report.review');
  const isNarrow = useIsNarrow();
  const batch = useReportBatch(grid, isPeriodOpen);
  // A row can be ticked for the batch actions the caller has: submitting a draft, reviewing a submitted report.
  const isSelectable = (row: GridRow) => {
    const actions = reportActions(row, isPeriodOpen);
    return (canFill && actions.has('submit')) || (canReview && actions.has('approve'));
  };

  /** Runs `action` at once, or after confirming that unsaved edits may be dropped. */
  const guardDirty = (action: () => void) => {
    if (dirtyCount === 0) {
      action();
      return;
    }
    modal.confirm({
      title: '放弃未保存的修改？',
      content: `有 ${dirtyCount} 个项目的填报尚未保存，继续将丢弃这些修改。`,
      okText: '放弃并继续',
      cancelText: '返回保存',
      onOk: () => {
        grid.discardEdits();
        action();
      },
    });
  };

  const changePeriod = (next: string, info: ReportingPeriod | null) => {
    if (next === period) {
      if (info) setPeriodInfo(info);
      return;
    }
    guardDirty(() => {
      setPeriod(next);
      setPeriodInfo(info);
      setPage(1);
      grid.setSelected([]);
      setSearchParams({ period: next }, { replace: true });
    });
  };

  const changeFilters = (patch: GridFilters) => {
    guardDirty(() => {
      setFilters((f) => ({ ...f, ...patch }));
      setPage(1);
      grid.setSelected([]);
    });
  };

  const counts = useMemo(() => countStatuses(rows), [rows]);
  const columns = reportColumns({ grid, isPeriodOpen, isNarrow, onAskReason: (row, kind) => setAsking({ row, kind }) });
  const drawerRow = rows.find((r) => r.projectId === grid.drawerId) ?? null;
  const drawerEdit = drawerRow ? grid.editOf(drawerRow) : null;

  const count = (n: number) => (n > 0 ? `（${n}）` : '');
  const batchButtons: ReactNode[] = [
    canFill && (
      <Button
        key="submit-selected"
        type="primary"
        icon={<SendOutlined />}
        loading={isBulkBusy}
        disabled={batch.submittable.length === 0 || !isPeriodOpen}
        onClick={() => void batch.submitSelected()}
        data-testid="report-submit-selected"
      >
        提交所选{count(batch.submittable.length)}
      </Button>
    ),
    canReview && (
      <Button key="approve-selected" icon={<CheckOutlined />} disabled={batch.reviewable.length === 0 || isBulkBusy} onClick={() => setBatchDecision('approve')} data-testid="report-approve-selected">
        批量通过{count(batch.reviewable.length)}
      </Button>
    ),
    canReview && (
      <Button key="return-selected" danger icon={<RollbackOutlined />} disabled={batch.reviewable.length === 0 || isBulkBusy} onClick={() => setBatchDecision('return')} data-testid="report-return-selected">
        批量退回{count(batch.reviewable.length)}
      </Button>
    ),
  ].filter(Boolean);

  const saveAllButton = (
    <Button key="save-all" icon={<SaveOutlined />} loading={isBulkBusy} disabled={dirtyCount === 0 || !isPeriodOpen} onClick={() => void grid.saveAll()} data-testid="report-save-all">
      保存全部草稿{count(dirtyCount)}
    </Button>
  );

  const fillerToolbar: ReactNode[] = [
    <Button
      key="template"
      icon={<DownloadOutlined />}
      disabled={!period}
      onClick={() => {
        if (!period) return;
        download(monthlyApi.reportTemplateUrl(period));
        message.info('正在生成填报表，请稍候…');
      }}
      data-testid="report-template-download"
    >
      下载填报表
    </Button>,
    <Button
      key="import"
      icon={<UploadOutlined />}
      disabled={!period || !isPeriodOpen || isBulkBusy}
      onClick={() => guardDirty(() => setIsImportOpen(true))}
      data-testid="report-import-open"
    >
      导入填报表
    </Button>,
    saveAllButton,
  ];
  const pagination = {
    current: page,
    pageSize,
    total: answer?.total ?? 0,
    showTotal: (total: number) => `共 ${total} 个应报项目`,
    onChange: (nextPage: number, nextSize: number) =>
      guardDirty(() => {
        setPage(nextSize !== pageSize ? 1 : nextPage);
        setPageSize(nextSize);
      }),
  };
  const statusLine =
    rows.length > 0 ? `本页：未填 ${counts.none} · 草稿 ${counts.draft} · 待审核 ${counts.submitted} · 已通过 ${counts.approved} · 已退回 ${counts.returned}` : null;

  return (
    <PageContainer title="月报填报" subTitle={isNarrow ? undefined : '按报送期逐项目填报本月完成投资、形象进度、存在问题与措施；提交后由主管部门审核'}>
      <ReportFilterBar period={period} periodInfo={periodInfo} answer={answer} filters={filters} onPeriodChange={changePeriod} onFiltersChange={changeFilters} />

      {periodInfo?.status === 'closed' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`${periodInfo.label}报送期已于 ${periodInfo.closedAt ? periodInfo.closedAt.slice(0, 10) : ''} 关闭，月报不能再修改。`}
          description={
            <span>
              如需补报或更正，请到 <Link to="/monthly/periods">报送期</Link> 提交重开申请。
            </span>
          }
        />
      )}
      {periodInfo?.status === 'future' && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`${periodInfo.label}报送期尚未开始。`} />}

      {isNarrow ? (
        // On a phone: cards instead of the wide table; reports are filled in the drawer.
        <Card variant="borderless" styles={{ body: { padding: 12 } }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
            <Typography.Text strong>填报表</Typography.Text>
            <Button type="text" size="small" icon={<ReloadOutlined />} aria-label="刷新" onClick={() => guardDirty(grid.reload)} style={{ marginLeft: 'auto' }} />
          </div>
          {statusLine && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {statusLine}
            </Typography.Paragraph>
          )}
          {(selected.length > 0 || dirtyCount > 0) && (
            <Space wrap size={8} style={{ marginBottom: 12 }}>
              {dirtyCount > 0 && saveAllButton}
              {batchButtons}
            </Space>
          )}
          <ReportCards grid={grid} isPeriodOpen={isPeriodOpen} isSelectable={canFill || canReview ? isSelectable : null} onAskReason={(row, kind) => setAsking({ row, kind })} pagination={pagination} />
        </Card>
      ) : (
        <Suspense fallback={<Card loading variant="borderless" />}>
          <ReportTable
            rows={rows}
            columns={columns}
            isLoading={grid.isLoading}
            statusLine={statusLine}
            onReload={() => guardDirty(grid.reload)}
            rowSelection={
              canFill || canReview
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => grid.setSelected(keys as string[]),
                    getCheckboxProps: (row) => ({ disabled: !isSelectable(row), 'data-testid': `report-select-${row.projectId}` }) as object,
                  }
                : undefined
            }
            pagination={pagination}
            toolbar={canFill ? [...fillerToolbar, ...batchButtons] : batchButtons}
          />
        </Suspense>
      )}

      <ReportDrawer
        row={drawerRow}
        edit={drawerEdit}
        checks={drawerRow && drawerEdit ? computeChecks(drawerRow, drawerEdit) : null}
        isEditable={drawerRow ? isEditableRow(drawerRow, isPeriodOpen) : false}
        fieldErrors={drawerRow ? (grid.fieldErrors[drawerRow.projectId] ?? {}) : {}}
        isBusy={drawerRow ? Boolean(grid.busy[drawerRow.projectId]) : false}
        cumulativeLabel={answer?.period.cumulativeLabel ?? periodInfo?.cumulativeLabel ?? ''}
        isNarrow={isNarrow}
        pendingPhotos={drawerRow ? (grid.pendingPhotos[drawerRow.projectId] ?? []) : []}
        onAddPendingPhoto={(file) => drawerRow && grid.addPendingPhoto(drawerRow, file)}
        onRemovePendingPhoto={(index) => drawerRow && grid.removePendingPhoto(drawerRow, index)}
        onChange={(patch) => drawerRow && grid.patchEdit(drawerRow, patch)}
        onSave={() => drawerRow && void grid.save(drawerRow)}
        onSubmit={() => drawerRow && void grid.submit(drawerRow)}
        onClose={() => grid.setDrawerId(null)}
      />

      {isImportOpen && (
        <Suspense fallback={null}>
          <ReportImportModal
            open
            period={period}
            periodLabel={answer?.period.label ?? periodInfo?.label}
            onClose={() => setIsImportOpen(false)}
            onImported={() => {
              setIsImportOpen(false);
              grid.discardEdits();
              grid.reload();
            }}
          />
        </Suspense>
      )}

      <ReasonModal
        open={asking?.kind === 'return'}
        title={asking ? `退回「${asking.row.projectName}」` : '退回'}
        label="退回原因"
        description="退回后由填报单位更正并重新提交。"
        okText="退回"
        isDanger
        onSubmit={(comment) => (asking ? grid.returnReport(asking.row, comment) : Promise.resolve())}
        onClose={() => setAsking(null)}
        inputTestId="return-comment"
        confirmTestId="return-confirm"
      />
      <ReasonModal
        open={batchDecision !== null}
        title={batchDecision === 'return' ? `批量退回 ${batch.reviewable.length} 份月报` : `批量通过 ${batch.reviewable.length} 份月报`}
        label={batchDecision === 'return' ? '退回原因' : '审核意见'}
        description={
          <>
            以同一{batchDecision === 'return' ? '退回原因' : '审核意见'}处理所选 {batch.reviewable.length} 份待审核月报，每份月报各记一条审计记录。
            <br />
            {BATCH_RULE}
          </>
        }
        isRequired={batchDecision === 'return'}
        minLength={batchDecision === 'return' ? 2 : 1}
        isDanger={batchDecision === 'return'}
        okText={batchDecision === 'return' ? '确认退回' : '确认通过'}
        onSubmit={async (comment) => {
          // The dialog closes at once; the batch then reports its outcome (and any report that blocked it).
          if (batchDecision) void batch.reviewSelected(batchDecision, comment);
        }}
        onClose={() => setBatchDecision(null)}
        inputTestId="batch-comment"
        confirmTestId="batch-confirm"
      />
      <ReasonModal
        open={asking?.kind === 'revise'}
        title={asking ? `更正「${asking.row.projectName}」` : '更正'}
        label="更正原因"
        description="已提交的月报不可修改；更正将生成新版本草稿，原版本保留备查。"
        okText="生成更正版本"
        onSubmit={(reason) => (asking ? grid.revise(asking.row, reason) : Promise.resolve())}
        onClose={() => setAsking(null)}
        inputTestId="revise-reason"
        confirmTestId="revise-confirm"
      />
    </PageContainer>
  );
}

/** The report page is open to those who fill reports or review them. */
export function RequireReportAccess({ children }: { children: React.ReactNode }) {
  const { can } = useSession();
  return can('report.fill') || can('report.review') ? <>{children}</> : <ForbiddenPage />;
}
