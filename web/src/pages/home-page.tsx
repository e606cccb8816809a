import { PageContainer } from '@ant-design/pro-components';
import { Card, Col, Descriptions, Empty, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { DATA_SCOPE_LABELS, ROLE_LABELS } from '../../../common/roles';
import { useSession } from '../auth/session';
import { menuFor } from '../layout/sections';
import { greetingForNow } from '../lib/format';
import { HeadlinePanel, InboxPanel, MyProjectsPanel, TodoPanel } from './home-panels';

/**
 * 工作台: who the user is, then what their permissions make useful — the headline figures
 * for readers of the summary, their to-dos and reminders, a 项目单位's own projects — and
 * the pages they may open (for an administrator: the system pages).
 */
export function HomePage() {
  const { me } = useSession();
  if (!me) return null;
  const groups = menuFor(me);
  const sections = groups.flatMap((g) => g.sections);
  const groupOf = (key: string) => groups.find((g) => g.sections.some((s) => s.key === key))?.name ?? '';
  const roleLabel = ROLE_LABELS[me.role] ?? me.roleLabel;
  const readsFigures = me.permissions.includes('summary.read');
  const hasTodos = (['report.fill', 'report.review', 'library.review', 'procedure.update'] as const).some((p) => me.permissions.includes(p));
  const hasProjects = me.dataScope === 'project';
  const inboxSpan = hasProjects && hasTodos ? 7 : hasProjects || hasTodos ? 12 : 24;
  const headline = (
    <div style={{ marginBottom: 16 }}>
      <HeadlinePanel me={me} />
    </div>
  );

  return (
    <PageContainer title={false}>
      <Card bordered={false} style={{ marginBottom: 16 }} styles={{ body: { padding: '24px 28px' } }}>
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 16 }} data-testid="home-greeting">
          {greetingForNow()}，{me.displayName}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
          <Descriptions.Item label="角色">{roleLabel}</Descriptions.Item>
          <Descriptions.Item label="所在单位">{me.unitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="行政区划">{me.divisionName ?? me.divisionCode}</Descriptions.Item>
          <Descriptions.Item label="数据范围">{DATA_SCOPE_LABELS[me.dataScope] ?? me.dataScope}</Descriptions.Item>
        </Descriptions>
      </Card>

      {/* A leader's figures come first; a clerk's to-dos come before the figures. */}
      {readsFigures && !hasTodos && headline}

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {hasProjects && (
          <Col xs={24} xl={hasTodos ? 10 : 12}>
            <MyProjectsPanel me={me} />
          </Col>
        )}
        {hasTodos && (
          <Col xs={24} xl={hasProjects ? 7 : 12}>
            <TodoPanel me={me} />
          </Col>
        )}
        <Col xs={24} xl={inboxSpan}>
          <InboxPanel />
        </Col>
      </Row>

      {readsFigures && hasTodos && headline}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title="我的功能" bordered={false} style={{ height: '100%' }}>
            {sections.length === 0 ? (
              <Empty description="您的角色暂无可用的管理功能，业务模块上线后将在此显示" />
            ) : (
              <Row gutter={[16, 16]}>
                {sections.map((section) => (
                  <Col key={section.key} xs={24} md={12}>
                    <Link to={section.path} data-testid={`home-card-${section.key}`} style={{ display: 'block', height: '100%' }}>
                      <Card hoverable size="small" style={{ height: '100%' }} styles={{ body: { padding: 16 } }}>
                        <div style={{ display: 'flex', gap: 14, alignItems: 'flex-start' }}>
                          <div
                            style={{
                              width: 40,
                              height: 40,
                              borderRadius: 8,
                              background: '#e8f0fb',
                              color: '#1d5fb3',
                              fontSize: 20,
                              display: 'flex',
                              alignItems: 'center',
                              justifyContent: 'center',
                              flex: 'none',
                            }}
                          >
                            {section.icon}
                          </div>
                          <div style={{ minWidth: 0 }}>
                            <Typography.Text strong>{section.name}</Typography.Text>
                            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                              {groupOf(section.key)}
                            </Typography.Text>
                            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
                              {section.description}
                            </Typography.Paragraph>
                          </div>
                        </div>
                      </Card>
                    </Link>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="系统说明" bordered={false} style={{ height: '100%' }}>
            <Typography.Paragraph style={{ marginTop: 0 }}>
              本平台服务于县域项目建设全生命周期管理：项目谋划与入库、向上争取资金、招商引资、开工建设与月报、督查整改及目标考核。
            </Typography.Paragraph>
            <Typography.Paragraph>
              已开放：项目库（“4+X”入库审核、全生命周期阶段管理、前期手续、台账导入导出）、月报调度与月度汇总、挂图作战、目标任务、领导驾驶舱、组织机构、用户与权限、审计日志。招商引资、督查考核等模块将陆续上线，上线后按权限自动出现在左侧菜单中。
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
              所有数据按角色与数据范围授权访问，所有写操作均记录审计日志。长时间未操作将自动退出登录，请妥善保管账号密码。
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
