/** The columns of the 月报填报 grid: read-only figures, or inputs on rows the clerk may fill. */
import { ExclamationCircleOutlined, ProfileOutlined } from '@ant-design/icons';
import type { ProColumns } from '@ant-design/pro-components';
import { Button, Input, InputNumber, Space, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { GridRow } from '../../api/monthly';
import { StageTag, Wan } from '../projects/project-ui';
import { ReportStatusTag } from './monthly-ui';
import { reportActions } from './report-actions';
import type { ReportAction } from '../../../../server/modules/monthly-reports/monthly-reports.actions';
import { computeChecks, isConstructionStage } from './report-edit';
import type { ReportGrid } from './use-report-grid';

export interface ReportColumnsOptions {
  grid: ReportGrid;
  isPeriodOpen: boolean;
  /** On a phone the project and action columns do not stay fixed: they would leave no room between them. */
  isNarrow: boolean;
  /** Opens the reason modal of 退回 or 更正 for the row. */
  onAskReason: (row: GridRow, kind: 'return' | 'revise') => void;
}

/** The actions with a button in the row (photos are added in the drawer). */
type RowAction = Exclude<ReportAction, 'addPhoto'>;

/** The row buttons in their order; 「保存」 is shown for the `edit` action. */
const ROW_BUTTONS: Array<{ action: RowAction; label: string; testId: string; isDanger?: boolean }> = [
  { action: 'edit', label: '保存', testId: 'report-save' },
  { action: 'submit', label: '提交', testId: 'report-submit' },
  { action: 'approve', label: '审核通过', testId: 'report-approve' },
  { action: 'return', label: '退回', testId: 'report-return', isDanger: true },
  { action: 'revise', label: '更正', testId: 'report-revise' },
];

/** The grid's width with every column (the selection box included): it scrolls sideways only on a narrower screen. */
export const REPORT_GRID_WIDTH = 1280;

/** A column title with its unit on a second line, so that narrow figure columns never clip it. */
function unitTitle(title: string, unit: string) {
  return (
    <span style={{ whiteSpace: 'normal', lineHeight: 1.3, display: 'inline-block' }}>
      {title}
      <br />
      <span style={{ fontWeight: 'normal', color: '#8a94a6', fontSize: 12 }}>（{unit}）</span>
    </span>
  );
}

/** A read-only text of a report in at most two lines; the whole text in its tooltip. */
function ClampedText({ label, text }: { label?: string; text: string | null | undefined }) {
  return (
    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0 }}>
      {label && <Typography.Text type="secondary">{label}：</Typography.Text>}
      {text || '—'}
    </Typography.Paragraph>
  );
}

