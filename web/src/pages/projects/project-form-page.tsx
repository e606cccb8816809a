import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  PageContainer,
  ProForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormDigit,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import type { ProFormInstance } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Cascader, Col, Form, Input, Result, Row, Select, Skeleton, Typography } from 'antd';
import type { ButtonProps, FormInstance } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { compareWan, formatWan, sumWan } from '../../../../common/amounts';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from '../../../../common/industry-classes';
import { parseProjectCode } from '../../../../common/project-code';
import {
  APPROVAL_TYPE_LABELS,
  APPROVAL_TYPES,
  CONSTRUCTION_NATURE_LABELS,
  CONSTRUCTION_NATURES,
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  MATURITIES,
  MATURITY_LABELS,
  SECTOR_LABELS,
  SECTORS,
} from '../../../../common/projects';
import type { ApprovalType, ConstructionNature, FundingSource, Maturity, Sector } from '../../../../common/projects';
import { api } from '../../api/client';
import { useUnitOptions } from '../../api/projects';
import type { FundingItem, ProjectDetail, ProjectInput } from '../../api/projects';
import { errorText, isVersionConflict } from '../../lib/errors';
import { dayjs, TIME_ZONE } from '../../lib/format';
import { CURRENCIES, POLICY_TAG_SUGGESTIONS, wanRules } from './project-ui';

interface FundingRow {
  source?: string;
  amount?: string;
  currency?: string;
  originalAmount?: string;
}

interface FormValues {
  name: string;
  code?: string;
  ownerUnitId: string;
  departmentId?: string;
  townshipId?: string;
  parkId?: string;
  sector: string;
  industry?: string[];
  approvalType: string;
  constructionNature: string;
  maturity: string;
  scaleContent?: string;
  totalInvestment: string;
  funding?: FundingRow[];
  plannedStart?: string;
  plannedCompletion?: string;
  yearPlans?: Record<string, string | undefined>;
  tags?: string[];
  leaderName?: string;
  longitude?: number;
  latitude?: number;
  remarks?: string;
}

const INDUSTRY_OPTIONS = INDUSTRY_SECTIONS.map((section) => ({
  value: section.code,
  label: `${section.code} ${section.name}`,
  children: INDUSTRY_DIVISIONS.filter((d) => d.section === section.code).map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
}));

const FOREIGN_SOURCES = new Set(['foreign', 'attracted']);
const ORIGINAL_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;

