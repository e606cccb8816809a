/**
 * 规则设置: the rule sets a division may set (investment thresholds, reserve ratio, reminder
 * days, photo cap, default growth target). Each field shows the value in force and where it
 * comes from (本级 / 市 / 省 / 默认); the 发改局 sets its own values — a field left on
 * 「沿用上级」 follows the city, province or default — and every save is a new version.
 */
import { HistoryOutlined, ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Drawer, Empty, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { rulesApi } from '../../api/rules';
import type { RuleFieldData, RuleSetData, RuleValueData, RuleVersionListData } from '../../api/rules';
import { useResource } from '../../components/use-resource';
import { errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { isApiError } from '../../api/client';

const LEVEL_LABELS: Record<RuleFieldData['source']['level'], string> = { default: '默认值', province: '省级', city: '市级', county: '县级' };

function showValue(field: Pick<RuleFieldData, 'unit'> & Partial<Pick<RuleFieldData, 'options'>>, value: RuleValueData | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return field.options?.find((o) => o.value === value)?.label ?? value;
  const text = Array.isArray(value) ? value.join('、') : String(value);
  return field.unit ? `${text} ${field.unit}` : text;
}

function SourceTag({ field, divisionCode }: { field: RuleFieldData; divisionCode: string }) {
  const { source } = field;
  if (source.divisionCode === divisionCode) return <Tag color="blue">本级设定（第 {source.version} 版）</Tag>;
  if (source.level === 'default') return <Tag>默认值</Tag>;
  return (
    <Tag color="gold">
      沿用{LEVEL_LABELS[source.level]}：{source.divisionName}（第 {source.version} 版）
    </Tag>
  );
}

type FormValues = Record<string, { isOwn: boolean; value: RuleValueData | null }> & { note?: string };

// antd rules from the limits the server's schema declares; the server checks again and names the field it refuses.
function fieldRules(field: RuleFieldData) {
  if (field.kind === 'choice') return [{ required: true, message: `请选择${field.label}` }];
  const range = field.min !== null && field.max !== null ? `应在 ${field.min}–${field.max} 之间` : field.min !== null ? `不能小于 ${field.min}` : `不能大于 ${field.max}`;
  const inRange = (n: number) => (field.min === null || n >= field.min) && (field.max === null || n <= field.max);
  return [
    {
      validator: async (_: unknown, value: number | number[] | null) => {
        if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) throw new Error(`请填写${field.label}`);
        const list = Array.isArray(value) ? value : [value];
        if (list.some((n) => typeof n !== 'number' || Number.isNaN(n))) throw new Error('请输入数字');
        if (field.kind !== 'number' && list.some((n) => !Number.isInteger(n))) throw new Error('应为整数');
        if (list.some((n) => !inRange(n))) throw new Error(`${field.label}${range}`);
      },
    },
  ];
}

function ValueInput({ field, value, onChange, disabled }: { field: RuleFieldData; value?: RuleValueData | null; onChange?: (v: RuleValueData | null) => void; disabled: boolean }) {
  if (field.kind === 'choice') {
    return (
      <Select
        disabled={disabled}
        style={{ width: 260 }}
        value={typeof value === 'string' ? value : undefined}
        onChange={(next: string) => onChange?.(next)}
        options={field.options ?? []}
        data-testid={`rule-choice-${field.key}`}
      />
    );
  }
  if (field.kind === 'integer_list') {
    const list = Array.isArray(value) ? value : [];
    return (
      <Select
        mode="tags"
        disabled={disabled}
        style={{ width: 240 }}
        value={list.map(String)}
        onChange={(next: string[]) => onChange?.(next.map((s) => Number(s.trim())))}
        tokenSeparators={[',', '，', '、', ' ']}
        placeholder="输入天数后回车"
        suffixIcon={field.unit}
        open={false}
      />
    );
  }
  return (
    <InputNumber
      disabled={disabled}
      style={{ width: 200 }}
      value={typeof value === 'number' ? value : null}
      onChange={(v) => onChange?.(v)}
      precision={field.kind === 'integer' ? 0 : undefined}
      addonAfter={field.unit ?? undefined}
    />
  );
}

function RuleSetCard({ set, divisionCode, canManage, onSaved }: { set: RuleSetData; divisionCode: string; canManage: boolean; onSaved: (next: RuleSetData) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [isSaving, setIsSaving] = useState(false);
  const [isHistoryOpen, setIsHistoryOpen] = useState(false);

  const reset = useCallback(() => {
    form.resetFields();
    form.setFieldsValue(Object.fromEntries(set.fields.map((f) => [f.key, { isOwn: f.ownValue !== null, value: f.ownValue ?? f.value }])) as FormValues);
  }, [form, set]);
  useEffect(reset, [reset]);

  const save = async () => {
    const values = await form.validateFields();
    const own = Object.fromEntries(set.fields.filter((f) => values[f.key]?.isOwn).map((f) => [f.key, values[f.key].value as RuleValueData]));
    setIsSaving(true);
    try {
      const next = await rulesApi.save(set.key, { version: set.version, values: own, note: values.note?.trim() || null });
      message.success(`${set.label}已保存（第 ${next.version} 版）`);
      onSaved(next);
    } catch (e) {
      const field = isApiError(e) ? e.field?.split('.')[1] : undefined;
      if (field && set.fields.some((f) => f.key === field)) form.setFields([{ name: [field, 'value'], errors: [errorText(e, '保存失败')] }]);
      else message.error(errorText(e, '保存失败'));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card
      title={set.label}
      style={{ marginBottom: 16 }}
      data-testid={`rule-set-${set.key}`}
      extra={
        <Space>
          {set.version > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              本级第 {set.version} 版 · {set.savedByName} · {set.savedAt ? formatDateTime(set.savedAt) : ''}
            </Typography.Text>
          )}
          <Button size="small" icon={<HistoryOutlined />} onClick={() => setIsHistoryOpen(true)}>
            历史版本
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{set.description}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={!canManage}>
        {set.fields.map((f) => (
          <Form.Item key={f.key} label={f.label} extra={f.help ?? undefined} required={false}>
            <Space wrap align="start">
              <Form.Item name={[f.key, 'isOwn']} valuePropName="checked" noStyle>
                <Switch checkedChildren="本级设定" unCheckedChildren="沿用上级" data-testid={`rule-own-${f.key}`} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a[f.key]?.isOwn !== b[f.key]?.isOwn}>
                {({ getFieldValue }) =>
                  getFieldValue([f.key, 'isOwn']) ? (
                    <Form.Item name={[f.key, 'value']} rules={fieldRules(f)} style={{ marginBottom: 0 }}>
                      <ValueInput field={f} disabled={!canManage} />
                    </Form.Item>
                  ) : (
                    <Typography.Text style={{ lineHeight: '32px' }}>{f.ownValue === null ? showValue(f, f.value) : '保存后沿用上级或默认值'}</Typography.Text>
                  )
                }
              </Form.Item>
              <span style={{ lineHeight: '32px' }}>
                <SourceTag field={f} divisionCode={divisionCode} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  生效值 {showValue(f, f.value)}；默认 {showValue(f, f.defaultValue)}
                </Typography.Text>
              </span>
            </Space>
          </Form.Item>
        ))}
        {canManage && (
          <>
            <Form.Item name="note" label="修改说明">
              <Input maxLength={200} placeholder="如：依据县政府常务会议纪要调整" />
            </Form.Item>
            <Space>
              <Button type="primary" loading={isSaving} onClick={() => void save()} data-testid={`rule-save-${set.key}`}>
                保存为新版本
              </Button>
              <Button onClick={reset}>还原</Button>
            </Space>
          </>
        )}
      </Form>
      <VersionsDrawer set={set} divisionCode={divisionCode} open={isHistoryOpen} onClose={() => setIsHistoryOpen(false)} />
    </Card>
  );
}

function VersionsDrawer({ set, divisionCode, open, onClose }: { set: RuleSetData; divisionCode: string; open: boolean; onClose: () => void }) {
  const load = useCallback((signal: AbortSignal) => rulesApi.versions(set.key, divisionCode, signal), [set.key, divisionCode]);
  const { data, error, isLoading } = useResource<RuleVersionListData>(open ? load : null);
  const labelOf = (key: string) => set.fields.find((f) => f.key === key);
  return (
    <Drawer title={`${set.label} · 本级历史版本`} open={open} onClose={onClose} width={560}>
      {error ? <Alert type="error" showIcon message={errorText(error, '加载历史版本失败')} /> : null}
      <Table
        rowKey="version"
        size="small"
        loading={isLoading}
        pagination={false}
        dataSource={data?.data ?? []}
        locale={{ emptyText: <Empty description="本级尚未设定，全部沿用上级或默认值" /> }}
        columns={[
          { title: '版本', dataIndex: 'version', width: 60 },
          {
            title: '本级设定',
            render: (_, v) =>
              Object.keys(v.values).length === 0
                ? '全部沿用上级'
                : Object.entries(v.values).map(([k, value]) => {
                    const f = labelOf(k);
                    return <div key={k}>{f ? `${f.label}：${showValue(f, value)}` : `${k}：${String(value)}`}</div>;
                  }),
          },
          { title: '说明', dataIndex: 'note', render: (note: string | null) => note ?? '—' },
          { title: '保存人', render: (_, v) => <div>{v.savedByName}<div style={{ fontSize: 12, color: '#8c8c8c' }}>{formatDateTime(v.savedAt)}</div></div> },
        ]}
      />
    </Drawer>
  );
}

/** The 规则设置 page (permission `rules.read`; editing needs `rules.manage` and is for the caller's own division). */
export function RulesPage() {
  const load = useCallback((signal: AbortSignal) => rulesApi.list(undefined, signal), []);
  const { data, error, isLoading, reload, setData } = useResource(load);
  const replace = (next: RuleSetData) => setData((list) => (list ? { ...list, data: list.data.map((s) => (s.key === next.key ? next : s)) } : list));
  return (
    <PageContainer
      title="规则设置"
      subTitle={data ? `${data.divisionName} · 未设定的项沿用市、省或系统默认值` : undefined}
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload} loading={isLoading}>
          刷新
        </Button>
      }
    >
      {error ? <Alert type="error" showIcon message={errorText(error, '加载规则设置失败')} style={{ marginBottom: 16 }} /> : null}
      {data && !data.canManage && <Alert type="info" showIcon message="您可以查看本地区生效的规则；修改由本级发改局进行。" style={{ marginBottom: 16 }} />}
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message="项目滞后的判定（计划完成比例、连续未投资月数）在「月报调度 · 报送期」页的「调度设置」中修改。" />
      {data?.data.map((set) => <RuleSetCard key={set.key} set={set} divisionCode={data.divisionCode} canManage={data.canManage} onSaved={replace} />)}
    </PageContainer>
  );
}
