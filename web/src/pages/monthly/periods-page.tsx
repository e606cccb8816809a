/**
 * 报送期: the year's reporting periods, closing, lateness by department, history-entry mode
 * (补录历史数据) and reopen requests with who approves them (the 重开审批人 rule).
 */
import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { monthlyApi } from '../../api/monthly';
import type { LatenessAnswer, ReopenApprover, ReopenRequest, ReportingPeriod } from '../../api/monthly';
import { useSession } from '../../auth/session';
import { ReasonModal } from '../../components/reason-modal';
import { errorText } from '../../lib/errors';
import { dayjs, formatDateTime, TIME_ZONE } from '../../lib/format';
import { FiguresAndSettings } from './figures-settings';
import { monthDay, PERIOD_STATUS_COLORS, PERIOD_STATUS_LABELS, todayBeijing } from './monthly-ui';

const testIdProps = (id: string) => ({ 'data-testid': id }) as ButtonProps;

/** Turning history-entry mode on or off: one period, or every past period of the year. */
type HistoryEntryChange = { enabled: boolean; period: ReportingPeriod | null };

/** 重开审批: who approves the caller's reopen requests, and why (a fallback to the city is said so). */
function ReopenApproverNote({ approver, canManageRules }: { approver: ReopenApprover; canManageRules: boolean }) {
  return (
    <Alert
      type={approver.kind ? 'info' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="reopen-approver"
      message={
        <Space wrap size={4}>
          <span>重开申请审批人：</span>
          <Typography.Text strong>{approver.label}</Typography.Text>
          <Typography.Text type="secondary">（规则：{approver.ruleLabel}）</Typography.Text>
          {canManageRules && <Link to="/system/rules">修改规则</Link>}
        </Space>
      }
      description={
        approver.isFallback
          ? `本级没有「${approver.ruleLabel}」中除您以外的可审批人员，您提交的重开申请将自动转上级发改局审批。`
          : '已关闭的报送期须经他人审批后才能重开，申请人不能审批自己的申请；本级没有其他可审批人员时自动转市级发改局。'
      }
    />
  );
}

const REOPEN_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待审批', color: 'gold' },
  approved: { label: '已同意', color: 'green' },
  rejected: { label: '未同意', color: 'red' },
};

/** The lateness of one period by department, loaded when its row is expanded. */
function LatenessPanel({ period }: { period: string }) {
  const [answer, setAnswer] = useState<LatenessAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    monthlyApi
      .lateness(period)
      .then((next) => isCurrent && setAnswer(next))
      .catch((e) => isCurrent && setError(errorText(e, '加载失败')));
    return () => {
      isCurrent = false;
    };
  }, [period]);
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  if (!answer) return <Typography.Text type="secondary">加载中…</Typography.Text>;
  if (answer.byDepartment.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期无缺报、迟报" />;
  return (
    <div data-testid={`lateness-${period}`} style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
      <Table
        size="small"
        style={{ minWidth: 360 }}
        rowKey={(r) => r.departmentId ?? r.departmentName ?? ''}
        pagination={false}
        dataSource={answer.byDepartment}
        columns={[
          { title: '部门', dataIndex: 'departmentName', render: (v: string | null) => v || '（未指定部门）' },
          { title: '缺报', dataIndex: 'missing', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
          { title: '迟报', dataIndex: 'late', align: 'right', render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : 0) },
        ]}
      />
      <Table
        size="small"
        style={{ flex: 1, minWidth: 420 }}
        rowKey={(r) => `${r.kind}-${r.projectId}`}
        pagination={answer.projects.length > 10 ? { pageSize: 10, size: 'small' } : false}
        dataSource={answer.projects}
        columns={[
          {
            title: '项目',
            dataIndex: 'projectName',
            render: (v: string, r) => <Link to={`/projects/${r.projectId}`}>{v}</Link>,
          },
          { title: '部门', dataIndex: 'departmentName', render: (v: string | null) => v || '—' },
          { title: '情况', dataIndex: 'kind', render: (v: string) => (v === 'missing' ? <Tag color="error">缺报</Tag> : <Tag color="warning">迟报</Tag>) },
        ]}
      />
    </div>
  );
}