function text(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function planYears(): number[] {
  const year = dayjs().tz(TIME_ZONE).year();
  return [year, year + 1, year + 2];
}

function toFormValues(project: ProjectDetail): Partial<FormValues> {
  const division = project.industryCode ? INDUSTRY_DIVISIONS.find((d) => d.code === project.industryCode) : undefined;
  return {
    name: project.name,
    code: project.code ?? undefined,
    ownerUnitId: project.ownerUnitId,
    departmentId: project.departmentId ?? undefined,
    townshipId: project.townshipId ?? undefined,
    parkId: project.parkId ?? undefined,
    sector: project.sector,
    industry: division ? [division.section, division.code] : undefined,
    approvalType: project.approvalType,
    constructionNature: project.constructionNature,
    maturity: project.maturity,
    scaleContent: project.scaleContent ?? undefined,
    totalInvestment: project.totalInvestment,
    funding: project.funding.map((f) => ({ source: f.source, amount: f.amount, currency: f.currency ?? 'CNY', originalAmount: f.originalAmount ?? undefined })),
    plannedStart: project.plannedStart ?? undefined,
    plannedCompletion: project.plannedCompletion ?? undefined,
    yearPlans: Object.fromEntries(project.yearPlans.map((p) => [String(p.year), p.planned])),
    tags: project.tags,
    leaderName: project.leaderName ?? undefined,
    longitude: project.longitude ?? undefined,
    latitude: project.latitude ?? undefined,
    remarks: project.remarks ?? undefined,
  };
}

function toInput(values: FormValues, existing: ProjectDetail | null): ProjectInput {
  const code = text(values.code);
  const parsed = code ? parseProjectCode(code) : null;
  const funding: FundingItem[] = (values.funding ?? [])
    .filter((row) => row.source && text(row.amount))
    .map((row) => {
      const currency = row.currency ?? 'CNY';
      return {
        source: row.source as FundingSource,
        amount: row.amount!.trim(),
        currency,
        originalAmount: currency !== 'CNY' ? text(row.originalAmount) : null,
      };
    });
  const years = new Set(planYears().map(String));
  // Year plans outside the three-year window are kept as they were.
  const keptPlans = (existing?.yearPlans ?? []).filter((p) => !years.has(String(p.year)));
  const yearPlans = [
    ...keptPlans,
    ...Object.entries(values.yearPlans ?? {})
      .filter(([year, planned]) => years.has(year) && text(planned))
      .map(([year, planned]) => ({ year: Number(year), planned: planned!.trim() })),
  ].sort((a, b) => a.year - b.year);
  return {
    name: values.name.trim(),
    code: parsed?.ok ? parsed.code : code,
    ownerUnitId: values.ownerUnitId,
    departmentId: values.departmentId ?? null,
    townshipId: values.townshipId ?? null,
    parkId: values.parkId ?? null,
    // The selects offer the code lists' values only.
    sector: values.sector as Sector,
    industryCode: values.industry && values.industry.length === 2 ? values.industry[1] : null,
    approvalType: values.approvalType as ApprovalType,
    constructionNature: values.constructionNature as ConstructionNature,
    maturity: values.maturity as Maturity,
    scaleContent: text(values.scaleContent),
    totalInvestment: values.totalInvestment.trim(),
    funding,
    plannedStart: values.plannedStart || null,
    plannedCompletion: values.plannedCompletion || null,
    tags: (values.tags ?? []).map((t) => t.trim()).filter(Boolean),
    leaderName: text(values.leaderName),
    longitude: values.longitude ?? null,
    latitude: values.latitude ?? null,
    remarks: text(values.remarks),
    yearPlans,
  };
}

function Section({ title, extra, children }: { title: string; extra?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Card title={title} extra={extra} bordered={false} style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 8 } }}>
      <Row gutter={16}>{children}</Row>
    </Card>
  );
}

