/** The head of the 月报填报 page: the period, its deadline and the grid's filters. */
import { Card, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { GridAnswer, GridStatusFilter, ReportingPeriod } from '../../api/monthly';
import { useUnitOptions } from '../../api/projects';
import { useSession } from '../../auth/session';
import { DeadlineInfo, PeriodPicker, REPORT_STATUS_LABELS } from './monthly-ui';
import type { GridFilters } from './use-report-grid';

const STATUS_OPTIONS = (['none', 'draft', 'submitted', 'approved', 'returned'] as GridStatusFilter[]).map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] }));

export interface ReportFilterBarProps {
  period: string | null;
  periodInfo: ReportingPeriod | null;
  answer: GridAnswer | null;
  filters: GridFilters;
  onPeriodChange: (period: string, info: ReportingPeriod | null) => void;
  /** Asked with the changed filters only. */
  onFiltersChange: (patch: GridFilters) => void;
}

/** Period picker with deadline, then 主管部门 / 乡镇 / 状态 / 项目名称 filters. */
export function ReportFilterBar({ period, periodInfo, answer, filters, onPeriodChange, onFiltersChange }: ReportFilterBarProps) {
  const [search, setSearch] = useState(filters.q ?? '');
  // A 项目单位 reads no unit list and sees only its own projects: no unit filters for it.
  const canFilterByUnit = useSession().can('org.read');
  const departments = useUnitOptions('department', canFilterByUnit);
  const townships = useUnitOptions('township', canFilterByUnit);

  return (
    <Card variant="borderless" style={{ marginBottom: 16 }} styles={{ body: { padding: '16px 20px' } }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'center' }}>
        <Space>
          <Typography.Text strong>报送期</Typography.Text>
          <PeriodPicker value={period} onChange={onPeriodChange} />
        </Space>
        {answer && (
          <Space size={12} wrap>
            <Typography.Text>
              {answer.period.label}（累计 {answer.period.cumulativeLabel}）
            </Typography.Text>
            <DeadlineInfo deadline={answer.period.deadline} isClosed={periodInfo?.status === 'closed'} />
          </Space>
        )}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginLeft: 'auto' }}>
          {canFilterByUnit && (
            <>
              <Select
                allowClear
                placeholder="主管部门"
                style={{ width: 160 }}
                options={departments}
                showSearch
                optionFilterProp="label"
                value={filters.departmentId}
                onChange={(v?: string) => onFiltersChange({ departmentId: v })}
                data-testid="report-filter-department"
              />
              <Select
                allowClear
                placeholder="乡镇"
                style={{ width: 120 }}
                options={townships}
                showSearch
                optionFilterProp="label"
                value={filters.townshipId}
                onChange={(v?: string) => onFiltersChange({ townshipId: v })}
                data-testid="report-filter-township"
              />
            </>
          )}
          <Select
            allowClear
            placeholder="填报状态"
            style={{ width: 120 }}
            options={STATUS_OPTIONS}
            value={filters.status}
            onChange={(v?: GridStatusFilter) => onFiltersChange({ status: v })}
            data-testid="report-filter-status"
          />
          <Input.Search
            allowClear
            placeholder="项目名称"
            style={{ width: 180 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => onFiltersChange({ q: q.trim() || undefined })}
            data-testid="report-filter-q"
          />
        </div>
      </div>
    </Card>
  );
}
