import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, QuestionCircleOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApprovalType } from '../../../../common/projects';
import { api, isApiError } from '../../api/client';
import type { ProcedureTemplate, ProcedureTemplateItem, ProcedureTemplatesAnswer } from '../../api/projects';
import { useSession } from '../../auth/session';

const KEY_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;
const MAX_ITEMS = 30;
const NOTE = '模板修改后对新建（或变更审批类型）的项目生效，已有项目的手续清单及办理进度不变。';

/** A row being edited; `uid` keeps React rows stable while the code itself is edited. */
interface Row extends ProcedureTemplateItem {
  uid: string;
}

type Field = 'key' | 'name' | 'office';
type RowErrors = Partial<Record<Field, string>>;

let nextUid = 0;
const toRows = (items: ProcedureTemplateItem[]): Row[] => items.map((item) => ({ ...item, uid: `r${++nextUid}` }));
const toItems = (rows: Row[]): ProcedureTemplateItem[] =>
  rows.map((r) => ({ key: r.key.trim(), name: r.name.trim(), office: r.office.trim(), isRequiredForStart: r.isRequiredForStart }));
const sameItems = (a: ProcedureTemplateItem[], b: ProcedureTemplateItem[]) => JSON.stringify(a) === JSON.stringify(b);

/** The same rules as the server, so most mistakes show before saving. */
function validate(rows: Row[]): RowErrors[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.key.trim(), (counts.get(r.key.trim()) ?? 0) + 1);
  return rows.map((r) => {
    const errors: RowErrors = {};
    const key = r.key.trim();
    if (!key) errors.key = '请填写代码';
    else if (!KEY_PATTERN.test(key)) errors.key = '小写字母开头，2–32 位小写字母、数字或下划线';
    else if ((counts.get(key) ?? 0) > 1) errors.key = '代码重复';
    if (r.name.trim().length < 2) errors.name = '手续名称至少 2 个字';
    return errors;
  });
}

/** A code not used yet, for a newly added row. */
function freshKey(rows: Row[]): string {
  const used = new Set(rows.map((r) => r.key.trim()));
  let n = 1;
  while (used.has(`custom_${n}`)) n += 1;
  return `custom_${n}`;
}

/** `items.3.key` from a 400 answer → row 3, column key. */
function parseServerField(field: string | undefined): { row: number; field: Field } | null {
  const match = field?.match(/^items\.(\d+)\.(key|name|office)$/);
  return match ? { row: Number(match[1]), field: match[2] as Field } : null;
}

const FIELD_LABELS: Record<Field, string> = { key: '代码', name: '手续名称', office: '审批部门' };

function ErrorText({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <Typography.Text type="danger" style={{ fontSize: 12, display: 'block', lineHeight: '18px', marginTop: 2 }}>
      {text}
    </Typography.Text>
  );
}

interface EditorProps {
  template: ProcedureTemplate;
  rows: Row[];
  canEdit: boolean;
  isSaving: boolean;
  onChange: (rows: Row[]) => void;
  onSave: () => void;
  onDiscard: () => void;
  showAllErrors: boolean;
  serverError: { row: number; field: Field; message: string } | null;
}