/** 新建项目 / 编辑项目: one page, grouped like the county's paper form. */
export function ProjectFormPage() {
  const { id } = useParams<{ id: string }>();
  const isEdit = Boolean(id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const formRef = useRef<ProFormInstance<FormValues>>();
  const [project, setProject] = useState<ProjectDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const owners = useUnitOptions(null);
  const departments = useUnitOptions('department');
  const townships = useUnitOptions('township');
  const parks = useUnitOptions('park');
  const years = useMemo(planYears, []);

  const load = async () => {
    if (!id) return;
    try {
      const detail = await api<ProjectDetail>(`/api/projects/${id}`);
      setProject(detail);
      setLoadError(null);
      formRef.current?.setFieldsValue(toFormValues(detail));
    } catch (error) {
      setLoadError(errorText(error, '项目加载失败'));
    }
  };
  useEffect(() => {
    void load();
  }, [id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (isEdit && loadError) {
    return (
      <PageContainer title="编辑项目">
        <Result status="warning" title={loadError} extra={<Button onClick={() => navigate('/projects')}>返回项目库</Button>} />
      </PageContainer>
    );
  }
  if (isEdit && !project) {
    return (
      <PageContainer title="编辑项目">
        <Card bordered={false}>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </PageContainer>
    );
  }

  const onFinish = async (values: FormValues) => {
    const input = toInput(values, project);
    try {
      if (project) {
        const saved = await api<ProjectDetail>(`/api/projects/${project.id}`, { method: 'PATCH', body: { ...input, version: project.version } });
        message.success('项目已保存');
        navigate(`/projects/${saved.id ?? project.id}`);
      } else {
        const body = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
        const saved = await api<ProjectDetail>('/api/projects', { method: 'POST', body });
        message.success('项目已新建');
        navigate(`/projects/${saved.id}`);
      }
      return true;
    } catch (error) {
      message.error(errorText(error, '保存失败'));
      if (isVersionConflict(error)) await load();
      return false;
    }
  };

  const initialValues: Partial<FormValues> = project
    ? toFormValues(project)
    : { approvalType: 'government', constructionNature: 'new', maturity: 'concept', funding: [], tags: [] };

  return (
    <PageContainer
      title={project ? `编辑项目：${project.name}` : '新建项目'}
      subTitle={project ? (project.code ?? `储备编号 ${project.reserveNo}`) : '新项目默认进入储备阶段，系统自动生成储备编号'}
      onBack={() => navigate(project ? `/projects/${project.id}` : '/projects')}
    >
      <ProForm<FormValues>
        formRef={formRef}
        layout="vertical"
        initialValues={initialValues}
        dateFormatter="string"
        scrollToFirstError
        onFinish={onFinish}
        submitter={{
          searchConfig: { submitText: project ? '保存' : '创建项目', resetText: '取消' },
          resetButtonProps: { onClick: () => navigate(project ? `/projects/${project.id}` : '/projects') },
          submitButtonProps: { 'data-testid': 'project-form-submit' } as ButtonProps,
          render: (_, dom) => (
            <Card bordered={false} styles={{ body: { display: 'flex', justifyContent: 'flex-end', gap: 8, padding: '12px 24px' } }}>
              {dom}
            </Card>
          ),
        }}
      >
        <Section title="基本信息">
          <Col xs={24} lg={16}>
            <ProFormText
              name="name"
              label="项目名称"
              fieldProps={{ 'data-testid': 'project-name', maxLength: 200 } as object}
              rules={[{ required: true, whitespace: true, message: '请输入项目名称' }, { min: 2, message: '项目名称至少 2 个字' }]}
            />
          </Col>
          <Col xs={24} lg={8}>
            <ProFormText
              name="code"
              label="项目代码"
              placeholder="如 2403-620921-04-01-123455；尚未赋码可不填"
              tooltip="全国投资项目在线审批监管平台赋予的代码，平台不自行生成。未赋码的项目使用储备编号。"
              fieldProps={{ 'data-testid': 'project-code' } as object}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    if (!value || !value.trim()) return;
                    const parsed = parseProjectCode(value);
                    if (!parsed.ok) throw new Error(parsed.message);
                  },
                },
              ]}
            />
          </Col>
          <Col xs={24} md={12} lg={8}>
            <ProFormSelect
              name="ownerUnitId"
              label="建设单位（项目业主）"
              showSearch
              options={owners}
              fieldProps={{ optionFilterProp: 'label', 'data-testid': 'project-owner' } as object}
              rules={[{ required: true, message: '请选择建设单位' }]}
            />
          </Col>
          <Col xs={24} md={12} lg={8}>
            <ProFormSelect name="departmentId" label="行业主管部门" showSearch allowClear options={departments} fieldProps={{ optionFilterProp: 'label' }} />
          </Col>
          <Col xs={24} md={12} lg={8}>
            <ProFormSelect name="townshipId" label="所在乡镇" showSearch allowClear options={townships} fieldProps={{ optionFilterProp: 'label' }} />
          </Col>
          <Col xs={24} md={12} lg={8}>
            <ProFormSelect name="parkId" label="所属园区" showSearch allowClear options={parks} fieldProps={{ optionFilterProp: 'label' }} placeholder="不属于园区可不选" />
          </Col>
          <Col xs={24} md={12} lg={8}>
            <ProFormSelect
              name="sector"
              label="产业类别"
              showSearch
              options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))}
              fieldProps={{ 'data-testid': 'project-sector', optionFilterProp: 'label' } as object}
              rules={[{ required: true, message: '请选择产业类别' }]}
            />
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="industry" label="国民经济行业分类（GB/T 4754）">
              <Cascader
                options={INDUSTRY_OPTIONS}
                placeholder="门类 / 大类"
                showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input)) }}
                allowClear
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <ProFormSelect
              name="approvalType"
              label="审批类型"
              options={APPROVAL_TYPES.map((t) => ({ value: t, label: APPROVAL_TYPE_LABELS[t] }))}
              rules={[{ required: true, message: '请选择审批类型' }]}
            />
          </Col>
          <Col xs={24} md={8}>
            <ProFormSelect
              name="constructionNature"
              label="建设性质"
              options={CONSTRUCTION_NATURES.map((t) => ({ value: t, label: CONSTRUCTION_NATURE_LABELS[t] }))}
              rules={[{ required: true, message: '请选择建设性质' }]}
            />
          </Col>
          <Col xs={24} md={8}>
            <ProFormSelect
              name="maturity"
              label="成熟度"
              options={MATURITIES.map((t) => ({ value: t, label: MATURITY_LABELS[t] }))}
              rules={[{ required: true, message: '请选择成熟度' }]}
            />
          </Col>
          <Col span={24}>
            <ProFormTextArea name="scaleContent" label="建设规模及内容" fieldProps={{ rows: 3, maxLength: 4000, showCount: true }} />
          </Col>
        </Section>

        <Section title="投资与资金来源">
          <Col xs={24} md={8}>
            <ProFormText
              name="totalInvestment"
              label="总投资"
              fieldProps={{ addonAfter: '万元', inputMode: 'decimal', 'data-testid': 'project-total' } as object}
              rules={wanRules('总投资', true)}
              extra="以万元为单位，最多四位小数（精确到元）"
            />
          </Col>
          <Col xs={24} md={16}>
            <ProFormDependency name={['funding', 'totalInvestment']}>
              {({ funding, totalInvestment }: { funding?: FundingRow[]; totalInvestment?: string }) => {
                const amounts = (funding ?? []).map((f) => f?.amount?.trim()).filter((a): a is string => Boolean(a && /^\d+(\.\d+)?$/.test(a)));
                if (amounts.length === 0) return null;
                const sum = sumWan(amounts);
                const total = totalInvestment && /^\d+(\.\d+)?$/.test(totalInvestment.trim()) ? totalInvestment.trim() : null;
                const matches = total !== null && compareWan(sum, total) === 0;
                return (
                  <Alert
                    style={{ marginTop: 30 }}
                    type={total === null || matches ? 'info' : 'warning'}
                    showIcon
                    message={`资金来源合计 ${formatWan(sum)} 万元${total === null ? '' : matches ? '，与总投资一致' : `，与总投资 ${formatWan(total)} 万元不一致`}`}
                  />
                );
              }}
            </ProFormDependency>
          </Col>
          <Col span={24}>
            <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
              资金来源
            </Typography.Text>
            <Form.List name="funding">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <Row key={field.key} gutter={12} align="top" data-testid={`funding-row-${index}`}>
                      <Col xs={24} md={5}>
                        <Form.Item name={[field.name, 'source']} rules={[{ required: true, message: '请选择来源' }]}>
                          <Select placeholder="资金来源" showSearch optionFilterProp="label" options={FUNDING_SOURCES.map((s) => ({ value: s, label: FUNDING_SOURCE_LABELS[s] }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={6}>
                        <Form.Item name={[field.name, 'amount']} rules={wanRules('金额', true)}>
                          <Input placeholder="金额" addonAfter="万元" inputMode="decimal" />
                        </Form.Item>
                      </Col>
                      <Form.Item noStyle shouldUpdate>
                        {({ getFieldValue }) => {
                          const source = getFieldValue(['funding', field.name, 'source']) as string | undefined;
                          const currency = (getFieldValue(['funding', field.name, 'currency']) as string | undefined) ?? 'CNY';
                          if (!source || !FOREIGN_SOURCES.has(source)) return null;
                          return (
                            <>
                              <Col xs={12} md={5}>
                                <Form.Item name={[field.name, 'currency']} initialValue="CNY">
                                  <Select options={CURRENCIES} />
                                </Form.Item>
                              </Col>
                              {currency !== 'CNY' && (
                                <Col xs={12} md={6}>
                                  <Form.Item
                                    name={[field.name, 'originalAmount']}
                                    rules={[
                                      { required: true, message: '请输入原币金额' },
                                      { pattern: ORIGINAL_PATTERN, message: '原币金额应为数字，最多两位小数' },
                                    ]}
                                  >
                                    <Input placeholder="原币金额" addonAfter={currency} inputMode="decimal" />
                                  </Form.Item>
                                </Col>
                              )}
                            </>
                          );
                        }}
                      </Form.Item>
                      <Col flex="none">
                        <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除该来源" />
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ currency: 'CNY' })} style={{ marginBottom: 16 }} data-testid="funding-add">
                    添加资金来源
                  </Button>
                </>
              )}
            </Form.List>
          </Col>
        </Section>

        <Section title="计划与进度">
          <Col xs={24} md={8}>
            <ProFormDatePicker name="plannedStart" label="计划开工时间" width="100%" fieldProps={{ style: { width: '100%' } }} />
          </Col>
          <Col xs={24} md={8}>
            <ProFormDatePicker
              name="plannedCompletion"
              label="计划竣工时间"
              width="100%"
              fieldProps={{ style: { width: '100%' } }}
              dependencies={['plannedStart']}
              rules={[
                ({ getFieldValue }: FormInstance) => ({
                  validator: async (_: unknown, value: string | undefined) => {
                    const start = getFieldValue('plannedStart') as string | undefined;
                    if (value && start && dayjs(value).isBefore(dayjs(start))) throw new Error('计划竣工时间不能早于计划开工时间');
                  },
                }),
              ]}
            />
          </Col>
          <Col span={24}>
            <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
              三年滚动投资计划
            </Typography.Text>
          </Col>
          {years.map((year) => (
            <Col xs={24} md={8} key={year}>
              <ProFormText
                name={['yearPlans', String(year)]}
                label={`${year}年计划投资`}
                fieldProps={{ addonAfter: '万元', inputMode: 'decimal' }}
                rules={wanRules('计划投资')}
              />
            </Col>
          ))}
        </Section>

        <Section title="其他">
          <Col xs={24} md={12}>
            <ProFormSelect
              name="tags"
              label="政策标签"
              mode="tags"
              options={POLICY_TAG_SUGGESTIONS.map((t) => ({ value: t, label: t }))}
              placeholder="选择或输入后回车"
            />
          </Col>
          <Col xs={24} md={12}>
            <ProFormText name="leaderName" label="包抓领导" placeholder="县级包抓领导姓名" rules={[{ max: 32 }]} />
          </Col>
          <Col xs={12} md={6}>
            <ProFormDigit name="longitude" label="经度" min={-180} max={180} fieldProps={{ precision: 6, style: { width: '100%' } }} placeholder="如 104.123456" />
          </Col>
          <Col xs={12} md={6}>
            <ProFormDigit name="latitude" label="纬度" min={-90} max={90} fieldProps={{ precision: 6, style: { width: '100%' } }} placeholder="如 35.123456" />
          </Col>
          <Col span={24}>
            <ProFormTextArea name="remarks" label="备注" fieldProps={{ rows: 2, maxLength: 2000 }} />
          </Col>
        </Section>
      </ProForm>
    </PageContainer>
  );
}
