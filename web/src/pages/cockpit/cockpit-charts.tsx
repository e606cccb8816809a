/** The ECharts panels of the cockpit, styled for its dark background; every element clicks through. */
import { formatThresholdWan } from '../../../../common/amounts';
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useRef } from 'react';
import { formatWan, formatYi } from '../../../../common/amounts';
import type { CockpitAnswer } from '../../api/cockpit';

echarts.use([BarChart, LineChart, PieChart, MapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, CanvasRenderer]);

const TEXT = '#a9bcd9';
const AXIS_LINE = 'rgba(120, 160, 220, 0.35)';
const SPLIT_LINE = 'rgba(120, 160, 220, 0.12)';
const TOOLTIP = {
  backgroundColor: 'rgba(8, 24, 56, 0.94)',
  borderColor: 'rgba(63, 184, 255, 0.6)',
  textStyle: { color: '#e3edff', fontSize: 13 },
  extraCssText: 'box-shadow: 0 4px 16px rgba(0,0,0,0.4);',
};
const PALETTE = ['#3fb8ff', '#ffc53d', '#52d27a', '#ff7a45', '#b37feb', '#36cfc9', '#f759ab'];
/** A tooltip formatter's string is HTML: every name in it (townships, map features) is escaped first. */
const html = (text: string | number) => echarts.format.encodeHTML(String(text));

function wanText(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  try {
    return Number(value) >= 10_000 ? formatYi(value) : `${formatWan(value)}万元`;
  } catch {
    return value;
  }
}

/** 万元 axis ticks: 「1.2亿」 above 1亿元. */
function axisWan(v: number): string {
  if (Math.abs(v) >= 10_000) return `${Number((v / 10_000).toFixed(1))}亿`;
  return `${v}`;
}

function growthText(pct: string | null): string {
  if (pct === null) return '—';
  return `${Number(pct) > 0 ? '+' : ''}${pct}%`;
}

/** Click handlers are read through a ref, so the chart keeps one stable `onEvents` object. */
function useClick(handler: (params: ClickParams) => void) {
  const ref = useRef(handler);
  ref.current = handler;
  return useMemo(() => ({ click: (params: ClickParams) => ref.current(params) }), []);
}

interface ClickParams {
  dataIndex: number;
  name: string;
  seriesName?: string;
  data?: unknown;
}

const chartStyle = { height: '100%', width: '100%' };

/** A month with figures whose period is still open: labelled 初步. */
function isPreliminary(row: CockpitAnswer['investment'][number]): boolean {
  return row.figureStatus === 'preliminary' && row.amount !== null;
}

/** A still-open month after the headline period: drawn lighter. */
function isLater(row: CockpitAnswer['investment'][number]): boolean {
  return row.isAfterHeadline && isPreliminary(row);
}

/**
 * Monthly investment this year vs last year, with the cumulative year-over-year growth line.
 * Months after the headline period (their summary not due yet) are drawn lighter; every month
 * whose period is still open says 初步 under its label and in its tooltip.
 */
