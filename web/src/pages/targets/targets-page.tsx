/**
 * 目标任务 (SPEC §8): the year's "1116" targets with progress computed from data (or 「数据待接入」
 * where the source module is not live), their decomposition to departments and townships,
 * and — for the 发改局 — editing of the values and the allocations (optimistic locking).
 */
import { ApartmentOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Progress, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatWan, formatYi } from '../../../../common/amounts';
import { targetsApi } from '../../api/cockpit';
import type { Target, TargetAllocation, TargetList } from '../../api/cockpit';
import { useUnitOptions } from '../../api/projects';
import { useSession } from '../../auth/session';
import { errorText, isVersionConflict } from '../../lib/errors';
import { dayjs, formatDateTime, TIME_ZONE } from '../../lib/format';

const AMOUNT = /^\d{1,14}(\.\d{1,4})?$/;

function figure(t: Pick<Target, 'unit' | 'unitLabel'>, value: string | null): string {
  if (value === null || value === '') return '—';
  if (t.unit === 'wan') {
    try {
      return Number(value) >= 10_000 ? formatYi(value) : `${formatWan(value)} 万元`;
    } catch {
      return value;
    }
  }
  return `${value}${t.unit === 'pct' ? '%' : ` ${t.unitLabel}`}`;
}

function ProgressCell({ target, progress, pct }: { target: Target; progress: string | null; pct: string | null }) {
  if (target.source === 'pending' || progress === null) {
    return (
      <Tooltip title={target.basis}>
        <Tag bordered={false} color="default" data-testid={`target-pending-${target.key}`}>
          数据待接入
        </Tag>
      </Tooltip>
    );
  }
  const n = pct === null ? 0 : Number(pct);
  return (
    <div style={{ minWidth: 180 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13 }}>
        <span style={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{figure(target, progress)}</span>
        <span style={{ color: n >= 100 ? '#389e0d' : '#1d5fb3' }}>{pct ?? '—'}%</span>
      </div>
      <Progress percent={Math.min(100, n)} showInfo={false} size="small" strokeColor={n >= 100 ? '#52c41a' : '#1d5fb3'} style={{ margin: 0 }} />
    </div>
  );
}

function ValuesModal({ list, open, onClose, onSaved }: { list: TargetList; open: boolean; onClose: () => void; onSaved: (next: TargetList) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string>>();
  const [isSaving, setIsSaving] = useState(false);
  useEffect(() => {
    if (open) form.setFieldsValue(Object.fromEntries(list.data.map((t) => [t.key, t.value ?? t.defaultValue])));
  }, [open, list, form]);
  const save = async () => {
    const values = await form.validateFields();
    setIsSaving(true);
    try {
      const next = await targetsApi.save(
        list.year,
        list.data.map((t) => ({ key: t.key, value: String(values[t.key]).trim(), ...(t.version !== null ? { version: t.version } : {}) })),
      );
      message.success('目标已保存');
      onSaved(next);
    } catch (e) {
      message.error(errorText(e, '保存失败'));
      if (isVersionConflict(e)) onClose();
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Modal title={`设定 ${list.year} 年目标任务`} open={open} onCancel={onClose} onOk={() => void save()} okText="保存" cancelText="取消" confirmLoading={isSaving} width={560} destroyOnClose>
      <Form form={form} layout="horizontal" labelCol={{ span: 9 }} wrapperCol={{ span: 15 }} style={{ marginTop: 16 }} data-testid="targets-form">
        {list.data.map((t) => (
          <Form.Item
            key={t.key}
            name={t.key}
            label={t.label}
            rules={[
              { required: true, message: '请填写目标值' },
              { pattern: AMOUNT, message: '应为不小于 0 的数字（最多四位小数）' },
            ]}
            extra={t.value === null ? `县级文件口径：${figure(t, t.defaultValue)}` : undefined}
          >
            <Input suffix={t.unitLabel} data-testid={`target-input-${t.key}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function AllocationsModal({ target, onClose, onSaved }: { target: Target | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const departments = useUnitOptions('department', target !== null);
  const townships = useUnitOptions('township', target !== null);
  const [form] = Form.useForm<{ allocations: Array<{ unitId?: string; value?: string }> }>();
  const [isSaving, setIsSaving] = useState(false);
  const options = useMemo(
    () => [
      { label: '县直部门', options: departments },
      { label: '乡镇', options: townships },
    ],
    [departments, townships],
  );
  useEffect(() => {
    if (target) form.setFieldsValue({ allocations: target.allocations.map((a) => ({ unitId: a.unitId, value: a.value })) });
  }, [target, form]);
  const rows = Form.useWatch('allocations', form) ?? [];
  const total = rows.reduce((sum, r) => sum + (r?.value && AMOUNT.test(String(r.value)) ? Number(r.value) : 0), 0);

  const save = async () => {
    if (!target?.id || target.version === null) return;
    const values = await form.validateFields();
    const allocations = (values.allocations ?? []).filter((a) => a.unitId).map((a) => ({ unitId: a.unitId as string, value: String(a.value).trim() }));
    setIsSaving(true);
    try {
      await targetsApi.allocate(target.id, target.version, allocations);
      message.success('分解已保存');
      onSaved();
    } catch (e) {
      message.error(errorText(e, '保存失败'));
      if (isVersionConflict(e)) onSaved();
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      title={target ? `分解「${target.label}」到部门、乡镇` : ''}
      open={target !== null}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存分解"
      cancelText="取消"
      confirmLoading={isSaving}
      width={640}
      destroyOnClose
    >
      {target && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            全县目标 {figure(target, target.value)}；当前分解合计{' '}
            <Typography.Text strong type={target.value !== null && total > Number(target.value) ? 'danger' : undefined}>
              {target.unit === 'wan' ? `${total.toLocaleString('zh-CN', { maximumFractionDigits: 4 })} 万元` : `${Number(total.toFixed(4))}${target.unitLabel}`}
            </Typography.Text>
            {target.value !== null && total > Number(target.value) && '（已超过全县目标）'}
          </Typography.Paragraph>
          <Form form={form} data-testid="allocations-form">
            <Form.List name="allocations">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="start" style={{ display: 'flex' }}>
                      <Form.Item name={[field.name, 'unitId']} rules={[{ required: true, message: '请选择单位' }]} style={{ marginBottom: 10 }}>
                        <Select showSearch optionFilterProp="label" options={options} placeholder="部门或乡镇" style={{ width: 300 }} data-testid={`allocation-unit-${field.name}`} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'value']}
                        rules={[
                          { required: true, message: '请填写分解值' },
                          { pattern: AMOUNT, message: '应为不小于 0 的数字' },
                        ]}
                        style={{ marginBottom: 10 }}
                      >
                        <Input suffix={target.unitLabel} style={{ width: 180 }} data-testid={`allocation-value-${field.name}`} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="移除" />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="allocation-add">
                    添加单位
                  </Button>
                </>
              )}
            </Form.List>
          </Form>
        </>
      )}
    </Modal>
  );
}

function AllocationTable({ target }: { target: Target }) {
  const columns: TableColumnsType<TargetAllocation> = [
    { title: '责任单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    { title: '类型', dataIndex: 'unitKind', width: 100, render: (v: string | null) => (v === 'township' ? '乡镇' : v === 'department' ? '县直部门' : (v ?? '—')) },
    { title: '分解目标', dataIndex: 'value', width: 160, align: 'right', render: (v: string) => figure(target, v) },
    { title: '完成进度', key: 'progress', width: 260, render: (_: unknown, a) => <ProgressCell target={target} progress={a.progress} pct={a.progressPct} /> },
  ];
  if (target.allocations.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未分解到部门、乡镇" style={{ margin: '8px 0' }} />;
  return <Table size="small" rowKey="unitId" dataSource={target.allocations} columns={columns} pagination={false} data-testid={`allocations-${target.key}`} />;
}

/** The period and status a period figure (增速) is stated for — the same label as on the 月度汇总 page. */
function PeriodNote({ figuresOf, testId }: { figuresOf: NonNullable<TargetList['figuresOf']>; testId: string }) {
  const isFinal = figuresOf.figureStatus === 'final';
  return (
    <div style={{ marginTop: 4, fontSize: 12, color: '#8a94a6' }} data-testid={testId}>
      <Tag color={isFinal ? 'success' : 'warning'} bordered={false} style={{ fontSize: 12 }}>
        {isFinal ? '正式' : '初步'}
      </Tag>
      {figuresOf.cumulativeLabel}
      {isFinal ? '' : ` · ${figuresOf.figureNote.replace(/^初步 · /, '')}`}
    </div>
  );
}

/** 目标任务 page. */
export function TargetsPage() {
  const { can } = useSession();
  const thisYear = dayjs().tz(TIME_ZONE).year();
  const [year, setYear] = useState(thisYear);
  const [list, setList] = useState<TargetList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [isValuesOpen, setIsValuesOpen] = useState(false);
  const [allocating, setAllocating] = useState<Target | null>(null);

  const load = useCallback(async () => {
    setIsLoading(true);
    try {
      setList(await targetsApi.list(year));
      setError(null);
    } catch (e) {
      setError(errorText(e, '加载目标任务失败'));
    } finally {
      setIsLoading(false);
    }
  }, [year]);
  useEffect(() => {
    void load();
  }, [load]);

  const canManage = can('target.manage') && Boolean(list?.canManage);
  const isUnset = Boolean(list && list.data.every((t) => t.id === null));

  const columns: TableColumnsType<Target> = [
    {
      title: '目标任务',
      dataIndex: 'label',
      width: 340,
      render: (v: string, t) => (
        <div>
          <Typography.Text strong>{v}</Typography.Text>
          <div style={{ fontSize: 12, color: '#8a94a6', marginTop: 2 }}>{t.basis}</div>
        </div>
      ),
    },
    { title: '全县目标', dataIndex: 'value', width: 150, align: 'right', render: (v: string | null, t) => (v === null ? <Typography.Text type="secondary">未设定</Typography.Text> : <b>{figure(t, v)}</b>) },
    {
      title: '完成情况',
      key: 'progress',
      width: 280,
      render: (_: unknown, t) => (
        <div>
          <ProgressCell target={t} progress={t.progress} pct={t.progressPct} />
          {t.ofPeriod && list?.figuresOf && <PeriodNote figuresOf={list.figuresOf} testId={`target-period-${t.key}`} />}
        </div>
      ),
    },
    {
      title: '分解',
      key: 'allocations',
      width: 190,
      render: (_: unknown, t) =>
        t.allocations.length ? (
          <span>
            {t.allocations.length} 个单位 · 合计 {figure(t, t.allocatedTotal)}
          </span>
        ) : (
          <Typography.Text type="secondary">未分解</Typography.Text>
        ),
    },
    ...(canManage
      ? [
          {
            title: '',
            key: 'actions',
            width: 110,
            render: (_: unknown, t: Target) => (
              <Tooltip title={t.id === null ? '请先设定本年度目标值' : undefined}>
                <Button size="small" icon={<ApartmentOutlined />} disabled={t.id === null} onClick={() => setAllocating(t)} data-testid={`target-allocate-${t.key}`}>
                  分解
                </Button>
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title="目标任务"
      subTitle={'年度"1116"目标、分解到部门乡镇与实时进度（进度由系统数据计算，不可手填）'}
      extra={
        <Space wrap>
          <Segmented value={year} onChange={(v) => setYear(Number(v))} options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y}年` }))} data-testid="targets-year" />
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="刷新" />
          {canManage && list && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setIsValuesOpen(true)} data-testid="targets-edit">
              {isUnset ? '设定目标' : '修改目标值'}
            </Button>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {isUnset && <Alert type="info" showIcon message={`${year} 年目标尚未设定${canManage ? '，点击「设定目标」按县级文件口径录入' : '，待发改局设定'}`} style={{ marginBottom: 16 }} />}
      {list?.figuresOf && (
        <Alert
          type={list.figuresOf.figureStatus === 'final' ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="targets-figures-of"
          message={`增速类进度按月度汇总 ${list.year}年${list.figuresOf.cumulativeLabel}计算（${list.figuresOf.figureNote}），与「月度汇总」页同一数字；其余各项按当日数据统计。`}
        />
      )}
      <Card bordered={false}>
        <Table<Target>
          rowKey="key"
          loading={isLoading}
          dataSource={list?.data ?? []}
          columns={columns}
          pagination={false}
          data-testid="targets-table"
          expandable={{ expandedRowRender: (t) => <AllocationTable target={t} />, rowExpandable: () => true }}
          footer={() => {
            const updated = (list?.data ?? []).filter((t) => t.updatedAt).sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)))[0];
            return (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                「数据待接入」表示该项由尚未上线的模块（向上争取、招商引资等）统计，上线后自动取数。
                {updated ? ` 最近修改：${updated.updatedByName ?? ''} ${formatDateTime(updated.updatedAt, 'YYYY-MM-DD HH:mm')}` : ''}
              </Typography.Text>
            );
          }}
        />
      </Card>
      {list && <ValuesModal list={list} open={isValuesOpen} onClose={() => setIsValuesOpen(false)} onSaved={(next) => {
        setList(next);
        setIsValuesOpen(false);
      }} />}
      <AllocationsModal
        target={allocating}
        onClose={() => setAllocating(null)}
        onSaved={() => {
          setAllocating(null);
          void load();
        }}
      />
    </PageContainer>
  );
}
