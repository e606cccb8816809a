import { EditOutlined, NodeIndexOutlined, ReloadOutlined, SnippetsOutlined } from '@ant-design/icons';
import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Radio, Result, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { formatWan, sumWan } from '../../../../common/amounts';
import { industryLabel } from '../../../../common/industry-classes';
import {
  APPROVAL_TYPE_LABELS,
  CONSTRUCTION_NATURE_LABELS,
  FUNDING_SOURCE_LABELS,
  LIBRARY_REQUEST_KIND_LABELS,
  LIBRARY_REQUEST_KINDS,
  MATURITY_LABELS,
  SECTOR_LABELS,
} from '../../../../common/projects';
import type { ApprovalType, ConstructionNature, FundingSource, Maturity, Sector } from '../../../../common/projects';
import { api } from '../../api/client';
import { useLibraries } from '../../api/projects';
import type { FundingItem, ProjectDetail, YearPlan } from '../../api/projects';
import { errorText } from '../../lib/errors';
import { dayjs, formatDateTime } from '../../lib/format';
import { DocumentsTab, HistoryTab, LibrariesTab, ProceduresTab, TimelineTab } from './project-tabs';
import { BandTags, StageTag, stageLabel, Wan } from './project-ui';

/** Stages whose entry asks for a reason (leaving the normal path). */
const REASON_STAGES = new Set(['suspended', 'terminated']);
const FORWARD_ORDER = ['planning', 'reserve', 'preliminary', 'ready', 'construction', 'completed', 'operating'];

function needsReason(from: string, to: string): boolean {
  if (REASON_STAGES.has(to)) return true;
  if (from === 'suspended') return true;
  const a = FORWARD_ORDER.indexOf(from);
  const b = FORWARD_ORDER.indexOf(to);
  return a >= 0 && b >= 0 && b < a;
}

interface TransitionValues {
  to?: string;
  reason?: string;
  actualStart?: dayjs.Dayjs;
  actualCompletion?: dayjs.Dayjs;
}

