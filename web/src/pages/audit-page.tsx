import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Col, Modal, Result, Row, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ROLE_LABELS } from '../../../common/roles';
import type { Role } from '../../../common/roles';
// The closed list of audited actions is defined once, in common/.
import { AUDIT_ACTIONS, AUDIT_ENTITY_LABELS } from '../../../common/audit-actions';
import { api, isApiError } from '../api/client';
import type { Page } from '../api/client';
import { useAllUsers } from '../api/lists';
import type { AuditEntry, AuditVerifyResult } from '../api/types';
import { useSession } from '../auth/session';
import { ListPage } from '../components/list-page';
import { dayjs, formatDateTime, TIME_ZONE } from '../lib/format';

const ACTION_ENUM = Object.fromEntries(Object.entries(AUDIT_ACTIONS).map(([key, label]) => [key, { text: label }]));
const ENTITY_ENUM = Object.fromEntries(Object.entries(AUDIT_ENTITY_LABELS).map(([key, label]) => [key, { text: label }]));

function toIso(value: unknown): string | undefined {
  if (!value) return undefined;
  const parsed = dayjs.tz(String(value), TIME_ZONE);
  return parsed.isValid() ? parsed.toISOString() : undefined;
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {title}
      </Typography.Text>
      {value === null || value === undefined ? (
        <div className="gw-json" style={{ color: '#8a94a6' }}>
          （无）
        </div>
      ) : (
        <pre className="gw-json">{JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  );
}

function VerifyResultView({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return <Result status="success" title="审计链完整" subTitle={`共校验 ${result.entries} 条记录，未发现篡改或缺失。`} />;
  }
  return (
    <>
      <Alert
        type="error"
        showIcon
        message="审计链校验未通过"
        description={`共校验 ${result.entries} 条记录，发现 ${result.problems.length} 处问题，请立即报告安全管理员。`}
        style={{ marginBottom: 16 }}
      />
      <Table
        size="small"
        rowKey={(row) => `${row.divisionCode}-${row.seq}-${row.problem}`}
        dataSource={result.problems}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '行政区划', dataIndex: 'divisionCode', width: 120 },
          { title: '序号', dataIndex: 'seq', width: 90 },
          { title: '问题', dataIndex: 'problem' },
        ]}
      />
    </>
  );
}

/** 审计日志: every write, with before/after and a check of the tamper-evident chain. */
export function AuditPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const { users } = useAllUsers(can('user.read'));
  const [isVerifying, setIsVerifying] = useState(false);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyResult | null>(null);
  const userEnum = useMemo(
    () => Object.fromEntries(users.map((u) => [u.id, { text: `${u.displayName}（${u.username}）` }])),
    [users],
  );

  const verify = async () => {
    setIsVerifying(true);
    try {
      setVerifyResult(await api<AuditVerifyResult>('/api/audit/verify'));
    } catch (error) {
      message.error(isApiError(error) ? error.message : '校验失败');
    } finally {
      setIsVerifying(false);
    }
  };

  const columns: ProColumns<AuditEntry>[] = [
    { title: '时间', dataIndex: 'at', search: false, width: 170, renderText: (v: string) => formatDateTime(v) },
    {
      title: '时间范围',
      dataIndex: 'range',
      valueType: 'dateTimeRange',
      hideInTable: true,
      search: { transform: (value: [string, string]) => ({ from: toIso(value?.[0]), to: toIso(value?.[1]) }) },
    },
    {
      title: '操作人',
      dataIndex: 'actorId',
      valueType: 'select',
      valueEnum: userEnum,
      hideInSearch: users.length === 0,
      fieldProps: { showSearch: true },
      width: 110,
      render: (_, row) => row.actorName ?? '系统',
    },
    { title: '操作人姓名', dataIndex: 'actorName', hideInTable: true, fieldProps: { placeholder: '姓名或用户名' } },
    {
      title: '角色',
      dataIndex: 'actorRole',
      search: false,
      width: 110,
      renderText: (role: string | null) => (role ? (ROLE_LABELS[role as Role] ?? role) : '—'),
    },
    { title: '单位', dataIndex: 'actorUnitName', search: false, width: 200, ellipsis: true, renderText: (v: string | null) => v || '—' },
    { title: 'IP', dataIndex: 'ip', search: false, width: 130, renderText: (v: string | null) => v || '—' },
    {
      title: '操作',
      dataIndex: 'action',
      valueType: 'select',
      valueEnum: ACTION_ENUM,
      width: 110,
      render: (_, row) => row.actionLabel || row.action,
    },
    {
      title: '对象',
      dataIndex: 'entityType',
      valueType: 'select',
      valueEnum: ENTITY_ENUM,
      width: 160,
      ellipsis: true,
      // The server names the kind of record (项目, 会话, …); which record it was is in the summary.
      render: (_, row) => row.entityLabel || row.entityType,
    },
    { title: '摘要', dataIndex: 'summary', search: false, width: 280, ellipsis: true, renderText: (v: string | null) => v || '—' },
  ];

  return (
    <ListPage<AuditEntry>
      title="审计日志"
      subTitle="所有写操作留痕，哈希链防篡改"
      headerTitle="操作记录"
      rowKey={(row) => `${row.divisionCode}-${row.seq}`}
      columns={columns}
      fetchPage={(query) => api<Page<AuditEntry>>('/api/audit', { query })}
      tableProps={{
        expandable: {
          expandedRowRender: (row) => (
            <Row gutter={16} style={{ padding: '4px 8px' }}>
              <Col xs={24} md={12}>
                <JsonBlock title="修改前" value={row.before} />
              </Col>
              <Col xs={24} md={12}>
                <JsonBlock title="修改后" value={row.after} />
              </Col>
            </Row>
          ),
        },
      }}
      toolbar={[
        <Button key="verify" icon={<SafetyCertificateOutlined />} loading={isVerifying} onClick={verify} data-testid="audit-verify">
          校验审计链
        </Button>,
      ]}
    >
      <Modal title="审计链校验结果" open={verifyResult !== null} onCancel={() => setVerifyResult(null)} footer={null} width={640}>
        {verifyResult && <VerifyResultView result={verifyResult} />}
      </Modal>
    </ListPage>
  );
}
