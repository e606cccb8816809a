/** 月度汇总: 发改局's monthly summary — KPIs, charts, breakdown tables and lists (SPEC §5). */
import { FileExcelOutlined, FileWordOutlined, QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Col, Empty, Row, Segmented, Space, Spin, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { compareWan, formatWan, formatYi } from '../../../../common/amounts';
import { countedScopeLabel } from '../../../../common/projects';
import type { LaggingProject, MonthlySummary, SummaryBreakdownRow, SummaryProjectRef } from '../../../../common/summary';
import { isQuarterEnd, monthlyApi } from '../../api/monthly';
import type { ReportingPeriod } from '../../api/monthly';
import { download, errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { PeriodPicker } from './monthly-ui';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const LAGGING_REASONS: Record<LaggingProject['reason'], { label: string; color: string }> = {
  behind_plan: { label: '进度滞后', color: 'orange' },
  idle: { label: '连续未投资', color: 'volcano' },
  start_overdue: { label: '逾期未开工', color: 'red' },
};

/** 初步 / 正式 beside a figure: an open period's figures may still change (reports arrive, corrections). */
function FigureTag({ summary }: { summary: Pick<MonthlySummary, 'figureStatus' | 'figureNote'> }) {
  const isFinal = summary.figureStatus === 'final';
  return (
    <Tooltip title={summary.figureNote}>
      <Tag color={isFinal ? 'success' : 'warning'} bordered={false} style={{ marginInlineStart: 6, fontWeight: 'normal' }} data-testid="figure-status">
        {isFinal ? '正式' : '初步'}
      </Tag>
    </Tooltip>
  );
}

/** 「262.9亿元」 for sums of at least 1亿元, otherwise nothing. */
function yiText(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return compareWan(value, '10000') >= 0 ? formatYi(value) : null;
  } catch {
    return null;
  }
}

function safeWan(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  try {
    return formatWan(value);
  } catch {
    return value;
  }
}

/** 同比 as a coloured percentage: green when growing, red when falling. */
function Growth({ pct, suffix = '%' }: { pct: string | null; suffix?: string }) {
  if (pct === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const value = Number(pct);
  const color = value > 0 ? '#389e0d' : value < 0 ? '#cf1322' : undefined;
  return (
    <span style={{ color, fontVariantNumeric: 'tabular-nums' }}>
      {value > 0 ? '+' : ''}
      {pct}
      {suffix}
    </span>
  );
}

const breakdownColumns = (nameTitle: string): TableColumnsType<SummaryBreakdownRow> => [
  { title: nameTitle, dataIndex: 'label', ellipsis: true },
  { title: '个数', dataIndex: 'projects', align: 'right', width: 80 },
  { title: '本月（万元）', dataIndex: 'period', align: 'right', width: 130, render: (v: string) => safeWan(v) },
  { title: '本年累计（万元）', dataIndex: 'yearCumulative', align: 'right', width: 150, render: (v: string) => safeWan(v) },
  { title: '上年同期（万元）', dataIndex: 'lastYearCumulative', align: 'right', width: 150, render: (v: string | null) => safeWan(v) },
  { title: '同比 %', dataIndex: 'growthPct', align: 'right', width: 100, render: (v: string | null) => <Growth pct={v} suffix="" /> },
];

const projectColumns = (dateTitle: string): TableColumnsType<SummaryProjectRef> => [
  { title: '项目', dataIndex: 'name', render: (v: string, r) => <Link to={`/projects/${r.id}`}>{v}</Link> },
  { title: '主管部门', dataIndex: 'departmentName', width: 180, render: (v: string | null) => v || '—' },
  { title: '乡镇', dataIndex: 'townshipName', width: 110, render: (v: string | null) => v || '—' },
  { title: '总投资（万元）', dataIndex: 'totalInvestment', align: 'right', width: 130, render: (v: string) => safeWan(v) },
  { title: dateTitle, dataIndex: 'date', width: 110, render: (v: string | null) => v || '—' },
];

function ProjectTable({ rows, dateTitle, testId }: { rows: SummaryProjectRef[]; dateTitle: string; testId: string }) {
  return (
    <Table
      data-testid={testId}
      size="small"
      rowKey="id"
      dataSource={rows}
      columns={projectColumns(dateTitle)}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showTotal: (t) => `共 ${t} 个` } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" /> }}
    />
  );
}

function BreakdownChart({ rows, title }: { rows: SummaryBreakdownRow[]; title: string }) {
  const option = useMemo(() => {
    const labels = rows.map((r) => r.label);
    const byIndex = (i: number) => rows[i];
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: Array<{ dataIndex: number }>) => {
          const row = byIndex(params[0]?.dataIndex ?? 0);
          if (!row) return '';
          return [
            // The tooltip is HTML and the label a unit's name: escaped.
            `<b>${echarts.format.encodeHTML(row.label)}</b>`,
            `本年累计：${safeWan(row.yearCumulative)} 万元`,
            `上年同期：${row.lastYearCumulative === null ? '—' : `${safeWan(row.lastYearCumulative)} 万元`}`,
            `同比：${row.growthPct === null ? '—' : `${row.growthPct}%`}`,
            `项目：${row.projects} 个`,
          ].join('<br/>');
        },
      },
      legend: { data: ['本年累计', '上年同期', '同比 %'], top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0, fontSize: 12 } },
      yAxis: [
        { type: 'value', name: '万元', axisLabel: { formatter: (v: number) => (v >= 10000 ? `${v / 10000}亿` : `${v}`) } },
        { type: 'value', name: '%', splitLine: { show: false } },
      ],
      series: [
        { name: '本年累计', type: 'bar', data: rows.map((r) => Number(r.yearCumulative)), itemStyle: { color: '#1d5fb3' }, barMaxWidth: 28 },
        { name: '上年同期', type: 'bar', data: rows.map((r) => (r.lastYearCumulative === null ? null : Number(r.lastYearCumulative))), itemStyle: { color: '#b7c7de' }, barMaxWidth: 28 },
        { name: '同比 %', type: 'line', yAxisIndex: 1, data: rows.map((r) => (r.growthPct === null ? null : Number(r.growthPct))), itemStyle: { color: '#d46b08' } },
      ],
    };
  }, [rows]);
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`暂无${title}数据`} style={{ padding: '60px 0' }} />;
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} />;
}

