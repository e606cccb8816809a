/** 报送期 page cards for the 发改局: figures kept apart (统计数, 上年调度数 in total or per sector) and the cycle's settings. */
import { App, Alert, Button, Card, Form, Input, InputNumber, Segmented, Select, Space, Switch, Table, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { SECTOR_LABELS, SECTORS } from '../../../../common/projects';
import { isApiError } from '../../api/client';
import { monthlyApi, monthlyExtrasApi } from '../../api/monthly';
import type { InvestmentFigure, InvestmentFigureInput, ReportingPeriod, ReportingSettings } from '../../api/monthly';
import { useSession } from '../../auth/session';
import { errorText } from '../../lib/errors';
import { dayjs, TIME_ZONE } from '../../lib/format';

const WAN_PATTERN = /^\d{1,14}(\.\d{1,4})?$/;

interface FigureRow {
  period: string;
  label: string;
  /** The same month of the previous year, where the dispatch figure is kept. */
  lastYearPeriod: string;
  official: string;
  officialNote: string;
  dispatch: string;
  dispatchNote: string | null;
}

type FigureField = 'official' | 'officialNote' | 'dispatch';

function shiftYear(period: string, delta: number): string {
  return `${Number(period.slice(0, 4)) + delta}${period.slice(4)}`;
}

/** Where a figure counts: the whole division, or one sector (上年调度数 by sector feeds the summary's 分行业 同比). */
type FigureScope = InvestmentFigureInput['scope'];

const SCOPE_OPTIONS: Array<{ value: FigureScope; label: string }> = [
  { value: 'total', label: '合计' },
  ...SECTORS.map((s) => ({ value: `sector:${s}` as FigureScope, label: SECTOR_LABELS[s] })),
];

function findFigure(figures: InvestmentFigure[], period: string, kind: InvestmentFigure['kind'], scope: FigureScope) {
  return figures.find((f) => f.period === period && f.kind === kind && f.scope === scope);
}

/**
 * 统计数与上年调度数: per period of a year. 统计数 is the division's total; 上年调度数 (last
 * year's figures of a county new to the platform) is entered as the total or per sector.
 */
export function FiguresCard() {
  const { can } = useSession();
  const { message } = App.useApp();
  const canEdit = can('period.manage');
  const thisYear = dayjs().tz(TIME_ZONE).year();
  const [year, setYear] = useState(thisYear);
  const [scope, setScope] = useState<FigureScope>('total');
  const isTotal = scope === 'total';
  const [saved, setSaved] = useState<FigureRow[]>([]);
  const [rows, setRows] = useState<FigureRow[]>([]);
  const [isLoading, setIsLoading] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setIsLoading(true);
    try {
      const [periods, current, previous] = await Promise.all([monthlyApi.periods(year), monthlyExtrasApi.figures(year), monthlyExtrasApi.figures(year - 1)]);
      const next = periods.data.map((p: ReportingPeriod): FigureRow => {
        const lastYearPeriod = shiftYear(p.period, -1);
        const official = findFigure(current.data, p.period, 'official', 'total');
        const dispatch = findFigure(previous.data, lastYearPeriod, 'dispatch', scope);
        return {
          period: p.period,
          label: p.cumulativeLabel || p.label,
          lastYearPeriod,
          official: official?.yearCumulative ?? '',
          officialNote: official?.note ?? '',
          dispatch: dispatch?.yearCumulative ?? '',
          dispatchNote: dispatch?.note ?? null,
        };
      });
      setSaved(next);
      setRows(next);
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e, '加载统计数失败'));
    } finally {
      setIsLoading(false);
    }
  }, [year, scope]);

  useEffect(() => {
    void load();
  }, [load]);

  const changes = useMemo(() => {
    const items: InvestmentFigureInput[] = [];
    const problems: string[] = [];
    rows.forEach((row, index) => {
      const before = saved[index];
      if (!before) return;
      const official = row.official.trim();
      const officialNote = row.officialNote.trim();
      if (official !== before.official || officialNote !== before.officialNote) {
        if (!official) problems.push(`${row.label}统计数不能为空`);
        else if (!WAN_PATTERN.test(official)) problems.push(`${row.label}统计数应为不小于 0 的数字（最多四位小数）`);
        else items.push({ period: row.period, kind: 'official', scope: 'total', yearCumulative: official, note: officialNote || null });
      }
      const dispatch = row.dispatch.trim();
      if (dispatch !== before.dispatch) {
        if (!dispatch) problems.push(`${row.label}上年调度数不能为空`);
        else if (!WAN_PATTERN.test(dispatch)) problems.push(`${row.label}上年调度数应为不小于 0 的数字（最多四位小数）`);
        else items.push({ period: row.lastYearPeriod, kind: 'dispatch', scope, yearCumulative: dispatch, note: row.dispatchNote });
      }
    });
    return { items, problems };
  }, [rows, saved, scope]);

  const update = (period: string, field: FigureField, value: string) => setRows((prev) => prev.map((r) => (r.period === period ? { ...r, [field]: value } : r)));

  const save = async () => {
    if (changes.problems.length) {
      message.error(changes.problems[0]);
      return;
    }
    if (!changes.items.length) {
      message.info('没有需要保存的修改');
      return;
    }
    setIsSaving(true);
    try {
      const answer = await monthlyExtrasApi.saveFigures(changes.items);
      message.success(`已保存 ${answer.saved} 项`);
      await load();
    } catch (e) {
      message.error(errorText(e, '保存失败'));
    } finally {
      setIsSaving(false);
    }
  };

  const amountCell = (row: FigureRow, field: 'official' | 'dispatch', testId: string) =>
    canEdit ? (
      <Input
        value={row[field]}
        placeholder="—"
        suffix="万元"
        style={{ width: 180, textAlign: 'right' }}
        status={row[field].trim() && !WAN_PATTERN.test(row[field].trim()) ? 'error' : undefined}
        onChange={(e) => update(row.period, field, e.target.value)}
        data-testid={testId}
      />
    ) : (
      row[field] || '—'
    );

  return (
    <Card
      bordered={false}
      style={{ marginTop: 16 }}
      data-testid="figures-card"
      title={
        <Space>
          <span>统计数与上年调度数</span>
          <Select
            value={year}
            style={{ width: 100 }}
            options={Array.from({ length: 5 }, (_, i) => thisYear - 3 + i).map((y) => ({ value: y, label: `${y}年` }))}
            onChange={setYear}
            data-testid="figures-year"
          />
          <Segmented<FigureScope>
            value={scope}
            options={SCOPE_OPTIONS}
            onChange={(next) => {
              if (changes.items.length) message.warning('请先保存或放弃当前口径的修改');
              else setScope(next);
            }}
            data-testid="figures-scope"
          />
        </Space>
      }
      extra={
        canEdit && (
          <Button type="primary" onClick={() => void save()} loading={isSaving} disabled={isLoading || changes.items.length + changes.problems.length === 0} data-testid="figures-save">
            保存{changes.items.length ? `（${changes.items.length} 项）` : ''}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        统计数为县统计局公布的固定资产投资数，与平台汇总的调度数分开保存、分别计算增速；上年调度数用于平台尚无上年数据时计算同比增速（填上年同期本年累计），可填合计，也可切换到各行业分别填写（用于汇总表分行业同比）。
        逐项目补录上年月报请在上方报送期表中开启「补录历史数据」后，通过月报填报或批量导入完成。
      </Typography.Paragraph>
      {loadError && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={loadError} />}
      <Table<FigureRow>
        rowKey="period"
        size="small"
        loading={isLoading}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '报送期', dataIndex: 'label', width: 110 },
          ...(isTotal ? [{ title: '统计数（本年累计，万元）', key: 'official', render: (_: unknown, r: FigureRow) => amountCell(r, 'official', `figure-official-${r.period}`) }] : []),
          {
            title: isTotal ? '上年调度数（本年累计，万元）' : `上年调度数 · ${SCOPE_OPTIONS.find((o) => o.value === scope)?.label}（本年累计，万元）`,
            key: 'dispatch',
            render: (_, r) => (
              <Space size={6}>
                {amountCell(r, 'dispatch', `figure-dispatch-${r.period}`)}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.lastYearPeriod.slice(0, 4)}年同期
                </Typography.Text>
              </Space>
            ),
          },
          ...(isTotal
            ? [
                {
                  title: '备注',
                  key: 'note',
                  render: (_: unknown, r: FigureRow) =>
                    canEdit ? (
                      <Input value={r.officialNote} maxLength={500} placeholder="如：县统计局公布" onChange={(e) => update(r.period, 'officialNote', e.target.value)} data-testid={`figure-note-${r.period}`} />
                    ) : (
                      r.officialNote || '—'
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

type SettingsValues = Omit<ReportingSettings, 'version'>;

/** 调度设置: deadlines, 1—2月 combining, and the lag/idle thresholds. */
export function SettingsCard() {
  const { can } = useSession();
  const { message } = App.useApp();
  const canEdit = can('period.manage');
  const [form] = Form.useForm<SettingsValues>();
  const [version, setVersion] = useState<number | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { version: v, ...values } = await monthlyExtrasApi.settings();
      form.setFieldsValue(values);
      setVersion(v);
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e, '加载调度设置失败'));
    }
  }, [form]);

  useEffect(() => {
    void load();
  }, [load]);

  const save = async () => {
    if (version === null) return;
    let values: SettingsValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setIsSaving(true);
    try {
      const answer = await monthlyExtrasApi.saveSettings({ ...values, version });
      const { version: v, ...rest } = answer;
      form.setFieldsValue(rest);
      setVersion(v);
      message.success('调度设置已保存');
    } catch (e) {
      message.error(errorText(e, '保存失败'));
      if (isApiError(e, 'VERSION_CONFLICT') || (isApiError(e) && e.status === 409)) void load();
    } finally {
      setIsSaving(false);
    }
  };

  const dayRule = { required: true, type: 'number' as const, min: 1, max: 28, message: '应在 1–28 日之间' };
  return (
    <Card
      bordered={false}
      style={{ marginTop: 16 }}
      title="调度设置"
      data-testid="settings-card"
      extra={
        canEdit && (
          <Button type="primary" onClick={() => void save()} loading={isSaving} disabled={version === null} data-testid="settings-save">
            保存设置
          </Button>
        )
      }
    >
      {loadError && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={loadError} />}
      <Form form={form} layout="vertical" disabled={!canEdit || version === null} style={{ maxWidth: 720 }}>
        <Space size={24} wrap align="start">
          <Form.Item name="deadlineDay" label="报送截止日（每月）" rules={[dayRule]} extra="遇节假日顺延至下一个工作日">
            <InputNumber min={1} max={28} precision={0} addonAfter="日" style={{ width: 140 }} data-testid="settings-deadline-day" />
          </Form.Item>
          <Form.Item name="summaryDay" label="汇总截止日（次月）" rules={[dayRule]}>
            <InputNumber min={1} max={28} precision={0} addonAfter="日" style={{ width: 140 }} data-testid="settings-summary-day" />
          </Form.Item>
          <Form.Item name="combineJanFeb" label="1—2月合并报送" valuePropName="checked">
            <Switch checkedChildren="合并" unCheckedChildren="分月" data-testid="settings-combine" />
          </Form.Item>
        </Space>
        <Space size={24} wrap align="start">
          <Form.Item
            name="lagMarginPct"
            label="滞后判定幅度"
            rules={[{ required: true, type: 'number', min: 0, max: 100, message: '应在 0–100 之间' }]}
            extra="本年累计完成率低于时序进度 ×（1 − 该幅度）的项目判为滞后"
          >
            <InputNumber min={0} max={100} precision={0} addonAfter="%" style={{ width: 140 }} data-testid="settings-lag-margin" />
          </Form.Item>
          <Form.Item name="idleMonths" label="连续未投资月数" rules={[{ required: true, type: 'number', min: 1, max: 12, message: '应在 1–12 之间' }]} extra="连续该月数未完成投资的项目列入滞后">
            <InputNumber min={1} max={12} precision={0} addonAfter="个月" style={{ width: 160 }} data-testid="settings-idle-months" />
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}

/** Both cards, shown to users who may read the summary. */
export function FiguresAndSettings() {
  const { can } = useSession();
  if (!can('summary.read')) return null;
  return (
    <>
      <FiguresCard />
      <SettingsCard />
    </>
  );
}
