import { Alert, Button, Card, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { LOGIN_PATH, useSession } from '../auth/session';
import { ChangePasswordForm } from '../components/change-password-form';
import { LogoMark } from '../components/logo-mark';

/** Stand-alone password change; the only page a user with `mustChangePassword` may reach. */
export function ChangePasswordPage() {
  const { me, logout } = useSession();
  const navigate = useNavigate();
  if (!me) return <Navigate to={LOGIN_PATH} replace />;

  return (
    <div style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24, background: '#eef2f7' }}>
      <div style={{ width: 440, maxWidth: '100%' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 10, marginBottom: 20, justifyContent: 'center' }}>
          <LogoMark size={36} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            Groundwork 县域项目建设全生命周期管理平台
          </Typography.Text>
        </div>
        <Card title="修改密码" bordered={false} style={{ boxShadow: '0 8px 28px rgba(15, 62, 122, 0.10)' }}>
          {me.mustChangePassword && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 20 }}
              message="首次登录或密码已被重置，须先设置新密码"
              description="设置新密码后才能使用系统其他功能。"
            />
          )}
          <ChangePasswordForm onDone={() => navigate('/', { replace: true })} />
          <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 16 }}>
            <Typography.Text type="secondary">
              当前账号：{me.displayName}（{me.username}）
            </Typography.Text>
            {me.mustChangePassword ? (
              <Button type="link" size="small" onClick={() => void logout()} style={{ padding: 0 }}>
                退出登录
              </Button>
            ) : (
              <Button type="link" size="small" onClick={() => navigate(-1)} style={{ padding: 0 }}>
                返回
              </Button>
            )}
          </div>
        </Card>
      </div>
    </div>
  );
}
