/**
 * 领导驾驶舱 (SPEC §10): one screen for county leaders — KPIs, targets vs progress, the monthly
 * investment trend and growth, starts and completions, investment by sector and township,
 * the township map and the lagging projects. Every figure clicks through to the projects behind it.
 */
import { CloudUploadOutlined, FullscreenExitOutlined, FullscreenOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, ConfigProvider, Segmented, Spin, Tooltip, theme } from 'antd';
import type { ReactNode } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import Decimal from 'decimal.js';
import { formatWan, formatYi } from '../../../../common/amounts';
import { api } from '../../api/client';
import type { Page } from '../../api/client';
import { cockpitApi, LAGGING_REASON_META, projectListUrl, targetsApi } from '../../api/cockpit';
import type { CockpitAnswer, GeoJsonFeatureCollection, Target } from '../../api/cockpit';
import { useSession } from '../../auth/session';
import { errorText } from '../../lib/errors';
import { formatThresholdWan } from '../../../../common/amounts';
import { dayjs, TIME_ZONE } from '../../lib/format';
import { CountyMap, InvestmentChart, SectorChart, StartsChart, TownshipChart } from './cockpit-charts';
import './cockpit.css';

const COUNTED = { band: 'gte500w' };
const REFRESH_MS = 5 * 60_000;

/** 「98.9」 and 「亿元」 (or 万元 below 1亿元) for a KPI. */
function splitAmount(wan: string | null | undefined): { value: string; unit: string } {
  if (!wan) return { value: '—', unit: '' };
  try {
    if (Number(wan) >= 10_000) return { value: new Decimal(wan).div(10_000).toFixed(2, Decimal.ROUND_HALF_UP), unit: '亿元' };
    return { value: formatWan(wan), unit: '万元' };
  } catch {
    return { value: wan, unit: '' };
  }
}

function amountText(wan: string | null | undefined): string {
  const { value, unit } = splitAmount(wan);
  return `${value}${unit}`;
}

function GrowthText({ pct, testId }: { pct: string | null | undefined; testId?: string }) {
  if (pct === null || pct === undefined) return <span data-testid={testId}>—</span>;
  const n = Number(pct);
  return (
    <span data-testid={testId} className={n > 0 ? 'gw-ck-up' : n < 0 ? 'gw-ck-down' : undefined}>
      {n > 0 ? '▲ +' : n < 0 ? '▼ ' : ''}
      {pct}%
    </span>
  );
}

function Panel({ title, extra, children, flex = 1, testId }: { title: string; extra?: ReactNode; children: ReactNode; flex?: number; testId?: string }) {
  return (
    <section className="gw-ck-panel" style={{ flex }} data-testid={testId}>
      <div className="gw-ck-panel-head">
        <span className="gw-ck-panel-title">{title}</span>
        {extra && <span className="gw-ck-panel-extra">{extra}</span>}
      </div>
      <div className="gw-ck-panel-body">{children}</div>
    </section>
  );
}

function Kpi({ label, children, foot, onClick, warn, testId, title }: { label: ReactNode; children: ReactNode; foot?: ReactNode; onClick: () => void; warn?: boolean; testId?: string; title?: string }) {
  return (
    <div
      className={`gw-ck-kpi${warn ? ' gw-ck-kpi--warn' : ''}`}
      role="link"
      tabIndex={0}
      title={title}
      data-testid={testId}
      onClick={onClick}
      onKeyDown={(e) => e.key === 'Enter' && onClick()}
    >
      <div className="gw-ck-kpi-label">{label}</div>
      <div className="gw-ck-kpi-value">{children}</div>
      {foot && <div className="gw-ck-kpi-foot">{foot}</div>}
    </div>
  );
}