export function InvestmentChart({ data, onOpenPeriod, isCompact = false }: { data: CockpitAnswer; onOpenPeriod: (period: string) => void; isCompact?: boolean }) {
  const rows = data.investment;
  const onEvents = useClick((p) => {
    const row = rows[p.dataIndex];
    if (row && row.amount !== null) onOpenPeriod(row.period);
  });
  const option = useMemo(
    () => ({
      color: ['#3fb8ff', '#4d6a94', '#ffc53d'],
      tooltip: {
        ...TOOLTIP,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ dataIndex: number }>) => {
          const row = rows[params[0]?.dataIndex ?? 0];
          if (!row) return '';
          const status = row.amount === null ? '' : row.figureStatus === 'preliminary' ? '<span style="color:#ffc53d">初步（报送期未关闭，仍可能补报、更正）</span>' : '<span style="color:#52d27a">正式（报送期已关闭）</span>';
          return [
            `<b>${data.year}年${html(row.label)}</b> ${status}`,
            `本期完成：${row.amount === null ? '未到报送期' : wanText(row.amount)}`,
            `上年同期：${wanText(row.lastYearAmount)}`,
            `本年累计：${wanText(row.yearCumulative)}`,
            `累计同比：${growthText(row.growthPct)}`,
            isLater(row) ? '<span style="color:#8fa6c8">本期汇总尚未到期，数据为初步数</span>' : '',
            row.amount === null ? '' : '<span style="color:#8fa6c8">点击查看当月汇总</span>',
          ]
            .filter(Boolean)
            .join('<br/>');
        },
      },
      legend: { top: 0, left: 'center', textStyle: { color: TEXT }, itemWidth: 12, itemHeight: 8, data: [`${data.year}年`, `${data.year - 1}年`, '累计同比 %'] },
      grid: { left: 8, right: 8, top: 30, bottom: 4, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLine: { lineStyle: { color: AXIS_LINE } },
        axisTick: { show: false },
        axisLabel: {
          color: TEXT,
          fontSize: isCompact ? 10 : 12,
          interval: 0,
          lineHeight: 15,
          formatter: (value: string, index: number) => {
            // A phone: 「1—2」「3」… (the axis is of months).
            const text = isCompact ? value.replace('月', '') : value;
            return rows[index] && isPreliminary(rows[index]) ? `${text}\n{p|初步}` : text;
          },
          rich: { p: { color: '#ffc53d', fontSize: 11 } },
        },
      },
      yAxis: [
        {
          type: 'value',
          name: '万元',
          nameTextStyle: { color: TEXT, align: 'right' },
          axisLabel: { color: TEXT, formatter: axisWan },
          splitLine: { lineStyle: { color: SPLIT_LINE } },
        },
        {
          type: 'value',
          name: '%',
          max: (v: { max: number }) => Math.max(12, Math.ceil(v.max + 2)),
          nameTextStyle: { color: TEXT },
          axisLabel: { color: TEXT },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: `${data.year}年`,
          type: 'bar',
          barMaxWidth: 16,
          data: rows.map((r) => (r.amount === null ? null : { value: Number(r.amount), itemStyle: isLater(r) ? { opacity: 0.4 } : undefined })),
          itemStyle: { borderRadius: [3, 3, 0, 0], color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [{ offset: 0, color: '#3fb8ff' }, { offset: 1, color: '#1f5fbf' }]) },
        },
        { name: `${data.year - 1}年`, type: 'bar', barMaxWidth: 16, data: rows.map((r) => Number(r.lastYearAmount)), itemStyle: { borderRadius: [3, 3, 0, 0], color: '#4d6a94' } },
        {
          name: '累计同比 %',
          type: 'line',
          yAxisIndex: 1,
          smooth: true,
          symbolSize: 6,
          data: rows.map((r) =>
            r.growthPct === null ? null : { value: Number(r.growthPct), itemStyle: isLater(r) ? { opacity: 0.45 } : undefined, label: isLater(r) ? { color: 'rgba(255, 214, 102, 0.55)' } : undefined },
          ),
          lineStyle: { width: 2, color: '#ffc53d' },
          itemStyle: { color: '#ffc53d' },
          // On a phone the values crowd the bars: the tooltip says them.
          label: { show: !isCompact, color: '#ffd666', fontSize: 11, formatter: (p: { value: number | null }) => (p.value === null ? '' : `${p.value}%`) },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: 'rgba(82, 210, 122, 0.6)', type: 'dashed' },
            label: { color: '#52d27a', formatter: '目标 10%', position: 'insideEndTop', fontSize: 11 },
            data: [{ yAxis: 10 }],
          },
        },
      ],
    }),
    [rows, data.year, isCompact],
  );
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={chartStyle} onEvents={onEvents} />;
}

/** Projects started and completed per month of the year. */
export function StartsChart({ data, onOpenMonth, isCompact = false }: { data: CockpitAnswer; onOpenMonth: (month: number) => void; isCompact?: boolean }) {
  const rows = data.startsCompletions;
  const onEvents = useClick((p) => {
    const row = rows[p.dataIndex];
    if (row) onOpenMonth(row.month);
  });
  const option = useMemo(
    () => ({
      tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, right: 8, textStyle: { color: TEXT }, itemWidth: 12, itemHeight: 8 },
      grid: { left: 6, right: 8, top: 28, bottom: 2, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => `${r.month}月`),
        axisLine: { lineStyle: { color: AXIS_LINE } },
        axisTick: { show: false },
        axisLabel: { color: TEXT, fontSize: isCompact ? 9 : 11, interval: 0, formatter: (v: string) => (isCompact ? v.replace('月', '') : v) },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT }, splitLine: { lineStyle: { color: SPLIT_LINE } } },
      series: [
        { name: '新开工', type: 'bar', barMaxWidth: 12, data: rows.map((r) => r.starts), itemStyle: { color: '#36cfc9', borderRadius: [2, 2, 0, 0] } },
        { name: '竣工', type: 'bar', barMaxWidth: 12, data: rows.map((r) => r.completions), itemStyle: { color: '#ffc53d', borderRadius: [2, 2, 0, 0] } },
      ],
    }),
    [rows, isCompact],
  );
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={chartStyle} onEvents={onEvents} />;
}

