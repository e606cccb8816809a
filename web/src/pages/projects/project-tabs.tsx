/** The data tabs of the project detail page that load their own lists. */
import { EditOutlined, InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { ModalForm, ProFormDatePicker, ProFormDependency, ProFormSelect, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { Alert, App, Col, Empty, Row, Select, Space, Table, Tag, Timeline, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import {
  LIBRARY_REQUEST_KIND_LABELS,
  LIBRARY_REQUEST_STATUS_LABELS,
  PROCEDURE_STATUS_LABELS,
  PROCEDURE_STATUSES,
} from '../../../../common/projects';
import type { LibraryRequestKind, LibraryRequestStatus, ProcedureStatus, Stage } from '../../../../common/projects';
import { api, apiUpload } from '../../api/client';
import type { Page } from '../../api/client';
import type { AuditEntry, LibraryRequest, Procedure, ProjectDetail, ProjectDocument, TimelineEntry } from '../../api/projects';
import { errorText, isVersionConflict } from '../../lib/errors';
import { dayjs, formatDateTime, TIME_ZONE } from '../../lib/format';
import { formatSize, STAGE_COLORS, stageLabel } from './project-ui';

/** Loads a `{data}` list; reports a missing or failing endpoint as an error text. */
function useDataList<T>(path: string) {
  const [rows, setRows] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setRows((await api<{ data: T[] }>(path)).data);
      setError(null);
    } catch (caught) {
      setError(errorText(caught, '加载失败'));
      setRows([]);
    }
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { rows, error, reload };
}

function LoadError({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null;
}

export const REQUEST_STATUS_COLORS: Record<string, string> = { pending: 'processing', approved: 'success', returned: 'error', withdrawn: 'default' };

export function RequestStatusTag({ status }: { status: string }) {
  return <Tag color={REQUEST_STATUS_COLORS[status] ?? 'default'}>{LIBRARY_REQUEST_STATUS_LABELS[status as LibraryRequestStatus] ?? status}</Tag>;
}

export function requestKindLabel(kind: string): string {
  return LIBRARY_REQUEST_KIND_LABELS[kind as LibraryRequestKind] ?? kind;
}

// ——— 阶段时间轴 ———

export function TimelineTab({ projectId, refreshKey }: { projectId: string; refreshKey: number }) {
  const { rows, error, reload } = useDataList<TimelineEntry>(`/api/projects/${projectId}/timeline`);
  useEffect(() => {
    if (refreshKey > 0) void reload();
  }, [refreshKey, reload]);
  return (
    <div data-testid="project-timeline">
      <LoadError error={error} />
      {rows && rows.length === 0 && !error && <Empty description="暂无阶段变更记录" />}
      {rows && rows.length > 0 && (
        <Timeline
          style={{ paddingTop: 8 }}
          items={rows.map((entry, index) => ({
            key: entry.id,
            color: index === rows.length - 1 ? (STAGE_COLORS[entry.toStage as Stage] === 'default' ? 'gray' : 'blue') : 'gray',
            children: (
              <div data-testid={`timeline-entry-${entry.id}`}>
                <Typography.Text strong style={{ fontSize: 15 }}>
                  {entry.fromStage ? `${stageLabel(entry.fromStage)} → ${stageLabel(entry.toStage)}` : `创建为「${stageLabel(entry.toStage)}」`}
                </Typography.Text>
                <div style={{ marginTop: 4, fontSize: 13, color: '#5a6577' }}>
                  {entry.actorName ?? '系统'} · {formatDateTime(entry.at, 'YYYY-MM-DD HH:mm')}
                </div>
                {entry.reason && <Typography.Paragraph style={{ margin: '4px 0 0' }}>原因：{entry.reason}</Typography.Paragraph>}
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}

// ——— 前期手续 ———

const PROCEDURE_STATUS_COLORS: Record<string, string> = { not_started: 'default', in_progress: 'processing', approved: 'success', not_required: 'purple' };

function todayText(): string {
  return dayjs().tz(TIME_ZONE).format('YYYY-MM-DD');
}

export function isProcedureOverdue(p: { status: string; dueDate: string | null }): boolean {
  return Boolean(p.dueDate && p.dueDate < todayText() && p.status !== 'approved' && p.status !== 'not_required');
}

interface ProcedureFormValues {
  status: string;
  approvingOffice?: string;
  approvalNo?: string;
  approvalDate?: string;
  responsiblePerson?: string;
  dueDate?: string;
  blockingProblem?: string;
  waiverReason?: string;
}

function clean(value: string | undefined | null): string | null {
  const t = value?.trim();
  return t ? t : null;
}

export function ProceduresTab({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const { message } = App.useApp();
  const { rows, error, reload } = useDataList<Procedure>(`/api/projects/${projectId}/procedures`);
  const [editing, setEditing] = useState<{ procedure: Procedure; status?: string } | null>(null);

  const patch = async (procedure: Procedure, body: Record<string, unknown>) => {
    try {
      await api(`/api/procedures/${procedure.id}`, { method: 'PATCH', body: { version: procedure.version, ...body } });
      message.success(`「${procedure.name}」已更新`);
      await reload();
      return true;
    } catch (caught) {
      message.error(errorText(caught, '保存失败'));
      if (isVersionConflict(caught)) {
        await reload();
        return true;
      }
      return false;
    }
  };

  const changeStatus = (procedure: Procedure, status: string) => {
    // 不需办理 needs a reason and 已批复 an approval number: open the full form for those.
    if (status === 'not_required' || status === 'approved') setEditing({ procedure, status });
    else void patch(procedure, { status });
  };

  const columns: ColumnsType<Procedure> = [
    {
      title: '手续名称',
      dataIndex: 'name',
      width: 210,
      render: (name: string, row) => (
        <Space size={4}>
          <span>{name}</span>
          {row.isRequiredForStart && (
            <Tooltip title="开工前必须办结（或注明不需办理的理由）">
              <Tag color="red" bordered={false} style={{ fontSize: 11, paddingInline: 4, lineHeight: '16px' }}>
                开工必备
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 130,
      render: (status: string, row) =>
        canEdit ? (
          <Select
            size="small"
            value={status}
            style={{ width: 112 }}
            data-testid={`procedure-status-${row.id}`}
            onChange={(value) => changeStatus(row, value)}
            options={PROCEDURE_STATUSES.map((s) => ({ value: s, label: PROCEDURE_STATUS_LABELS[s] }))}
          />
        ) : (
          <Tag color={PROCEDURE_STATUS_COLORS[status]}>{PROCEDURE_STATUS_LABELS[status as ProcedureStatus] ?? status}</Tag>
        ),
    },
    { title: '审批机关', dataIndex: 'approvingOffice', width: 130, ellipsis: true, render: (v: string | null) => v || '—' },
    { title: '批复文号', dataIndex: 'approvalNo', width: 150, ellipsis: true, render: (v: string | null) => v || '—' },
    { title: '批复日期', dataIndex: 'approvalDate', width: 105, render: (v: string | null) => v || '—' },
    { title: '责任人', dataIndex: 'responsiblePerson', width: 90, render: (v: string | null) => v || '—' },
    {
      title: '办结时限',
      dataIndex: 'dueDate',
      width: 110,
      render: (v: string | null, row) =>
        v ? (
          isProcedureOverdue(row) ? (
            <Tooltip title="已逾期">
              <Typography.Text type="danger" strong data-overdue="true">
                {v}
              </Typography.Text>
            </Tooltip>
          ) : (
            v
          )
        ) : (
          '—'
        ),
    },
    {
      title: '卡点问题 / 不需办理理由',
      key: 'problem',
      ellipsis: true,
      render: (_, row) =>
        row.status === 'not_required' ? (
          <Typography.Text type="secondary">不需办理：{row.waiverReason || '—'}</Typography.Text>
        ) : row.blockingProblem ? (
          <Typography.Text type="warning">{row.blockingProblem}</Typography.Text>
        ) : (
          '—'
        ),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'op',
            width: 70,
            render: (_: unknown, row: Procedure) => (
              <a onClick={() => setEditing({ procedure: row })} data-testid={`procedure-edit-${row.id}`}>
                <EditOutlined /> 编辑
              </a>
            ),
          },
        ]
      : []),
  ];

  const current = editing?.procedure ?? null;

  return (
    <div data-testid="project-procedures">
      <LoadError error={error} />
      <Table<Procedure>
        rowKey="id"
        size="middle"
        loading={rows === null}
        dataSource={rows ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 1100 }}
        rowClassName={(row) => (isProcedureOverdue(row) ? 'gw-row-overdue' : '')}
      />
      <ModalForm<ProcedureFormValues>
        title={current ? `办理情况：${current.name}` : ''}
        open={editing !== null}
        width={640}
        grid
        rowProps={{ gutter: 16 }}
        dateFormatter="string"
        modalProps={{ destroyOnClose: true, onCancel: () => setEditing(null), maskClosable: false }}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
        initialValues={
          current
            ? {
                status: editing?.status ?? current.status,
                approvingOffice: current.approvingOffice ?? undefined,
                approvalNo: current.approvalNo ?? undefined,
                approvalDate: current.approvalDate ?? undefined,
                responsiblePerson: current.responsiblePerson ?? undefined,
                dueDate: current.dueDate ?? undefined,
                blockingProblem: current.blockingProblem ?? undefined,
                waiverReason: current.waiverReason ?? undefined,
              }
            : {}
        }
        onFinish={async (values) => {
          if (!current) return true;
          const ok = await patch(current, {
            status: values.status,
            approvingOffice: clean(values.approvingOffice),
            approvalNo: clean(values.approvalNo),
            approvalDate: values.approvalDate || null,
            responsiblePerson: clean(values.responsiblePerson),
            dueDate: values.dueDate || null,
            blockingProblem: clean(values.blockingProblem),
            waiverReason: values.status === 'not_required' ? clean(values.waiverReason) : null,
          });
          if (ok) setEditing(null);
          return ok;
        }}
      >
        <ProFormSelect
          name="status"
          label="办理状态"
          colProps={{ span: 12 }}
          options={PROCEDURE_STATUSES.map((s) => ({ value: s, label: PROCEDURE_STATUS_LABELS[s] }))}
          rules={[{ required: true, message: '请选择办理状态' }]}
          fieldProps={{ 'data-testid': 'procedure-form-status' } as object}
        />
        <ProFormText name="responsiblePerson" label="责任人" colProps={{ span: 12 }} rules={[{ max: 32 }]} />
        <ProFormText name="approvingOffice" label="审批机关" colProps={{ span: 12 }} rules={[{ max: 100 }]} />
        <ProFormText name="approvalNo" label="批复文号" colProps={{ span: 12 }} rules={[{ max: 100 }]} placeholder="如 X发改审批〔2026〕12号" />
        <ProFormDatePicker name="approvalDate" label="批复日期" colProps={{ span: 12 }} fieldProps={{ style: { width: '100%' } }} />
        <ProFormDatePicker name="dueDate" label="办结时限" colProps={{ span: 12 }} fieldProps={{ style: { width: '100%' } }} />
        <ProFormDependency name={['status']}>
          {({ status }: { status?: string }) =>
            status === 'not_required' ? (
              <ProFormTextArea
                name="waiverReason"
                label="不需办理的理由"
                colProps={{ span: 24 }}
                fieldProps={{ rows: 2, 'data-testid': 'procedure-form-waiver' } as object}
                rules={[
                  { required: true, whitespace: true, message: '选择「不需办理」须注明理由' },
                  { min: 2, message: '理由至少 2 个字' },
                ]}
                extra="如：本项目不涉及新增用地，依据……不需办理"
              />
            ) : (
              <ProFormTextArea
                name="blockingProblem"
                label="卡点问题"
                colProps={{ span: 24 }}
                fieldProps={{ rows: 2 }}
                placeholder="如：用地审批难、融资难；无则不填"
              />
            )
          }
        </ProFormDependency>
      </ModalForm>
    </div>
  );
}

// ——— 附件 ———

const ACCEPTED_EXTENSIONS = ['.pdf', '.jpg', '.jpeg', '.png', '.docx', '.xlsx'];
const MAX_SIZE = 20 * 1024 * 1024;

export function DocumentsTab({ projectId, canUpload }: { projectId: string; canUpload: boolean }) {
  const { message } = App.useApp();
  const { rows, error, reload } = useDataList<ProjectDocument>(`/api/projects/${projectId}/documents`);
  return (
    <div data-testid="project-documents">
      <LoadError error={error} />
      {canUpload && (
        <div data-testid="document-upload" style={{ marginBottom: 16 }}>
          <Upload.Dragger
            accept={ACCEPTED_EXTENSIONS.join(',')}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              const name = file.name.toLowerCase();
              if (!ACCEPTED_EXTENSIONS.some((ext) => name.endsWith(ext))) {
                message.error(`「${file.name}」格式不支持，仅限 PDF、JPG、PNG、DOCX、XLSX`);
                return Upload.LIST_IGNORE;
              }
              if (file.size > MAX_SIZE) {
                message.error(`「${file.name}」超过 20 MB，请压缩后再上传`);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                const answer = await apiUpload(`/api/projects/${projectId}/documents`, file as File);
                message.success(`「${(file as File).name}」已上传`);
                onSuccess?.(answer);
                void reload();
              } catch (caught) {
                message.error(errorText(caught, '上传失败'));
                onError?.(caught as Error);
              }
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖拽文件到此处上传</p>
            <p className="ant-upload-hint">支持 PDF、JPG、PNG、DOCX、XLSX，单个文件不超过 20 MB（批复文件、现场照片、可研报告等）</p>
          </Upload.Dragger>
        </div>
      )}
      <Table<ProjectDocument>
        rowKey="id"
        size="middle"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="暂无附件" /> }}
        columns={[
          {
            title: '文件名',
            dataIndex: 'filename',
            render: (name: string, row) => (
              <a href={`/api/documents/${row.id}/download`} data-testid={`document-${row.id}`}>
                <PaperClipOutlined /> {name}
              </a>
            ),
          },
          { title: '大小', dataIndex: 'size', width: 100, render: (v: number) => formatSize(v) },
          { title: '上传人', dataIndex: 'uploadedByName', width: 120, render: (v: string | null) => v || '—' },
          { title: '上传时间', dataIndex: 'uploadedAt', width: 170, render: (v: string) => formatDateTime(v, 'YYYY-MM-DD HH:mm') },
        ]}
      />
    </div>
  );
}

// ——— 操作记录 ———

export function HistoryTab({ projectId, refreshKey }: { projectId: string; refreshKey: number }) {
  const { rows, error, reload } = useDataList<AuditEntry>(`/api/projects/${projectId}/history`);
  useEffect(() => {
    if (refreshKey > 0) void reload();
  }, [refreshKey, reload]);
  return (
    <div data-testid="project-history">
      <LoadError error={error} />
      <Table<AuditEntry>
        rowKey={(row) => `${row.divisionCode}-${row.seq}`}
        size="middle"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{
          rowExpandable: (row) => row.before != null || row.after != null,
          expandedRowRender: (row) => (
            <Row gutter={16}>
              <Col span={12}>
                <Typography.Text strong>修改前</Typography.Text>
                <pre className="gw-json">{row.before == null ? '（无）' : JSON.stringify(row.before, null, 2)}</pre>
              </Col>
              <Col span={12}>
                <Typography.Text strong>修改后</Typography.Text>
                <pre className="gw-json">{row.after == null ? '（无）' : JSON.stringify(row.after, null, 2)}</pre>
              </Col>
            </Row>
          ),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
          { title: '操作人', dataIndex: 'actorName', width: 110, render: (v: string | null) => v ?? '系统' },
          { title: '单位', dataIndex: 'actorUnitName', width: 160, ellipsis: true, render: (v: string | null) => v || '—' },
          { title: '操作', dataIndex: 'actionLabel', width: 120, render: (v: string, row) => v || row.action },
          { title: '摘要', dataIndex: 'summary', ellipsis: true, render: (v: string | null) => v || '—' },
        ]}
      />
    </div>
  );
}

// ——— 项目库 ———

export function LibrariesTab({ project, refreshKey }: { project: ProjectDetail; refreshKey: number }) {
  const [requests, setRequests] = useState<LibraryRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const answer = await api<Page<LibraryRequest>>('/api/library-requests', { query: { projectId: project.id, pageSize: 100 } });
      setRequests(answer.data);
      setError(null);
    } catch (caught) {
      setError(errorText(caught, '申请记录加载失败'));
      setRequests([]);
    }
  }, [project.id]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  return (
    <div data-testid="project-libraries">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        所在项目库
      </Typography.Title>
      {project.libraries.length === 0 ? (
        <Typography.Paragraph type="secondary">该项目尚未进入任何项目库。</Typography.Paragraph>
      ) : (
        <Space wrap style={{ marginBottom: 16 }}>
          {project.libraries.map((lib) => (
            <Tag key={lib.id} color="blue" style={{ padding: '4px 10px', fontSize: 13 }}>
              {lib.name}
              <span style={{ color: '#8a94a6', marginLeft: 8, fontSize: 12 }}>{formatDateTime(lib.enteredAt, 'YYYY-MM-DD')} 入库</span>
            </Tag>
          ))}
        </Space>
      )}
      <Typography.Title level={5}>入库 / 调整 / 出库申请</Typography.Title>
      <LoadError error={error} />
      <Table<LibraryRequest>
        rowKey="id"
        size="middle"
        loading={requests === null}
        dataSource={requests ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无申请记录" /> }}
        columns={[
          { title: '申请类型', dataIndex: 'kind', width: 90, render: (v: string) => requestKindLabel(v) },
          { title: '项目库', dataIndex: 'libraryName', width: 180 },
          { title: '理由', dataIndex: 'reason', ellipsis: true },
          { title: '申请人', dataIndex: 'submittedByName', width: 100, render: (v: string | null) => v || '—' },
          { title: '申请时间', dataIndex: 'submittedAt', width: 150, render: (v: string) => formatDateTime(v, 'YYYY-MM-DD HH:mm') },
          { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <RequestStatusTag status={v} /> },
          {
            title: '审核意见',
            key: 'review',
            ellipsis: true,
            render: (_, row) =>
              row.reviewedByName ? `${row.reviewedByName}：${row.reviewComment || '（无意见）'}` : <Typography.Text type="secondary">—</Typography.Text>,
          },
        ]}
      />
    </div>
  );
}
