/**
 * 领导驾驶舱 (SPEC §10): one screen for leaders — KPIs, targets vs progress, the monthly
 * investment trend and growth, starts and completions, investment by sector and township (a
 * county) or a ranking of counties (a city or province), the map and the lagging projects.
 * Headline figures are those of the latest period whose summary is due, labelled 初步 while the
 * period is open; every figure says whose it is and clicks through to what is behind it.
 */
import { ArrowLeftOutlined, CloudUploadOutlined, FullscreenExitOutlined, FullscreenOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, ConfigProvider, Segmented, Spin, Tooltip, theme } from 'antd';
import type { ReactNode } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import Decimal from 'decimal.js';
import { formatWan, formatYi } from '../../../../common/amounts';
import { api } from '../../api/client';
import type { Page } from '../../api/client';
import { cockpitApi, LAGGING_REASON_META, projectListUrl, targetsApi } from '../../api/cockpit';
import type { CockpitAnswer, CockpitCountyRow, GeoJsonFeatureCollection, Target } from '../../api/cockpit';
import { useSession } from '../../auth/session';
import { errorText } from '../../lib/errors';
import { formatThresholdWan } from '../../../../common/amounts';
import { dayjs, TIME_ZONE } from '../../lib/format';
import { CountiesMap, CountyMap, InvestmentChart, SectorChart, StartsChart, TownshipChart } from './cockpit-charts';
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

/** 「初步」 beside a figure of a period that is still open (its note on hover). */
function StatusTag({ status, note, testId }: { status: 'final' | 'preliminary'; note?: string; testId?: string }) {
  if (status !== 'preliminary') return null;
  return (
    <span className="gw-ck-status" title={note ?? '报送期未关闭，仍可能补报、更正'} data-testid={testId}>
      初步
    </span>
  );
}

/** The year's targets: a county's, or for a township (department) its own share with the county's target only as a reference. */
function TargetsPanel({ targets, ownUnitId, ownLabel, onOpen }: { targets: Target[] | null; ownUnitId: string | null; ownLabel: string; onOpen: () => void }) {
  if (targets === null) return <div className="gw-ck-empty">目标任务加载中…</div>;
  if (targets.length === 0) return <div className="gw-ck-empty">本年度尚未设定目标任务</div>;
  return (
    <div className="gw-ck-scroll" data-testid="cockpit-targets">
      {targets.map((t) => {
        const own = ownUnitId ? (t.allocations.find((a) => a.unitId === ownUnitId) ?? null) : null;
        const value = ownUnitId ? (own?.value ?? null) : t.value;
        const progress = ownUnitId ? (own?.progress ?? null) : t.progress;
        const progressPct = ownUnitId ? (own?.progressPct ?? null) : t.progressPct;
        const pending = t.source === 'pending' || progress === null;
        const pct = pending || progressPct === null ? 0 : Math.max(0, Math.min(100, Number(progressPct)));
        return (
          <Tooltip key={t.key} title={t.basis} placement="right">
            <div className="gw-ck-target" role="link" tabIndex={0} onClick={onOpen} onKeyDown={(e) => e.key === 'Enter' && onOpen()} data-testid={`cockpit-target-${t.key}`}>
              <div className="gw-ck-target-line">
                <span className="gw-ck-target-name">{t.label}</span>
                {ownUnitId && !own ? (
                  <span className="gw-ck-target-figure">未分解到{ownLabel}</span>
                ) : value === null ? (
                  <span className="gw-ck-target-figure">
                    {progress !== null && <b>{targetFigure(t, progress)}</b>} 未设定目标
                  </span>
                ) : pending ? (
                  <span className="gw-ck-target-figure">
                    {ownUnitId ? `${ownLabel}任务` : '目标'} {targetFigure(t, value)} <span className="gw-ck-pending">数据待接入</span>
                  </span>
                ) : (
                  <span className="gw-ck-target-figure">
                    {ownUnitId && <span className="gw-ck-whose">{ownLabel}</span>}
                    <b>{targetFigure(t, progress)}</b> / {targetFigure(t, value)}
                    <span style={{ marginLeft: 6, color: pct >= 100 ? '#52d27a' : '#3fb8ff' }}>{progressPct ?? '—'}%</span>
                  </span>
                )}
              </div>
              <div className={`gw-ck-bar${pending ? ' gw-ck-bar--pending' : pct >= 100 ? ' gw-ck-bar--good' : ''}`}>{!pending && <i style={{ width: `${pct}%` }} />}</div>
              {ownUnitId && t.value !== null && (
                <div className="gw-ck-target-ref" data-testid={`cockpit-target-county-${t.key}`}>
                  全县目标 {targetFigure(t, t.value)}（参考）
                </div>
              )}
            </div>
          </Tooltip>
        );
      })}
    </div>
  );
}

