/** The state of the 月报填报 grid: the loaded page, unsaved edits, field errors and every write on a row. */
import { App, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { isApiError } from '../../api/client';
import { monthlyApi, monthlyExtrasApi } from '../../api/monthly';
import type { GridAnswer, GridRow, GridStatusFilter, MonthlyReport } from '../../api/monthly';
import { useResource } from '../../components/use-resource';
import { errorText } from '../../lib/errors';
import { isEditableRow } from './report-actions';
import type { RowEdit } from './report-edit';
import { baseEdit, draftBody, editSubmitProblems } from './report-edit';

/** The grid's filters besides the period. */
export type GridFilters = { departmentId?: string; townshipId?: string; status?: GridStatusFilter; q?: string };

/** The draft was saved but some of the photos chosen before the save did not go up. */
class PhotoUploadError extends Error {}

/** A row an action could not be taken on, and why. */
export type RowFailure = { name: string; text: string };

/** Loads the grid for a period, filters and page, and holds what the clerk typed until it is saved. */
export function useReportGrid(options: { period: string | null; filters: GridFilters; page: number; pageSize: number; isPeriodOpen: boolean }) {
  const { period, filters, page, pageSize, isPeriodOpen } = options;
  const { message, modal } = App.useApp();
  const load = useMemo(() => (period ? (signal: AbortSignal) => monthlyApi.grid({ period, ...filters, page, pageSize }, signal) : null), [period, filters, page, pageSize]);
  const grid = useResource<GridAnswer>(load);
  const { reload, setData } = grid;
  const rows = useMemo(() => grid.data?.data ?? [], [grid.data]);

  const [edits, setEdits] = useState<Record<string, RowEdit>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, Record<string, string>>>({});
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [isBulkBusy, setIsBulkBusy] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [drawerId, setDrawerId] = useState<string | null>(null);
  // Site photos chosen before the row's first save: kept here and uploaded right after it.
  const [pendingPhotos, setPendingPhotos] = useState<Record<string, File[]>>({});

  useEffect(() => {
    if (grid.error) message.error(errorText(grid.error, '加载月报失败'));
  }, [grid.error, message]);

  const dirtyCount = Object.keys(edits).length;

  // Warn before leaving the page with unsaved edits.
  useEffect(() => {
    if (dirtyCount === 0) return;
    const handler = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, [dirtyCount]);

  const editOf = (row: GridRow): RowEdit => edits[row.projectId] ?? baseEdit(row);

  /** Drops every unsaved edit, photo waiting for the first save, and error. */
  const discardEdits = useCallback(() => {
    setEdits({});
    setFieldErrors({});
    setPendingPhotos({});
  }, []);

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

  const setRowErrors = (projectId: string, errors: Record<string, string> | null) =>
    setFieldErrors((all) => {
      if (errors) return { ...all, [projectId]: { ...all[projectId], ...errors } };
      const rest = { ...all };
      delete rest[projectId];
      return rest;
    });

  const replaceReport = (projectId: string, report: MonthlyReport) =>
    setData((answer) => answer && { ...answer, data: answer.data.map((r) => (r.projectId === projectId ? { ...r, report } : r)) });

  const dropEdit = (projectId: string) =>
    setEdits((all) => {
      if (!(projectId in all)) return all;
      const rest = { ...all };
      delete rest[projectId];
      return rest;
    });

  const setRowBusy = (projectId: string, value: boolean) => setBusy((all) => ({ ...all, [projectId]: value }));

  /** Handles a failed write: version conflicts reload, field errors are shown at the field. */
  const handleError = (row: GridRow, error: unknown, fallback: string, isQuiet = false): string => {
    const text = errorText(error, fallback);
    if (isApiError(error) && error.field) {
      setRowErrors(row.projectId, { [error.field]: error.message });
      if (!isQuiet) setDrawerId(row.projectId);
    }
    // A conflict means the grid is stale: reload it; a version conflict also drops the stale edit.
    if (isApiError(error, 'VERSION_CONFLICT')) dropEdit(row.projectId);
    if (isApiError(error) && error.status === 409) reload();
    if (!isQuiet) message.error(text);
    return text;
  };

  /** Keeps a photo for a row not saved yet; the row counts as changed, so saving it uploads the photo. */
  const addPendingPhoto = (row: GridRow, file: File) => {
    setPendingPhotos((all) => ({ ...all, [row.projectId]: [...(all[row.projectId] ?? []), file] }));
    setEdits((all) => (row.projectId in all ? all : { ...all, [row.projectId]: baseEdit(row) }));
  };

  const removePendingPhoto = (row: GridRow, index: number) =>
    setPendingPhotos((all) => ({ ...all, [row.projectId]: (all[row.projectId] ?? []).filter((_, i) => i !== index) }));

  /** Uploads the photos kept for a row to its (just saved) draft; throws naming the photos that failed. */
  const uploadPendingPhotos = async (row: GridRow, reportId: string) => {
    const files = pendingPhotos[row.projectId] ?? [];
    if (files.length === 0) return;
    const failed: string[] = [];
    for (const file of files) {
      try {
        await monthlyExtrasApi.uploadPhoto(reportId, file);
      } catch (error) {
        failed.push(`${file.name}（${errorText(error, '上传失败')}）`);
      }
    }
    setPendingPhotos((all) => {
      const rest = { ...all };
      delete rest[row.projectId];
      return rest;
    });
    if (failed.length) throw new PhotoUploadError(`草稿已保存，但现场照片未能上传：${failed.join('、')}。请在“现场照片”中重新上传`);
  };

  /** Saves a row's draft, then uploads the photos chosen before it; throws an Error (bad input, a photo) or the API's error. */
  const saveRow = async (row: GridRow, isQuiet = false): Promise<MonthlyReport> => {
    if (!period) throw new Error('请先选择报送期');
    const built = draftBody(row, editOf(row));
    if (!built.ok) {
      if (!isQuiet) message.error(built.message);
      throw new Error(built.message);
    }
    const report = await monthlyApi.saveDraft(row.projectId, period, built.body);
    dropEdit(row.projectId);
    // The photos go up before the grid shows the saved report, so its photo list loads with them.
    try {
      await uploadPendingPhotos(row, report.id);
    } finally {
      replaceReport(row.projectId, report);
    }
    return report;
  };

  /** Asks before submitting: a submitted report cannot be changed. Resolves whether the user confirmed. */
  const confirmSubmit = (what: string, note?: string) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: `确认提交${what}？`,
        content: (
          <>
            <div>提交后不可修改，如需更正须提交更正申请。</div>
            {note && <div style={{ marginTop: 8, color: '#5b6475' }}>{note}</div>}
          </>
        ),
        okText: '确认提交',
        cancelText: '取消',
        okButtonProps: { 'data-testid': 'submit-confirm' } as ButtonProps,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  /** Checks the row by the server's submit rules, saves when needed and submits; throws the reason on failure. */
  const submitRow = async (row: GridRow, isQuiet: boolean): Promise<void> => {
    const problems = editSubmitProblems(row, editOf(row));
    if (problems.length > 0) {
      setRowErrors(row.projectId, Object.fromEntries(problems.map((p) => [p.field, p.message])));
      throw new Error(problems.map((p) => p.message).join('；'));
    }
    let report = row.report;
    if (!report || report.status !== 'draft' || edits[row.projectId]) report = await saveRow(row, isQuiet);
    replaceReport(row.projectId, await monthlyApi.submit(report.id));
    setRowErrors(row.projectId, null);
  };

  /** Runs a write on one row with its busy flag; API errors are handled, other errors returned. */
  const onRow = async (row: GridRow, fallback: string, write: () => Promise<void>): Promise<unknown> => {
    setRowBusy(row.projectId, true);
    try {
      await write();
      return null;
    } catch (error) {
      if (isApiError(error)) {
        handleError(row, error, fallback);
        return null;
      }
      return error;
    } finally {
      setRowBusy(row.projectId, false);
    }
  };

  const save = async (row: GridRow) => {
    const problem = await onRow(row, '保存失败', async () => {
      await saveRow(row);
      message.success(`已保存「${row.projectName}」草稿`);
    });
    // Bad input is shown by saveRow; a photo that did not go up after the save is shown here.
    if (problem instanceof PhotoUploadError) message.warning(problem.message);
  };

  const submit = async (row: GridRow) => {
    if (!(await confirmSubmit(`「${row.projectName}」的月报`))) return;
    const problem = await onRow(row, '提交失败', async () => {
      await submitRow(row, false);
      message.success(`已提交「${row.projectName}」`);
      setDrawerId((id) => (id === row.projectId ? null : id));
    });
    if (problem) {
      message.warning(problem instanceof Error ? problem.message : '提交失败');
      setDrawerId(row.projectId);
    }
  };

  const approve = (row: GridRow) =>
    onRow(row, '审核失败', async () => {
      if (!row.report) return;
      replaceReport(row.projectId, await monthlyApi.approve(row.report.id));
      message.success(`已审核通过「${row.projectName}」`);
    });

  /**
   * Returns (退回) or corrects (更正) a report with a reason, for the reason modal: resolves
   * false to keep the modal open; a conflict reloads the grid and closes it.
   */
  const withReason = async (row: GridRow, fallback: string, write: (reportId: string) => Promise<void>): Promise<boolean> => {
    if (!row.report) return true;
    try {
      await write(row.report.id);
      return true;
    } catch (error) {
      handleError(row, error, fallback);
      return isApiError(error) && error.status === 409;
    }
  };

  const returnReport = (row: GridRow, comment: string) =>
    withReason(row, '退回失败', async (id) => {
      replaceReport(row.projectId, await monthlyApi.returnReport(id, comment));
      message.success(`已退回「${row.projectName}」`);
    });

  const revise = (row: GridRow, reason: string) =>
    withReason(row, '更正失败', async (id) => {
      replaceReport(row.projectId, await monthlyApi.revise(id, reason));
      dropEdit(row.projectId);
      message.success('已生成更正版本草稿，请修改后重新提交');
    });

  const reportBulk = (verb: string, count: number, failures: RowFailure[]) => {
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

  /** Runs `write` on each target row in turn and reports the failures together; returns the failed ids. */
  const runBulk = async (verb: string, fallback: string, targets: GridRow[], write: (row: GridRow) => Promise<unknown>): Promise<string[]> => {
    setIsBulkBusy(true);
    const failures: RowFailure[] = [];
    const failedIds: string[] = [];
    for (const row of targets) {
      try {
        await write(row);
      } catch (error) {
        failedIds.push(row.projectId);
        failures.push({ name: row.projectName, text: isApiError(error) ? handleError(row, error, fallback, true) : error instanceof Error ? error.message : fallback });
      }
    }
    setIsBulkBusy(false);
    reportBulk(verb, targets.length, failures);
    return failedIds;
  };

  const saveAll = async () => {
    const targets = rows.filter((r) => edits[r.projectId] && isEditableRow(r, isPeriodOpen));
    if (targets.length === 0) {
      message.info('没有需要保存的修改');
      return;
    }
    await runBulk('保存', '保存失败', targets, (row) => saveRow(row, true));
  };

  /**
   * Readies rows for a batch submission: checks each by the submit rules and saves what is
   * not saved yet (photos too). Answers the saved drafts and the rows that cannot go, with why.
   */
  const prepareSubmit = async (targets: GridRow[]): Promise<{ ready: Array<{ row: GridRow; reportId: string }>; blocked: RowFailure[] }> => {
    const ready: Array<{ row: GridRow; reportId: string }> = [];
    const blocked: RowFailure[] = [];
    for (const row of targets) {
      const problems = editSubmitProblems(row, editOf(row));
      if (problems.length > 0) {
        setRowErrors(row.projectId, Object.fromEntries(problems.map((p) => [p.field, p.message])));
        blocked.push({ name: row.projectName, text: problems.map((p) => p.message).join('；') });
        continue;
      }
      try {
        let report = row.report;
        if (!report || report.status !== 'draft' || edits[row.projectId]) report = await saveRow(row, true);
        ready.push({ row, reportId: report.id });
      } catch (error) {
        blocked.push({ name: row.projectName, text: isApiError(error) ? handleError(row, error, '保存失败', true) : error instanceof Error ? error.message : '保存失败' });
      }
    }
    return { ready, blocked };
  };

  return {
    answer: grid.data ?? null,
    rows,
    isLoading: grid.isLoading,
    reload,
    edits,
    dirtyCount,
    fieldErrors,
    busy,
    isBulkBusy,
    selected,
    setSelected,
    drawerId,
    setDrawerId,
    editOf,
    patchEdit,
    discardEdits,
    save,
    submit,
    approve,
    returnReport,
    revise,
    saveAll,
    confirmSubmit,
    prepareSubmit,
    setBulkBusy: setIsBulkBusy,
    pendingPhotos,
    addPendingPhoto,
    removePendingPhoto,
  };
}

/** What `useReportGrid` hands the page and its columns. */
export type ReportGrid = ReturnType<typeof useReportGrid>;
