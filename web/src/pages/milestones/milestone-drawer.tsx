/** A drawer to add, edit (with the version read) and delete one project's milestones. */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { MILESTONE_STATUS_META, milestonesApi } from '../../api/cockpit';
import type { Milestone, ProjectMilestones } from '../../api/cockpit';
import { errorText, isVersionConflict } from '../../lib/errors';
import { dayjs } from '../../lib/format';

interface FormValues {
  name: string;
  plannedDate: Dayjs;
  actualDate?: Dayjs | null;
  ownerName: string;
  note?: string;
}

function countdown(m: Milestone): string {
  if (m.actualDate) return '';
  if (m.daysRemaining === null) return '';
  if (m.daysRemaining < 0) return `逾期 ${-m.daysRemaining} 天`;
  if (m.daysRemaining === 0) return '今天到期';
  return `剩 ${m.daysRemaining} 天`;
}

export function MilestoneDrawer({
  project,
  canManage,
  onClose,
  onChanged,
}: {
  project: { id: string; name: string } | null;
  canManage: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [answer, setAnswer] = useState<ProjectMilestones | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [editing, setEditing] = useState<Milestone | 'new' | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const load = useCallback(async () => {
    if (!project) return;
    setIsLoading(true);
    try {
      setAnswer(await milestonesApi.ofProject(project.id));
    } catch (e) {
      message.error(errorText(e, '加载里程碑失败'));
    } finally {
      setIsLoading(false);
    }
  }, [project, message]);

  useEffect(() => {
    setAnswer(null);
    setEditing(null);
    void load();
  }, [load]);

  const allowed = canManage && (answer?.canManage ?? true);

  const startEdit = (m: Milestone | 'new') => {
    setEditing(m);
    if (m === 'new') {
      form.resetFields();
    } else {
      form.setFieldsValue({ name: m.name, plannedDate: dayjs(m.plannedDate), actualDate: m.actualDate ? dayjs(m.actualDate) : null, ownerName: m.ownerName, note: m.note ?? undefined });
    }
  };

  const save = async () => {
    if (!project || !editing) return;
    const values = await form.validateFields();
    const body = {
      name: values.name.trim(),
      plannedDate: values.plannedDate.format('YYYY-MM-DD'),
      actualDate: values.actualDate ? values.actualDate.format('YYYY-MM-DD') : null,
      ownerName: values.ownerName.trim(),
      note: values.note?.trim() || null,
    };
    setIsSaving(true);
    try {
      if (editing === 'new') {
        await milestonesApi.create(project.id, body);
        message.success('已添加里程碑');
      } else {
        await milestonesApi.update(editing.id, { ...body, version: editing.version });
        message.success('已保存');
      }
      setEditing(null);
      await load();
      onChanged();
    } catch (e) {
      if (isVersionConflict(e)) {
        message.warning(errorText(e, ''));
        setEditing(null);
        await load();
      } else {
        message.error(errorText(e, '保存失败'));
      }
    } finally {
      setIsSaving(false);
    }
  };

  const remove = async (m: Milestone) => {
    try {
      await milestonesApi.remove(m.id, m.version);
      message.success('已删除');
      if (editing !== 'new' && editing?.id === m.id) setEditing(null);
      await load();
      onChanged();
    } catch (e) {
      message.error(errorText(e, '删除失败'));
      if (isVersionConflict(e)) await load();
    }
  };

  const columns: TableColumnsType<Milestone> = [
    { title: '里程碑', dataIndex: 'name', ellipsis: true },
    { title: '计划日期', dataIndex: 'plannedDate', width: 104 },
    { title: '实际日期', dataIndex: 'actualDate', width: 104, render: (v: string | null) => v ?? '—' },
    { title: '责任人', dataIndex: 'ownerName', width: 80, ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (_: unknown, m) => (
        <Space size={4}>
          <Tag color={MILESTONE_STATUS_META[m.status].tag} bordered={false} style={{ marginInlineEnd: 0 }}>
            {m.statusLabel}
          </Tag>
          <Typography.Text type={m.daysRemaining !== null && m.daysRemaining < 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {countdown(m)}
          </Typography.Text>
        </Space>
      ),
    },
    ...(allowed
      ? [
          {
            title: '',
            key: 'actions',
            width: 72,
            render: (_: unknown, m: Milestone) => (
              <Space size={0}>
                <Button type="text" size="small" icon={<EditOutlined />} onClick={() => startEdit(m)} aria-label="编辑" data-testid={`milestone-edit-${m.id}`} />
                <Popconfirm title={`删除里程碑「${m.name}」？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(m)}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除" data-testid={`milestone-delete-${m.id}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open={project !== null}
      onClose={onClose}
      width={760}
      destroyOnClose
      title={
        <div style={{ minWidth: 0 }}>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{project?.name}</div>
          <div style={{ fontSize: 12, fontWeight: 400, color: '#8a94a6' }}>里程碑计划（挂图作战）</div>
        </div>
      }
      extra={project && <Link to={`/projects/${project.id}`}>项目详情</Link>}
      data-testid="milestone-drawer"
    >
      {!canManage && <Alert type="info" showIcon message="您可以查看里程碑计划；维护计划需要「里程碑管理」权限（项目单位、主管部门或发改局）。" style={{ marginBottom: 12 }} />}
      {canManage && answer && !answer.canManage && <Alert type="info" showIcon message="该项目不在您的管理范围内，只能查看。" style={{ marginBottom: 12 }} />}
      <Table size="small" rowKey="id" loading={isLoading} dataSource={answer?.data ?? []} columns={columns} pagination={false} data-testid="milestone-table" />
      {allowed && editing === null && (
        <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => startEdit('new')} data-testid="milestone-add">
          添加里程碑
        </Button>
      )}
      {allowed && editing !== null && (
        <div style={{ marginTop: 16, padding: 16, border: '1px solid #e5e9f0', borderRadius: 6, background: '#fafbfd' }}>
          <Typography.Text strong>{editing === 'new' ? '添加里程碑' : `编辑「${editing.name}」`}</Typography.Text>
          <Form form={form} layout="vertical" style={{ marginTop: 12 }} data-testid="milestone-form" requiredMark>
            <Form.Item name="name" label="里程碑名称" rules={[{ required: true, message: '请填写里程碑名称' }, { min: 2, message: '至少 2 个字' }, { max: 100 }]}>
              <Input placeholder="如：施工许可办理、主体封顶、竣工验收" maxLength={100} data-testid="milestone-name" />
            </Form.Item>
            <Space size={16} style={{ display: 'flex' }} align="start">
              <Form.Item name="plannedDate" label="计划日期" rules={[{ required: true, message: '请选择计划日期' }]}>
                <DatePicker style={{ width: 170 }} data-testid="milestone-planned" />
              </Form.Item>
              <Form.Item name="actualDate" label="实际完成日期" tooltip="完成后填写，状态即变为已完成">
                <DatePicker style={{ width: 170 }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="milestone-actual" />
              </Form.Item>
              <Form.Item name="ownerName" label="责任人" rules={[{ required: true, message: '请填写责任人' }, { max: 64 }]}>
                <Input style={{ width: 170 }} maxLength={64} data-testid="milestone-owner" />
              </Form.Item>
            </Space>
            <Form.Item name="note" label="备注" rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Space>
              <Button type="primary" loading={isSaving} onClick={() => void save()} data-testid="milestone-save">
                保存
              </Button>
              <Button onClick={() => setEditing(null)}>取消</Button>
            </Space>
          </Form>
        </div>
      )}
    </Drawer>
  );
}
