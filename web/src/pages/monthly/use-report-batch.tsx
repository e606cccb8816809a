/**
 * 批量提交 and 批量审核 on the 月报填报 grid. The server takes a batch all or nothing: when a
 * report cannot take the action none changes, and the refusal names each report that blocked
 * it; the page lists them and offers to go on with the others.
 */
import { App, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { isApiError } from '../../api/client';
import { monthlyApi } from '../../api/monthly';
import type { BatchBlocker, BatchDecision, BatchReportResult, GridRow } from '../../api/monthly';
import { errorText } from '../../lib/errors';
import { reportActions } from './report-actions';
import type { ReportGrid, RowFailure } from './use-report-grid';

/** What the page says about a batch before it is sent. */
export const BATCH_RULE = '整批处理：所选月报全部处理成功，或有任何一份不能处理时全部保持不变，并逐份列出原因。';

type BatchItem = { row: GridRow; reportId: string };

function blockersOf(error: unknown): BatchBlocker[] | null {
  const blocked = isApiError(error) ? error.details?.blocked : undefined;
  return Array.isArray(blocked) ? (blocked as BatchBlocker[]) : null;
}

/** The selected rows each batch action applies to, and the actions. */
export function useReportBatch(grid: ReportGrid, isPeriodOpen: boolean) {
  const { message, modal } = App.useApp();
  const selectedRows = grid.rows.filter((r) => grid.selected.includes(r.projectId));
  const submittable = selectedRows.filter((r) => reportActions(r, isPeriodOpen).has('submit'));
  const reviewable = selectedRows.filter((r) => r.report !== null && reportActions(r, isPeriodOpen).has('approve'));

  /** Lists the rows that stopped a batch; resolves true when the user goes on without them. */
  const askToSkip = (verb: string, failures: RowFailure[], restCount: number) =>
    new Promise<boolean>((resolve) => {
      const title = `${failures.length} 份月报不能${verb}，本次未做任何${verb}`;
      const content = (
        <div>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {restCount > 0 ? `可以跳过下列月报，只${verb}其余 ${restCount} 份；或返回修改后再整批${verb}。` : '请按下列原因处理后再试。'}
          </Typography.Paragraph>
          <ul style={{ paddingLeft: 18, margin: 0, maxHeight: 320, overflow: 'auto' }} data-testid="batch-blocked">
            {failures.map((f) => (
              <li key={f.name}>
                <Typography.Text strong>{f.name}</Typography.Text>：{f.text}
              </li>
            ))}
          </ul>
        </div>
      );
      if (restCount === 0) modal.warning({ title, content, width: 560, okText: '知道了', onOk: () => resolve(false) });
      else
        modal.confirm({
          title,
          content,
          width: 560,
          okText: `跳过这些，${verb}其余 ${restCount} 份`,
          cancelText: '返回修改',
          okButtonProps: { 'data-testid': 'batch-skip' } as ButtonProps,
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
    });

  /** Sends a batch; when reports block it, lists them and, if the user agrees, sends the others. Answers how many moved. */
  const sendBatch = async (verb: string, items: BatchItem[], send: (reportIds: string[]) => Promise<BatchReportResult>): Promise<number> => {
    let batch = items;
    while (batch.length > 0) {
      try {
        const result = await send(batch.map((i) => i.reportId));
        message.success(`已${verb} ${result.count} 份月报`);
        return result.count;
      } catch (error) {
        const blocked = blockersOf(error);
        if (!blocked) {
          // A batch of one is refused with that report's own reason.
          message.error(batch.length === 1 ? `「${batch[0].row.projectName}」${errorText(error, `${verb}失败`)}` : errorText(error, `${verb}失败`));
          return 0;
        }
        const ids = new Set(blocked.map((b) => b.id));
        const rest = batch.filter((i) => !ids.has(i.reportId));
        if (!(await askToSkip(verb, blocked.map((b) => ({ name: b.projectName, text: b.message })), rest.length))) return 0;
        batch = rest;
      }
    }
    return 0;
  };

  /** 提交所选: confirms, checks and saves each row, then submits the drafts in one batch. */
  const submitSelected = async () => {
    if (submittable.length === 0) {
      message.info('请先勾选要提交的项目');
      return;
    }
    if (!(await grid.confirmSubmit(`所选 ${submittable.length} 份月报`, `尚未保存的填报将先保存为草稿。${BATCH_RULE}`))) return;
    grid.setBulkBusy(true);
    try {
      const { ready, blocked } = await grid.prepareSubmit(submittable);
      if (blocked.length > 0 && !(await askToSkip('提交', blocked, ready.length))) return;
      if ((await sendBatch('提交', ready, monthlyApi.batchSubmit)) > 0) grid.setSelected([]);
    } finally {
      grid.setBulkBusy(false);
      grid.reload();
    }
  };

  /** 批量通过 / 批量退回 with one comment (sent after the comment dialog has closed). */
  const reviewSelected = async (decision: BatchDecision, comment: string) => {
    const items = reviewable.map((row) => ({ row, reportId: row.report!.id }));
    grid.setBulkBusy(true);
    try {
      const verb = decision === 'approve' ? '审核通过' : '退回';
      if ((await sendBatch(verb, items, (ids) => monthlyApi.batchReview(ids, decision, comment))) > 0) grid.setSelected([]);
    } finally {
      grid.setBulkBusy(false);
      grid.reload();
    }
  };

  return { submittable, reviewable, submitSelected, reviewSelected };
}
