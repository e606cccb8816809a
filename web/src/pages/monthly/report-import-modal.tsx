/** 导入填报表: upload the filled batch-entry workbook of a period, look at every problem or the records, then save all as drafts or nothing. */
import { CloudUploadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Modal, Space, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { formatWan } from '../../../../common/amounts';
import { isApiError } from '../../api/client';
import { monthlyApi } from '../../api/monthly';
import type { ReportImportPreview, ReportImportProblem, ReportImportRecord } from '../../api/monthly';
import { errorText } from '../../lib/errors';

const MAX_SIZE = 10 * 1024 * 1024;

/** The headers of the batch-entry workbook's columns, by report field. */
const FIELD_HEADERS: Record<string, string> = {
  reserveNo: '储备编号',
  investedThisPeriod: '本月完成投资（万元）',
  progressPct: '形象进度（%）',
  progressText: '形象进度说明',
  preliminaryProgress: '前期工作进展',
  problems: '存在问题',
  measures: '拟采取措施',
  explanation: '情况说明',
};

function problemColumnLabel(problem: ReportImportProblem): string {
  const header = problem.field ? (FIELD_HEADERS[problem.field] ?? problem.field) : null;
  if (problem.column && header) return `${problem.column}（${header}）`;
  return problem.column || header || '—';
}

function wanText(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  try {
    return formatWan(value);
  } catch {
    return value;
  }
}

function ProblemsTable({ problems }: { problems: ReportImportProblem[] }) {
  return (
    <Table<ReportImportProblem>
      rowKey={(row, index) => `${row.row}-${row.column ?? ''}-${index}`}
      size="small"
      dataSource={problems}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 处` }}
      columns={[
        { title: '行', dataIndex: 'row', width: 64, align: 'right' },
        { title: '列', key: 'column', width: 190, render: (_, row) => <Typography.Text type="danger">{problemColumnLabel(row)}</Typography.Text> },
        { title: '问题', dataIndex: 'message', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
      ]}
    />
  );
}

function RecordsTable({ records }: { records: ReportImportRecord[] }) {
  return (
    <Table<ReportImportRecord>
      rowKey={(r) => `${r.row}-${r.projectId}`}
      size="small"
      dataSource={records}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个项目` }}
      data-testid="report-import-records"
      columns={[
        {
          title: '项目',
          key: 'project',
          width: 240,
          render: (_, r) => (
            <div style={{ minWidth: 0 }}>
              <div style={{ fontWeight: 500 }}>{r.projectName}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                第 {r.row} 行
              </Typography.Text>
            </div>
          ),
        },
        {
          title: '本月完成投资（万元）',
          key: 'investedThisPeriod',
          width: 150,
          align: 'right',
          render: (_, r) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{wanText(r.values.investedThisPeriod)}</span>,
        },
        {
          title: '形象进度（%）',
          key: 'progressPct',
          width: 96,
          align: 'right',
          render: (_, r) => (r.values.progressPct === null || r.values.progressPct === undefined ? '—' : `${r.values.progressPct}%`),
        },
        {
          title: '说明',
          key: 'text',
          render: (_, r) => {
            const text = r.values.progressText || r.values.preliminaryProgress || '';
            const explanation = r.values.explanation || '';
            if (!text && !explanation) return '—';
            return (
              <div style={{ minWidth: 0 }}>
                {text && (
                  <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0 }}>
                    {text}
                  </Typography.Paragraph>
                )}
                {explanation && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: explanation }} style={{ margin: 0, fontSize: 12 }}>
                    情况说明：{explanation}
                  </Typography.Paragraph>
                )}
              </div>
            );
          },
        },
      ]}
    />
  );
}

export interface ReportImportModalProps {
  open: boolean;
  /** YYYY-MM. */
  period: string | null;
  /** 「11月」, for the title. */
  periodLabel?: string;
  onClose: () => void;
  /** Called after a successful commit with the number of drafts written. */
  onImported: (saved: number) => void;
}

