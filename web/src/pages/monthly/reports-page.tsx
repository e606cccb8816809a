/** 月报填报: one grid for the batch entry and review of a period's monthly reports (SPEC §5). */
import { DownloadOutlined, ExclamationCircleOutlined, ProfileOutlined, ReloadOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Input, InputNumber, Modal, Select, Space, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ButtonProps } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { monthlyApi } from '../../api/monthly';
import type { GridAnswer, GridRow, GridStatusFilter, MonthlyReport, ReportingPeriod } from '../../api/monthly';
import { useUnitOptions } from '../../api/projects';
import { useSession } from '../../auth/session';
import { download, errorText, StageTag, Wan } from '../projects/project-ui';
import { ForbiddenPage } from '../status-pages';
import { DeadlineInfo, PeriodPicker, REPORT_STATUS_LABELS, ReportStatusTag } from './monthly-ui';
import { ReportDrawer } from './report-drawer';
import { ReportImportModal } from './report-import-modal';
import type { RowEdit } from './report-edit';
import { baseEdit, computeChecks, draftBody, isConstructionStage } from './report-edit';

const STATUS_FILTERS: GridStatusFilter[] = ['none', 'draft', 'submitted', 'approved', 'returned'];

type Filters = { departmentId?: string; townshipId?: string; status?: GridStatusFilter; q?: string };

const testIdProps = (id: string) => ({ 'data-testid': id }) as ButtonProps;

function isEditableRow(row: GridRow, periodOpen: boolean): boolean {
  return periodOpen && row.canFill && (!row.report || row.report.status === 'draft');
}

