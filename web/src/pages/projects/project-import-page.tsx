import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Col, Empty, Result, Row, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { LEDGER_COLUMNS } from '../../../../common/ledger-columns';
import { isApiError, apiUpload } from '../../api/client';
import type { ImportPreview, ImportProblem, ImportRecord, ImportResult } from '../../api/projects';
import { download, errorText } from '../../lib/errors';
import { Wan } from './project-ui';

const MAX_SIZE = 20 * 1024 * 1024;
const HEADER_OF = new Map(LEDGER_COLUMNS.map((c) => [c.key, c.header]));
const PREVIEW_KEYS = ['code', 'name', 'ownerUnit', 'department', 'township', 'sector', 'totalInvestment', 'plannedStart', 'stage'];

function problemColumnLabel(problem: ImportProblem): string {
  if (problem.column && problem.field) return `${problem.column}（${HEADER_OF.get(problem.field) ?? problem.field}）`;
  if (problem.column) return problem.column;
  if (problem.field) return HEADER_OF.get(problem.field) ?? problem.field;
  return '—';
}

function cellText(value: unknown): React.ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function ProblemsTable({ problems }: { problems: ImportProblem[] }) {
  return (
    <Table<ImportProblem>
      rowKey={(row, index) => `${row.sheet}-${row.row}-${row.column ?? ''}-${index}`}
      size="small"
      dataSource={problems}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 处` }}
      columns={[
        { title: '工作表', dataIndex: 'sheet', width: 140 },
        { title: '行', dataIndex: 'row', width: 70, align: 'right' },
        { title: '列', key: 'column', width: 200, render: (_, row) => problemColumnLabel(row) },
        { title: '问题', dataIndex: 'message', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
      ]}
    />
  );
}

/** 导入台账: upload an .xlsx ledger, look at every problem or the records, then import all or nothing. */
export function ProjectImportPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [commitProblems, setCommitProblems] = useState<ImportProblem[] | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [isChecking, setIsChecking] = useState(false);
  const [isCommitting, setIsCommitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setCommitProblems(null);
    setResult(null);
    setError(null);
  };

  const check = async (next: File) => {
    reset();
    setFile(next);
    setIsChecking(true);
    try {
      setPreview(await apiUpload<ImportPreview>('/api/projects/import', next));
    } catch (caught) {
      const details = isApiError(caught) ? (caught.details as Partial<ImportPreview> | undefined) : undefined;
      if (details?.problems && Array.isArray(details.problems)) {
        setPreview({ fileName: next.name, records: details.records ?? [], problems: details.problems, canCommit: false, summary: details.summary ?? { create: 0, update: 0, newOwners: 0 } });
      } else {
        setError(errorText(caught, '台账读取失败'));
      }
    } finally {
      setIsChecking(false);
    }
  };

  const commit = async () => {
    if (!file) return;
    setIsCommitting(true);
    try {
      const answer = await apiUpload<ImportResult>('/api/projects/import', file, { query: { commit: 'true' } });
      setResult(answer);
      message.success('台账已导入');
    } catch (caught) {
      const details = isApiError(caught) ? (caught.details as { problems?: ImportProblem[] } | undefined) : undefined;
      if (details?.problems && Array.isArray(details.problems)) setCommitProblems(details.problems);
      else message.error(errorText(caught, '导入失败'));
    } finally {
      setIsCommitting(false);
    }
  };

  const problems = commitProblems ?? preview?.problems ?? [];
  const canCommit = Boolean(preview?.canCommit) && commitProblems === null;
  const step = result ? 2 : preview ? 1 : 0;

  const recordColumns = useMemo(
    () => [
      { title: '行', key: 'row', width: 60, align: 'right' as const, render: (_: unknown, r: ImportRecord) => r.row },
      {
        title: '处理方式',
        key: 'action',
        width: 90,
        render: (_: unknown, r: ImportRecord) => (r.action === 'create' ? <Tag color="green">新建</Tag> : <Tag color="blue">更新</Tag>),
      },
      ...PREVIEW_KEYS.map((key) => ({
        title: HEADER_OF.get(key) ?? key,
        key,
        ellipsis: true,
        width: key === 'name' ? 240 : key === 'code' ? 210 : 130,
        align: key === 'totalInvestment' ? ('right' as const) : undefined,
        render: (_: unknown, r: ImportRecord) => {
          const value = r.values[key];
          if (key === 'totalInvestment' && typeof value === 'string') return <Wan value={value} />;
          return cellText(value);
        },
      })),
    ],
    [],
  );

  return (
    <PageContainer title="导入台账" subTitle="从 Excel 项目台账批量新建或更新项目，有任何问题则整份不导入">
      <Card bordered={false} style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          size="small"
          style={{ maxWidth: 720, marginBottom: 24 }}
          items={[{ title: '上传台账' }, { title: '检查结果' }, { title: '完成导入' }]}
        />
        <Row gutter={24} align="middle">
          <Col flex="1 1 0" style={{ minWidth: 0 }}>
            <div data-testid="import-file">
              <Upload
                accept=".xlsx"
                maxCount={1}
                showUploadList={false}
                beforeUpload={(next) => {
                  if (!next.name.toLowerCase().endsWith('.xlsx')) {
                    message.error('请上传 .xlsx 格式的台账（旧版 .xls 请先另存为 .xlsx）');
                    return Upload.LIST_IGNORE;
                  }
                  if (next.size > MAX_SIZE) {
                    message.error('文件超过 20 MB');
                    return Upload.LIST_IGNORE;
                  }
                  void check(next);
                  return false;
                }}
              >
                <Button type="primary" icon={<CloudUploadOutlined />} loading={isChecking}>
                  {file ? '重新选择台账' : '选择台账文件（.xlsx）'}
                </Button>
              </Upload>
              {file && (
                <Typography.Text style={{ marginLeft: 12 }}>
                  <FileExcelOutlined style={{ color: '#1d6f42' }} /> {file.name}
                </Typography.Text>
              )}
            </div>
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
              按模板填写，也可直接上传各单位现有台账：常见的列名写法（如「项目业主」「计划总投资」）均可识别；金额默认单位为万元，可写「1.2亿」「800元」。已有项目按项目代码或储备编号匹配后更新。
            </Typography.Paragraph>
          </Col>
          <Col flex="none">
            <Button icon={<DownloadOutlined />} onClick={() => download('/api/projects/template.xlsx')} data-testid="import-template">
              下载台账模板
            </Button>
          </Col>
        </Row>
      </Card>

      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}

      {result && (
        <Card bordered={false} style={{ marginBottom: 16 }}>
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title="台账导入完成"
            subTitle={
              <span data-testid="import-result">
                新建项目 {result.created} 个，更新项目 {result.updated} 个
              </span>
            }
            extra={[
              <Button key="list" type="primary" onClick={() => navigate('/projects')}>
                查看项目库
              </Button>,
              <Button key="again" onClick={reset}>
                继续导入
              </Button>,
            ]}
          />
        </Card>
      )}

      {preview && !result && (
        <Card
          bordered={false}
          title={`检查结果：${preview.fileName || file?.name || ''}`}
          extra={
            <Space>
              <Button onClick={reset}>取消</Button>
              <Button type="primary" disabled={!canCommit} loading={isCommitting} onClick={commit} data-testid="import-commit">
                确认导入
              </Button>
            </Space>
          }
        >
          <Row gutter={48} style={{ marginBottom: 16 }}>
            <Col>
              <Statistic title="新建" value={preview.summary.create} suffix="个" valueStyle={{ color: '#1d6f42' }} />
            </Col>
            <Col>
              <Statistic title="更新" value={preview.summary.update} suffix="个" valueStyle={{ color: '#1d5fb3' }} />
            </Col>
            <Col>
              <Statistic title="问题" value={problems.length} suffix="处" valueStyle={{ color: problems.length ? '#cf1322' : undefined }} />
            </Col>
          </Row>
          {problems.length > 0 ? (
            <div data-testid="import-problems">
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                message={`台账存在 ${problems.length} 处问题，请修改后重新上传，整份台账未导入`}
                description="下表列出每一处问题所在的工作表、行和列，修改原文件后点击「重新选择台账」再次检查。"
              />
              <ProblemsTable problems={problems} />
            </div>
          ) : preview.records.length === 0 ? (
            <Empty description="台账中没有可导入的项目行" />
          ) : (
            <>
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 16 }}
                message={`检查通过：将新建 ${preview.summary.create} 个项目、更新 ${preview.summary.update} 个项目。确认无误后点击「确认导入」。`}
              />
              <Table<ImportRecord>
                rowKey={(r) => `${r.sheet}-${r.row}`}
                size="small"
                dataSource={preview.records}
                columns={recordColumns}
                scroll={{ x: 1400 }}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 行` }}
                data-testid="import-records"
              />
            </>
          )}
        </Card>
      )}
    </PageContainer>
  );
}