/** Year-to-date investment by sector, as a ring. */
export function SectorChart({ data, onOpen }: { data: CockpitAnswer; onOpen: (filter: Record<string, string>) => void }) {
  const rows = data.bySector;
  const onEvents = useClick((p) => {
    const row = rows[p.dataIndex];
    if (row) onOpen(row.filter);
  });
  const option = useMemo(
    () => ({
      color: PALETTE,
      tooltip: {
        ...TOOLTIP,
        trigger: 'item',
        formatter: (p: { dataIndex: number; percent: number }) => {
          const row = rows[p.dataIndex];
          if (!row) return '';
          return [`<b>${html(row.label)}</b>`, `本年累计：${wanText(row.yearCumulative)}（${p.percent}%）`, `同比：${growthText(row.growthPct)}`, `项目：${row.projects} 个`, '<span style="color:#8fa6c8">点击查看项目清单</span>'].join('<br/>');
        },
      },
      legend: {
        orient: 'vertical',
        right: 6,
        top: 'middle',
        itemWidth: 10,
        itemHeight: 10,
        itemGap: 10,
        textStyle: { color: '#dbe7ff', fontSize: 12 },
        formatter: (name: string) => {
          const row = rows.find((r) => r.label === name);
          return row ? `${name}  ${wanText(row.yearCumulative)}` : name;
        },
      },
      series: [
        {
          type: 'pie',
          radius: ['46%', '72%'],
          center: ['30%', '52%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#0a2250', borderWidth: 2 },
          label: { show: true, position: 'inside', color: '#fff', fontSize: 11, formatter: (p: { percent: number }) => (p.percent >= 6 ? `${Math.round(p.percent)}%` : '') },
          data: rows.map((r) => ({ name: r.label, value: Number(r.yearCumulative) })),
        },
      ],
    }),
    [rows],
  );
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={chartStyle} onEvents={onEvents} />;
}

/** Year-to-date investment by township, largest first. */
export function TownshipChart({ data, onOpen }: { data: CockpitAnswer; onOpen: (filter: Record<string, string>) => void }) {
  const rows = useMemo(() => [...data.byTownship].sort((a, b) => Number(a.yearInvestment) - Number(b.yearInvestment)), [data.byTownship]);
  const onEvents = useClick((p) => {
    const row = rows[p.dataIndex];
    if (row) onOpen(row.filter);
  });
  const option = useMemo(
    () => ({
      tooltip: {
        ...TOOLTIP,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ dataIndex: number }>) => {
          const row = rows[params[0]?.dataIndex ?? 0];
          if (!row) return '';
          return [`<b>${html(row.name)}</b>`, `本年完成投资：${wanText(row.yearInvestment)}`, `项目：${row.projects} 个`, `总投资：${wanText(row.totalInvestment)}`, '<span style="color:#8fa6c8">点击查看项目清单</span>'].join('<br/>');
        },
      },
      grid: { left: 4, right: 56, top: 4, bottom: 0, containLabel: true },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { color: '#dbe7ff', fontSize: 12, interval: 0 },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 12,
          data: rows.map((r) => Number(r.yearInvestment)),
          itemStyle: {
            borderRadius: [0, 6, 6, 0],
            color: new echarts.graphic.LinearGradient(0, 0, 1, 0, [
              { offset: 0, color: '#1f5fbf' },
              { offset: 1, color: '#36cfc9' },
            ]),
          },
          label: { show: true, position: 'right', color: TEXT, fontSize: 11, formatter: (p: { value: number }) => axisWan(Math.round(p.value * 10) / 10) },
          showBackground: true,
          backgroundStyle: { color: 'rgba(120, 160, 220, 0.08)', borderRadius: [0, 6, 6, 0] },
        },
      ],
    }),
    [rows],
  );
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={chartStyle} onEvents={onEvents} />;
}

let mapSequence = 0;

/** One area on the map with its figure. */
export interface MapArea {
  name: string;
  /** 万元 this year (colours the area). */
  value: number;
  /** Tooltip lines after the name. */
  lines: string[];
}

/**
 * The division's map coloured by year-to-date investment: a county's townships (features named
 * by `nameProperty`) or a city's counties (features carrying the county's 行政区划代码). `areas`
 * is keyed by that property's value; a click opens the area.
 */