function TemplateEditor({ template, rows, canEdit, isSaving, onChange, onSave, onDiscard, showAllErrors, serverError }: EditorProps) {
  const errors = useMemo(() => validate(rows), [rows]);
  const isDirty = !sameItems(toItems(rows), template.items);

  const patch = (index: number, change: Partial<ProcedureTemplateItem>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const move = (index: number, delta: -1 | 1) => {
    const next = [...rows];
    [next[index], next[index + delta]] = [next[index + delta], next[index]];
    onChange(next);
  };
  const errorOf = (index: number, field: Field): string | undefined => {
    if (serverError && serverError.row === index && serverError.field === field) return serverError.message;
    const text = errors[index]?.[field];
    if (!text) return undefined;
    // An empty new row is not shouted at until the user tries to save.
    const value = rows[index][field].trim();
    return showAllErrors || value ? text : undefined;
  };

  const columns: TableColumnsType<Row> = [
    { title: '序号', key: 'index', width: 60, align: 'center', render: (_, __, index) => index + 1 },
    {
      title: '手续名称',
      dataIndex: 'name',
      render: (value: string, _, index) =>
        canEdit ? (
          <>
            <Input
              value={value}
              maxLength={64}
              status={errorOf(index, 'name') ? 'error' : undefined}
              placeholder="如：水土保持方案"
              onChange={(e) => patch(index, { name: e.target.value })}
              data-testid={`template-name-${index}`}
            />
            <ErrorText text={errorOf(index, 'name')} />
          </>
        ) : (
          value
        ),
    },
    {
      title: (
        <Space size={4}>
          代码
          <Tooltip title="用于统计汇总（如卡点手续）。小写字母开头，可含小写字母、数字、下划线；已有手续的代码不建议修改。">
            <QuestionCircleOutlined style={{ color: '#8a94a6' }} />
          </Tooltip>
        </Space>
      ),
      dataIndex: 'key',
      width: 220,
      render: (value: string, _, index) =>
        canEdit ? (
          <>
            <Input
              value={value}
              maxLength={32}
              status={errorOf(index, 'key') ? 'error' : undefined}
              style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}
              onChange={(e) => patch(index, { key: e.target.value.toLowerCase() })}
              data-testid={`template-key-${index}`}
            />
            <ErrorText text={errorOf(index, 'key')} />
          </>
        ) : (
          <Typography.Text code>{value}</Typography.Text>
        ),
    },
    {
      title: '审批部门',
      dataIndex: 'office',
      width: 220,
      render: (value: string, _, index) =>
        canEdit ? (
          <>
            <Input
              value={value}
              maxLength={100}
              status={errorOf(index, 'office') ? 'error' : undefined}
              placeholder="如：水利局"
              onChange={(e) => patch(index, { office: e.target.value })}
              data-testid={`template-office-${index}`}
            />
            <ErrorText text={errorOf(index, 'office')} />
          </>
        ) : (
          value || '—'
        ),
    },
    {
      title: '开工前必须办结',
      dataIndex: 'isRequiredForStart',
      width: 130,
      align: 'center',
      render: (value: boolean, _, index) =>
        canEdit ? (
          <Switch checked={value} checkedChildren="是" unCheckedChildren="否" onChange={(checked) => patch(index, { isRequiredForStart: checked })} />
        ) : value ? (
          <Tag color="orange">是</Tag>
        ) : (
          <Tag>否</Tag>
        ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 120,
      align: 'center',
      render: (_, __, index) => (
        <Space size={0}>
          <Tooltip title="上移">
            <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, -1)} aria-label="上移" />
          </Tooltip>
          <Tooltip title="下移">
            <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={index === rows.length - 1} onClick={() => move(index, 1)} aria-label="下移" />
          </Tooltip>
          <Tooltip title={rows.length <= 1 ? '模板至少包含一项手续' : '删除'}>
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              disabled={rows.length <= 1}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
              aria-label="删除"
              data-testid={`template-delete-${index}`}
            />
          </Tooltip>
        </Space>
      ),
    });
  }

  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        {template.isDefault ? <Tag color="blue">默认模板</Tag> : <Tag color="green">已自定义</Tag>}
        <Typography.Text type="secondary">
          共 {rows.length} 项，其中开工前必须办结 {rows.filter((r) => r.isRequiredForStart).length} 项
        </Typography.Text>
        {isDirty && <Tag color="gold">有未保存的修改</Tag>}
        {canEdit && (
          <Space style={{ marginLeft: 'auto' }}>
            <Button
              icon={<PlusOutlined />}
              disabled={rows.length >= MAX_ITEMS}
              onClick={() => onChange([...rows, { uid: `r${++nextUid}`, key: freshKey(rows), name: '', office: '', isRequiredForStart: true }])}
              data-testid="template-add"
            >
              新增手续
            </Button>
            <Button icon={<ReloadOutlined />} disabled={!isDirty || isSaving} onClick={onDiscard} data-testid="template-discard">
              撤销修改
            </Button>
            <Button type="primary" icon={<SaveOutlined />} loading={isSaving} disabled={!isDirty} onClick={onSave} data-testid="template-save">
              保存
            </Button>
          </Space>
        )}
      </div>
      <Table<Row> rowKey="uid" size="middle" columns={columns} dataSource={rows} pagination={false} tableLayout="fixed" />
      {canEdit && rows.length >= MAX_ITEMS && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          每个模板最多 {MAX_ITEMS} 项手续。
        </Typography.Text>
      )}
    </>
  );
}

