/** 月报填报: one grid for the batch entry and review of a period's monthly reports (SPEC §5). */
import { DownloadOutlined, ReloadOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import { Alert, App, Button, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { monthlyApi } from '../../api/monthly';
import type { GridRow, ReportingPeriod } from '../../api/monthly';
import { useSession } from '../../auth/session';
import { ReasonModal } from '../../components/reason-modal';
import { useIsNarrow } from '../../components/use-is-narrow';
import { download } from '../../lib/errors';
import { ForbiddenPage } from '../status-pages';
import { isEditableRow } from './report-actions';
import { reportColumns } from './report-columns';
import { ReportDrawer } from './report-drawer';
import { computeChecks } from './report-edit';
import { ReportFilterBar } from './report-filters';
import { ReportImportModal } from './report-import-modal';
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

  const isPeriodOpen = periodInfo ? periodInfo.status === 'open' : true;
  const grid = useReportGrid({ period, filters, page, pageSize, isPeriodOpen });
  const { rows, answer, dirtyCount, selected, isBulkBusy } = grid;
  const canFill = can('report.fill');
  const isNarrow = useIsNarrow();

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
    <Button key="save-all" icon={<SaveOutlined />} loading={isBulkBusy} disabled={dirtyCount === 0 || !isPeriodOpen} onClick={() => void grid.saveAll()} data-testid="report-save-all">
      保存全部草稿{dirtyCount > 0 ? `（${dirtyCount}）` : ''}
    </Button>,
    <Button
      key="submit-selected"
      type="primary"
      icon={<SendOutlined />}
      loading={isBulkBusy}
      disabled={selected.length === 0 || !isPeriodOpen}
      onClick={() => void grid.submitSelected()}
      data-testid="report-submit-selected"
    >
      提交所选{selected.length ? `（${selected.length}）` : ''}
    </Button>,
  ];

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

      <ProTable<GridRow>
        rowKey="projectId"
        columns={columns}
        dataSource={rows}
        loading={grid.isLoading}
        search={false}
        cardBordered={false}
        size="small"
        headerTitle={
          <Space size={12} wrap>
            <span>填报表</span>
            {rows.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
                本页：未填 {counts.none} · 草稿 {counts.draft} · 待审核 {counts.submitted} · 已通过 {counts.approved} · 已退回 {counts.returned}
              </Typography.Text>
            )}
          </Space>
        }
        options={{ density: false, setting: true, reload: () => guardDirty(grid.reload) }}
        scroll={{ x: 1600 }}
        onRow={(row) => ({ 'data-testid': `report-row-${row.projectId}` }) as HTMLAttributes<HTMLElement>}
        rowSelection={
          canFill
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => grid.setSelected(keys as string[]),
                getCheckboxProps: (row) => ({ disabled: !isEditableRow(row, isPeriodOpen), 'data-testid': `report-select-${row.projectId}` }) as object,
              }
            : undefined
        }
        tableAlertRender={false}
        pagination={{
          current: page,
          pageSize,
          total: answer?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 个应报项目`,
          onChange: (nextPage, nextSize) =>
            guardDirty(() => {
              setPage(nextSize !== pageSize ? 1 : nextPage);
              setPageSize(nextSize);
            }),
        }}
        toolBarRender={() =>
          canFill
            ? fillerToolbar
            : [
                <Button key="reload" icon={<ReloadOutlined />} onClick={grid.reload}>
                  刷新
                </Button>,
              ]
        }
      />

      <ReportDrawer
        row={drawerRow}
        edit={drawerEdit}
        checks={drawerRow && drawerEdit ? computeChecks(drawerRow, drawerEdit) : null}
        isEditable={drawerRow ? isEditableRow(drawerRow, isPeriodOpen) : false}
        fieldErrors={drawerRow ? (grid.fieldErrors[drawerRow.projectId] ?? {}) : {}}
        isBusy={drawerRow ? Boolean(grid.busy[drawerRow.projectId]) : false}
        cumulativeLabel={answer?.period.cumulativeLabel ?? periodInfo?.cumulativeLabel ?? ''}
        onChange={(patch) => drawerRow && grid.patchEdit(drawerRow, patch)}
        onSave={() => drawerRow && void grid.save(drawerRow)}
        onSubmit={() => drawerRow && void grid.submit(drawerRow)}
        onClose={() => grid.setDrawerId(null)}
      />

      <ReportImportModal
        open={isImportOpen}
        period={period}
        periodLabel={answer?.period.label ?? periodInfo?.label}
        onClose={() => setIsImportOpen(false)}
        onImported={() => {
          setIsImportOpen(false);
          grid.discardEdits();
          grid.reload();
        }}
      />

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