function LaggingPanel({ data, onOpen, onOpenAll }: { data: CockpitAnswer; onOpen: (id: string) => void; onOpenAll: () => void }) {
  if (data.laggingCounts.total === 0) return <div className="gw-ck-empty">暂无滞后项目</div>;
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
      <a className="gw-ck-more" onClick={onOpenAll} data-testid="cockpit-lagging-all">
        共 {data.laggingCounts.total} 个，查看全部 ›
      </a>
    </div>
  );
}

/** A city's or province's counties ranked by 本年累计; a click opens the county's own cockpit. */
function CountyRanking({ rows, onOpen }: { rows: CockpitCountyRow[]; onOpen: (divisionCode: string) => void }) {
  if (rows.length === 0) return <div className="gw-ck-empty">辖区内暂无县区</div>;
  return (
    <div className="gw-ck-scroll" data-testid="cockpit-county-ranking">
      <table className="gw-ck-rank">
        <thead>
          <tr>
            <th>#</th>
            <th>县区</th>
            <th>本年累计</th>
            <th>同比</th>
            <th>报送率</th>
            <th>滞后</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => (
            <tr key={c.divisionCode} role="link" tabIndex={0} onClick={() => onOpen(c.divisionCode)} onKeyDown={(e) => e.key === 'Enter' && onOpen(c.divisionCode)} data-testid={`cockpit-county-${c.divisionCode}`} title={`打开${c.name}驾驶舱`}>
              <td>{i + 1}</td>
              <td className="gw-ck-rank-name">{c.name}</td>
              <td>{amountText(c.yearCumulative)}</td>
              <td>
                <GrowthText pct={c.growthPct} />
              </td>
              <td className={c.reportingRatePct !== null && Number(c.reportingRatePct) < 80 ? 'gw-ck-down' : undefined}>{c.reportingRatePct === null ? '—' : `${c.reportingRatePct}%`}</td>
              <td className={c.lagging ? 'gw-ck-down' : undefined}>{c.lagging}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Which property of the features identifies the areas best: townships by name, counties by a 6-digit 行政区划代码. */
function guessKeyProperty(geojson: GeoJsonFeatureCollection, known: string[], isCounty: boolean): string {
  const first = geojson.features[0]?.properties ?? {};
  const keys = Object.keys(first).filter((k) => (isCounty ? typeof first[k] === 'string' : /^\d{6}$/.test(String(first[k]))));
  let best = isCounty && keys.includes('name') ? 'name' : (keys[0] ?? (isCounty ? 'name' : 'adcode'));
  let bestHits = -1;
  for (const key of keys) {
    const hits = geojson.features.filter((f) => known.includes(String(f.properties?.[key] ?? ''))).length;
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
  const isCounty = data.view.level === 'county';
  const area = isCounty ? '乡镇' : '县区';
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setIsSaving(true);
    try {
      let geojson: GeoJsonFeatureCollection;
      try {
        geojson = JSON.parse(await file.text()) as GeoJsonFeatureCollection;
      } catch {
        message.error('文件不是有效的 GeoJSON（JSON）文件');
        return;
      }
      if (geojson?.type !== 'FeatureCollection' || !Array.isArray(geojson.features)) {
        message.error(`地图文件应为 GeoJSON 要素集合（FeatureCollection），每个${area}一个面要素`);
        return;
      }
      const known = isCounty ? data.byTownship.map((t) => t.name) : data.byCounty.map((c) => c.divisionCode);
      const keyProperty = guessKeyProperty(geojson, known, isCounty);
      const saved = await cockpitApi.saveMap(geojson, keyProperty);
      const unmatched = geojson.features.map((f) => String(f.properties?.[keyProperty] ?? '')).filter((n) => !known.includes(n));
      message.success(`已上传地图：${saved.features} 个${area}（${isCounty ? '名称' : '行政区划代码'}属性「${keyProperty}」）`);
      if (unmatched.length) message.warning(`以下${isCounty ? '名称' : '代码'}与系统${area}不一致，将不显示数据：${unmatched.slice(0, 6).join('、')}${unmatched.length > 6 ? ' 等' : ''}`, 8);
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
        {compact ? '更换地图' : `上传${area}地图（GeoJSON）`}
      </Button>
    </>
  );
}

/** What to upload, in the clerk's words: a county's township outline, or a city's county outline with each county's 行政区划代码. */
function MapEmpty({ data, onDone }: { data: CockpitAnswer; onDone: () => void }) {
  const isCounty = data.view.level === 'county';
  const unitWord = data.view.level === 'province' ? '本省' : data.view.level === 'city' ? '本市' : '本县';
  const examples = isCounty
    ? data.byTownship.slice(0, 3).map((t) => t.name).join('、') || '城关镇'
    : data.byCounty.slice(0, 2).map((c) => `${c.divisionCode}（${c.name}）`).join('、') || '620921';
  return (
    <div className="gw-ck-empty" data-testid="cockpit-map-empty">
      <h4>尚未上传{unitWord}{isCounty ? '乡镇' : '县区'}地图</h4>
      {isCounty ? (
        <div>
          上传本县乡镇边界后，此处按乡镇显示项目分布与本年完成投资。
          <br />
          文件要求：GeoJSON 格式的要素集合，每个乡镇一个面（多边形）要素；
          <br />
          每个要素的属性中须有乡镇名称（如属性「name」），与系统中的乡镇名称一致（如：{examples}）。
        </div>
      ) : (
        <div>
          上传{unitWord}县级行政区划边界后，此处按县区显示本年累计完成投资，点击县区进入该县驾驶舱。
          <br />
          文件要求：GeoJSON 格式的要素集合，每个县（市、区）一个面（多边形）要素；
          <br />
          每个要素的属性中须有该县区的 6 位行政区划代码（如属性「adcode」或「code」），与系统中的代码一致（如：{examples}）。
        </div>
      )}
      {data.view.canUploadMap ? (
        <MapUploadButton data={data} onDone={onDone} />
      ) : (
        <div style={{ color: '#ffc53d' }}>请联系{isCounty ? '县发改局' : '本级发改委'}（具备「报送期管理」权限的账号）在本页上传。</div>
      )}
    </div>
  );
}

/** Whether the screen is a phone's (the cockpit stacks into one column there). */
function useIsNarrow(): boolean {
  const query = '(max-width: 768px)';
  const [isNarrow, setIsNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = () => setIsNarrow(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return isNarrow;
}

/** 驾驶舱 page: the caller's division, or a county below it (`?divisionCode=`). */
export function CockpitPage() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const divisionCode = searchParams.get('divisionCode') ?? undefined;
  const { me, can } = useSession();
  const rootRef = useRef<HTMLDivElement>(null);
  const isNarrow = useIsNarrow();
  // Undefined until chosen: the server answers the headline period's year.
  const [year, setYear] = useState<number | undefined>(undefined);
  const [headlineYear, setHeadlineYear] = useState<number | null>(null);
  const [data, setData] = useState<CockpitAnswer | null>(null);
  const [targets, setTargets] = useState<Target[] | null>(null);
  const [constructionCount, setConstructionCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [isFull, setIsFull] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);
  const reload = useCallback(() => setReloadToken((n) => n + 1), []);

  // Another division: back to its headline year.
  useEffect(() => {
    setYear(undefined);
    setHeadlineYear(null);
  }, [divisionCode]);

  // A county below the caller's own division: the lists behind its figures are filtered to it.
  const isOtherCounty = !!divisionCode && divisionCode !== me?.divisionCode && !divisionCode.endsWith('00');

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    cockpitApi
      .cockpit({ year, divisionCode })
      .then((next) => {
        if (!isCurrent) return;
        setData(next);
        setError(null);
        if (year === undefined) setHeadlineYear(next.year);
        if (can('target.read')) {
          targetsApi
            .list(next.year, divisionCode)
            .then((t) => isCurrent && setTargets(t.data))
            .catch(() => isCurrent && setTargets([]));
        }
      })
      .catch((e) => isCurrent && setError(errorText(e, '驾驶舱数据加载失败')))
      .finally(() => isCurrent && setIsLoading(false));
    api<Page<unknown>>('/api/projects', { query: { stage: 'construction', band: 'gte500w', pageSize: 1, divisionCode: isOtherCounty ? divisionCode : undefined } })
      .then((page) => isCurrent && setConstructionCount(page.total))
      .catch(() => isCurrent && setConstructionCount(null));
    return () => {
      isCurrent = false;
    };
  }, [year, divisionCode, isOtherCounty, reloadToken, can]);

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

  const inDivision = isOtherCounty ? { divisionCode } : {};
  const openProjects = (filter: Record<string, string>) => navigate(projectListUrl({ ...COUNTED, ...inDivision, ...filter }));
  const summaryUrl = (period: string, extra: Record<string, string> = {}) => `/monthly/summary?${new URLSearchParams({ period, ...(divisionCode ? { divisionCode } : {}), ...extra }).toString()}`;
  const openSummary = (period: string) => navigate(summaryUrl(period));
  const openCounty = (code: string) => navigate(`/cockpit?divisionCode=${code}`);
  const openMonth = (month: number) => {
    if (!data) return;
    // January and February are one period when the county combines them.
    const key = `${data.year}-${String(month).padStart(2, '0')}`;
    const period = data.investment.find((p) => p.period === key)?.period ?? data.investment.find((p) => p.period > key)?.period ?? key;
    const lastShown = data.investment.filter((p) => p.amount !== null).at(-1)?.period ?? data.latestPeriod;
    openSummary(period > lastShown ? lastShown : period);
  };

  const totals = data?.totals ?? null;
  const headline = data?.headline ?? null;
  const headlineMonth = data?.investment.find((p) => p.period === headline?.period) ?? null;
  const reporting = data?.reporting ?? null;
  const reportRate = reporting && reporting.expected > 0 ? ((reporting.submitted / reporting.expected) * 100).toFixed(1) : null;
  const reserve = data?.reserveRatio;
  const countyReserve = data?.countyReserveRatio ?? null;
  const yearStarts = data?.startsCompletions.reduce((s, m) => s + m.starts, 0) ?? 0;
  const yearCompletions = data?.startsCompletions.reduce((s, m) => s + m.completions, 0) ?? 0;
  const laggingCounts = data?.laggingCounts;
  const total = splitAmount(totals?.yearCumulative);
  const month = splitAmount(totals?.period);
  const view = data?.view;
  const isRegion = view ? view.level !== 'county' : false;
  const ownLabel = me?.dataScope === 'township' ? '本镇' : '本单位';
  const years = headlineYear ? [headlineYear - 1, headlineYear] : data ? [data.year] : [];
  const backTo = view?.parent ? (view.parent.divisionCode === me?.divisionCode ? '/cockpit' : `/cockpit?divisionCode=${view.parent.divisionCode}`) : null;

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#1f7ae0', colorBgContainer: '#0c2654', colorBgElevated: '#0e2b5e' } }}>
      <div ref={rootRef} className={`gw-cockpit${isFull ? ' gw-cockpit--full' : ''}`} data-testid="cockpit">
        <header className="gw-ck-header">
          {backTo && view?.parent && (
            <Button size="small" icon={<ArrowLeftOutlined />} onClick={() => navigate(backTo)} data-testid="cockpit-back">
              {view.parent.name}
            </Button>
          )}
          <span className="gw-ck-title" data-testid="cockpit-title">
            {view ? `${view.title}项目建设驾驶舱` : ''}
          </span>
          <span className="gw-ck-sub" data-testid="cockpit-subtitle">
            {data && headline ? (
              <>
                <span className="gw-ck-whose" data-testid="cockpit-whose">
                  {data.view.whose}
                </span>
                数据截至 {data.year}年{headline.cumulativeLabel}
                <StatusTag status={headline.figureStatus} note={headline.figureNote} testId="cockpit-headline-status" /> · {formatThresholdWan(data.countedMinWan)}以上项目 · 调度数
              </>
            ) : (
              '正在加载…'
            )}
          </span>
          <div className="gw-ck-spacer" />
          <Clock />
          {years.length > 1 && (
            <Segmented size="small" value={data?.year} onChange={(v) => setYear(Number(v))} options={years.map((y) => ({ value: y, label: `${y}年` }))} data-testid="cockpit-year" />
          )}
          <Tooltip title="刷新">
            <Button size="small" icon={<ReloadOutlined />} onClick={reload} loading={isLoading} aria-label="刷新" />
          </Tooltip>
          <Button size="small" type="primary" ghost icon={isFull ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleFull} data-testid="cockpit-fullscreen" className="gw-ck-fullscreen">
            {isFull ? '退出全屏' : '全屏'}
          </Button>
        </header>

        {error && <div style={{ color: '#ff7875', padding: '4px 8px' }}>{error}</div>}
        {!data || !headline || !totals || !view ? (
          <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>{isLoading ? <Spin size="large" /> : null}</div>
        ) : (
          <>
            <div className="gw-ck-kpis">
              <Kpi
                label={
                  <>
                    本年累计完成投资（{headline.cumulativeLabel}）<StatusTag status={headline.figureStatus} note={headline.figureNote} />
                  </>
                }
                testId="cockpit-total"
                onClick={() => openSummary(headline.period)}
                title={`${view.whose} · ${headline.figureNote} · 点击查看月度汇总`}
                foot={
                  <>
                    同比 <GrowthText pct={totals.growthPct} testId="cockpit-growth" />
                    <span style={{ marginLeft: 10 }}>上年同期 {amountText(totals.lastYearCumulative)}</span>
                  </>
                }
              >
                {total.value}
                <small>{total.unit}</small>
              </Kpi>
              <Kpi
                label={
                  <>
                    本月完成投资（{headline.label}）<StatusTag status={headline.figureStatus} note={headline.figureNote} />
                  </>
                }
                testId="cockpit-period"
                onClick={() => openSummary(headline.period)}
                foot={<>上年同月 {amountText(headlineMonth?.lastYearAmount)}</>}
              >
                {month.value}
                <small>{month.unit}</small>
              </Kpi>
              <Kpi
                label={`在建项目（${formatThresholdWan(data.countedMinWan)}以上）`}
                testId="cockpit-construction"
                onClick={() => openProjects({ stage: 'construction' })}
                foot={
                  <>
                    纳入统计 {totals.projects} 个 · 本年开工 {yearStarts}
                  </>
                }
              >
                {constructionCount ?? '—'}
                <small>个</small>
              </Kpi>
              <Kpi
                label={`${view.isOwnScope ? ownLabel : ''}储备比（目标 ≥ ${reserve?.target ?? 3} : 1）`}
                testId="cockpit-reserve-ratio"
                warn={reserve?.isBelowTarget}
                onClick={() => openProjects({ stage: 'reserve' })}
                title={`${view.whose}：储备（储备、前期、具备开工条件）÷ 实施（在建及本年开工、竣工）`}
                foot={
                  <>
                    储备 {reserve?.reserveCount ?? '—'} · 实施 {reserve?.implementedCount ?? '—'}
                    {countyReserve && (
                      <span className="gw-ck-ref" data-testid="cockpit-county-reserve">
                        全县 {countyReserve.ratio ?? '—'} : 1（参考）
                      </span>
                    )}
                    {!countyReserve && reserve?.isBelowTarget && (
                      <span className="gw-ck-down" style={{ marginLeft: 6 }}>
                        储备不足
                      </span>
                    )}
                  </>
                }
              >
                <span style={{ color: reserve?.isBelowTarget ? '#ff7875' : undefined }}>{reserve?.ratio ?? '—'}</span>
                <small>: 1</small>
              </Kpi>
              <Kpi
                label={`月报报送率（${headline.label}）`}
                testId="cockpit-reporting"
                onClick={() => navigate('/monthly/periods')}
                warn={reportRate !== null && Number(reportRate) < 80}
                foot={
                  reporting ? (
                    <>
                      缺报 <span className={reporting.missing ? 'gw-ck-down' : undefined}>{reporting.missing}</span> · 迟报 {reporting.late} · 应报 {reporting.expected}
                    </>
                  ) : (
                    '本期未汇总'
                  )
                }
              >
                {reportRate ?? '—'}
                <small>%</small>
              </Kpi>
              <Kpi
                label={`滞后项目（${headline.label}）`}
                testId="cockpit-lagging-count"
                warn={(laggingCounts?.total ?? 0) > 0}
                onClick={() => navigate(summaryUrl(headline.period, { tab: 'lagging' }))}
                foot={
                  <>
                    进度滞后 {laggingCounts?.behind_plan ?? 0} · 未投资 {laggingCounts?.idle ?? 0} · 逾期未开工 {laggingCounts?.start_overdue ?? 0}
                  </>
                }
              >
                {laggingCounts?.total ?? 0}
                <small>个</small>
              </Kpi>
            </div>

            <div className="gw-ck-main">
              <div className="gw-ck-col">
                <Panel title="年度目标任务" extra={<a onClick={() => navigate('/targets')}>{view.isOwnScope ? `${ownLabel}分解任务 · 详情 ›` : '详情 ›'}</a>} flex={1.25}>
                  <TargetsPanel targets={can('target.read') ? targets : []} ownUnitId={view.isOwnScope ? (me?.unitId ?? null) : null} ownLabel={ownLabel} onOpen={() => navigate('/targets')} />
                </Panel>
                <Panel title="分领域完成投资" extra={`本年累计 · ${headline.cumulativeLabel}`} flex={1}>
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
                <Panel
                  title={isRegion ? '县区分布' : '乡镇项目分布'}
                  extra={isRegion ? '按本年累计着色 · 点击县区进入该县驾驶舱' : '按本年完成投资着色 · 点击乡镇查看项目'}
                  flex={1.3}
                  testId="cockpit-map"
                >
                  {data.map ? (
                    <>
                      <div className="gw-ck-fill">{isRegion ? <CountiesMap data={data} onOpen={openCounty} /> : <CountyMap data={data} onOpen={openProjects} />}</div>
                      {view.canUploadMap && (
                        <div className="gw-ck-map-tools">
                          <MapUploadButton data={data} onDone={reload} compact />
                        </div>
                      )}
                    </>
                  ) : (
                    <MapEmpty data={data} onDone={reload} />
                  )}
                </Panel>
                <Panel title="月度完成投资及同比" extra="柱：当月完成 · 线：累计同比 · 浅色为初步数" flex={1} testId="cockpit-investment-chart">
                  <div className="gw-ck-fill">
                    <InvestmentChart data={data} onOpenPeriod={openSummary} isCompact={isNarrow} />
                  </div>
                </Panel>
              </div>

              <div className="gw-ck-col">
                <Panel title="月月有开工 · 月月有竣工" extra={`本年开工 ${yearStarts} · 竣工 ${yearCompletions}`} flex={0.85}>
                  <div className="gw-ck-fill" data-testid="cockpit-starts-chart">
                    <StartsChart data={data} onOpenMonth={openMonth} isCompact={isNarrow} />
                  </div>
                </Panel>
                {isRegion ? (
                  <Panel title="县区排名" extra={`本年累计 · ${headline.cumulativeLabel} · 点击进入`} flex={1.05}>
                    <CountyRanking rows={data.byCounty} onOpen={openCounty} />
                  </Panel>
                ) : (
                  <Panel title="乡镇完成投资排名" extra={`本年累计（万元）· ${headline.cumulativeLabel}`} flex={1.05}>
                    {data.byTownship.length ? (
                      <div className="gw-ck-fill" data-testid="cockpit-township-chart">
                        <TownshipChart data={data} onOpen={openProjects} />
                      </div>
                    ) : (
                      <div className="gw-ck-empty">暂无数据</div>
                    )}
                  </Panel>
                )}
                <Panel
                  title="滞后项目"
                  testId="cockpit-lagging"
                  flex={1.1}
                  extra={Object.entries(LAGGING_REASON_META).map(([key, meta]) => (
                    <span key={key} className="gw-ck-chip">
                      <i style={{ background: meta.color }} />
                      {meta.label} {laggingCounts?.[key as keyof typeof laggingCounts] ?? 0}
                    </span>
                  ))}
                >
                  <LaggingPanel data={data} onOpen={(id) => navigate(`/projects/${id}`)} onOpenAll={() => navigate(summaryUrl(headline.period, { tab: 'lagging' }))} />
                </Panel>
              </div>
            </div>
          </>
        )}
      </div>
    </ConfigProvider>
  );
}