/** 前期手续模板: the checklist each new project starts with, per approval type (审批 / 核准 / 备案). */
export function ProcedureTemplatesCard() {
  const { message } = App.useApp();
  const { can } = useSession();
  const canEdit = can('library.manage');
  const [templates, setTemplates] = useState<ProcedureTemplate[] | null>(null);
  const [drafts, setDrafts] = useState<Partial<Record<ApprovalType, Row[]>>>({});
  const [active, setActive] = useState<ApprovalType>('government');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [savingType, setSavingType] = useState<ApprovalType | null>(null);
  const [showAllErrors, setShowAllErrors] = useState<Partial<Record<ApprovalType, boolean>>>({});
  const [serverError, setServerError] = useState<{ type: ApprovalType; row: number; field: Field; message: string } | null>(null);

  /** Loads the templates; with `only`, replaces just that type's draft and keeps edits on the other tabs. */
  const load = useCallback(async (only?: ApprovalType) => {
    try {
      const answer = await api<ProcedureTemplatesAnswer>('/api/procedure-templates');
      setLoadError(null);
      setTemplates(answer.data);
      setDrafts((previous) => {
        const next = { ...previous };
        for (const t of answer.data) if (!only || t.approvalType === only || !next[t.approvalType]) next[t.approvalType] = toRows(t.items);
        return next;
      });
    } catch (error) {
      setLoadError(isApiError(error) ? error.message : '前期手续模板加载失败');
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const changeRows = (type: ApprovalType, rows: Row[]) => {
    setDrafts((previous) => ({ ...previous, [type]: rows }));
    if (serverError?.type === type) setServerError(null);
  };

  const save = async (template: ProcedureTemplate) => {
    const type = template.approvalType;
    const rows = drafts[type] ?? [];
    const errors = validate(rows);
    const firstBad = errors.findIndex((e) => Object.keys(e).length > 0);
    if (rows.length === 0 || rows.length > MAX_ITEMS) {
      message.error(`模板应包含 1–${MAX_ITEMS} 项手续`);
      return;
    }
    if (firstBad >= 0) {
      setShowAllErrors((previous) => ({ ...previous, [type]: true }));
      const [field, text] = Object.entries(errors[firstBad])[0];
      message.error(`第 ${firstBad + 1} 行「${FIELD_LABELS[field as Field]}」：${text}`);
      return;
    }
    setSavingType(type);
    try {
      const saved = await api<ProcedureTemplate>(`/api/procedure-templates/${type}`, {
        method: 'PUT',
        body: { version: template.version, items: toItems(rows) },
      });
      setTemplates((previous) => previous?.map((t) => (t.approvalType === type ? saved : t)) ?? previous);
      setDrafts((previous) => ({ ...previous, [type]: toRows(saved.items) }));
      setShowAllErrors((previous) => ({ ...previous, [type]: false }));
      setServerError(null);
      message.success(`「${saved.label}」前期手续模板已保存`);
    } catch (error) {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        message.error(`${error.message}。已为您刷新为最新模板，请核对后重新修改`);
        await load(type);
      } else if (isApiError(error)) {
        const at = parseServerField(error.field);
        if (at) setServerError({ type, ...at, message: error.message.replace(/^字段 \S+：/, '') });
        message.error(at ? `第 ${at.row + 1} 行「${FIELD_LABELS[at.field]}」：${error.message.replace(/^字段 \S+：/, '')}` : error.message);
      } else {
        message.error('保存失败');
      }
    } finally {
      setSavingType(null);
    }
  };

  const discard = (template: ProcedureTemplate) => {
    setDrafts((previous) => ({ ...previous, [template.approvalType]: toRows(template.items) }));
    setShowAllErrors((previous) => ({ ...previous, [template.approvalType]: false }));
    setServerError(null);
  };

  return (
    <Card bordered={false} title="前期手续模板" style={{ marginTop: 16 }} loading={!templates && !loadError} data-testid="procedure-templates">
      <Alert type="info" showIcon message={NOTE} style={{ marginBottom: 12 }} />
      {loadError && (
        <Alert
          type="error"
          showIcon
          message={loadError}
          action={
            <Button size="small" onClick={() => void load()}>
              重试
            </Button>
          }
        />
      )}
      {templates && (
        <Tabs
          activeKey={active}
          // One editor at a time, so test ids such as `template-save` stay unique; drafts live here, not in the panes.
          destroyOnHidden
          onChange={(key) => setActive(key as ApprovalType)}
          items={templates.map((t) => {
            const rows = drafts[t.approvalType] ?? [];
            const isDirty = !sameItems(toItems(rows), t.items);
            return {
              key: t.approvalType,
              label: (
                <span data-testid={`template-tab-${t.approvalType}`}>
                  {t.label}
                  {isDirty && <span style={{ color: '#faad14', marginLeft: 4 }}>●</span>}
                </span>
              ),
              children: (
                <TemplateEditor
                  template={t}
                  rows={rows}
                  canEdit={canEdit}
                  isSaving={savingType === t.approvalType}
                  onChange={(next) => changeRows(t.approvalType, next)}
                  onSave={() => void save(t)}
                  onDiscard={() => discard(t)}
                  showAllErrors={Boolean(showAllErrors[t.approvalType])}
                  serverError={serverError?.type === t.approvalType ? serverError : null}
                />
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