function Clock() {
  const [now, setNow] = useState(() => dayjs().tz(TIME_ZONE));
  useEffect(() => {
    const timer = window.setInterval(() => setNow(dayjs().tz(TIME_ZONE)), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return <span className="gw-ck-clock">{now.format('YYYY年M月D日 dddd HH:mm:ss')}</span>;
}

function targetFigure(t: Target, value: string | null): string {
  if (value === null) return '—';
  if (t.unit === 'wan') return Number(value) >= 10_000 ? formatYi(value) : amountText(value);
  return `${value}${t.unitLabel}`;
}

function TargetsPanel({ targets, onOpen }: { targets: Target[] | null; onOpen: () => void }) {
  if (targets === null) return <div className="gw-ck-empty">目标任务加载中…</div>;
  if (targets.length === 0) return <div className="gw-ck-empty">本年度尚未设定目标任务</div>;
  return (
    <div className="gw-ck-scroll" data-testid="cockpit-targets">
      {targets.map((t) => {
        const pending = t.source === 'pending' || t.progress === null;
        const pct = pending || t.progressPct === null ? 0 : Math.max(0, Math.min(100, Number(t.progressPct)));
        return (
          <Tooltip key={t.key} title={t.basis} placement="right">
            <div className="gw-ck-target" role="link" tabIndex={0} onClick={onOpen} onKeyDown={(e) => e.key === 'Enter' && onOpen()} data-testid={`cockpit-target-${t.key}`}>
              <div className="gw-ck-target-line">
                <span className="gw-ck-target-name">{t.label}</span>
                {pending ? (
                  <span className="gw-ck-target-figure">
                    目标 {targetFigure(t, t.value)} <span className="gw-ck-pending">数据待接入</span>
                  </span>
                ) : (
                  <span className="gw-ck-target-figure">
                    <b>{targetFigure(t, t.progress)}</b> / {targetFigure(t, t.value)}
                    <span style={{ marginLeft: 6, color: pct >= 100 ? '#52d27a' : '#3fb8ff' }}>{t.progressPct ?? '—'}%</span>
                  </span>
                )}
              </div>
              <div className={`gw-ck-bar${pending ? ' gw-ck-bar--pending' : pct >= 100 ? ' gw-ck-bar--good' : ''}`}>{!pending && <i style={{ width: `${pct}%` }} />}</div>
            </div>
          </Tooltip>
        );
      })}
    </div>
  );
}

function LaggingPanel({ data, onOpen }: { data: CockpitAnswer; onOpen: (id: string) => void }) {
  if (data.lagging.length === 0) return <div className="gw-ck-empty">暂无滞后项目</div>;
  return (
    <div className="gw-ck-scroll">
      {data.lagging.map((p) => {
        const meta = LAGGING_REASON_META[p.reason] ?? { label: p.reason, color: '#8fa6c8' };
        return (
          <div
            key={`${p.id}-${p.reason}`}
            className="gw-ck-lag"
            role="link"
            tabIndex={0}
            onClick={() => onOpen(p.id)}
            onKeyDown={(e) => e.key === 'Enter' && onOpen(p.id)}
            data-testid={`cockpit-lagging-${p.id}`}
          >
            <div className="gw-ck-lag-top">
              <span className="gw-ck-lag-tag" style={{ color: meta.color, borderColor: meta.color }}>
                {meta.label}
              </span>
              <span className="gw-ck-lag-name" title={p.name}>
                {p.name}
              </span>
            </div>
            <div className="gw-ck-lag-detail" title={p.detail}>
              {[p.departmentName, p.townshipName].filter(Boolean).join(' · ')}
              {p.departmentName || p.townshipName ? '｜' : ''}
              {p.detail}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** Which string property of the features names the county's townships best. */
function guessNameProperty(geojson: GeoJsonFeatureCollection, townships: string[]): string {
  const first = geojson.features[0]?.properties ?? {};
  const keys = Object.keys(first).filter((k) => typeof first[k] === 'string');
  let best = keys.includes('name') ? 'name' : (keys[0] ?? 'name');
  let bestHits = -1;
  for (const key of keys) {
    const hits = geojson.features.filter((f) => townships.includes(String(f.properties?.[key] ?? ''))).length;
    if (hits > bestHits) {
      best = key;
      bestHits = hits;
    }
  }
  return best;
}

function MapUploadButton({ data, onDone, compact }: { data: CockpitAnswer; onDone: () => void; compact?: boolean }) {
  const { message } = App.useApp();
  const inputRef = useRef<HTMLInputElement>(null);
  const [isSaving, setIsSaving] = useState(false);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setIsSaving(true);
    try {
      let geojson: GeoJsonFeatureCollection;
      try {
        geojson = JSON.parse(await file.text()) as GeoJsonFeatureCollection;
      } catch {
        message.error('文件不是有效的 JSON / GeoJSON');
        return;
      }
      if (geojson?.type !== 'FeatureCollection' || !Array.isArray(geojson.features)) {
        message.error('地图文件应为 GeoJSON FeatureCollection（每个乡镇一个面要素）');
        return;
      }
      const nameProperty = guessNameProperty(
        geojson,
        data.byTownship.map((t) => t.name),
      );
      const saved = await cockpitApi.saveMap(geojson, nameProperty);
      const known = new Set(data.byTownship.map((t) => t.name));
      const unmatched = geojson.features.map((f) => String(f.properties?.[nameProperty] ?? '')).filter((n) => !known.has(n));
      message.success(`已上传地图：${saved.features} 个乡镇（名称属性「${nameProperty}」）`);
      if (unmatched.length) message.warning(`以下名称与系统乡镇不一致，将不显示数据：${unmatched.slice(0, 6).join('、')}${unmatched.length > 6 ? ' 等' : ''}`, 8);
      onDone();
    } catch (e) {
      message.error(errorText(e, '上传地图失败'));
    } finally {
      setIsSaving(false);
      if (inputRef.current) inputRef.current.value = '';
    }
  };
  return (
    <>
      <input ref={inputRef} type="file" accept=".geojson,.json,application/json,application/geo+json" style={{ display: 'none' }} onChange={(e) => void onFile(e.target.files?.[0])} data-testid="cockpit-map-file" />
      <Button size={compact ? 'small' : 'middle'} type={compact ? 'default' : 'primary'} icon={<CloudUploadOutlined />} loading={isSaving} onClick={() => inputRef.current?.click()} data-testid="cockpit-map-upload">
        {compact ? '更换地图' : '上传乡镇地图（GeoJSON）'}
      </Button>
    </>
  );
}

function MapEmpty({ data, canUpload, onDone }: { data: CockpitAnswer; canUpload: boolean; onDone: () => void }) {
  return (
    <div className="gw-ck-empty" data-testid="cockpit-map-empty">
      <h4>尚未上传本县乡镇地图</h4>
      <div>
        由发改局上传本县乡镇边界文件后，此处按乡镇显示项目分布与本年完成投资。
        <br />
        文件要求：GeoJSON <code>FeatureCollection</code>，每个乡镇一个 <code>Polygon</code> / <code>MultiPolygon</code> 要素，
        <br />
        要素属性 <code>name</code> 为乡镇名称，并与系统中的乡镇名称一致（如：{data.byTownship.slice(0, 3).map((t) => t.name).join('、') || '城关镇'}）。
      </div>
      {canUpload ? <MapUploadButton data={data} onDone={onDone} /> : <div style={{ color: '#ffc53d' }}>请联系县发改局（系统中具备「报送期管理」权限的账号）在本页上传。</div>}
    </div>
  );
}

/** 驾驶舱 page. */
export function CockpitPage() {
  const navigate = useNavigate();
  const { me, can } = useSession();
  const rootRef = useRef<HTMLDivElement>(null);
  const thisYear = dayjs().tz(TIME_ZONE).year();
  const [year, setYear] = useState(thisYear);
  const [data, setData] = useState<CockpitAnswer | null>(null);
  const [targets, setTargets] = useState<Target[] | null>(null);
  const [constructionCount, setConstructionCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [isFull, setIsFull] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);
  const reload = useCallback(() => setReloadToken((n) => n + 1), []);

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    cockpitApi
      .cockpit(year)
      .then((next) => {
        if (!isCurrent) return;
        setData(next);
        setError(null);
      })
      .catch((e) => isCurrent && setError(errorText(e, '驾驶舱数据加载失败')))
      .finally(() => isCurrent && setIsLoading(false));
    if (can('target.read')) {
      targetsApi
        .list(year)
        .then((t) => isCurrent && setTargets(t.data))
        .catch(() => isCurrent && setTargets([]));
    }
    api<Page<unknown>>('/api/projects', { query: { stage: 'construction', band: 'gte500w', pageSize: 1 } })
      .then((page) => isCurrent && setConstructionCount(page.total))
      .catch(() => isCurrent && setConstructionCount(null));
    return () => {
      isCurrent = false;
    };
  }, [year, reloadToken, can]);

  // A wall screen stays on: refresh every few minutes.
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  // Full screen: the browser's Fullscreen API where allowed, and a fixed overlay in any case.
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setIsFull(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setIsFull(false);
    document.addEventListener('fullscreenchange', onChange);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  const toggleFull = () => {
    if (isFull) {
      setIsFull(false);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      return;
    }
    setIsFull(true);
    // The whole document goes full screen (so pop-ups and messages still show) and the
    // cockpit covers it as a fixed overlay.
    const el = document.documentElement;
    if (el.requestFullscreen) void el.requestFullscreen().catch(() => undefined);
  };

  const openProjects = (filter: Record<string, string>) => navigate(projectListUrl({ ...COUNTED, ...filter }));
  const openSummary = (period?: string) => navigate(period ? `/monthly/summary?period=${period}` : '/monthly/summary');
  const openMonth = (month: number) => {
    if (!data) return;
    // January and February are one period when the county combines them.
    const key = `${data.year}-${String(month).padStart(2, '0')}`;
    const period = data.investment.find((p) => p.period === key)?.period ?? data.investment.find((p) => p.period > key)?.period ?? key;
    openSummary(period > data.latestPeriod ? data.latestPeriod : period);
  };

  const totals = data?.totals ?? null;
  const latestMonth = data?.investment.filter((p) => p.amount !== null).at(-1) ?? null;
  const reporting = data?.reporting ?? null;
  const reportRate = reporting && reporting.expected > 0 ? ((reporting.submitted / reporting.expected) * 100).toFixed(1) : null;
  const reserve = data?.reserveRatio;
  const yearStarts = data?.startsCompletions.reduce((s, m) => s + m.starts, 0) ?? 0;
  const yearCompletions = data?.startsCompletions.reduce((s, m) => s + m.completions, 0) ?? 0;
  const laggingByReason = (data?.lagging ?? []).reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.reason]: (acc[p.reason] ?? 0) + 1 }), {});
  const total = splitAmount(totals?.yearCumulative);
  const month = splitAmount(latestMonth?.amount ?? totals?.period);

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#1f7ae0', colorBgContainer: '#0c2654', colorBgElevated: '#0e2b5e' } }}>
      <div ref={rootRef} className={`gw-cockpit${isFull ? ' gw-cockpit--full' : ''}`} data-testid="cockpit">
        <header className="gw-ck-header">
          <span className="gw-ck-title">{me?.divisionName ?? ''}项目建设驾驶舱</span>
          <span className="gw-ck-sub">
            {data ? `数据截至 ${data.year}年${data.latestLabel} · ${formatThresholdWan(data.countedMinWan)}以上项目 · 调度数` : '正在加载…'}
          </span>
          <div style={{ flex: 1 }} />
          <Clock />
          <Segmented
            size="small"
            value={year}
            onChange={(v) => setYear(Number(v))}
            options={[thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}年` }))}
            data-testid="cockpit-year"
          />
          <Tooltip title="刷新">
            <Button size="small" icon={<ReloadOutlined />} onClick={reload} loading={isLoading} aria-label="刷新" />
          </Tooltip>
          <Button size="small" type="primary" ghost icon={isFull ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleFull} data-testid="cockpit-fullscreen">
            {isFull ? '退出全屏' : '全屏'}
          </Button>
        </header>

        {error && <div style={{ color: '#ff7875', padding: '4px 8px' }}>{error}</div>}
        {!data ? (
          <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>{isLoading ? <Spin size="large" /> : null}</div>
        ) : (
          <>
            <div className="gw-ck-kpis">
              <Kpi
                label={`本年累计完成投资（${data.latestLabel}）`}
                testId="cockpit-total"
                onClick={() => openSummary(data.latestPeriod)}
                title="点击查看月度汇总"
                foot={
                  <>
                    同比 <GrowthText pct={totals?.growthPct} testId="cockpit-growth" />
                    <span style={{ marginLeft: 10 }}>上年同期 {amountText(totals?.lastYearCumulative)}</span>
                  </>
                }
              >
                {total.value}
                <small>{total.unit}</small>
              </Kpi>
              <Kpi label={`本月完成投资（${latestMonth?.label ?? '—'}）`} testId="cockpit-period" onClick={() => openSummary(latestMonth?.period ?? data.latestPeriod)} foot={<>上年同月 {amountText(latestMonth?.lastYearAmount)}</>}>
                {month.value}
                <small>{month.unit}</small>
              </Kpi>
              <Kpi
                label={data ? `在建项目（${formatThresholdWan(data.countedMinWan)}以上）` : '在建项目'}
                testId="cockpit-construction"
                onClick={() => openProjects({ stage: 'construction' })}
                foot={
                  <>
                    纳入统计 {totals?.projects ?? '—'} 个 · 本年开工 {yearStarts}
                  </>
                }
              >
                {constructionCount ?? '—'}
                <small>个</small>
              </Kpi>
              <Kpi
                label={`储备比（目标 ≥ ${reserve?.target ?? 3} : 1）`}
                testId="cockpit-reserve-ratio"
                warn={reserve?.isBelowTarget}
                onClick={() => openProjects({ stage: 'reserve' })}
                title="储备：谋划、储备、前期、具备开工条件；实施：在建及本年开工、竣工"
                foot={
                  <>
                    储备 {reserve?.reserveCount ?? '—'} · 实施 {reserve?.implementedCount ?? '—'}
                    {reserve?.isBelowTarget && <span className="gw-ck-down" style={{ marginLeft: 6 }}>储备不足</span>}
                  </>
                }
              >
                <span style={{ color: reserve?.isBelowTarget ? '#ff7875' : undefined }}>{reserve?.ratio ?? '—'}</span>
                <small>: 1</small>
              </Kpi>
              <Kpi
                label={`月报报送率（${latestMonth?.label ?? data.latestLabel}）`}
                testId="cockpit-reporting"
                onClick={() => navigate('/monthly/periods')}
                warn={reportRate !== null && Number(reportRate) < 80}
                foot={reporting ? <>缺报 <span className={reporting.missing ? 'gw-ck-down' : undefined}>{reporting.missing}</span> · 迟报 {reporting.late} · 应报 {reporting.expected}</> : '本期未汇总'}
              >
                {reportRate ?? '—'}
                <small>%</small>
              </Kpi>
              <Kpi
                label="滞后项目"
                testId="cockpit-lagging-count"
                warn={data.lagging.length > 0}
                onClick={() => openSummary(data.latestPeriod)}
                foot={
                  <>
                    滞后 {laggingByReason.behind_plan ?? 0} · 未投资 {laggingByReason.idle ?? 0} · 逾期未开工 {laggingByReason.start_overdue ?? 0}
                  </>
                }
              >
                {data.lagging.length >= 50 ? '50+' : data.lagging.length}
                <small>个</small>
              </Kpi>
            </div>

            <div className="gw-ck-main">
              <div className="gw-ck-col">
                <Panel title="年度目标任务" extra={<a onClick={() => navigate('/targets')}>详情 ›</a>} flex={1.25}>
                  <TargetsPanel targets={can('target.read') ? targets : []} onOpen={() => navigate('/targets')} />
                </Panel>
                <Panel title="分领域完成投资" extra="本年累计" flex={1}>
                  {data.bySector.length ? (
                    <div className="gw-ck-fill" data-testid="cockpit-sector-chart">
                      <SectorChart data={data} onOpen={openProjects} />
                    </div>
                  ) : (
                    <div className="gw-ck-empty">暂无数据</div>
                  )}
                </Panel>
              </div>

              <div className="gw-ck-col">
                <Panel title="乡镇项目分布" extra="按本年完成投资着色 · 点击乡镇查看项目" flex={1.3} testId="cockpit-map">
                  {data.map ? (
                    <>
                      <div className="gw-ck-fill">
                        <CountyMap data={data} onOpen={openProjects} />
                      </div>
                      {can('period.manage') && (
                        <div className="gw-ck-map-tools">
                          <MapUploadButton data={data} onDone={reload} compact />
                        </div>
                      )}
                    </>
                  ) : (
                    <MapEmpty data={data} canUpload={can('period.manage')} onDone={reload} />
                  )}
                </Panel>
                <Panel title="月度完成投资及同比" extra="柱：当月完成 · 线：累计同比" flex={1} testId="cockpit-investment-chart">
                  <div className="gw-ck-fill">
                    <InvestmentChart data={data} onOpenPeriod={openSummary} />
                  </div>
                </Panel>
              </div>

              <div className="gw-ck-col">
                <Panel title="月月有开工 · 月月有竣工" extra={`本年开工 ${yearStarts} · 竣工 ${yearCompletions}`} flex={0.85}>
                  <div className="gw-ck-fill" data-testid="cockpit-starts-chart">
                    <StartsChart data={data} onOpenMonth={openMonth} />
                  </div>
                </Panel>
                <Panel title="乡镇完成投资排名" extra="本年累计（万元）" flex={1.05}>
                  {data.byTownship.length ? (
                    <div className="gw-ck-fill" data-testid="cockpit-township-chart">
                      <TownshipChart data={data} onOpen={openProjects} />
                    </div>
                  ) : (
                    <div className="gw-ck-empty">暂无数据</div>
                  )}
                </Panel>
                <Panel
                  title="滞后项目"
                  testId="cockpit-lagging"
                  flex={1.1}
                  extra={Object.entries(LAGGING_REASON_META).map(([key, meta]) => (
                    <span key={key} className="gw-ck-chip">
                      <i style={{ background: meta.color }} />
                      {meta.label} {laggingByReason[key] ?? 0}
                    </span>
                  ))}
                >
                  <LaggingPanel data={data} onOpen={(id) => navigate(`/projects/${id}`)} />
                </Panel>
              </div>
            </div>
          </>
        )}
      </div>
    </ConfigProvider>
  );
}
