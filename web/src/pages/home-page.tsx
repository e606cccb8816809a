import { PageContainer } from '@ant-design/pro-components';
import { Card, Col, Descriptions, Empty, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { DATA_SCOPE_LABELS, ROLE_LABELS } from '../../../common/roles';
import { useSession } from '../auth/session';
import { SECTION_GROUPS, visibleSections } from '../layout/sections';
import { greetingForNow } from '../lib/format';

/** 工作台: who the user is, the sections they may use, and a note on the system. */
export function HomePage() {
  const { me } = useSession();
  if (!me) return null;
  const sections = visibleSections(me.permissions);
  const groupOf = (key: string) => SECTION_GROUPS.find((g) => g.sections.some((s) => s.key === key))?.name ?? '';
  const roleLabel = ROLE_LABELS[me.role] ?? me.roleLabel;

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
              已开放：项目库（“4+X”入库审核、全生命周期阶段管理、前期手续、台账导入导出）、组织机构、用户与权限、审计日志。月报调度、招商引资、督查考核等模块将陆续上线，上线后按角色自动出现在左侧菜单中。
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