/** The modal of 月报填报's 「导入填报表」. */
export function ReportImportModal({ open, period, periodLabel, onClose, onImported }: ReportImportModalProps) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ReportImportPreview | null>(null);
  const [commitProblems, setCommitProblems] = useState<ReportImportProblem[] | null>(null);
  const [isChecking, setIsChecking] = useState(false);
  const [isCommitting, setIsCommitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setCommitProblems(null);
    setError(null);
  };

  const close = () => {
    if (isCommitting) return;
    reset();
    onClose();
  };

  const check = async (next: File) => {
    if (!period) return;
    reset();
    setFile(next);
    setIsChecking(true);
    try {
      setPreview(await monthlyApi.previewReportImport(period, next));
    } catch (caught) {
      const details = isApiError(caught) ? (caught.details as Partial<ReportImportPreview> | undefined) : undefined;
      if (details?.problems && Array.isArray(details.problems)) {
        setPreview({ fileName: next.name, period, records: details.records ?? [], problems: details.problems, canCommit: false });
      } else {
        setError(errorText(caught, '填报表读取失败'));
      }
    } finally {
      setIsChecking(false);
    }
  };

  const commit = async () => {
    if (!file || !period) return;
    setIsCommitting(true);
    try {
      const answer = await monthlyApi.commitReportImport(period, file);
      message.success({
        content: <span data-testid="report-import-result">已导入 {answer.saved} 个项目的月报草稿，请核对后提交</span>,
        duration: 6,
      });
      reset();
      onImported(answer.saved);
    } catch (caught) {
      const details = isApiError(caught) ? (caught.details as { problems?: ReportImportProblem[] } | undefined) : undefined;
      if (details?.problems && Array.isArray(details.problems) && details.problems.length > 0) setCommitProblems(details.problems);
      else message.error(errorText(caught, '导入失败'));
    } finally {
      setIsCommitting(false);
    }
  };

  const problems = commitProblems ?? preview?.problems ?? [];
  const canCommit = Boolean(preview?.canCommit) && commitProblems === null && problems.length === 0;

  const beforeUpload = (next: File) => {
    if (!next.name.toLowerCase().endsWith('.xlsx')) {
      message.error('请上传 .xlsx 格式的填报表（旧版 .xls 请先另存为 .xlsx）');
      return Upload.LIST_IGNORE;
    }
    if (next.size > MAX_SIZE) {
      message.error('文件不能超过 10 MB');
      return Upload.LIST_IGNORE;
    }
    void check(next);
    return false;
  };

  return (
    <Modal
      title={`导入月报填报表${period ? `（${period.slice(0, 4)}年${periodLabel ?? `${Number(period.slice(5, 7))}月`}）` : ''}`}
      open={open}
      width={860}
      onCancel={close}
      maskClosable={false}
      destroyOnClose
      footer={
        <Space>
          <Button onClick={close} disabled={isCommitting}>
            取消
          </Button>
          <Button type="primary" disabled={!canCommit || isChecking} loading={isCommitting} onClick={() => void commit()} data-testid="report-import-commit">
            确认导入（保存为草稿）
          </Button>
        </Space>
      }
    >
      <div data-testid="report-import-file" style={{ marginBottom: 16 }}>
        {file ? (
          <Space wrap>
            <Upload accept=".xlsx" maxCount={1} showUploadList={false} beforeUpload={beforeUpload} disabled={isChecking || isCommitting}>
              <Button icon={<CloudUploadOutlined />} loading={isChecking}>
                重新选择填报表
              </Button>
            </Upload>
            <Typography.Text>
              <FileExcelOutlined style={{ color: '#1d6f42' }} /> {file.name}
            </Typography.Text>
          </Space>
        ) : (
          <Upload.Dragger accept=".xlsx" maxCount={1} showUploadList={false} beforeUpload={beforeUpload} disabled={!period}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入已填写的月报填报表（.xlsx，不超过 10 MB）</p>
            <p className="ant-upload-hint">请使用「下载填报表」得到的表格，只填写绿色列；储备编号用于匹配项目，请勿修改。有任何问题则整份不导入。</p>
          </Upload.Dragger>
        )}
      </div>

      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}

      {isChecking && (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin tip="正在检查填报表…">
            <div style={{ height: 40 }} />
          </Spin>
        </div>
      )}

      {preview && !isChecking &&
        (problems.length > 0 ? (
          <div data-testid="report-import-problems">
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={`表格存在 ${problems.length} 处问题，整份未导入，请修改后重新上传`}
              description="下表列出每一处问题所在的行和列，修改原文件后点击「重新选择填报表」再次检查。"
            />
            <ProblemsTable problems={problems} />
          </div>
        ) : preview.records.length === 0 ? (
          <Empty description="表格中没有填写任何月报" />
        ) : (
          <>
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              message={`检查通过：将保存 ${preview.records.length} 个项目的月报草稿。确认无误后点击「确认导入（保存为草稿）」，导入后仍需在填报表中核对并提交。`}
            />
            <RecordsTable records={preview.records} />
          </>
        ))}
    </Modal>
  );
}
