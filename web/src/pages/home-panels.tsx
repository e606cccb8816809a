/**
 * The 工作台's panels, each shown by what the user may do (never by role name): the headline
 * figures for readers of the summary, to-dos for those who fill, review or hold procedures,
 * the projects of a 项目单位, unread reminders for everyone. Each asks only the endpoints
 * its permission opens, so no role meets a 403 on its own home page.
 */
import { BellOutlined, DashboardOutlined, FolderOpenOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { formatWan, formatYi } from '../../../common/amounts';
import type { Me } from '../api/types';
import { api } from '../api/client';
import type { Page } from '../api/client';
import type { CockpitAnswer, InboxPage } from '../api/cockpit';
import { inboxApi } from '../api/cockpit';
import type { GridAnswer, GridStatusFilter, PeriodsAnswer } from '../api/monthly';
import type { LibraryRequest, ProjectListItem, StuckAnswer } from '../api/projects';
import { useResource } from '../components/use-resource';
import { projectsOwnerWords } from '../layout/scope-titles';
import { StageTag } from './projects/project-ui';

const has = (me: Me, permission: Me['permissions'][number]) => me.permissions.includes(permission);

/** 1,234.5万元 below 1亿, 12.3亿元 from there on. */
function amountText(wan: string | null | undefined): string {
  if (wan === null || wan === undefined) return '—';
  return Number(wan) >= 10_000 ? formatYi(wan) : `${formatWan(wan)}万元`;
}

/** The current reporting period and whether a period is still open, for labels 初步. */
function usePeriods(me: Me) {
  const load = useCallback(
    (signal: AbortSignal) => api<PeriodsAnswer>('/api/periods', { query: { year: new Date().getFullYear() }, signal }),
    [],
  );
  return useResource(has(me, 'project.read') ? load : null);
}

/** Whose figures these are: 「河西县」 for the county's readers, 「河西县水务局主管项目」 for a department. */
function headlineOwner(me: Me): string {
  const whose = projectsOwnerWords(me);
  return me.dataScope === 'division' || me.dataScope === 'all' ? whose : `${whose}项目`;
}

/** 领导驾驶舱 headline: the cockpit's own figures for the user's division, with a way into it. */
export function HeadlinePanel({ me }: { me: Me }) {
  const load = useCallback((signal: AbortSignal) => api<CockpitAnswer>('/api/cockpit', { signal }), []);
  const cockpit = useResource(load);
  const periods = usePeriods(me);
  const data = cockpit.data;
  const period = data ? periods.data?.data.find((p) => p.period === data.latestPeriod) : undefined;
  // A figure of a period not yet closed is preliminary (初步), as on every page.
  const isPreliminary = period ? period.status !== 'closed' : false;
  const totals = data?.totals ?? null;
  const reporting = data?.reporting ?? null;
  return (
    <Card
      bordered={false}
      data-testid="home-headline"
      title={
        <Space size={8} wrap>
          <DashboardOutlined />
          <span>
            {headlineOwner(me)}主要指标{data ? `（${data.year}年${data.latestLabel}）` : ''}
          </span>
          {isPreliminary && (
            <Tag color="orange" bordered={false}>
              初步
            </Tag>
          )}
        </Space>
      }
      extra={
        <Link to="/cockpit" data-testid="home-open-cockpit">
          打开驾驶舱 <RightOutlined />
        </Link>
      }
    >
      {cockpit.isLoading && !data ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : cockpit.error ? (
        <Typography.Text type="secondary">指标暂时无法加载，请打开驾驶舱查看。</Typography.Text>
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={12} md={6}>
            <Statistic title="本年累计完成投资" value={amountText(totals?.yearCumulative)} valueStyle={{ fontSize: 22 }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title="同比增长"
              value={totals?.growthPct === null || totals?.growthPct === undefined ? '—' : `${Number(totals.growthPct) > 0 ? '+' : ''}${totals.growthPct}%`}
              valueStyle={{ fontSize: 22, color: totals?.growthPct && Number(totals.growthPct) < 0 ? '#cf1322' : undefined }}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="纳入统计项目" value={totals?.projects ?? '—'} suffix={totals ? '个' : undefined} valueStyle={{ fontSize: 22 }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title="月报已报 / 应报"
              value={reporting ? `${reporting.submitted} / ${reporting.expected}` : '—'}
              valueStyle={{ fontSize: 22 }}
              suffix={reporting && reporting.missing > 0 ? <Typography.Text type="danger" style={{ fontSize: 13 }}>缺报 {reporting.missing}</Typography.Text> : undefined}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}

interface Todo {
  key: string;
  label: string;
  count: number | undefined;
  to: string;
  tone?: 'danger' | 'warning';
}

/** How many rows of the report grid have a status in the current period: one page of one row, its total. */
function gridCount(period: string, status: GridStatusFilter, signal: AbortSignal) {
  return api<GridAnswer>('/api/monthly-reports', { query: { period, status, page: 1, pageSize: 1 }, signal }).then((a) => a.total);
}

/** 我的待办: reports to fill and to review, requests to decide, overdue procedures, each a link to its page. */
export function TodoPanel({ me }: { me: Me }) {
  const periods = usePeriods(me);
  const current = periods.data?.current;
  const currentPeriod = periods.data?.data.find((p) => p.period === current);
  const fills = has(me, 'report.fill');
  const reviews = has(me, 'report.review');
  const decidesLibraries = has(me, 'library.review');
  const holdsProcedures = has(me, 'procedure.update');

  const load = useCallback(
    async (signal: AbortSignal) => {
      const [none, draft, returned, submitted, pendingRequests, overdueProcedures] = await Promise.all([
        fills && current ? gridCount(current, 'none', signal) : undefined,
        fills && current ? gridCount(current, 'draft', signal) : undefined,
        fills && current ? gridCount(current, 'returned', signal) : undefined,
        reviews && current ? gridCount(current, 'submitted', signal) : undefined,
        decidesLibraries ? api<Page<LibraryRequest>>('/api/library-requests', { query: { status: 'pending', pageSize: 1 }, signal }).then((a) => a.total) : undefined,
        holdsProcedures ? api<StuckAnswer>('/api/procedures/stuck', { query: { due: 'overdue', pageSize: 1 }, signal }).then((a) => a.total) : undefined,
      ]);
      return { none, draft, returned, submitted, pendingRequests, overdueProcedures };
    },
    [current, fills, reviews, decidesLibraries, holdsProcedures],
  );
  // Wait for the periods (their `current` names the reports due) before counting anything.
  const isPeriodKnown = !has(me, 'project.read') || periods.data !== undefined || periods.error !== null;
  const counts = useResource(isPeriodKnown && (current || decidesLibraries || holdsProcedures) ? load : null);
  const c = counts.data;
  const todos: Todo[] = [
    ...(fills
      ? [
          { key: 'report-none', label: '未填报的月报', count: c?.none, to: '/monthly/reports', tone: 'warning' as const },
          { key: 'report-draft', label: '已保存未提交的月报', count: c?.draft, to: '/monthly/reports' },
          { key: 'report-returned', label: '被退回待修改的月报', count: c?.returned, to: '/monthly/reports', tone: 'danger' as const },
        ]
      : []),
    ...(reviews ? [{ key: 'report-review', label: '待审核的月报', count: c?.submitted, to: '/monthly/reports', tone: 'warning' as const }] : []),
    ...(decidesLibraries ? [{ key: 'library-review', label: '待审核的入库申请', count: c?.pendingRequests, to: '/projects/reviews', tone: 'warning' as const }] : []),
    ...(holdsProcedures ? [{ key: 'procedures-overdue', label: '已逾期的前期手续', count: c?.overdueProcedures, to: '/projects/procedures', tone: 'danger' as const }] : []),
  ];
  if (todos.length === 0) return null;
  return (
    <Card
      bordered={false}
      title="我的待办"
      data-testid="home-todos"
      style={{ height: '100%' }}
      extra={
        currentPeriod && (fills || reviews) ? (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            本期 {currentPeriod.label} · 截止 {currentPeriod.deadline}
          </Typography.Text>
        ) : null
      }
    >
      <List
        size="small"
        dataSource={todos}
        renderItem={(todo) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Link to={todo.to} data-testid={`home-todo-${todo.key}`} style={{ display: 'flex', width: '100%', justifyContent: 'space-between', alignItems: 'center' }}>
              <span style={{ color: '#3a4556' }}>{todo.label}</span>
              <Space size={4}>
                {todo.count === undefined ? (
                  <Typography.Text type="secondary">…</Typography.Text>
                ) : (
                  <b style={{ fontSize: 16, color: todo.count > 0 ? (todo.tone === 'danger' ? '#cf1322' : todo.tone === 'warning' ? '#d46b08' : '#1d5fb3') : '#8a94a6' }}>{todo.count}</b>
                )}
                <RightOutlined style={{ fontSize: 11, color: '#b0b8c5' }} />
              </Space>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 消息提醒: the latest unread reminders of the inbox. */
export function InboxPanel() {
  const load = useCallback(() => inboxApi.list({ unread: true, pageSize: 5 }), []);
  const inbox = useResource<InboxPage>(load);
  const rows = inbox.data?.data ?? [];
  return (
    <Card
      bordered={false}
      data-testid="home-inbox"
      style={{ height: '100%' }}
      title={
        <Space size={8}>
          <BellOutlined />
          <span>消息提醒</span>
          {inbox.data && inbox.data.unread > 0 && <Badge count={inbox.data.unread} overflowCount={999} />}
        </Space>
      }
      extra={<Link to="/inbox">全部消息</Link>}
    >
      {inbox.isLoading && !inbox.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有未读消息" />
      ) : (
        <List
          size="small"
          dataSource={rows}
          renderItem={(m) => (
            <List.Item style={{ paddingInline: 0, display: 'block' }}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', minWidth: 0 }}>
                <Tag bordered={false} color={m.escalationLevel > 0 ? 'red' : 'blue'} style={{ flex: 'none' }}>
                  {m.kindLabel}
                </Tag>
                <Typography.Text ellipsis style={{ minWidth: 0 }} title={m.title}>
                  {m.link ? <Link to={m.link}>{m.title}</Link> : m.title}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 我的项目: a 项目单位's projects with their stage, each a link; the list page has the rest. */
export function MyProjectsPanel({ me }: { me: Me }) {
  const load = useCallback(
    (signal: AbortSignal) => api<Page<ProjectListItem>>('/api/projects', { query: { sort: 'name', order: 'ascend', page: 1, pageSize: 12 }, signal }),
    [],
  );
  const projects = useResource(load);
  const rows = projects.data?.data ?? [];
  return (
    <Card
      bordered={false}
      data-testid="home-projects"
      title={
        <Space size={8}>
          <FolderOpenOutlined />
          <span>我的项目</span>
          {projects.data && <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>共 {projects.data.total} 个</Typography.Text>}
        </Space>
      }
      extra={<Link to="/projects">全部</Link>}
    >
      {projects.isLoading && !projects.data ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${projectsOwnerWords(me)}的项目尚未登记`} />
      ) : (
        <List
          size="small"
          dataSource={rows}
          renderItem={(p) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Link to={`/projects/${p.id}`} style={{ display: 'flex', width: '100%', gap: 8, alignItems: 'center', justifyContent: 'space-between', minWidth: 0 }}>
                <Typography.Text ellipsis style={{ minWidth: 0, color: '#1d5fb3' }} title={p.name}>
                  {p.name}
                </Typography.Text>
                <span style={{ flex: 'none' }}>
                  <StageTag stage={p.stage} />
                </span>
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