function TransitionModal({ project, open, onClose, onDone }: { project: ProjectDetail; open: boolean; onClose: () => void; onDone: (next: ProjectDetail) => void }) {
  const [form] = Form.useForm<TransitionValues>();
  const { message } = App.useApp();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const to = Form.useWatch('to', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setRefusal(null);
    }
  }, [open, form]);

  const showActualStart = to === 'construction';
  const showActualCompletion = to === 'completed' || (to === 'operating' && !project.actualCompletion);
  const reasonRequired = Boolean(to && needsReason(project.stage, to));

  const submit = async () => {
    let values: TransitionValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setIsSubmitting(true);
    setRefusal(null);
    try {
      const next = await api<ProjectDetail>(`/api/projects/${project.id}/transitions`, {
        method: 'POST',
        body: {
          to: values.to,
          reason: values.reason?.trim() || undefined,
          actualStart: showActualStart && values.actualStart ? values.actualStart.format('YYYY-MM-DD') : undefined,
          actualCompletion: showActualCompletion && values.actualCompletion ? values.actualCompletion.format('YYYY-MM-DD') : undefined,
        },
      });
      message.success(`项目已转入「${stageLabel(next.stage ?? values.to)}」阶段`);
      onDone(next);
    } catch (error) {
      setRefusal(errorText(error, '阶段变更失败'));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Modal
      title="阶段变更"
      open={open}
      onCancel={onClose}
      destroyOnClose
      maskClosable={false}
      width={520}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={isSubmitting} onClick={submit} data-testid="transition-submit">
          确认变更
        </Button>,
      ]}
    >
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">当前阶段</Typography.Text>
        <StageTag stage={project.stage} />
      </Space>
      {refusal && (
        <Alert type="error" showIcon message="无法变更阶段" description={refusal} style={{ marginBottom: 16 }} data-testid="transition-error" />
      )}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="to" label="变更为" rules={[{ required: true, message: '请选择目标阶段' }]}>
          <Select
            data-testid="transition-to"
            placeholder="请选择"
            options={project.nextStages.map((s) => ({ value: s.stage, label: s.label }))}
            onChange={() => setRefusal(null)}
          />
        </Form.Item>
        {showActualStart && (
          <Form.Item name="actualStart" label="实际开工日期" rules={[{ required: true, message: '转入在建须填写实际开工日期' }]}>
            <DatePicker style={{ width: '100%' }} data-testid="transition-actual-start" disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
          </Form.Item>
        )}
        {showActualCompletion && (
          <Form.Item name="actualCompletion" label="实际竣工日期" rules={[{ required: true, message: '请填写实际竣工日期' }]}>
            <DatePicker style={{ width: '100%' }} data-testid="transition-actual-completion" disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={reasonRequired ? '原因' : '说明（选填）'}
          rules={reasonRequired ? [{ required: true, whitespace: true, message: '请填写原因' }, { min: 2, message: '原因至少 2 个字' }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="transition-reason" placeholder={reasonRequired ? '请说明暂缓、终止或退回的原因' : ''} />
        </Form.Item>
      </Form>
      {to === 'construction' && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
          转入在建前，开工必备的前期手续须已批复，或注明不需办理的理由。
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

interface LibraryRequestValues {
  libraryId: string;
  kind: string;
  reason: string;
  changes?: string;
}

function LibraryRequestModal({ project, open, onClose, onDone }: { project: ProjectDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<LibraryRequestValues>();
  const { message } = App.useApp();
  const libraries = useLibraries(open);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const kind = Form.useWatch('kind', form);
  const memberIds = useMemo(() => new Set(project.libraries.map((l) => l.id)), [project.libraries]);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const options = libraries.data
    .filter((l) => l.isActive)
    .filter((l) => (kind === 'enter' ? !memberIds.has(l.id) : memberIds.has(l.id)))
    .map((l) => ({ value: l.id, label: l.name }));

  const submit = async () => {
    let values: LibraryRequestValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setIsSubmitting(true);
    try {
      await api('/api/library-requests', {
        method: 'POST',
        body: { projectId: project.id, libraryId: values.libraryId, kind: values.kind, reason: values.reason.trim(), changes: values.changes?.trim() || undefined },
      });
      message.success('申请已提交，等待发改局审核');
      onDone();
    } catch (error) {
      message.error(errorText(error, '提交失败'));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Modal
      title="入库 / 调整 / 出库申请"
      open={open}
      onCancel={onClose}
      destroyOnClose
      maskClosable={false}
      width={560}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={isSubmitting} onClick={submit} data-testid="library-request-submit">
          提交申请
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: project.libraries.length ? undefined : 'enter' }}>
        <Form.Item name="kind" label="申请类型" rules={[{ required: true, message: '请选择申请类型' }]}>
          <Radio.Group
            data-testid="library-request-kind"
            optionType="button"
            buttonStyle="solid"
            onChange={() => form.setFieldValue('libraryId', undefined)}
            options={LIBRARY_REQUEST_KINDS.map((k) => ({
              value: k,
              label: LIBRARY_REQUEST_KIND_LABELS[k],
              disabled: k !== 'enter' && project.libraries.length === 0,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="libraryId"
          label="项目库"
          rules={[{ required: true, message: '请选择项目库' }]}
          extra={kind === 'enter' ? '仅列出该项目尚未进入的项目库' : kind ? '仅列出该项目已在的项目库' : undefined}
        >
          <Select data-testid="library-request-library" placeholder={kind ? '请选择' : '请先选择申请类型'} options={options} disabled={!kind} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="reason" label="申请理由" rules={[{ required: true, whitespace: true, message: '请填写申请理由' }, { min: 2, message: '理由至少 2 个字' }, { max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="library-request-reason" placeholder="如：项目已完成可研编制，符合入库条件" />
        </Form.Item>
        {kind === 'adjust' && (
          <Form.Item name="changes" label="调整内容" rules={[{ required: true, whitespace: true, message: '请说明调整内容' }]}>
            <Input.TextArea rows={3} placeholder="如：总投资由 8000 万元调整为 12000 万元；建设内容增加……" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function BasicInfo({ project }: { project: ProjectDetail }) {
  return (
    <ProDescriptions<ProjectDetail> column={{ xs: 1, md: 2, xl: 3 }} dataSource={project} labelStyle={{ width: 120, color: '#5a6577' }}>
      <ProDescriptions.Item label="项目名称" span={2}>
        {project.name}
      </ProDescriptions.Item>
      <ProDescriptions.Item label="项目代码">
        {project.code ? (
          <Space size={4}>
            <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{project.code}</span>
            {project.codeKind === 'legacy' && <Tag bordered={false}>旧版代码</Tag>}
          </Space>
        ) : (
          <Typography.Text type="secondary">尚未赋码</Typography.Text>
        )}
      </ProDescriptions.Item>
      <ProDescriptions.Item label="储备编号">{project.reserveNo}</ProDescriptions.Item>
      <ProDescriptions.Item label="建设单位">{project.ownerUnitName ?? '—'}</ProDescriptions.Item>
      <ProDescriptions.Item label="行业主管部门">{project.departmentName ?? '—'}</ProDescriptions.Item>
      <ProDescriptions.Item label="所在乡镇">{project.townshipName ?? '—'}</ProDescriptions.Item>
      <ProDescriptions.Item label="所属园区">{project.parkName ?? '—'}</ProDescriptions.Item>
      <ProDescriptions.Item label="产业类别">{SECTOR_LABELS[project.sector as Sector] ?? project.sector}</ProDescriptions.Item>
      <ProDescriptions.Item label="国民经济行业">{project.industryCode ? industryLabel(project.industryCode) : '—'}</ProDescriptions.Item>
      <ProDescriptions.Item label="审批类型">{APPROVAL_TYPE_LABELS[project.approvalType as ApprovalType] ?? project.approvalType}</ProDescriptions.Item>
      <ProDescriptions.Item label="建设性质">{CONSTRUCTION_NATURE_LABELS[project.constructionNature as ConstructionNature] ?? project.constructionNature}</ProDescriptions.Item>
      <ProDescriptions.Item label="成熟度">{MATURITY_LABELS[project.maturity as Maturity] ?? project.maturity}</ProDescriptions.Item>
      <ProDescriptions.Item label="总投资">
        <Wan value={project.totalInvestment} unit />
      </ProDescriptions.Item>
      <ProDescriptions.Item label="计划开工">{project.plannedStart ?? '—'}</ProDescriptions.Item>
      <ProDescriptions.Item label="计划竣工">{project.plannedCompletion ?? '—'}</ProDescriptions.Item>
      <ProDescriptions.Item label="实际开工">{project.actualStart ?? '—'}</ProDescriptions.Item>
      <ProDescriptions.Item label="实际竣工">{project.actualCompletion ?? '—'}</ProDescriptions.Item>
      <ProDescriptions.Item label="包抓领导">{project.leaderName ?? '—'}</ProDescriptions.Item>
      <ProDescriptions.Item label="坐标">
        {project.longitude != null && project.latitude != null ? `${project.longitude}, ${project.latitude}` : '—'}
      </ProDescriptions.Item>
      <ProDescriptions.Item label="政策标签" span={2}>
        {project.tags.length ? project.tags.map((t) => <Tag key={t}>{t}</Tag>) : '—'}
      </ProDescriptions.Item>
      <ProDescriptions.Item label="建设规模及内容" span={3}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{project.scaleContent || '—'}</Typography.Paragraph>
      </ProDescriptions.Item>
      <ProDescriptions.Item label="备注" span={3}>
        {project.remarks || '—'}
      </ProDescriptions.Item>
      <ProDescriptions.Item label="最后更新">{formatDateTime(project.updatedAt, 'YYYY-MM-DD HH:mm')}</ProDescriptions.Item>
    </ProDescriptions>
  );
}

function InvestmentTab({ project }: { project: ProjectDetail }) {
  const fundingTotal = sumWan(project.funding.map((f) => f.amount));
  const yearTotal = sumWan(project.yearPlans.map((p) => p.planned));
  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} xl={14}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          资金来源
        </Typography.Title>
        <Table<FundingItem>
          rowKey={(row, index) => `${row.source}-${index}`}
          size="middle"
          dataSource={project.funding}
          pagination={false}
          locale={{ emptyText: <Empty description="未填写资金来源" /> }}
          columns={[
            { title: '来源', dataIndex: 'source', render: (v: string) => FUNDING_SOURCE_LABELS[v as FundingSource] ?? v },
            { title: '金额（万元）', dataIndex: 'amount', align: 'right', render: (v: string) => <Wan value={v} /> },
            {
              title: '原币',
              key: 'original',
              align: 'right',
              render: (_, row) => (row.currency && row.currency !== 'CNY' ? `${row.originalAmount ?? '—'} ${row.currency}` : '—'),
            },
          ]}
          summary={() =>
            project.funding.length ? (
              <Table.Summary.Row style={{ background: '#fafbfc' }}>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>合计</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong data-testid="funding-total">
                    {formatWan(fundingTotal)}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {fundingTotal !== project.totalInvestment && Number(fundingTotal) !== Number(project.totalInvestment) ? (
                    <Typography.Text type="warning" style={{ fontSize: 12 }}>
                      与总投资 {formatWan(project.totalInvestment)} 不一致
                    </Typography.Text>
                  ) : null}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Col>
      <Col xs={24} xl={10}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          三年滚动投资计划
        </Typography.Title>
        <Table<YearPlan>
          rowKey="year"
          size="middle"
          dataSource={[...project.yearPlans].sort((a, b) => a.year - b.year)}
          pagination={false}
          locale={{ emptyText: <Empty description="未填写年度计划" /> }}
          columns={[
            { title: '年度', dataIndex: 'year', render: (v: number) => `${v}年` },
            { title: '计划投资（万元）', dataIndex: 'planned', align: 'right', render: (v: string) => <Wan value={v} /> },
          ]}
          summary={() =>
            project.yearPlans.length ? (
              <Table.Summary.Row style={{ background: '#fafbfc' }}>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>合计</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong>{formatWan(yearTotal)}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Col>
    </Row>
  );
}

/** 项目详情: header with the actions the server allows on the project, and tabs for every facet of it. */
export function ProjectDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [project, setProject] = useState<ProjectDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [activeTab, setActiveTab] = useState('basic');
  const [isTransitionOpen, setIsTransitionOpen] = useState(false);
  const [isRequestOpen, setIsRequestOpen] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);

  const load = useCallback(async () => {
    try {
      setProject(await api<ProjectDetail>(`/api/projects/${id}`));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorText(error, '项目加载失败'));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (loadError && !project) {
    return (
      <PageContainer title="项目详情" onBack={() => navigate('/projects')}>
        <Result status="warning" title={loadError} extra={<Button onClick={() => navigate('/projects')}>返回项目库</Button>} />
      </PageContainer>
    );
  }
  if (!project) {
    return (
      <PageContainer title="项目详情">
        <Card bordered={false}>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </PageContainer>
    );
  }

  // The buttons are the actions the server accepts on this project (its `allowedActions`).
  const allowed = new Set(project.allowedActions);
  const actions = [
    allowed.has('requestLibrary') && (
      <Button key="library" icon={<SnippetsOutlined />} onClick={() => setIsRequestOpen(true)} data-testid="library-request-open">
        申请入库/调整/出库
      </Button>
    ),
    allowed.has('transition') && project.nextStages.length > 0 && (
      <Button key="transition" icon={<NodeIndexOutlined />} onClick={() => setIsTransitionOpen(true)} data-testid="project-transition">
        阶段变更
      </Button>
    ),
    allowed.has('update') && (
      <Button key="edit" type="primary" icon={<EditOutlined />} onClick={() => navigate(`/projects/${project.id}/edit`)} data-testid="project-edit">
        编辑
      </Button>
    ),
    <Button key="reload" icon={<ReloadOutlined />} onClick={() => void load()} aria-label="刷新" />,
  ].filter(Boolean);

  return (
    <PageContainer
      onBack={() => navigate(-1)}
      title={<span data-testid="project-title">{project.name}</span>}
      tags={
        <Space size={4}>
          <StageTag stage={project.stage} />
          <BandTags bands={project.bands} withSmall />
        </Space>
      }
      extra={actions}
      content={
        <Row gutter={[24, 8]} align="middle">
          <Col flex="auto">
            <Space split={<span style={{ color: '#d0d5dd' }}>|</span>} wrap size={12} style={{ color: '#5a6577' }}>
              <span data-testid="project-code">
                {project.code ? (
                  <>
                    项目代码 <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', color: '#1f2937' }}>{project.code}</span>
                  </>
                ) : (
                  <>
                    储备编号 <span style={{ color: '#1f2937' }}>{project.reserveNo}</span>
                    <Tag bordered={false} style={{ marginLeft: 8 }}>
                      尚未赋码
                    </Tag>
                  </>
                )}
              </span>
              <span>建设单位 {project.ownerUnitName ?? '—'}</span>
              {project.departmentName && <span>主管部门 {project.departmentName}</span>}
              {project.townshipName && <span>{project.townshipName}</span>}
            </Space>
          </Col>
          <Col flex="none">
            <Space size={40}>
              <Statistic title="总投资（万元）" value={formatWan(project.totalInvestment)} valueStyle={{ fontSize: 22 }} />
              <Statistic title="计划开工" value={project.plannedStart ?? '—'} valueStyle={{ fontSize: 22 }} />
              <Statistic title="所在项目库" value={project.libraries.length} suffix="个" valueStyle={{ fontSize: 22 }} />
            </Space>
          </Col>
        </Row>
      }
      tabActiveKey={activeTab}
      onTabChange={setActiveTab}
      tabList={[
        { key: 'basic', tab: '基本信息' },
        { key: 'investment', tab: '投资与计划' },
        { key: 'libraries', tab: '项目库' },
        { key: 'timeline', tab: <span data-testid="tab-timeline">阶段时间轴</span> },
        { key: 'procedures', tab: <span data-testid="tab-procedures">前期手续</span> },
        { key: 'documents', tab: <span data-testid="tab-documents">附件</span> },
        { key: 'history', tab: '操作记录' },
      ]}
    >
      <Card bordered={false}>
        {activeTab === 'basic' && <BasicInfo project={project} />}
        {activeTab === 'investment' && <InvestmentTab project={project} />}
        {activeTab === 'libraries' && <LibrariesTab project={project} refreshKey={refreshKey} />}
        {activeTab === 'timeline' && <TimelineTab projectId={project.id} refreshKey={refreshKey} />}
        {activeTab === 'procedures' && <ProceduresTab projectId={project.id} canEdit={allowed.has('updateProcedures')} />}
        {activeTab === 'documents' && <DocumentsTab projectId={project.id} canUpload={allowed.has('uploadDocument')} />}
        {activeTab === 'history' && <HistoryTab projectId={project.id} refreshKey={refreshKey} />}
      </Card>
      <TransitionModal
        project={project}
        open={isTransitionOpen}
        onClose={() => setIsTransitionOpen(false)}
        onDone={(next) => {
          setIsTransitionOpen(false);
          setProject(next);
          setRefreshKey((k) => k + 1);
          setActiveTab('timeline');
          void load();
        }}
      />
      <LibraryRequestModal
        project={project}
        open={isRequestOpen}
        onClose={() => setIsRequestOpen(false)}
        onDone={() => {
          setIsRequestOpen(false);
          setRefreshKey((k) => k + 1);
          setActiveTab('libraries');
        }}
      />
    </PageContainer>
  );
}
