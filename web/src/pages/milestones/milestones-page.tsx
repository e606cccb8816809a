/**
 * 挂图作战 (SPEC §5): the portfolio of key projects' milestone plans as a Gantt chart — one row
 * per project with its planned span and milestone diamonds coloured by status, a today line,
 * countdowns in the tooltips — with filters and a drawer to maintain a project's milestones.
 */
import { DownloadOutlined, PrinterOutlined, ReloadOutlined, ScheduleOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Empty, Input, Segmented, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Link } from 'react-router-dom';
import { apiUrl } from '../../api/client';
import { MILESTONE_STATUS_META, milestonesApi } from '../../api/cockpit';
import type { Milestone, MilestoneStatus, Portfolio, PortfolioQuery, PortfolioRow } from '../../api/cockpit';
import { useLibraries, useUnitOptions } from '../../api/projects';
import { useSession } from '../../auth/session';
import { download, errorText } from '../../lib/errors';
import { MilestoneDrawer } from './milestone-drawer';
import './gantt.css';

const MONTH_WIDTH = 110;
const STATUSES: MilestoneStatus[] = ['overdue', 'at_risk', 'on_time', 'done'];
const DAY_MS = 86_400_000;

function dateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** A countdown line for a milestone: 「还剩 12 天」, 「已逾期 5 天」, 「按期完成」. */
export function countdownText(m: Milestone): string {
  if (m.actualDate) return m.isDoneLate ? `逾期完成（${m.actualDate}）` : `按期完成（${m.actualDate}）`;
  if (m.daysRemaining === null) return m.statusLabel;
  if (m.daysRemaining < 0) return `已逾期 ${-m.daysRemaining} 天`;
  if (m.daysRemaining === 0) return '今天到期';
  return `还剩 ${m.daysRemaining} 天`;
}

