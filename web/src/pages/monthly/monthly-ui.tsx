/** Shared pieces of the monthly pages: period picker, deadline countdown, report status tags. */
import { Select, Space, Tag, Tooltip } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { monthlyApi } from '../../api/monthly';
import type { ReportingPeriod, ReportStatus } from '../../api/monthly';
import { dayjs, TIME_ZONE } from '../../lib/format';

export const REPORT_STATUS_LABELS: Record<ReportStatus | 'none', string> = {
  none: '未填',
  draft: '草稿',
  submitted: '待审核',
  approved: '已通过',
  returned: '已退回',
  superseded: '已更正',
};

const REPORT_STATUS_COLORS: Record<ReportStatus | 'none', string> = {
  none: 'default',
  draft: 'blue',
  submitted: 'gold',
  approved: 'green',
  returned: 'red',
  superseded: 'default',
};

export const PERIOD_STATUS_LABELS: Record<string, string> = { open: '填报中', closed: '已关闭', future: '未开始' };
export const PERIOD_STATUS_COLORS: Record<string, string> = { open: 'processing', closed: 'default', future: 'default' };

/** A report's status as a tag, with 逾期 beside it when it came in late. */
export function ReportStatusTag({ status, isLate, revision, testId }: { status: ReportStatus | null; isLate?: boolean; revision?: number; testId?: string }) {
  const key = status ?? 'none';
  return (
    <Space size={4} wrap data-testid={testId} data-status={key}>
      <Tag color={REPORT_STATUS_COLORS[key]} style={{ marginInlineEnd: 0 }}>
        {REPORT_STATUS_LABELS[key]}
      </Tag>
      {isLate && (
        <Tag color="error" bordered={false} style={{ marginInlineEnd: 0 }}>
          逾期
        </Tag>
      )}
      {revision !== undefined && revision > 1 && (
        <Tooltip title="更正后的版本">
          <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
            第{revision}版
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** Today in Beijing (YYYY-MM-DD). */
export function todayBeijing(): string {
  return dayjs().tz(TIME_ZONE).format('YYYY-MM-DD');
}

/** 「10月21日」 from YYYY-MM-DD. */
export function monthDay(date: string): string {
  const d = dayjs(date);
  return d.isValid() ? `${d.month() + 1}月${d.date()}日` : date;
}

/** 「截止 10月21日」 and 「还剩 N 天」 / 「今日截止」 / red 「已逾期」. */
export function DeadlineInfo({ deadline, isClosed }: { deadline: string; isClosed?: boolean }) {
  const days = dayjs(deadline).diff(dayjs(todayBeijing()), 'day');
  return (
    <Space size={6} data-testid="report-deadline">
      <span style={{ color: '#5b6475' }}>截止 {monthDay(deadline)}</span>
      {isClosed ? (
        <Tag style={{ marginInlineEnd: 0 }}>已关闭</Tag>
      ) : days < 0 ? (
        <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="report-overdue">
          已逾期
        </Tag>
      ) : days === 0 ? (
        <Tag color="warning" style={{ marginInlineEnd: 0 }}>
          今日截止
        </Tag>
      ) : (
        <Tag color={days <= 3 ? 'warning' : 'processing'} style={{ marginInlineEnd: 0 }}>
          还剩 {days} 天
        </Tag>
      )}
    </Space>
  );
}

/**
 * A year select and a period select. Loads the periods of the chosen year; with no value it
 * picks the server's current period and reports it through `onChange`.
 */
export function PeriodPicker({
  value,
  onChange,
  onPeriods,
  testId = 'report-period',
}: {
  value: string | null;
  onChange: (period: string, info: ReportingPeriod | null) => void;
  onPeriods?: (periods: ReportingPeriod[], current: string) => void;
  testId?: string;
}) {
  const [year, setYear] = useState<number>(() => (value ? Number(value.slice(0, 4)) : dayjs().tz(TIME_ZONE).year()));
  const [periods, setPeriods] = useState<ReportingPeriod[]>([]);
  const [current, setCurrent] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    monthlyApi
      .periods(year)
      .then((answer) => {
        if (!isCurrent) return;
        setPeriods(answer.data);
        setCurrent(answer.current);
        onPeriods?.(answer.data, answer.current);
        if (!value) {
          const pick = answer.data.find((p) => p.period === answer.current) ?? answer.data.filter((p) => p.status !== 'future').at(-1) ?? answer.data[0];
          if (pick) onChange(pick.period, pick);
        } else if (value.slice(0, 4) === String(year)) {
          onChange(value, answer.data.find((p) => p.period === value) ?? null);
        }
      })
      .catch(() => {
        if (isCurrent) setPeriods([]);
      });
    return () => {
      isCurrent = false;
    };
    // Only the year reloads the list; value changes are handled by the select itself.
  }, [year]); // eslint-disable-line react-hooks/exhaustive-deps

  const thisYear = current ? Number(current.slice(0, 4)) : dayjs().tz(TIME_ZONE).year();
  const years = useMemo(() => Array.from({ length: 5 }, (_, i) => thisYear - 3 + i).filter((y) => y <= thisYear + 1), [thisYear]);

  return (
    <Space.Compact>
      <Select
        value={year}
        style={{ width: 96 }}
        options={years.map((y) => ({ value: y, label: `${y}年` }))}
        onChange={(y: number) => setYear(y)}
        data-testid={`${testId}-year`}
        aria-label="年度"
      />
      <Select
        value={value && value.slice(0, 4) === String(year) ? value : undefined}
        placeholder="选择报送期"
        style={{ width: 150 }}
        data-testid={testId}
        aria-label="报送期"
        options={periods.map((p) => ({
          value: p.period,
          label: (
            <span>
              {p.label}
              {p.period === current && <span style={{ color: '#1d5fb3', marginLeft: 6, fontSize: 12 }}>本期</span>}
              {p.status === 'closed' && <span style={{ color: '#8a94a6', marginLeft: 6, fontSize: 12 }}>已关闭</span>}
              {p.status === 'future' && <span style={{ color: '#8a94a6', marginLeft: 6, fontSize: 12 }}>未开始</span>}
            </span>
          ),
        }))}
        onChange={(period: string) => onChange(period, periods.find((p) => p.period === period) ?? null)}
      />
    </Space.Compact>
  );
}