export function AreaMap({ map, areas, onOpen, emptyText }: { map: NonNullable<CockpitAnswer['map']>; areas: Map<string, MapArea>; onOpen: (key: string) => void; emptyText: string }) {
  // Each outline gets its own registered name (a new upload is drawn from scratch); features are
  // keyed by the string value of the identifying property (a code may be uploaded as a number).
  const mapName = useMemo(() => {
    mapSequence += 1;
    const name = `gw-area-${mapSequence}`;
    const keyed = {
      ...map.geojson,
      features: map.geojson.features.map((f) => ({ ...f, properties: { ...(f.properties ?? {}), gwKey: String(f.properties?.[map.nameProperty] ?? '') } })),
    };
    echarts.registerMap(name, keyed as unknown as Parameters<typeof echarts.registerMap>[1]);
    return name;
  }, [map]);
  const onEvents = useClick((p) => {
    if (areas.has(p.name)) onOpen(p.name);
  });
  const option = useMemo(() => {
    const keys = map.geojson.features.map((f) => String(f.properties?.[map.nameProperty] ?? ''));
    const max = Math.max(1, ...[...areas.values()].map((a) => a.value));
    return {
      tooltip: {
        ...TOOLTIP,
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const area = areas.get(p.name);
          if (!area) return `<b>${html(p.name)}</b><br/>${html(emptyText)}`;
          return [`<b>${html(area.name)}</b>`, ...area.lines.map(html), '<span style="color:#8fa6c8">点击查看</span>'].join('<br/>');
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max,
        left: 12,
        bottom: 12,
        itemWidth: 10,
        itemHeight: 90,
        calculable: false,
        text: ['高', '低'],
        textStyle: { color: TEXT },
        inRange: { color: ['#123a6e', '#1f6fd1', '#3fb8ff', '#9be7ff'] },
        formatter: (v: number) => axisWan(Math.round(v)),
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'gwKey',
          roam: false,
          layoutCenter: ['52%', '50%'],
          layoutSize: '92%',
          selectedMode: false,
          itemStyle: { areaColor: '#123a6e', borderColor: '#7cc8ff', borderWidth: 1.2, shadowColor: 'rgba(63,184,255,0.5)', shadowBlur: 8 },
          emphasis: { itemStyle: { areaColor: '#ffc53d' }, label: { color: '#0a1a33', fontWeight: 'bold' } },
          label: {
            show: true,
            color: '#fff',
            fontSize: 12,
            textShadowColor: 'rgba(0,0,0,0.8)',
            textShadowBlur: 3,
            formatter: (p: { name: string }) => {
              const area = areas.get(p.name);
              return area ? `${area.name}\n${axisWan(Math.round(area.value))}` : p.name;
            },
          },
          data: keys.map((key) => ({ name: key, value: areas.get(key)?.value ?? 0 })),
        },
      ],
    };
  }, [mapName, map, areas, emptyText]);
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={chartStyle} onEvents={onEvents} />;
}

/** A county's townships on its outline, each opening its projects. */
export function CountyMap({ data, onOpen }: { data: CockpitAnswer; onOpen: (filter: Record<string, string>) => void }) {
  const counted = formatThresholdWan(data.countedMinWan);
  const areas = useMemo(
    () =>
      new Map(
        data.byTownship.map((t) => [
          t.name,
          { name: t.name, value: Number(t.yearInvestment), lines: [`本年完成投资：${wanText(t.yearInvestment)}`, `${counted}以上项目：${t.projects} 个`, `总投资：${wanText(t.totalInvestment)}`] },
        ]),
      ),
    [data.byTownship, counted],
  );
  const byName = useMemo(() => new Map(data.byTownship.map((t) => [t.name, t])), [data.byTownship]);
  if (!data.map) return null;
  return <AreaMap map={data.map} areas={areas} emptyText={`暂无 ${counted}以上项目`} onOpen={(name) => byName.get(name) && onOpen(byName.get(name)!.filter)} />;
}

/** A city's or province's counties on its outline (features keyed by 行政区划代码), each opening the county's cockpit. */
export function CountiesMap({ data, onOpen }: { data: CockpitAnswer; onOpen: (divisionCode: string) => void }) {
  const areas = useMemo(
    () =>
      new Map(
        data.byCounty.map((c) => [
          c.divisionCode,
          {
            name: c.name,
            value: Number(c.yearCumulative),
            lines: [`本年累计：${wanText(c.yearCumulative)}`, `同比：${growthText(c.growthPct)}`, `报送率：${c.reportingRatePct === null ? '—' : `${c.reportingRatePct}%`}`, `滞后项目：${c.lagging} 个`],
          },
        ]),
      ),
    [data.byCounty],
  );
  if (!data.map) return null;
  return <AreaMap map={data.map} areas={areas} emptyText="不在本辖区或代码不符" onOpen={onOpen} />;
}