/** 月报填报 page. */
export function MonthlyReportsPage() {
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const [period, setPeriod] = useState<string | null>(searchParams.get('period'));
  const [periodInfo, setPeriodInfo] = useState<ReportingPeriod | null>(null);
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [answer, setAnswer] = useState<GridAnswer | null>(null);
  const [rows, setRows] = useState<GridRow[]>([]);
  const [isLoading, setIsLoading] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);
  const [edits, setEdits] = useState<Record<string, RowEdit>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, Record<string, string>>>({});
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [isBulkBusy, setIsBulkBusy] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [drawerId, setDrawerId] = useState<string | null>(null);
  const [returning, setReturning] = useState<GridRow | null>(null);
  const [returnComment, setReturnComment] = useState('');
  const [revising, setRevising] = useState<GridRow | null>(null);
  const [reviseReason, setReviseReason] = useState('');
  const [isModalBusy, setIsModalBusy] = useState(false);
  const [isImportOpen, setIsImportOpen] = useState(false);

  const departments = useUnitOptions('department');
  const townships = useUnitOptions('township');

  const periodOpen = periodInfo ? periodInfo.status === 'open' : true;
  const dirtyIds = Object.keys(edits);
  const hasDirty = dirtyIds.length > 0;

  // The grid: reloaded whenever the period, filters or page change.
  useEffect(() => {
    if (!period) return;
    let isCurrent = true;
    setIsLoading(true);
    monthlyApi
      .grid({ period, ...filters, page, pageSize })
      .then((next) => {
        if (!isCurrent) return;
        setAnswer(next);
        setRows(next.data);
      })
      .catch((error) => {
        if (isCurrent) message.error(errorText(error, '加载月报失败'));
      })
      .finally(() => {
        if (isCurrent) setIsLoading(false);
      });
    return () => {
      isCurrent = false;
    };
  }, [period, filters, page, pageSize, reloadToken, message]);

  // Warn before leaving with unsaved edits.
  useEffect(() => {
    if (!hasDirty) return;
    const handler = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, [hasDirty]);

  const reload = useCallback(() => setReloadToken((n) => n + 1), []);

  /** Runs `action` at once, or after confirming that unsaved edits may be dropped. */
  const guardDirty = (action: () => void) => {
    if (!hasDirty) {
      action();
      return;
    }
    modal.confirm({
      title: '放弃未保存的修改？',
      content: `有 ${dirtyIds.length} 个项目的填报尚未保存，继续将丢弃这些修改。`,
      okText: '放弃并继续',
      cancelText: '返回保存',
      onOk: () => {
        setEdits({});
        setFieldErrors({});
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
      setSelected([]);
      setSearchParams({ period: next }, { replace: true });
    });
  };

  const changeFilters = (patch: Filters) => {
    guardDirty(() => {
      setFilters((f) => ({ ...f, ...patch }));
      setPage(1);
      setSelected([]);
    });
  };

  const editOf = (row: GridRow): RowEdit => edits[row.projectId] ?? baseEdit(row);

  const patchEdit = (row: GridRow, patch: Partial<RowEdit>) => {
    setEdits((all) => ({ ...all, [row.projectId]: { ...(all[row.projectId] ?? baseEdit(row)), ...patch } }));
    const touched = Object.keys(patch);
    setFieldErrors((all) => {
      const mine = all[row.projectId];
      if (!mine) return all;
      const rest = { ...mine };
      // Explanation stays asked-for until the user writes one: only the touched fields clear.
      for (const key of touched) delete rest[key];
      return { ...all, [row.projectId]: rest };
    });
  };

  const replaceReport = (projectId: string, report: MonthlyReport) => {
    setRows((all) => all.map((r) => (r.projectId === projectId ? { ...r, report } : r)));
  };

  const dropEdit = (projectId: string) => {
    setEdits((all) => {
      if (!(projectId in all)) return all;
      const rest = { ...all };
      delete rest[projectId];
      return rest;
    });
  };

  const setRowBusy = (projectId: string, value: boolean) => setBusy((all) => ({ ...all, [projectId]: value }));

  /** Handles a failed write: version conflicts reload, field errors are shown at the field. */
  const handleError = (row: GridRow, error: unknown, fallback: string, quiet = false): string => {
    const text = errorText(error, fallback);
    if (isApiError(error) && error.field) {
      setFieldErrors((all) => ({ ...all, [row.projectId]: { ...all[row.projectId], [error.field as string]: error.message } }));
      if (!quiet) setDrawerId(row.projectId);
    }
    if (isApiError(error) && error.status === 409) {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        dropEdit(row.projectId);
        reload();
      }
    }
    if (!quiet) message.error(text);
    return text;
  };

  /** Saves a row's draft; returns the saved report, or null after reporting the failure. */
  const saveRow = async (row: GridRow, quiet = false): Promise<MonthlyReport | null> => {
    if (!period) return null;
    const built = draftBody(row, editOf(row));
    if (!built.ok) {
      if (!quiet) message.error(built.message);
      throw new Error(built.message);
    }
    const report = await monthlyApi.saveDraft(row.projectId, period, built.body);
    replaceReport(row.projectId, report);
    dropEdit(row.projectId);
    return report;
  };

  const onSave = async (row: GridRow) => {
    setRowBusy(row.projectId, true);
    try {
      if (await saveRow(row)) message.success(`已保存「${row.projectName}」草稿`);
    } catch (error) {
      if (isApiError(error)) handleError(row, error, '保存失败');
    } finally {
      setRowBusy(row.projectId, false);
    }
  };

  /** Saves (when needed) and submits one row; throws the reason on failure. */
  const submitOne = async (row: GridRow, quiet: boolean): Promise<void> => {
    const edit = editOf(row);
    const checks = computeChecks(row, edit);
    const missing: Record<string, string> = {};
    if (isConstructionStage(row.report?.stage ?? row.stage)) {
      if (edit.progressText.trim() === '') missing.progressText = '在建项目须填写形象进度说明';
      if (edit.progressPct === null) missing.progressPct = '在建项目须填写形象进度百分比';
    } else if (edit.preliminaryProgress.trim() === '') {
      missing.preliminaryProgress = '请填写前期工作进展';
    }
    if (Object.keys(missing).length > 0) {
      setFieldErrors((all) => ({ ...all, [row.projectId]: { ...all[row.projectId], ...missing } }));
      throw new Error(Object.values(missing).join('；'));
    }
    if (checks.needsExplanation && edit.explanation.trim() === '') {
      const reason = checks.exceedsTotal ? '自开工累计完成投资超过总投资，请填写书面说明' : `形象进度低于上期的 ${row.lastProgressPct}%，请填写书面说明`;
      setFieldErrors((all) => ({ ...all, [row.projectId]: { ...all[row.projectId], explanation: reason } }));
      throw new Error(reason);
    }
    let report = row.report;
    if (!report || report.status !== 'draft' || edits[row.projectId]) {
      report = await saveRow(row, quiet);
    }
    if (!report) throw new Error('保存失败');
    const submitted = await monthlyApi.submit(report.id);
    replaceReport(row.projectId, submitted);
    setFieldErrors((all) => {
      const rest = { ...all };
      delete rest[row.projectId];
      return rest;
    });
  };

  const onSubmit = async (row: GridRow) => {
    setRowBusy(row.projectId, true);
    try {
      await submitOne(row, false);
      message.success(`已提交「${row.projectName}」`);
      if (drawerId === row.projectId) setDrawerId(null);
    } catch (error) {
      if (isApiError(error)) handleError(row, error, '提交失败');
      else {
        message.warning(error instanceof Error ? error.message : '提交失败');
        setDrawerId(row.projectId);
      }
    } finally {
      setRowBusy(row.projectId, false);
    }
  };

  const onApprove = async (row: GridRow) => {
    if (!row.report) return;
    setRowBusy(row.projectId, true);
    try {
      replaceReport(row.projectId, await monthlyApi.approve(row.report.id));
      message.success(`已审核通过「${row.projectName}」`);
    } catch (error) {
      handleError(row, error, '审核失败');
      if (isApiError(error) && error.status === 409) reload();
    } finally {
      setRowBusy(row.projectId, false);
    }
  };

  const confirmReturn = async () => {
    const row = returning;
    if (!row?.report) return;
    if (returnComment.trim().length < 2) {
      message.warning('请填写退回原因（至少 2 个字）');
      return;
    }
    setIsModalBusy(true);
    try {
      replaceReport(row.projectId, await monthlyApi.returnReport(row.report.id, returnComment.trim()));
      message.success(`已退回「${row.projectName}」`);
      setReturning(null);
    } catch (error) {
      handleError(row, error, '退回失败');
      if (isApiError(error) && error.status === 409) {
        setReturning(null);
        reload();
      }
    } finally {
      setIsModalBusy(false);
    }
  };

  const confirmRevise = async () => {
    const row = revising;
    if (!row?.report) return;
    if (reviseReason.trim().length < 2) {
      message.warning('请填写更正原因（至少 2 个字）');
      return;
    }
    setIsModalBusy(true);
    try {
      const draft = await monthlyApi.revise(row.report.id, reviseReason.trim());
      replaceReport(row.projectId, draft);
      dropEdit(row.projectId);
      message.success('已生成更正版本草稿，请修改后重新提交');
      setRevising(null);
    } catch (error) {
      handleError(row, error, '更正失败');
      if (isApiError(error) && error.status === 409) {
        setRevising(null);
        reload();
      }
    } finally {
      setIsModalBusy(false);
    }
  };

  const saveAll = async () => {
    const targets = rows.filter((r) => edits[r.projectId] && isEditableRow(r, periodOpen));
    if (targets.length === 0) {
      message.info('没有需要保存的修改');
      return;
    }
    setIsBulkBusy(true);
    const failures: Array<{ name: string; text: string }> = [];
    for (const row of targets) {
      try {
        await saveRow(row, true);
      } catch (error) {
        failures.push({ name: row.projectName, text: isApiError(error) ? handleError(row, error, '保存失败', true) : error instanceof Error ? error.message : '保存失败' });
      }
    }
    setIsBulkBusy(false);
    reportBulk('保存', targets.length, failures);
  };

  const submitSelected = async () => {
    const targets = rows.filter((r) => selected.includes(r.projectId) && isEditableRow(r, periodOpen));
    if (targets.length === 0) {
      message.info('请先勾选要提交的项目');
      return;
    }
    setIsBulkBusy(true);
    const failures: Array<{ name: string; text: string }> = [];
    const failedIds: string[] = [];
    for (const row of targets) {
      try {
        await submitOne(row, true);
      } catch (error) {
        failedIds.push(row.projectId);
        failures.push({ name: row.projectName, text: isApiError(error) ? handleError(row, error, '提交失败', true) : error instanceof Error ? error.message : '提交失败' });
      }
    }
    setIsBulkBusy(false);
    setSelected(failedIds);
    reportBulk('提交', targets.length, failures);
  };

  const reportBulk = (verb: string, count: number, failures: Array<{ name: string; text: string }>) => {
    if (failures.length === 0) {
      message.success(`已${verb} ${count} 个项目`);
      return;
    }
    modal.warning({
      title: `${verb}完成：成功 ${count - failures.length} 个，失败 ${failures.length} 个`,
      width: 560,
      content: (
        <ul style={{ paddingLeft: 18, margin: 0, maxHeight: 320, overflow: 'auto' }} data-testid="bulk-failures">
          {failures.map((f) => (
            <li key={f.name}>
              <Typography.Text strong>{f.name}</Typography.Text>：{f.text}
            </li>
          ))}
        </ul>
      ),
    });
  };

  const drawerRow = rows.find((r) => r.projectId === drawerId) ?? null;
  const cumulativeLabel = answer?.period.cumulativeLabel ?? periodInfo?.cumulativeLabel ?? '';

  const columns: ProColumns<GridRow>[] = [
    {
      title: '项目',
      dataIndex: 'projectName',
      fixed: 'left',
      width: 250,
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
      title: '总投资',
      dataIndex: 'totalInvestment',
      align: 'right',
      width: 100,
      render: (_, row) => <Wan value={row.totalInvestment} />,
    },
    {
      title: '本月完成投资（万元）',
      dataIndex: 'invested',
      width: 140,
      render: (_, row) => {
        if (!isEditableRow(row, periodOpen)) return <Wan value={row.report?.investedThisPeriod ?? null} />;
        const edit = editOf(row);
        const checks = computeChecks(row, edit);
        const error = checks.investedError ?? fieldErrors[row.projectId]?.investedThisPeriod;
        return (
          <Tooltip title={error} open={error ? undefined : false}>
            <Input
              size="small"
              value={edit.investedThisPeriod}
              placeholder="0"
              status={error ? 'error' : undefined}
              style={{ textAlign: 'right' }}
              onChange={(e) => patchEdit(row, { investedThisPeriod: e.target.value })}
              data-testid={`report-invested-${row.projectId}`}
            />
          </Tooltip>
        );
      },
    },
    {
      title: `本年累计（含本月）`,
      dataIndex: 'yearCumulative',
      align: 'right',
      width: 120,
      render: (_, row) => {
        if (!isEditableRow(row, periodOpen)) return <Wan value={row.report?.yearCumulative ?? row.yearCumulativeBefore} />;
        const checks = computeChecks(row, editOf(row));
        return <span data-testid={`report-year-${row.projectId}`}>{checks.yearCumulative === null ? '—' : <Wan value={checks.yearCumulative} />}</span>;
      },
    },
    {
      title: '自开工累计',
      dataIndex: 'sinceStart',
      align: 'right',
      width: 120,
      render: (_, row) => {
        if (!isEditableRow(row, periodOpen)) return <Wan value={row.report?.sinceStartCumulative ?? row.sinceStartBefore} />;
        const checks = computeChecks(row, editOf(row));
        return (
          <span data-testid={`report-since-start-${row.projectId}`} style={{ color: checks.exceedsTotal ? '#cf1322' : undefined }}>
            {checks.sinceStart === null ? '—' : <Wan value={checks.sinceStart} />}
            {checks.exceedsTotal && (
              <Tooltip title="自开工累计将超过总投资，提交时须填写书面说明">
                <ExclamationCircleOutlined style={{ marginLeft: 4 }} />
              </Tooltip>
            )}
          </span>
        );
      },
    },
    {
      title: '形象进度(%)',
      dataIndex: 'progressPct',
      width: 100,
      render: (_, row) => {
        const last = row.lastProgressPct;
        if (!isEditableRow(row, periodOpen)) return row.report?.progressPct === null || row.report?.progressPct === undefined ? '—' : `${row.report.progressPct}%`;
        const edit = editOf(row);
        const checks = computeChecks(row, edit);
        const error = fieldErrors[row.projectId]?.progressPct;
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
              onChange={(v) => patchEdit(row, { progressPct: v === null ? null : Number(v) })}
              data-testid={`report-progress-${row.projectId}`}
            />
            {last !== null && <div style={{ fontSize: 12, color: checks.progressBack ? '#cf1322' : '#8a94a6' }}>上期 {last}%</div>}
          </div>
        );
      },
    },
    {
      title: '形象进度说明 / 前期工作进展',
      dataIndex: 'progressText',
      width: 220,
      render: (_, row) => {
        const construction = isConstructionStage(row.report?.stage ?? row.stage);
        const field = construction ? 'progressText' : 'preliminaryProgress';
        if (!isEditableRow(row, periodOpen)) {
          const text = construction ? row.report?.progressText : row.report?.preliminaryProgress;
          return <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0 }}>{text || '—'}</Typography.Paragraph>;
        }
        const edit = editOf(row);
        const error = fieldErrors[row.projectId]?.[field];
        return (
          <Input.TextArea
            size="small"
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={construction ? edit.progressText : edit.preliminaryProgress}
            placeholder={construction ? '形象进度说明' : '前期工作进展'}
            status={error ? 'error' : undefined}
            maxLength={4000}
            onChange={(e) => patchEdit(row, construction ? { progressText: e.target.value } : { preliminaryProgress: e.target.value })}
            data-testid={`report-progress-text-${row.projectId}`}
          />
        );
      },
    },
    {
      title: '存在问题',
      dataIndex: 'problems',
      width: 170,
      render: (_, row) => {
        if (!isEditableRow(row, periodOpen)) return <Typography.Paragraph ellipsis={{ rows: 2, tooltip: row.report?.problems }} style={{ margin: 0 }}>{row.report?.problems || '—'}</Typography.Paragraph>;
        return (
          <Input.TextArea
            size="small"
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={editOf(row).problems}
            maxLength={4000}
            onChange={(e) => patchEdit(row, { problems: e.target.value })}
            data-testid={`report-problems-${row.projectId}`}
          />
        );
      },
    },
    {
      title: '拟采取措施',
      dataIndex: 'measures',
      width: 170,
      render: (_, row) => {
        if (!isEditableRow(row, periodOpen)) return <Typography.Paragraph ellipsis={{ rows: 2, tooltip: row.report?.measures }} style={{ margin: 0 }}>{row.report?.measures || '—'}</Typography.Paragraph>;
        return (
          <Input.TextArea
            size="small"
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={editOf(row).measures}
            maxLength={4000}
            onChange={(e) => patchEdit(row, { measures: e.target.value })}
            data-testid={`report-measures-${row.projectId}`}
          />
        );
      },
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 120,
      render: (_, row) => {
        const errors = fieldErrors[row.projectId];
        const needs = isEditableRow(row, periodOpen) && computeChecks(row, editOf(row)).needsExplanation && editOf(row).explanation.trim() === '';
        return (
          <Space direction="vertical" size={2}>
            <ReportStatusTag status={row.report?.status ?? null} isLate={row.report?.isLate} revision={row.report?.revision} testId={`report-status-${row.projectId}`} />
            {edits[row.projectId] && <Typography.Text type="warning" style={{ fontSize: 12 }}>未保存</Typography.Text>}
            {(needs || (errors && Object.keys(errors).length > 0)) && (
              <Typography.Link type="danger" style={{ fontSize: 12 }} onClick={() => setDrawerId(row.projectId)}>
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
      fixed: 'right',
      width: 170,
      render: (_, row) => {
        const isBusy = Boolean(busy[row.projectId]) || isBulkBusy;
        const status = row.report?.status ?? null;
        const links = [];
        if (isEditableRow(row, periodOpen)) {
          links.push(
            <Button key="save" size="small" type="link" style={{ padding: 0 }} disabled={isBusy} onClick={() => void onSave(row)} data-testid={`report-save-${row.projectId}`}>
              保存
            </Button>,
            <Button key="submit" size="small" type="link" style={{ padding: 0 }} disabled={isBusy} onClick={() => void onSubmit(row)} data-testid={`report-submit-${row.projectId}`}>
              提交
            </Button>,
          );
        }
        if (status === 'submitted' && row.canReview) {
          links.push(
            <Button key="approve" size="small" type="link" style={{ padding: 0 }} disabled={isBusy} onClick={() => void onApprove(row)} data-testid={`report-approve-${row.projectId}`}>
              审核通过
            </Button>,
            <Button
              key="return"
              size="small"
              type="link"
              danger
              style={{ padding: 0 }}
              disabled={isBusy}
              onClick={() => {
                setReturnComment('');
                setReturning(row);
              }}
              data-testid={`report-return-${row.projectId}`}
            >
              退回
            </Button>,
          );
        }
        if ((status === 'approved' || status === 'returned') && row.canFill && periodOpen) {
          links.push(
            <Button
              key="revise"
              size="small"
              type="link"
              style={{ padding: 0 }}
              disabled={isBusy}
              onClick={() => {
                setReviseReason('');
                setRevising(row);
              }}
              data-testid={`report-revise-${row.projectId}`}
            >
              更正
            </Button>,
          );
        }
        links.push(
          <Button key="open" size="small" type="link" style={{ padding: 0 }} icon={<ProfileOutlined />} onClick={() => setDrawerId(row.projectId)} data-testid={`report-open-${row.projectId}`}>
            详情
          </Button>,
        );
        return (
          <Space size={[10, 0]} wrap>
            {links}
          </Space>
        );
      },
    },
  ];

  const counts = useMemo(() => {
    const c = { none: 0, draft: 0, submitted: 0, approved: 0, returned: 0 };
    for (const row of rows) {
      const s = row.report?.status ?? 'none';
      if (s in c) c[s as keyof typeof c] += 1;
    }
    return c;
  }, [rows]);

  return (
    <PageContainer title="月报填报" subTitle="按报送期逐项目填报本月完成投资、形象进度、存在问题与措施；提交后由主管部门审核">
      <Card bordered={false} style={{ marginBottom: 16 }} styles={{ body: { padding: '16px 20px' } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'center' }}>
          <Space>
            <Typography.Text strong>报送期</Typography.Text>
            <PeriodPicker value={period} onChange={changePeriod} />
          </Space>
          {answer && (
            <Space size={12} wrap>
              <Typography.Text>
                {answer.period.label}（累计 {answer.period.cumulativeLabel}）
              </Typography.Text>
              <DeadlineInfo deadline={answer.period.deadline} isClosed={periodInfo?.status === 'closed'} />
            </Space>
          )}
          <div style={{ flex: 1 }} />
          <Select
            allowClear
            placeholder="主管部门"
            style={{ width: 180 }}
            options={departments}
            showSearch
            optionFilterProp="label"
            value={filters.departmentId}
            onChange={(v?: string) => changeFilters({ departmentId: v })}
            data-testid="report-filter-department"
          />
          <Select
            allowClear
            placeholder="乡镇"
            style={{ width: 140 }}
            options={townships}
            showSearch
            optionFilterProp="label"
            value={filters.townshipId}
            onChange={(v?: string) => changeFilters({ townshipId: v })}
            data-testid="report-filter-township"
          />
          <Select
            allowClear
            placeholder="填报状态"
            style={{ width: 120 }}
            options={STATUS_FILTERS.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] }))}
            value={filters.status}
            onChange={(v?: GridStatusFilter) => changeFilters({ status: v })}
            data-testid="report-filter-status"
          />
          <Input.Search
            allowClear
            placeholder="项目名称"
            style={{ width: 200 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => changeFilters({ q: q.trim() || undefined })}
            data-testid="report-filter-q"
          />
        </div>
      </Card>

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
        loading={isLoading}
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
        options={{ density: false, setting: true, reload: () => guardDirty(reload) }}
        scroll={{ x: 1600 }}
        onRow={(row) => ({ 'data-testid': `report-row-${row.projectId}` }) as React.HTMLAttributes<HTMLElement>}
        rowSelection={
          can('report.fill')
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (row) => ({ disabled: !isEditableRow(row, periodOpen), 'data-testid': `report-select-${row.projectId}` }) as object,
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
          onChange: (nextPage, nextSize) => guardDirty(() => {
            setPage(nextSize !== pageSize ? 1 : nextPage);
            setPageSize(nextSize);
          }),
        }}
        toolBarRender={() =>
          can('report.fill')
            ? [
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
                  disabled={!period || !periodOpen || isBulkBusy}
                  onClick={() => guardDirty(() => setIsImportOpen(true))}
                  data-testid="report-import-open"
                >
                  导入填报表
                </Button>,
                <Button key="save-all" icon={<SaveOutlined />} loading={isBulkBusy} disabled={!hasDirty || !periodOpen} onClick={() => void saveAll()} data-testid="report-save-all">
                  保存全部草稿{hasDirty ? `（${dirtyIds.length}）` : ''}
                </Button>,
                <Button
                  key="submit-selected"
                  type="primary"
                  icon={<SendOutlined />}
                  loading={isBulkBusy}
                  disabled={selected.length === 0 || !periodOpen}
                  onClick={() => void submitSelected()}
                  data-testid="report-submit-selected"
                >
                  提交所选{selected.length ? `（${selected.length}）` : ''}
                </Button>,
              ]
            : [
                <Button key="reload" icon={<ReloadOutlined />} onClick={reload}>
                  刷新
                </Button>,
              ]
        }
      />

      <ReportDrawer
        row={drawerRow}
        edit={drawerRow ? editOf(drawerRow) : null}
        checks={drawerRow ? computeChecks(drawerRow, editOf(drawerRow)) : null}
        isEditable={drawerRow ? isEditableRow(drawerRow, periodOpen) : false}
        fieldErrors={drawerRow ? (fieldErrors[drawerRow.projectId] ?? {}) : {}}
        isBusy={drawerRow ? Boolean(busy[drawerRow.projectId]) : false}
        cumulativeLabel={cumulativeLabel}
        onChange={(patch) => drawerRow && patchEdit(drawerRow, patch)}
        onSave={() => drawerRow && void onSave(drawerRow)}
        onSubmit={() => drawerRow && void onSubmit(drawerRow)}
        onClose={() => setDrawerId(null)}
      />

      <ReportImportModal
        open={isImportOpen}
        period={period}
        periodLabel={answer?.period.label ?? periodInfo?.label}
        onClose={() => setIsImportOpen(false)}
        onImported={() => {
          setIsImportOpen(false);
          setEdits({});
          setFieldErrors({});
          reload();
        }}
      />

      <Modal
        title={returning ? `退回「${returning.projectName}」` : '退回'}
        open={returning !== null}
        onCancel={() => setReturning(null)}
        onOk={() => void confirmReturn()}
        okText="退回"
        okButtonProps={{ danger: true, loading: isModalBusy, ...testIdProps('return-confirm') }}
        cancelText="取消"
        destroyOnClose
      >
        <Typography.Paragraph type="secondary">退回后由填报单位更正并重新提交。</Typography.Paragraph>
        <Input.TextArea
          value={returnComment}
          onChange={(e) => setReturnComment(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={2000}
          placeholder="退回原因（必填，至少 2 个字）"
          data-testid="return-comment"
        />
      </Modal>

      <Modal
        title={revising ? `更正「${revising.projectName}」` : '更正'}
        open={revising !== null}
        onCancel={() => setRevising(null)}
        onOk={() => void confirmRevise()}
        okText="生成更正版本"
        okButtonProps={{ loading: isModalBusy, ...testIdProps('revise-confirm') }}
        cancelText="取消"
        destroyOnClose
      >
        <Typography.Paragraph type="secondary">已提交的月报不可修改；更正将生成新版本草稿，原版本保留备查。</Typography.Paragraph>
        <Input.TextArea
          value={reviseReason}
          onChange={(e) => setReviseReason(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={2000}
          placeholder="更正原因（必填，至少 2 个字）"
          data-testid="revise-reason"
        />
      </Modal>
    </PageContainer>
  );
}

/** The report page is open to those who fill reports or review them. */
export function RequireReportAccess({ children }: { children: React.ReactNode }) {
  const { can } = useSession();
  return can('report.fill') || can('report.review') ? <>{children}</> : <ForbiddenPage />;
}