/** A link-style button of the actions column. */
function RowButton({ testId, onClick, isDisabled, isDanger, icon, children }: { testId: string; onClick: () => void; isDisabled?: boolean; isDanger?: boolean; icon?: ReactNode; children: ReactNode }) {
  return (
    <Button size="small" type="link" danger={isDanger} style={{ padding: 0 }} disabled={isDisabled} icon={icon} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}

/** The grid's columns for the current state of `grid`. */
export function reportColumns({ grid, isPeriodOpen, isNarrow, onAskReason }: ReportColumnsOptions): ProColumns<GridRow>[] {
  const isEditable = (row: GridRow) => reportActions(row, isPeriodOpen).has('edit');
  return [
    {
      title: '项目',
      dataIndex: 'projectName',
      fixed: isNarrow ? undefined : 'left',
      width: 210,
      render: (_, row) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/projects/${row.projectId}`} style={{ fontWeight: 500 }}>
            {row.projectName}
          </Link>
          <div style={{ fontSize: 12, color: '#8a94a6', marginTop: 2, display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
            <StageTag stage={row.report?.stage ?? row.stage} style={{ fontSize: 11, lineHeight: '18px', paddingInline: 5 }} />
            <span>{[row.departmentName, row.townshipName].filter(Boolean).join(' · ') || '—'}</span>
          </div>
        </div>
      ),
    },
    {
      title: unitTitle('总投资', '万元'),
      dataIndex: 'totalInvestment',
      align: 'right',
      width: 90,
      render: (_, row) => <Wan value={row.totalInvestment} />,
    },
    {
      title: unitTitle('本月完成投资', '万元'),
      dataIndex: 'invested',
      width: 110,
      render: (_, row) => {
        if (!isEditable(row)) return <Wan value={row.report?.investedThisPeriod ?? null} />;
        const edit = grid.editOf(row);
        const checks = computeChecks(row, edit);
        const error = checks.investedError ?? grid.fieldErrors[row.projectId]?.investedThisPeriod;
        return (
          <Tooltip title={error} open={error ? undefined : false}>
            <Input
              size="small"
              value={edit.investedThisPeriod}
              placeholder="0"
              status={error ? 'error' : undefined}
              inputMode="decimal"
              style={{ textAlign: 'right' }}
              onChange={(e) => grid.patchEdit(row, { investedThisPeriod: e.target.value })}
              data-testid={`report-invested-${row.projectId}`}
            />
          </Tooltip>
        );
      },
    },
    {
      // Both cumulative figures in one column: this year's (with this month) and since the start.
      title: unitTitle('累计完成投资', '万元'),
      dataIndex: 'cumulative',
      align: 'right',
      width: 130,
      render: (_, row) => {
        const isLive = isEditable(row);
        const checks = isLive ? computeChecks(row, grid.editOf(row)) : null;
        const year = checks ? checks.yearCumulative : (row.report?.yearCumulative ?? row.yearCumulativeBefore);
        const sinceStart = checks ? checks.sinceStart : (row.report?.sinceStartCumulative ?? row.sinceStartBefore);
        const label = (text: string) => <span style={{ color: '#8a94a6', fontSize: 12, marginRight: 4 }}>{text}</span>;
        return (
          <div style={{ fontVariantNumeric: 'tabular-nums' }}>
            <div data-testid={`report-year-${row.projectId}`}>
              {label('本年')}
              {year === null ? '—' : <Wan value={year} />}
            </div>
            <div data-testid={`report-since-start-${row.projectId}`} style={{ color: checks?.exceedsTotal ? '#cf1322' : undefined }}>
              {label('开工以来')}
              {sinceStart === null ? '—' : <Wan value={sinceStart} />}
              {checks?.exceedsTotal && (
                <Tooltip title="自开工累计将超过总投资，提交时须填写书面说明">
                  <ExclamationCircleOutlined style={{ marginLeft: 4 }} />
                </Tooltip>
              )}
            </div>
          </div>
        );
      },
    },
    {
      title: unitTitle('形象进度', '%'),
      dataIndex: 'progressPct',
      width: 86,
      render: (_, row) => {
        const last = row.lastProgressPct;
        if (!isEditable(row)) return row.report?.progressPct === null || row.report?.progressPct === undefined ? '—' : `${row.report.progressPct}%`;
        const edit = grid.editOf(row);
        const checks = computeChecks(row, edit);
        const error = grid.fieldErrors[row.projectId]?.progressPct;
        return (
          <div>
            <InputNumber
              size="small"
              min={0}
              max={100}
              precision={0}
              value={edit.progressPct}
              status={error || checks.progressBack ? 'error' : undefined}
              placeholder={isConstructionStage(row.report?.stage ?? row.stage) ? '' : '选填'}
              style={{ width: '100%' }}
              onChange={(v) => grid.patchEdit(row, { progressPct: v === null ? null : Number(v) })}
              data-testid={`report-progress-${row.projectId}`}
            />
            {last !== null && <div style={{ fontSize: 12, color: checks.progressBack ? '#cf1322' : '#8a94a6' }}>上期 {last}%</div>}
          </div>
        );
      },
    },
    {
      title: (
        <span style={{ whiteSpace: 'normal', lineHeight: 1.3, display: 'inline-block' }}>
          形象进度说明
          <br />
          <span style={{ fontWeight: 'normal', color: '#8a94a6', fontSize: 12 }}>前期项目填前期工作进展</span>
        </span>
      ),
      dataIndex: 'progressText',
      width: 180,
      render: (_, row) => {
        const construction = isConstructionStage(row.report?.stage ?? row.stage);
        const field = construction ? 'progressText' : 'preliminaryProgress';
        if (!isEditable(row)) return <ClampedText text={construction ? row.report?.progressText : row.report?.preliminaryProgress} />;
        const edit = grid.editOf(row);
        const error = grid.fieldErrors[row.projectId]?.[field];
        return (
          <Input.TextArea
            size="small"
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={construction ? edit.progressText : edit.preliminaryProgress}
            placeholder={construction ? '形象进度说明' : '前期工作进展'}
            status={error ? 'error' : undefined}
            maxLength={4000}
            onChange={(e) => grid.patchEdit(row, construction ? { progressText: e.target.value } : { preliminaryProgress: e.target.value })}
            data-testid={`report-progress-text-${row.projectId}`}
          />
        );
      },
    },
    {
      title: '存在问题 / 拟采取措施',
      dataIndex: 'problems',
      width: 200,
      render: (_, row) => {
        if (!isEditable(row)) {
          if (!row.report?.problems && !row.report?.measures) return '—';
          return (
            <>
              <ClampedText label="问题" text={row.report?.problems} />
              <ClampedText label="措施" text={row.report?.measures} />
            </>
          );
        }
        return (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Input.TextArea
              size="small"
              autoSize={{ minRows: 1, maxRows: 4 }}
              value={grid.editOf(row).problems}
              placeholder="存在问题"
              maxLength={4000}
              onChange={(e) => grid.patchEdit(row, { problems: e.target.value })}
              data-testid={`report-problems-${row.projectId}`}
            />
            <Input.TextArea
              size="small"
              autoSize={{ minRows: 1, maxRows: 4 }}
              value={grid.editOf(row).measures}
              placeholder="拟采取措施"
              maxLength={4000}
              onChange={(e) => grid.patchEdit(row, { measures: e.target.value })}
              data-testid={`report-measures-${row.projectId}`}
            />
          </Space>
        );
      },
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 96,
      render: (_, row) => {
        const errors = grid.fieldErrors[row.projectId];
        const needs = isEditable(row) && computeChecks(row, grid.editOf(row)).needsExplanation && grid.editOf(row).explanation.trim() === '';
        return (
          <Space direction="vertical" size={2}>
            <ReportStatusTag status={row.report?.status ?? null} isLate={row.report?.isLate} revision={row.report?.revision} testId={`report-status-${row.projectId}`} />
            {grid.edits[row.projectId] && <Typography.Text type="warning" style={{ fontSize: 12 }}>未保存</Typography.Text>}
            {(needs || (errors && Object.keys(errors).length > 0)) && (
              <Typography.Link type="danger" style={{ fontSize: 12 }} onClick={() => grid.setDrawerId(row.projectId)}>
                {errors && Object.keys(errors).length > 0 ? '有错误，查看' : '需书面说明'}
              </Typography.Link>
            )}
            {row.report?.status === 'returned' && row.report.reviewComment && (
              <Tooltip title={row.report.reviewComment}>
                <Typography.Text type="danger" style={{ fontSize: 12 }} ellipsis>
                  {row.report.reviewComment}
                </Typography.Text>
              </Tooltip>
            )}
          </Space>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      fixed: isNarrow ? undefined : 'right',
      width: 140,
      render: (_, row) => {
        const isBusy = Boolean(grid.busy[row.projectId]) || grid.isBulkBusy;
        const actions = reportActions(row, isPeriodOpen);
        const id = row.projectId;
        const run: Record<RowAction, () => void> = {
          edit: () => void grid.save(row),
          submit: () => void grid.submit(row),
          approve: () => void grid.approve(row),
          return: () => onAskReason(row, 'return'),
          revise: () => onAskReason(row, 'revise'),
        };
        const buttons = ROW_BUTTONS.filter((b) => actions.has(b.action)).map((b) => (
          <RowButton key={b.action} testId={`${b.testId}-${id}`} isDisabled={isBusy} isDanger={b.isDanger} onClick={run[b.action]}>
            {b.label}
          </RowButton>
        ));
        buttons.push(
          <RowButton key="open" testId={`report-open-${id}`} icon={<ProfileOutlined />} onClick={() => grid.setDrawerId(id)}>
            详情
          </RowButton>,
        );
        return (
          <Space size={[10, 0]} wrap>
            {buttons}
          </Space>
        );
      },
    },
  ];
}
