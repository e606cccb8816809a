import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormDigit, ProFormSelect, ProFormSwitch, ProFormText, ProFormTextArea, ProTable } from '@ant-design/pro-components';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Col, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatThresholdWan } from '../../../../common/amounts';
import { LIBRARY_KIND_LABELS, LIBRARY_KINDS } from '../../../../common/projects';
import type { LibraryKind } from '../../../../common/projects';
import { api } from '../../api/client';
import { useUnitOptions } from '../../api/projects';
import type { LibrariesAnswer, Library, ReserveRatio } from '../../api/projects';
import { errorText, isVersionConflict } from '../../lib/errors';
import { ProcedureTemplatesCard } from './procedure-templates-card';

interface LibraryFormValues {
  name: string;
  kind: LibraryKind;
  ownerUnitId?: string;
  entryCriteria?: string;
  sortOrder?: number;
  isActive?: boolean;
}

function RatioCard({ ratio }: { ratio: ReserveRatio | undefined }) {
  if (!ratio) {
    return (
      <Card bordered={false} title="项目储备健康度" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">暂无数据</Typography.Text>
      </Card>
    );
  }
  const value = ratio.ratio === null ? null : Number(ratio.ratio);
  const percent = value === null ? 0 : Math.min(100, (value / ratio.target) * 100);
  return (
    <Card bordered={false} title="项目储备健康度" style={{ marginBottom: 16 }} data-testid="reserve-ratio">
      {ratio.isBelowTarget && (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 16 }}
          data-testid="reserve-ratio-warning"
          message={`项目储备不足：储备项目数仅为本年实施项目数的 ${ratio.ratio ?? '—'} 倍，低于 ${ratio.target} 倍的要求`}
          description={`按「储备一批、实施一批」要求，储备项目应不少于本年实施项目的 ${ratio.target} 倍，请各部门、乡镇加大项目谋划储备力度。`}
        />
      )}
      <Row gutter={48} align="middle">
        <Col>
          <Statistic title="储备项目数" value={ratio.reserveCount} suffix="个" />
        </Col>
        <Col>
          <Statistic title="本年实施项目数" value={ratio.implementedCount} suffix="个" />
        </Col>
        <Col>
          <Statistic
            title="储备比（储备 ÷ 实施）"
            value={ratio.ratio ?? '—'}
            suffix={`倍 / 目标 ≥ ${ratio.target}`}
            valueStyle={{ color: ratio.isBelowTarget ? '#cf1322' : '#1d6f42' }}
          />
        </Col>
        <Col flex="auto" style={{ minWidth: 200 }}>
          <Progress percent={percent} showInfo={false} status={ratio.isBelowTarget ? 'exception' : 'success'} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            只统计总投资 {formatThresholdWan(ratio.countedMinWan)}以上的项目
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}