function MilestoneTip({ m }: { m: Milestone }) {
  const meta = MILESTONE_STATUS_META[m.status];
  return (
    <div style={{ minWidth: 200 }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{m.name}</div>
      <div>计划：{m.plannedDate}</div>
      {m.actualDate && <div>实际：{m.actualDate}</div>}
      <div>责任人：{m.ownerName}</div>
      <div style={{ marginTop: 4 }}>
        <span style={{ color: meta.color === '#98a2b3' ? '#d0d5dd' : meta.color, fontWeight: 600 }}>{m.statusLabel}</span>
        <span style={{ marginLeft: 8 }}>{countdownText(m)}</span>
      </div>
      {m.note && <div style={{ marginTop: 4, opacity: 0.85 }}>{m.note}</div>}
    </div>
  );
}

interface Scale {
  start: number;
  end: number;
  width: number;
  x: (date: string) => number;
}

function GanttRow({ row, scale, onOpen }: { row: PortfolioRow; scale: Scale; onOpen: (row: PortfolioRow) => void }) {
  const meta = MILESTONE_STATUS_META[row.status];
  const from = Math.max(dateMs(row.plannedStart), scale.start);
  const to = Math.min(dateMs(row.plannedEnd), scale.end);
  const hasSpan = to >= from;
  const left = ((from - scale.start) / (scale.end - scale.start)) * scale.width;
  const right = ((to - scale.start) / (scale.end - scale.start)) * scale.width;
  const open = row.counts.overdue + row.counts.at_risk + row.counts.on_time;
  return (
    <div className="gw-gantt-row" data-testid={`gantt-row-${row.projectId}`}>
      <div className="gw-gantt-left">
        <div className="gw-gantt-name">
          <Tooltip title={meta.label}>
            <span className="gw-gantt-dot" style={{ background: meta.color }} />
          </Tooltip>
          <Link to={`/projects/${row.projectId}`} title={row.projectName}>
            {row.projectName}
          </Link>
        </div>
        <div className="gw-gantt-meta">
          {row.departmentName ?? '—'}
          {row.leaderName ? ` · 包抓：${row.leaderName}` : ''}
          {' · '}
          <a onClick={() => onOpen(row)} data-testid={`gantt-open-${row.projectId}`} title={`里程碑 ${row.milestones.length} 个，未完成 ${open} 个`}>
            里程碑 {row.milestones.length}
          </a>
          {row.counts.overdue > 0 && <span style={{ color: '#e03131' }}> · 逾期 {row.counts.overdue}</span>}
        </div>
      </div>
      <div className="gw-gantt-track" style={{ width: scale.width }} onDoubleClick={() => onOpen(row)}>
        {Array.from({ length: 12 }, (_, i) => (
          <div key={i} className="gw-gantt-grid" style={{ left: i * MONTH_WIDTH }} />
        ))}
        {hasSpan && (
          <Tooltip title={`计划周期：${row.plannedStart} 至 ${row.plannedEnd}`}>
            <div
              className={`gw-gantt-span${dateMs(row.plannedStart) < scale.start ? ' gw-gantt-span--cut-left' : ''}${dateMs(row.plannedEnd) > scale.end ? ' gw-gantt-span--cut-right' : ''}`}
              style={{ left, width: Math.max(4, right - left) }}
            />
          </Tooltip>
        )}
        {row.milestones
          .filter((m) => {
            const t = dateMs(m.plannedDate);
            return t >= scale.start && t <= scale.end;
          })
          .map((m) => (
            <Tooltip key={m.id} title={<MilestoneTip m={m} />}>
              <div
                className="gw-gantt-diamond"
                data-testid={`gantt-milestone-${m.id}`}
                data-status={m.status}
                style={{ left: scale.x(m.plannedDate), background: MILESTONE_STATUS_META[m.status].color }}
                onClick={() => onOpen(row)}
              />
            </Tooltip>
          ))}
      </div>
    </div>
  );
}

/** Rows on the first printed A3 sheet (below the title and counters) and on each later one. */
const FIRST_SHEET_ROWS = 18;
const SHEET_ROWS = 24;

/** The rows cut into printed sheets, so each sheet carries the month header above its rows. */
function printSheets(rows: PortfolioRow[]): PortfolioRow[][] {
  const sheets = [rows.slice(0, FIRST_SHEET_ROWS)];
  for (let i = FIRST_SHEET_ROWS; i < rows.length; i += SHEET_ROWS) sheets.push(rows.slice(i, i + SHEET_ROWS));
  return sheets;
}

/** Whether the page is being printed (the print dialog, or print media while saving a PDF). */
function useIsPrinting(): boolean {
  const [isPrinting, setIsPrinting] = useState(() => window.matchMedia('print').matches);
  useEffect(() => {
    const query = window.matchMedia('print');
    // Render the sheets before the browser lays out the printout.
    const set = (value: boolean) => flushSync(() => setIsPrinting(value));
    const onChange = (event: MediaQueryListEvent) => set(event.matches);
    const onBefore = () => set(true);
    const onAfter = () => set(false);
    query.addEventListener('change', onChange);
    window.addEventListener('beforeprint', onBefore);
    window.addEventListener('afterprint', onAfter);
    return () => {
      query.removeEventListener('change', onChange);
      window.removeEventListener('beforeprint', onBefore);
      window.removeEventListener('afterprint', onAfter);
    };
  }, []);
  return isPrinting;
}

/** The chart itself: the month header, one row per project, today's line. */
function GanttChart({
  rows,
  total,
  scale,
  today,
  shownYear,
  onOpen,
}: {
  rows: PortfolioRow[];
  total: number;
  scale: Scale;
  today: string;
  shownYear: number;
  onOpen: (row: PortfolioRow) => void;
}) {
  const todayInView = dateMs(today) >= scale.start && dateMs(today) <= scale.end;
  return (
    <div className="gw-gantt-inner" style={{ width: `calc(var(--gantt-left) + ${scale.width}px)` }}>
      <div className="gw-gantt-head">
        <div className="gw-gantt-head-row">
          <div className="gw-gantt-left">项目（{total} 个）</div>
          <div className="gw-gantt-months" style={{ width: scale.width }}>
            {Array.from({ length: 12 }, (_, i) => (
              <div key={i} className={`gw-gantt-month${todayInView && Number(today.slice(5, 7)) === i + 1 ? ' gw-gantt-month--now' : ''}`} style={{ width: MONTH_WIDTH }}>
                {i === 0 ? `${shownYear}年1月` : `${i + 1}月`}
              </div>
            ))}
            {todayInView && (
              <span className="gw-gantt-today-label" style={{ left: scale.x(today) - 30, top: 'auto', bottom: 2 }}>
                今天 {today.slice(5)}
              </span>
            )}
          </div>
        </div>
      </div>
      <div className="gw-gantt-body">
        {rows.map((row) => (
          <GanttRow key={row.projectId} row={row} scale={scale} onOpen={onOpen} />
        ))}
        {todayInView && <div className="gw-gantt-today" style={{ left: `calc(var(--gantt-left) + ${scale.x(today)}px)` }} data-testid="gantt-today" />}
      </div>
    </div>
  );
}

function Legend() {
  return (
    <span className="gw-gantt-legend" data-testid="gantt-legend">
      {(['on_time', 'at_risk', 'overdue', 'done'] as MilestoneStatus[]).map((s) => (
        <span key={s}>
          <i style={{ background: MILESTONE_STATUS_META[s].color }} />
          {MILESTONE_STATUS_META[s].label}
        </span>
      ))}
      <span>
        <span style={{ display: 'inline-block', width: 24, height: 6, borderRadius: 3, background: '#c5d8f2', marginRight: 5, verticalAlign: 1 }} />
        计划周期
      </span>
      <span>
        <span style={{ display: 'inline-block', height: 12, borderLeft: '2px dashed #e03131', marginRight: 5, verticalAlign: -1 }} />
        今天
      </span>
    </span>
  );
}

/** 挂图作战 page. */
export function MilestonesPage() {
  const { can, me } = useSession();
  // A 项目单位 reads no unit list (no org.read): no department or township filter to offer.
  const mayFilterByUnit = can('org.read');
  const departments = useUnitOptions('department', mayFilterByUnit);
  const townships = useUnitOptions('township', mayFilterByUnit);
  const libraries = useLibraries();
  const [filters, setFilters] = useState<PortfolioQuery>({});
  const [data, setData] = useState<Portfolio | null>(null);
  const [leaders, setLeaders] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);
  const [year, setYear] = useState<number | null>(null);
  const [drawerRow, setDrawerRow] = useState<PortfolioRow | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    milestonesApi
      .portfolio(filters)
      .then((next) => {
        if (!isCurrent) return;
        setData(next);
        setError(null);
        setLeaders((known) => [...new Set([...known, ...next.data.map((r) => r.leaderName).filter((n): n is string => Boolean(n))])].sort((a, b) => a.localeCompare(b, 'zh-CN')));
      })
      .catch((e) => isCurrent && setError(errorText(e, '加载挂图作战数据失败')))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [filters, reloadToken]);

  const today = data?.today ?? new Date().toISOString().slice(0, 10);
  const thisYear = Number(today.slice(0, 4));
  const shownYear = year ?? thisYear;
  const scale = useMemo<Scale>(() => {
    const start = Date.UTC(shownYear, 0, 1);
    const end = Date.UTC(shownYear + 1, 0, 1) - DAY_MS;
    const width = 12 * MONTH_WIDTH;
    return { start, end, width, x: (date: string) => ((dateMs(date) - start) / (end + DAY_MS - start)) * width };
  }, [shownYear]);
  const todayInView = dateMs(today) >= scale.start && dateMs(today) <= scale.end;

  // Bring today into view when the chart first appears or the year changes.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !data) return;
    el.scrollLeft = todayInView ? Math.max(0, scale.x(today) - 360) : 0;
  }, [data !== null, shownYear]); // eslint-disable-line react-hooks/exhaustive-deps

  // Worst first, so what needs a leader's attention is on top.
  const rows = useMemo(() => [...(data?.data ?? [])].sort((a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || b.counts.overdue - a.counts.overdue), [data]);
  const setFilter = <K extends keyof PortfolioQuery>(key: K, value: PortfolioQuery[K] | undefined) => setFilters((f) => ({ ...f, [key]: value || undefined }));
  const summary = data?.summary;
  const filterWords = [
    filters.q && `关键字：${filters.q}`,
    filters.leader && `包抓领导：${filters.leader}`,
    filters.departmentId && `主管部门：${departments.find((d) => d.value === filters.departmentId)?.label ?? ''}`,
    filters.townshipId && `乡镇：${townships.find((t) => t.value === filters.townshipId)?.label ?? ''}`,
    filters.libraryId && `项目库：${libraries.data.find((l) => l.id === filters.libraryId)?.name ?? ''}`,
    filters.status && `状态：${MILESTONE_STATUS_META[filters.status].label}`,
  ].filter(Boolean);

  // Printing lays the chart out on A3 landscape (gantt.css) without the app's menu and header.
  useEffect(() => {
    document.body.classList.add('gw-print-gantt');
    return () => document.body.classList.remove('gw-print-gantt');
  }, []);
  const isPrinting = useIsPrinting();

  return (
    <PageContainer title="挂图作战" subTitle="重点项目里程碑计划 · 按期绿、临期橙、逾期红、完成灰 · 到期前后自动提醒">
      <div className="gw-print-only gw-gantt-print-head" data-testid="gantt-print-head">
        <h1>
          {me?.divisionName ?? ''}重点项目挂图作战图（{shownYear}年）
        </h1>
        <div>
          {filterWords.length ? `${filterWords.join('；')} · ` : ''}项目 {data?.data.length ?? 0} 个
          {summary && `（逾期 ${summary.overdue}、临期 ${summary.at_risk}、正常推进 ${summary.on_time}、全部完成 ${summary.done}）`} · 截至 {today}
        </div>
      </div>
      <Card bordered={false} className="gw-no-print" style={{ marginBottom: 16 }} styles={{ body: { padding: '14px 20px' } }}>
        <Space wrap size={[12, 12]}>
          <Select allowClear showSearch placeholder="包抓领导" style={{ width: 150 }} value={filters.leader} onChange={(v) => setFilter('leader', v)} options={leaders.map((l) => ({ value: l, label: l }))} data-testid="gantt-filter-leader" />
          <Input.Search
            allowClear
            placeholder="项目名称/单位，任意两字"
            style={{ width: 220 }}
            defaultValue={filters.q}
            onSearch={(v) => setFilter('q', v.trim())}
            data-testid="gantt-filter-q"
          />
          {mayFilterByUnit && (
            <>
              <Select allowClear showSearch optionFilterProp="label" placeholder="主管部门" style={{ width: 200 }} value={filters.departmentId} onChange={(v) => setFilter('departmentId', v)} options={departments} data-testid="gantt-filter-department" />
              <Select allowClear showSearch optionFilterProp="label" placeholder="乡镇" style={{ width: 140 }} value={filters.townshipId} onChange={(v) => setFilter('townshipId', v)} options={townships} data-testid="gantt-filter-township" />
            </>
          )}
          <Select allowClear showSearch optionFilterProp="label" placeholder="项目库" style={{ width: 180 }} value={filters.libraryId} onChange={(v) => setFilter('libraryId', v)} options={libraries.data.map((l) => ({ value: l.id, label: l.name }))} data-testid="gantt-filter-library" />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 130 }}
            value={filters.status}
            onChange={(v) => setFilter('status', v)}
            options={STATUSES.map((s) => ({ value: s, label: MILESTONE_STATUS_META[s].label }))}
            data-testid="gantt-filter-status"
          />
          <Button icon={<ReloadOutlined />} onClick={() => setReloadToken((n) => n + 1)} aria-label="刷新" />
          <Tooltip title="打印上墙：A3 横向，一行一个项目；在打印对话框中选择打印机，或「另存为 PDF」">
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!data || data.data.length === 0} data-testid="gantt-print">
              打印 / PDF
            </Button>
          </Tooltip>
          <Button icon={<DownloadOutlined />} onClick={() => download(apiUrl('/api/milestones/portfolio/export.xlsx', { ...filters }))} title="按当前筛选导出全部项目的里程碑" data-testid="gantt-export">
            导出 Excel
          </Button>
          {Object.values(filters).some(Boolean) && (
            <Button type="link" onClick={() => setFilters({})}>
              清除筛选
            </Button>
          )}
        </Space>
      </Card>

      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}

      <Card
        bordered={false}
        title={
          <Space size={12} wrap>
            <ScheduleOutlined />
            <span>里程碑甘特图</span>
            <Segmented className="gw-no-print" size="small" value={shownYear} onChange={(v) => setYear(Number(v))} options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y}年` }))} data-testid="gantt-year" />
          </Space>
        }
        extra={<Legend />}
        styles={{ body: { paddingTop: 12 } }}
      >
        {summary && (
          <Space size={12} wrap style={{ marginBottom: 12 }}>
            {STATUSES.map((s) => (
              <div
                key={s}
                role="button"
                tabIndex={0}
                className={`gw-gantt-counter${filters.status === s ? ' gw-gantt-counter--active' : ''}`}
                onClick={() => setFilter('status', filters.status === s ? undefined : s)}
                data-testid={`gantt-count-${s}`}
              >
                <b style={{ color: MILESTONE_STATUS_META[s].color }}>{summary[s]}</b>
                <span>{s === 'done' ? '全部完成' : MILESTONE_STATUS_META[s].label}项目</span>
              </div>
            ))}
            <Typography.Text className="gw-no-print" type="secondary" style={{ fontSize: 12 }}>
              项目按最严重的里程碑状态归类；今天 {today}，计划日前 {data?.atRiskDays ?? 7} 天内未完成即为临期。点击项目的「里程碑」或菱形可维护计划。
            </Typography.Text>
          </Space>
        )}
        {data?.isTruncated && <Alert type="info" showIcon message="项目较多，仅显示前一部分，请使用筛选缩小范围" style={{ marginBottom: 12 }} />}
        <Spin spinning={isLoading}>
          {data && data.data.length === 0 ? (
            <Empty description={Object.values(filters).some(Boolean) ? '没有符合条件的项目' : '尚无项目制定里程碑计划'} style={{ padding: '48px 0' }} />
          ) : (
            <div className="gw-gantt gw-gantt--screen" ref={scrollRef} data-testid="gantt">
              <GanttChart rows={rows} total={data?.data.length ?? 0} scale={scale} today={today} shownYear={shownYear} onOpen={setDrawerRow} />
            </div>
          )}
        </Spin>
        {isPrinting && (
          <div className="gw-gantt-sheets" data-testid="gantt-sheets">
            {printSheets(rows).map((sheet, i) => (
              <div key={i} className="gw-gantt gw-gantt-sheet">
                <GanttChart rows={sheet} total={rows.length} scale={scale} today={today} shownYear={shownYear} onOpen={setDrawerRow} />
              </div>
            ))}
          </div>
        )}
      </Card>

      <MilestoneDrawer
        project={drawerRow ? { id: drawerRow.projectId, name: drawerRow.projectName } : null}
        canManage={can('milestone.manage')}
        onClose={() => setDrawerRow(null)}
        onChanged={() => setReloadToken((n) => n + 1)}
      />
    </PageContainer>
  );
}
