/**
 * The 月报填报 grid on a phone: one card per project, its whole name, the figures with their
 * units and the buttons the server allows; the report itself is filled in the drawer.
 */
import { Button, Card, Checkbox, List, Space, Typography } from 'antd';
import type { PaginationProps } from 'antd';
import type { GridRow } from '../../api/monthly';
import { StageTag, Wan } from '../projects/project-ui';
import { ReportStatusTag } from './monthly-ui';
import { reportActions } from './report-actions';
import type { ReportGrid } from './use-report-grid';

export interface ReportCardsProps {
  grid: ReportGrid;
  isPeriodOpen: boolean;
  /** Whether a row can be ticked for a batch action; null when the caller has no batch actions. */
  isSelectable: ((row: GridRow) => boolean) | null;
  onAskReason: (row: GridRow, kind: 'return' | 'revise') => void;
  pagination: PaginationProps;
}

/** A figure with its label above it. */
function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <div style={{ fontSize: 12, color: '#8a94a6' }}>{label}</div>
      <div style={{ fontVariantNumeric: 'tabular-nums' }}>{children}</div>
    </div>
  );
}

function ReportCard({ row, grid, isPeriodOpen, isSelectable, onAskReason }: Omit<ReportCardsProps, 'pagination'> & { row: GridRow }) {
  const id = row.projectId;
  const actions = reportActions(row, isPeriodOpen);
  const report = row.report;
  const isBusy = Boolean(grid.busy[id]) || grid.isBulkBusy;
  const isDirty = Boolean(grid.edits[id]);
  const open = () => grid.setDrawerId(id);
  return (
    <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: 12 } }} data-testid={`report-row-${id}`}>
      <div style={{ display: 'flex', gap: 10, alignItems: 'flex-start' }}>
        {isSelectable && (
          <Checkbox
            checked={grid.selected.includes(id)}
            disabled={!isSelectable(row)}
            onChange={(e) => grid.setSelected(e.target.checked ? [...grid.selected, id] : grid.selected.filter((k) => k !== id))}
            style={{ paddingTop: 2 }}
            aria-label={`选择 ${row.projectName}`}
            data-testid={`report-select-${id}`}
          />
        )}
        <div style={{ flex: 1, minWidth: 0 }} onClick={open} role="button" tabIndex={0}>
          <Typography.Text strong style={{ fontSize: 15, lineHeight: 1.4, wordBreak: 'break-word' }}>
            {row.projectName}
          </Typography.Text>
          <div style={{ fontSize: 12, color: '#8a94a6', marginTop: 4, display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
            <StageTag stage={report?.stage ?? row.stage} style={{ fontSize: 11, lineHeight: '18px', paddingInline: 5 }} />
            <span>{[row.departmentName, row.townshipName].filter(Boolean).join(' · ') || '—'}</span>
          </div>
        </div>
        <div style={{ flexShrink: 0, textAlign: 'right' }}>
          <ReportStatusTag status={report?.status ?? null} isLate={report?.isLate} revision={report?.revision} testId={`report-status-${id}`} />
          {isDirty && (
            <div>
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                未保存
              </Typography.Text>
            </div>
          )}
        </div>
      </div>

      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8, marginTop: 10 }}>
        <Figure label="本月完成（万元）">
          <Wan value={report?.investedThisPeriod ?? null} />
        </Figure>
        <Figure label="本年累计（万元）">
          <Wan value={report?.yearCumulative ?? row.yearCumulativeBefore} />
        </Figure>
        <Figure label="形象进度">{report?.progressPct === null || report?.progressPct === undefined ? (row.lastProgressPct === null ? '—' : `上期 ${row.lastProgressPct}%`) : `${report.progressPct}%`}</Figure>
      </div>

      {report?.status === 'returned' && report.reviewComment && (
        <Typography.Paragraph type="danger" style={{ margin: '8px 0 0', fontSize: 13 }}>
          退回原因：{report.reviewComment}
        </Typography.Paragraph>
      )}

      <Space wrap size={8} style={{ marginTop: 10 }}>
        <Button type={actions.has('edit') ? 'primary' : 'default'} onClick={open} data-testid={`report-open-${id}`}>
          {actions.has('edit') ? (report ? '继续填报' : '填报') : '查看'}
        </Button>
        {actions.has('approve') && (
          <Button disabled={isBusy} onClick={() => void grid.approve(row)} data-testid={`report-approve-${id}`}>
            审核通过
          </Button>
        )}
        {actions.has('return') && (
          <Button danger disabled={isBusy} onClick={() => onAskReason(row, 'return')} data-testid={`report-return-${id}`}>
            退回
          </Button>
        )}
        {actions.has('revise') && (
          <Button disabled={isBusy} onClick={() => onAskReason(row, 'revise')} data-testid={`report-revise-${id}`}>
            更正
          </Button>
        )}
      </Space>
    </Card>
  );
}

/** The report rows as cards, paged like the table. */
export function ReportCards(props: ReportCardsProps) {
  const { grid, pagination } = props;
  return (
    <List<GridRow>
      loading={grid.isLoading}
      dataSource={grid.rows}
      rowKey="projectId"
      locale={{ emptyText: '本期没有应报项目' }}
      pagination={{ ...pagination, size: 'small', showSizeChanger: false, align: 'center' }}
      renderItem={(row) => <ReportCard row={row} {...props} />}
      data-testid="report-cards"
    />
  );
}