/** 报送期 page. */
export function PeriodsPage() {
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const [year, setYear] = useState(() => dayjs().tz(TIME_ZONE).year());
  const [periods, setPeriods] = useState<ReportingPeriod[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [approver, setApprover] = useState<ReopenApprover | null>(null);
  const [historyChange, setHistoryChange] = useState<HistoryEntryChange | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [requests, setRequests] = useState<ReopenRequest[]>([]);
  const [reopening, setReopening] = useState<ReportingPeriod | null>(null);
  const [deciding, setDeciding] = useState<{ request: ReopenRequest; approve: boolean } | null>(null);

  const loadPeriods = useCallback(async () => {
    setIsLoading(true);
    try {
      const answer = await monthlyApi.periods(year);
      setPeriods(answer.data);
      setCurrent(answer.current);
      setApprover(answer.reopenApprover);
    } catch (error) {
      message.error(errorText(error, '加载报送期失败'));
    } finally {
      setIsLoading(false);
    }
  }, [year, message]);

  const loadRequests = useCallback(async () => {
    try {
      setRequests((await monthlyApi.reopenRequests()).data);
    } catch {
      setRequests([]);
    }
  }, []);

  useEffect(() => {
    void loadPeriods();
  }, [loadPeriods]);
  useEffect(() => {
    void loadRequests();
  }, [loadRequests]);

  const closePeriod = (p: ReportingPeriod) => {
    modal.confirm({
      title: `关闭${p.label}报送期？`,
      content: '关闭后本期月报冻结，不能再填报或修改，系统将登记缺报、迟报情况。如需补报，须提交重开申请并经发改局同意。',
      okText: '关闭报送期',
      okButtonProps: { danger: true, ...testIdProps('period-close-confirm') },
      cancelText: '取消',
      onOk: async () => {
        try {
          await monthlyApi.closePeriod(p.period);
          message.success(`${p.label}报送期已关闭`);
          void loadPeriods();
        } catch (error) {
          message.error(errorText(error, '关闭失败'));
          void loadPeriods();
        }
      },
    });
  };

  const submitReopen = async (reason: string) => {
    if (!reopening) return;
    const request = await monthlyApi.requestReopen(reopening.period, reason);
    message.success(`重开申请已提交。${request.approverNote ?? ''}`, 6);
    void loadRequests();
  };

  /** Turns 补录历史数据 on or off for one period or the whole year; skipped periods are named. */
  const submitHistoryChange = async (reason: string) => {
    if (!historyChange) return;
    const target = historyChange.period ? { period: historyChange.period.period } : { year };
    try {
      const answer = await monthlyApi.setHistoryEntry({ ...target, enabled: historyChange.enabled, reason });
      const skipped = answer.skipped.length ? `；未变更 ${answer.skipped.map((s) => `${s.label}（${s.reason}）`).join('、')}` : '';
      message.success(`已${historyChange.enabled ? '开启' : '结束'} ${answer.data.length} 个报送期的补录模式${skipped}`, 6);
    } finally {
      void loadPeriods();
    }
  };

  /** Sends the decision; on failure the list is reloaded (someone may have decided first) and the dialog stays. */
  const submitDecision = async (comment: string) => {
    if (!deciding) return;
    try {
      await monthlyApi.decideReopen(deciding.request.id, deciding.approve, comment || undefined);
    } catch (error) {
      void loadRequests();
      throw error;
    }
    message.success(deciding.approve ? '已同意重开' : '已驳回申请');
    void loadRequests();
    void loadPeriods();
  };

  const today = todayBeijing();
  const columns: ProColumns<ReportingPeriod>[] = [
    {
      title: '报送期',
      dataIndex: 'label',
      width: 120,
      render: (_, p) => (
        <Space size={6}>
          <Typography.Text strong>{p.label}</Typography.Text>
          {p.period === current && <Tag color="blue">本期</Tag>}
        </Space>
      ),
    },
    { title: '累计口径', dataIndex: 'cumulativeLabel', width: 100 },
    {
      title: '月报截止',
      dataIndex: 'deadline',
      width: 150,
      render: (_, p) => (
        <Space size={6}>
          <span>{monthDay(p.deadline)}</span>
          {p.status === 'open' && p.deadline < today && (
            <Tag color="error" bordered={false}>
              已过截止日
            </Tag>
          )}
        </Space>
      ),
    },
    { title: '汇总截止', dataIndex: 'summaryDue', width: 110, render: (_, p) => monthDay(p.summaryDue) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 220,
      render: (_, p) => (
        <Space size={6} data-testid={`period-status-${p.period}`}>
          <Tag color={PERIOD_STATUS_COLORS[p.status]}>{PERIOD_STATUS_LABELS[p.status] ?? p.status}</Tag>
          {p.historyEntry && (
            <Tooltip title={`${p.historyEntryByName ?? ''} ${formatDateTime(p.historyEntryAt, 'YYYY-MM-DD HH:mm')} 开启：${p.historyEntryReason ?? ''}`}>
              <Tag color="purple" data-testid={`period-history-${p.period}`}>
                补录历史数据
              </Tag>
            </Tooltip>
          )}
          {!p.historyEntry && p.historyEntryAt && (
            <Tooltip title={`${p.historyEntryByName ?? ''} ${formatDateTime(p.historyEntryAt, 'YYYY-MM-DD HH:mm')} 结束：${p.historyEntryReason ?? ''}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                补录已结束
              </Typography.Text>
            </Tooltip>
          )}
          {p.status === 'closed' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.closedByName ?? ''} {formatDateTime(p.closedAt, 'MM-DD HH:mm')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 260,
      render: (_, p) => (
        <Space size={12}>
          {p.status !== 'future' && (
            <Link to={`/monthly/reports?period=${p.period}`} data-testid={`period-reports-${p.period}`}>
              查看月报
            </Link>
          )}
          {can('summary.read') && p.status !== 'future' && <Link to={`/monthly/summary?period=${p.period}`}>汇总</Link>}
          {p.allowedActions.includes('close') && (
            <a onClick={() => closePeriod(p)} style={{ color: '#cf1322' }} data-testid={`period-close-${p.period}`}>
              关闭
            </a>
          )}
          {p.allowedActions.includes('requestReopen') && (
            <a onClick={() => setReopening(p)} data-testid={`period-reopen-${p.period}`}>
              申请重开
            </a>
          )}
          {p.allowedActions.includes('startHistoryEntry') && (
            <a onClick={() => setHistoryChange({ enabled: true, period: p })} data-testid={`period-history-start-${p.period}`}>
              补录历史数据
            </a>
          )}
          {p.allowedActions.includes('endHistoryEntry') && (
            <a onClick={() => setHistoryChange({ enabled: false, period: p })} data-testid={`period-history-end-${p.period}`}>
              结束补录
            </a>
          )}
        </Space>
      ),
    },
  ];

  const pendingCount = requests.filter((r) => r.status === 'pending').length;
  const labelOf = (period: string) => periods.find((p) => p.period === period)?.label ?? period;
  const inHistoryEntry = periods.filter((p) => p.historyEntry);
  const canStartYear = periods.some((p) => p.allowedActions.includes('startHistoryEntry'));
  const hasOtherDivisions = requests.some((r) => r.divisionName);
  const historyTarget = historyChange?.period ? `${year}年${historyChange.period.label}` : `${year}年全部已过去的`;

  return (
    <PageContainer title="报送期" subTitle="每月 20 日前报送月报（1—2 月合并报送，遇节假日顺延），发改局次月 10 日前完成汇总">
      {approver && <ReopenApproverNote approver={approver} canManageRules={can('rules.manage')} />}
      {inHistoryEntry.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="history-entry-alert"
          message={`补录历史数据：${inHistoryEntry.map((p) => p.label).join('、')}`}
          description="补录模式下报送的月报标记为「补录」，不计迟报，这些报送期不登记缺报、迟报，也不发送报送提醒。补录完成并审核后，建议先关闭报送期，再结束补录模式。"
        />
      )}
      <ProTable<ReportingPeriod>
        rowKey="period"
        columns={columns}
        dataSource={periods}
        loading={isLoading}
        search={false}
        cardBordered={false}
        pagination={false}
        scroll={{ x: 'max-content' }}
        headerTitle={
          <Space>
            <span>报送期</span>
            <Select
              value={year}
              style={{ width: 100 }}
              options={Array.from({ length: 4 }, (_, i) => dayjs().tz(TIME_ZONE).year() - 2 + i).map((y) => ({ value: y, label: `${y}年` }))}
              onChange={setYear}
              data-testid="periods-year"
            />
          </Space>
        }
        toolBarRender={() =>
          canStartYear
            ? [
                <Button key="history-year" onClick={() => setHistoryChange({ enabled: true, period: null })} data-testid="history-entry-year">
                  {year}年补录历史数据
                </Button>,
              ]
            : inHistoryEntry.length > 0 && can('period.manage')
              ? [
                  <Button key="history-year-end" onClick={() => setHistoryChange({ enabled: false, period: null })} data-testid="history-entry-year-end">
                    结束{year}年补录
                  </Button>,
                ]
              : []
        }
        options={{ density: false, setting: false, reload: () => void loadPeriods() }}
        expandable={{
          expandedRowRender: (p) => <LatenessPanel period={p.period} />,
          rowExpandable: (p) => p.status !== 'future',
        }}
        onRow={(p) => ({ 'data-testid': `period-row-${p.period}` }) as React.HTMLAttributes<HTMLElement>}
      />

      <Card
        bordered={false}
        style={{ marginTop: 16 }}
        title={
          <Space>
            <span>重开申请</span>
            {pendingCount > 0 && <Tag color="gold">待审批 {pendingCount}</Tag>}
          </Space>
        }
      >
        <Table<ReopenRequest>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          dataSource={requests}
          pagination={requests.length > 10 ? { pageSize: 10 } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无重开申请" /> }}
          columns={[
            ...(hasOtherDivisions ? [{ title: '县区', dataIndex: 'divisionName', width: 100 }] : []),
            { title: '报送期', dataIndex: 'period', width: 100, render: (v: string) => (v.slice(0, 4) === String(year) ? labelOf(v) : `${v.slice(0, 4)}年${v.slice(5)}月`) },
            { title: '理由', dataIndex: 'reason' },
            { title: '申请人', dataIndex: 'requestedByName', width: 140 },
            { title: '审批人', dataIndex: 'approverLabel', width: 220, render: (v: string | null) => v ?? '本级发改局' },
            { title: '申请时间', dataIndex: 'requestedAt', width: 150, render: (v: string) => formatDateTime(v, 'YYYY-MM-DD HH:mm') },
            {
              title: '状态',
              dataIndex: 'status',
              width: 200,
              render: (v: string, r) => (
                <Space direction="vertical" size={0}>
                  <Tag color={REOPEN_STATUS[v]?.color}>{REOPEN_STATUS[v]?.label ?? v}</Tag>
                  {r.reviewedByName && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.reviewedByName}
                      {r.reviewComment ? `：${r.reviewComment}` : ''}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            // The decisions the server accepts on each request (its `allowedActions`).
            ...(requests.some((r) => r.allowedActions.length > 0)
              ? [
                  {
                    title: '审批',
                    key: 'decide',
                    width: 120,
                    render: (_: unknown, r: ReopenRequest) =>
                      r.allowedActions.length > 0 ? (
                        <Space>
                          {r.allowedActions.includes('approve') && (
                            <a onClick={() => setDeciding({ request: r, approve: true })} data-testid={`reopen-approve-${r.id}`}>
                              同意
                            </a>
                          )}
                          {r.allowedActions.includes('reject') && (
                            <a style={{ color: '#cf1322' }} onClick={() => setDeciding({ request: r, approve: false })} data-testid={`reopen-reject-${r.id}`}>
                              驳回
                            </a>
                          )}
                        </Space>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <FiguresAndSettings />

      <ReasonModal
        open={reopening !== null}
        title={reopening ? `申请重开${reopening.label}报送期` : ''}
        description={`${approver ? `审批人：${approver.label}。` : ''}同意后，本期重新开放填报。`}
        label="重开理由"
        placeholder="重开理由（必填），如：XX项目本月投资漏报，需补报"
        okText="提交申请"
        onSubmit={submitReopen}
        onClose={() => setReopening(null)}
        inputTestId="reopen-reason"
        confirmTestId="reopen-confirm"
      />

      <ReasonModal
        open={historyChange !== null}
        title={historyChange ? `${historyChange.enabled ? '开启' : '结束'}补录历史数据：${historyTarget}报送期` : ''}
        description={
          historyChange?.enabled
            ? '用于平台上线前月份的数据补录（如上年各月月报）。补录的月报不计迟报，报送期不登记缺报、迟报。操作将记入审计日志。'
            : '结束后，该报送期恢复正常统计：补录期间报送的月报仍不计迟报；报送期仍开放且已过截止日的，未报项目将登记为缺报。操作将记入审计日志。'
        }
        label={historyChange?.enabled ? '补录原因' : '结束原因'}
        placeholder={historyChange?.enabled ? '如：平台上线，补录2025年各项目月报' : '如：2025年数据补录完成'}
        okText={historyChange?.enabled ? '开启补录' : '结束补录'}
        maxLength={500}
        onSubmit={submitHistoryChange}
        onClose={() => setHistoryChange(null)}
        inputTestId="history-entry-reason"
        confirmTestId="history-entry-confirm"
      />

      <ReasonModal
        open={deciding !== null}
        title={deciding ? `${deciding.approve ? '同意' : '驳回'}重开申请` : ''}
        description={deciding && `${deciding.request.requestedByName} 申请重开 ${labelOf(deciding.request.period)}：${deciding.request.reason}`}
        label="审批意见"
        isRequired={false}
        minLength={1}
        okText={deciding?.approve ? '同意重开' : '驳回'}
        isDanger={deciding ? !deciding.approve : false}
        onSubmit={submitDecision}
        onClose={() => setDeciding(null)}
        inputTestId="reopen-comment"
        confirmTestId="reopen-decision-confirm"
      />
    </PageContainer>
  );
}