/** 项目库设置: the "4+X" libraries and the reserve health ratio. */
export function LibrariesPage() {
  const { message } = App.useApp();
  const actionRef = useRef<ActionType>();
  const [ratio, setRatio] = useState<ReserveRatio | undefined>();
  const [editing, setEditing] = useState<Library | 'new' | null>(null);
  const units = useUnitOptions(null);
  const current = editing === 'new' ? null : editing;

  const columns: ProColumns<Library>[] = [
    { title: '排序', dataIndex: 'sortOrder', width: 60, align: 'right' },
    {
      title: '项目库名称',
      dataIndex: 'name',
      render: (_, row) => <Link to={`/projects?libraryId=${row.id}`}>{row.name}</Link>,
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 90,
      render: (_, row) => <Tag color={row.kind === 'comprehensive' ? 'blue' : 'default'}>{LIBRARY_KIND_LABELS[row.kind as LibraryKind] ?? row.kind}</Tag>,
    },
    { title: '管理单位', dataIndex: 'ownerUnitName', width: 180, ellipsis: true, renderText: (v: string | null) => v || '—' },
    { title: '入库条件', dataIndex: 'entryCriteria', ellipsis: true, renderText: (v: string | null) => v || '—' },
    { title: '项目数', dataIndex: 'projectCount', width: 80, align: 'right' },
    { title: '状态', dataIndex: 'isActive', width: 80, render: (_, row) => (row.isActive ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
    {
      title: '操作',
      valueType: 'option',
      width: 80,
      render: (_, row) => [
        <a key="edit" onClick={() => setEditing(row)} data-testid={`library-edit-${row.id}`}>
          编辑
        </a>,
      ],
    },
  ];

  const onFinish = async (values: LibraryFormValues) => {
    const fields = {
      name: values.name.trim(),
      kind: values.kind,
      ownerUnitId: values.ownerUnitId ?? null,
      entryCriteria: values.entryCriteria?.trim() || null,
      sortOrder: values.sortOrder ?? 0,
    };
    try {
      if (current) {
        await api(`/api/libraries/${current.id}`, { method: 'PATCH', body: { ...fields, isActive: values.isActive ?? true, version: current.version } });
        message.success('项目库已保存');
      } else {
        const body = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
        await api('/api/libraries', { method: 'POST', body });
        message.success('项目库已新建');
      }
      actionRef.current?.reload();
      return true;
    } catch (error) {
      message.error(errorText(error, '保存失败'));
      if (isVersionConflict(error)) {
        actionRef.current?.reload();
        return true;
      }
      return false;
    }
  };

  return (
    <PageContainer title="项目库设置" subTitle="三个综合库（3341、中央预算内投资、招商引资）加若干行业库，一个项目可同时在多个库">
      <RatioCard ratio={ratio} />
      <ProTable<Library>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        cardBordered={false}
        headerTitle="项目库"
        search={false}
        pagination={false}
        options={{ density: false, setting: false, reload: true }}
        request={async () => {
          const answer = await api<LibrariesAnswer>('/api/libraries');
          setRatio(answer.reserveRatio);
          return { data: answer.data, total: answer.data.length, success: true };
        }}
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="library-create">
            新建项目库
          </Button>,
        ]}
      />
      <ProcedureTemplatesCard />
      <ModalForm<LibraryFormValues>
        title={current ? `编辑项目库：${current.name}` : '新建项目库'}
        open={editing !== null}
        width={600}
        grid
        rowProps={{ gutter: 16 }}
        modalProps={{ destroyOnClose: true, onCancel: () => setEditing(null), maskClosable: false }}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
        initialValues={
          current
            ? {
                name: current.name,
                kind: current.kind as LibraryKind,
                ownerUnitId: current.ownerUnitId ?? undefined,
                entryCriteria: current.entryCriteria ?? undefined,
                sortOrder: current.sortOrder,
                isActive: current.isActive,
              }
            : { kind: 'sector', sortOrder: 0, isActive: true }
        }
        onFinish={onFinish}
      >
        <ProFormText
          name="name"
          label="名称"
          colProps={{ span: 16 }}
          fieldProps={{ 'data-testid': 'library-name' } as object}
          rules={[{ required: true, whitespace: true, message: '请输入项目库名称' }, { min: 2, message: '名称至少 2 个字' }, { max: 64 }]}
          placeholder="如：文旅项目库"
        />
        <ProFormSelect
          name="kind"
          label="类型"
          colProps={{ span: 8 }}
          options={LIBRARY_KINDS.map((k) => ({ value: k, label: LIBRARY_KIND_LABELS[k] }))}
          rules={[{ required: true, message: '请选择类型' }]}
        />
        <ProFormSelect
          name="ownerUnitId"
          label="管理单位"
          colProps={{ span: 16 }}
          showSearch
          allowClear
          options={units}
          fieldProps={{ optionFilterProp: 'label' }}
          placeholder="如：县文旅局"
        />
        <ProFormDigit name="sortOrder" label="排序号" colProps={{ span: 8 }} min={0} max={9999} fieldProps={{ precision: 0 }} />
        <ProFormTextArea name="entryCriteria" label="入库条件" colProps={{ span: 24 }} fieldProps={{ rows: 3, maxLength: 2000 }} placeholder="如：总投资 500 万元以上，已完成项目建议书" />
        {current && <ProFormSwitch name="isActive" label="启用" colProps={{ span: 12 }} checkedChildren="启用" unCheckedChildren="停用" />}
      </ModalForm>
    </PageContainer>
  );
}