/** The 合计 row under the 分县区 table: the summary's totals, which the counties add up to. */
function TotalsRow({ totals }: { totals: MonthlySummary['totals'] }) {
  const cell = (index: number, value: ReactNode) => (
    <Table.Summary.Cell index={index} align={index === 0 ? 'left' : 'right'}>
      <b>{value}</b>
    </Table.Summary.Cell>
  );
  return (
    <Table.Summary.Row data-testid="summary-county-total">
      {cell(0, '合计')}
      {cell(1, totals.projects)}
      {cell(2, safeWan(totals.period))}
      {cell(3, safeWan(totals.yearCumulative))}
      {cell(4, safeWan(totals.lastYearCumulative))}
      {cell(5, <Growth pct={totals.growthPct} suffix="" />)}
    </Table.Summary.Row>
  );
}

/** 月度汇总 page. */
export function MonthlySummaryPage() {
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const [period, setPeriod] = useState<string | null>(searchParams.get('period'));
  const [summary, setSummary] = useState<MonthlySummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);
  // Null: by county for a roll-up, by sector for a county.
  const [chartChoice, setChartBy] = useState<'sector' | 'township' | 'county' | null>(null);
  // The headline answer names its period; choosing that period then must not load it twice.
  const loadedHeadline = useRef<string | null>(null);

  useEffect(() => {
    if (period && loadedHeadline.current === period) {
      loadedHeadline.current = null;
      return;
    }
    let isCurrent = true;
    setIsLoading(true);
    // Without a chosen period the page opens on the headline period (the latest whose summary is due).
    (period ? monthlyApi.summary(period) : monthlyApi.headlineSummary())
      .then((next) => {
        if (!isCurrent) return;
        setSummary(next);
        setError(null);
        if (!period) {
          loadedHeadline.current = next.period;
          setPeriod(next.period);
        }
      })
      .catch((e) => {
        if (!isCurrent) return;
        setSummary(null);
        setError(errorText(e, '加载汇总失败'));
      })
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [period, reloadToken]);

  const changePeriod = (next: string, _info: ReportingPeriod | null) => {
    if (next === period) return;
    setPeriod(next);
    setSearchParams({ period: next }, { replace: true });
  };

  const startDownload = (url: string) => {
    download(url);
    message.info('正在生成文档，请稍候…');
  };

  const s = summary;
  const chartBy = chartChoice === 'county' || chartChoice === null ? (s?.byCounty.length ? 'county' : 'sector') : chartChoice;
  const totals = s?.totals;
  const growth = totals?.growthPct ?? null;
  const reporting = s?.reporting;

  return (
    <PageContainer title="月度汇总" subTitle={`${s ? countedScopeLabel(s.thresholds) : '纳入统计的'}项目投资完成、分领域分部门分乡镇汇总、开竣工与滞后项目`}>
      <Card bordered={false} style={{ marginBottom: 16 }} styles={{ body: { padding: '14px 20px' } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
          <Typography.Text strong>报送期</Typography.Text>
          {period ? <PeriodPicker value={period} onChange={changePeriod} testId="summary-period" /> : <span style={{ width: 246 }} />}
          <Button icon={<ReloadOutlined />} onClick={() => setReloadToken((n) => n + 1)} aria-label="刷新" />
          <div style={{ flex: 1 }} />
          <Button icon={<FileWordOutlined />} disabled={!period} onClick={() => period && startDownload(monthlyApi.summaryDocxUrl(period))} data-testid="summary-docx">
            下载分析报告（Word）
          </Button>
          <Button icon={<FileExcelOutlined />} disabled={!period} onClick={() => period && startDownload(monthlyApi.summaryXlsxUrl(period))} data-testid="summary-xlsx">
            下载汇总表（Excel）
          </Button>
          {period && isQuarterEnd(period) && (
            <Button icon={<FileWordOutlined />} onClick={() => startDownload(monthlyApi.quarterlyDocxUrl(period))} data-testid="summary-quarterly">
              季度分析报告
            </Button>
          )}
        </div>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Spin spinning={isLoading}>
        {s && totals && reporting ? (
          <div data-testid="summary-content">
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }} data-testid="summary-generated">
              {s.divisionName} · {s.year}年{s.periodLabel}（累计 {s.cumulativeLabel}） · 仅统计总投资 {countedScopeLabel(s.thresholds)}项目 · 数据生成于{' '}
              {formatDateTime(s.generatedAt, 'YYYY-MM-DD HH:mm')}
              {s.recomputeReason && <> · 重新计算原因：{s.recomputeReason}</>}
            </Typography.Paragraph>
            <Alert
              type={s.figureStatus === 'final' ? 'success' : 'warning'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="summary-status"
              message={
                s.figureStatus === 'final'
                  ? `${s.cumulativeLabel}数据为正式数（${s.figureNote.replace(/^正式 · /, '')}）`
                  : `${s.figureNote}：${s.cumulativeLabel}各项数字为初步数，报送期关闭前可能随报送、审核和更正而变化`
              }
            />
            <Row gutter={[16, 16]}>
              <Col xs={24} sm={12} xl={6}>
                <Card bordered={false} style={{ height: '100%' }} data-testid="kpi-period">
                  <Statistic
                    title={
                      <>
                        本月完成投资（{s.periodLabel}）<FigureTag summary={s} />
                      </>
                    }
                    value={safeWan(totals.period)}
                    suffix="万元"
                  />
                  <Typography.Text type="secondary">{yiText(totals.period) ?? '\u00a0'}</Typography.Text>
                </Card>
              </Col>
              <Col xs={24} sm={12} xl={6}>
                <Card bordered={false} style={{ height: '100%' }} data-testid="kpi-year">
                  <Statistic
                    title={
                      <>
                        本年累计（{s.cumulativeLabel}）<FigureTag summary={s} />
                      </>
                    }
                    value={safeWan(totals.yearCumulative)}
                    suffix="万元"
                  />
                  <Space size={12} wrap>
                    {yiText(totals.yearCumulative) && <Typography.Text type="secondary">{yiText(totals.yearCumulative)}</Typography.Text>}
                    <span data-testid="kpi-growth">
                      同比 <Growth pct={growth} />
                    </span>
                    {growth !== null && (
                      <Tooltip title="完成目标 % = 同比增速 ÷ 年度增长目标，与「目标任务」页同一口径">
                        <Tag color={Number(growth) >= Number(s.growthTarget.targetPct) ? 'success' : 'warning'} bordered={false} data-testid="kpi-growth-target">
                          目标 ≥{s.growthTarget.targetPct}%{s.growthTarget.completionPct !== null && ` · 完成目标 ${s.growthTarget.completionPct}%`}
                        </Tag>
                      </Tooltip>
                    )}
                  </Space>
                  <div style={{ fontSize: 12, color: '#8a94a6', marginTop: 4 }}>上年同期：{totals.lastYearCumulative === null ? '—' : `${safeWan(totals.lastYearCumulative)} 万元`}</div>
                </Card>
              </Col>
              <Col xs={24} sm={12} xl={5}>
                <Card bordered={false} style={{ height: '100%' }} data-testid="kpi-projects">
                  <Statistic
                    title={
                      <>
                        项目个数 <FigureTag summary={s} />
                      </>
                    }
                    value={totals.projects}
                    suffix="个"
                  />
                  <Typography.Text type="secondary">
                    本月新开工 {s.startedThisPeriod.length} 个 · 竣工 {s.completedThisPeriod.length} 个
                  </Typography.Text>
                </Card>
              </Col>
              <Col xs={24} sm={12} xl={7}>
                <Card bordered={false} style={{ height: '100%' }} data-testid="kpi-reporting">
                  <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 8 }}>
                    报送情况 <FigureTag summary={s} />
                  </div>
                  <Row gutter={8}>
                    {[
                      { label: '应报', value: reporting.expected },
                      { label: '已报', value: reporting.submitted },
                      { label: '已审核', value: reporting.approved, color: '#389e0d' },
                      { label: '缺报', value: reporting.missing, color: reporting.missing ? '#cf1322' : undefined },
                      { label: '迟报', value: reporting.late, color: reporting.late ? '#d46b08' : undefined },
                    ].map((item) => (
                      <Col key={item.label} flex={1} style={{ textAlign: 'center' }}>
                        <div style={{ fontSize: 22, fontWeight: 600, color: item.color, fontVariantNumeric: 'tabular-nums' }}>{item.value}</div>
                        <div style={{ fontSize: 12, color: '#8a94a6' }}>{item.label}</div>
                      </Col>
                    ))}
                  </Row>
                </Card>
              </Col>
            </Row>

            {s.official && (
              <Alert
                type="info"
                style={{ marginTop: 16 }}
                data-testid="summary-official"
                message={
                  <Space size={16} wrap>
                    <Typography.Text strong>统计数（统计部门）</Typography.Text>
                    <span>
                      本年累计 {safeWan(s.official.yearCumulative)} 万元{yiText(s.official.yearCumulative) ? `（${yiText(s.official.yearCumulative)}）` : ''}
                    </span>
                    <span>
                      同比 <Growth pct={s.official.growthPct} />
                    </span>
                    <Typography.Text type="secondary">以上为官方统计数，与本平台调度数分列，不相混合。</Typography.Text>
                  </Space>
                }
              />
            )}

            <Card
              bordered={false}
              style={{ marginTop: 16 }}
              data-testid="summary-breakdown"
              title={
                <>
                  本年累计完成投资（{s.cumulativeLabel}）<FigureTag summary={s} />
                </>
              }
              extra={
                <Segmented
                  value={chartBy}
                  onChange={(v) => setChartBy(v as 'sector' | 'township' | 'county')}
                  options={[
                    ...(s.byCounty.length ? [{ value: 'county', label: '按县区' }] : []),
                    { value: 'sector', label: '按领域' },
                    { value: 'township', label: '按乡镇' },
                  ]}
                  data-testid="summary-chart-by"
                />
              }
            >
              <BreakdownChart
                rows={chartBy === 'county' ? s.byCounty : chartBy === 'township' ? s.byTownship : s.bySector}
                title={chartBy === 'county' ? '县区' : chartBy === 'township' ? '乡镇' : '领域'}
              />
            </Card>

            <Card bordered={false} style={{ marginTop: 16 }} styles={{ body: { paddingTop: 8 } }}>
              <Tabs
                tabBarExtraContent={<FigureTag summary={s} />}
                items={[
                  ...(s.byCounty.length ? [{ key: 'county', label: '分县区', name: '县区', rows: s.byCounty }] : []),
                  { key: 'sector', label: '分领域', name: '领域', rows: s.bySector },
                  { key: 'department', label: '分部门', name: '部门', rows: s.byDepartment },
                  { key: 'township', label: '分乡镇', name: '乡镇', rows: s.byTownship },
                  { key: 'library', label: '分项目库', name: '项目库', rows: s.byLibrary },
                  { key: 'band', label: '分投资规模', name: '投资规模', rows: s.byBand },
                ].map((t) => ({
                  key: t.key,
                  label: t.label,
                  children: (
                    <Table
                      size="small"
                      rowKey="key"
                      data-testid={`summary-table-${t.key}`}
                      dataSource={t.rows}
                      columns={breakdownColumns(t.name)}
                      pagination={false}
                      scroll={{ x: 760 }}
                      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" /> }}
                      summary={t.key === 'county' ? () => <TotalsRow totals={totals} /> : undefined}
                    />
                  ),
                }))}
              />
            </Card>

            <Card bordered={false} style={{ marginTop: 16 }} styles={{ body: { paddingTop: 8 } }}>
              <Tabs
                // 「查看全部」 of the cockpit's lagging list opens this tab (?tab=lagging).
                defaultActiveKey={searchParams.get('tab') ?? undefined}
                items={[
                  {
                    key: 'started',
                    label: `本月新开工（${s.startedThisPeriod.length}）`,
                    children: <ProjectTable rows={s.startedThisPeriod} dateTitle="开工日期" testId="summary-started" />,
                  },
                  {
                    key: 'completed',
                    label: `本月竣工（${s.completedThisPeriod.length}）`,
                    children: <ProjectTable rows={s.completedThisPeriod} dateTitle="竣工日期" testId="summary-completed" />,
                  },
                  {
                    key: 'concentrated',
                    label: `集中开工（${s.concentratedStarts.length} 批）`,
                    children:
                      s.concentratedStarts.length === 0 ? (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月无集中开工（同日 3 个及以上项目开工）" />
                      ) : (
                        <Space direction="vertical" style={{ width: '100%' }} data-testid="summary-concentrated">
                          {s.concentratedStarts.map((batch) => (
                            <Card key={batch.date} size="small" title={`${batch.date} 集中开工 ${batch.count} 个项目`}>
                              <ProjectTable rows={batch.projects} dateTitle="开工日期" testId={`summary-batch-${batch.date}`} />
                            </Card>
                          ))}
                        </Space>
                      ),
                  },
                  {
                    key: 'lagging',
                    label: (
                      <span data-testid="summary-lagging-tab">
                        滞后项目（{s.laggingCounts.total}）
                        <Tooltip title={<div style={{ maxWidth: 420 }}>滞后项目的口径：{s.laggingDefinition}</div>}>
                          <QuestionCircleOutlined style={{ marginInlineStart: 4, color: '#8a94a6' }} aria-label="滞后项目的口径" />
                        </Tooltip>
                      </span>
                    ),
                    children: (
                      <Table<LaggingProject>
                        size="small"
                        rowKey={(r) => `${r.id}-${r.reason}`}
                        data-testid="summary-lagging"
                        dataSource={s.lagging}
                        title={() => (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            共 {s.laggingCounts.total} 个：进度滞后 {s.laggingCounts.behind_plan} · 连续未投资 {s.laggingCounts.idle} · 逾期未开工 {s.laggingCounts.start_overdue}（判断日 {s.asOf}）
                          </Typography.Text>
                        )}
                        pagination={s.lagging.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false, showTotal: (t) => `共 ${t} 个` } : false}
                        columns={[
                          { title: '项目', dataIndex: 'name', render: (v: string, r) => <Link to={`/projects/${r.id}`}>{v}</Link> },
                          { title: '主管部门', dataIndex: 'departmentName', width: 170, render: (v: string | null) => v || '—' },
                          { title: '总投资（万元）', dataIndex: 'totalInvestment', align: 'right', width: 120, render: (v: string) => safeWan(v) },
                          {
                            title: '原因',
                            dataIndex: 'reason',
                            width: 110,
                            filters: Object.entries(LAGGING_REASONS).map(([value, r]) => ({ value, text: r.label })),
                            onFilter: (value, r) => r.reason === value,
                            render: (v: LaggingProject['reason']) => <Tag color={LAGGING_REASONS[v]?.color}>{LAGGING_REASONS[v]?.label ?? v}</Tag>,
                          },
                          { title: '说明', dataIndex: 'detail', ellipsis: true },
                        ]}
                        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无滞后项目" /> }}
                      />
                    ),
                  },
                  {
                    key: 'issues',
                    label: `问题与措施（${s.issues.length}）`,
                    children: (
                      <Table
                        size="small"
                        rowKey="projectId"
                        data-testid="summary-issues"
                        dataSource={s.issues}
                        pagination={s.issues.length > 10 ? { pageSize: 10, size: 'small' } : false}
                        columns={[
                          { title: '项目', dataIndex: 'projectName', width: 260, render: (v: string, r) => <Link to={`/projects/${r.projectId}`}>{v}</Link> },
                          { title: '主管部门', dataIndex: 'departmentName', width: 160, render: (v: string | null) => v || '—' },
                          { title: '存在问题', dataIndex: 'problems' },
                          { title: '拟采取措施', dataIndex: 'measures', render: (v: string | null) => v || '—' },
                        ]}
                        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月未报告问题" /> }}
                      />
                    ),
                  },
                ]}
              />
            </Card>
          </div>
        ) : (
          !error && <Card bordered={false}>{isLoading ? <div style={{ height: 200 }} /> : <Empty description="请选择报送期" />}</Card>
        )}
      </Spin>
    </PageContainer>
  );
}
