import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../api/client';
import { CHANGE_PASSWORD_PATH, useSession } from '../auth/session';
import { LogoMark } from '../components/logo-mark';
import { useIsNarrow } from '../components/use-is-narrow';
import { formatDateTime } from '../lib/format';

interface LoginValues {
  username: string;
  password: string;
}

interface LoginProblem {
  message: string;
  description?: string;
}

const FEATURES = ['项目谋划、储备与入库', '向上争取资金与政策', '招商引资全流程跟踪', '开工建设月报与调度', '督查整改与目标考核'];

/** The login page: product title, mark, and the username/password form. */
export function LoginPage() {
  const { me, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [problem, setProblem] = useState<LoginProblem | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  // On a phone (owners on site, investors) the brand panel shrinks to a header above the form.
  const isNarrow = useIsNarrow();
  const from = (location.state as { from?: string } | null)?.from;

  if (me) return <Navigate to={me.mustChangePassword ? CHANGE_PASSWORD_PATH : (from ?? '/')} replace />;

  const onFinish = async (values: LoginValues) => {
    setProblem(null);
    setIsSubmitting(true);
    try {
      const user = await login(values.username.trim(), values.password);
      navigate(user.mustChangePassword ? CHANGE_PASSWORD_PATH : (from ?? '/'), { replace: true });
    } catch (error) {
      if (isApiError(error, 'ACCOUNT_LOCKED')) {
        const until = typeof error.details?.lockedUntil === 'string' ? error.details.lockedUntil : null;
        setProblem({ message: error.message, description: until ? `解锁时间：${formatDateTime(until, 'YYYY-MM-DD HH:mm')}` : undefined });
      } else if (isApiError(error) && error.status === 401) {
        setProblem({ message: error.message || '用户名或密码错误' });
      } else {
        setProblem({ message: isApiError(error) ? error.message : '登录失败，请稍后重试' });
      }
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: isNarrow ? 12 : 24,
        background:
          'radial-gradient(circle at 15% 20%, rgba(29,95,179,0.12), transparent 45%), radial-gradient(circle at 85% 80%, rgba(245,184,46,0.10), transparent 40%), #eef2f7',
      }}
    >
      <div
        style={{
          display: 'flex',
          flexDirection: isNarrow ? 'column' : 'row',
          width: 920,
          maxWidth: '100%',
          minHeight: isNarrow ? undefined : 500,
          background: '#fff',
          borderRadius: 12,
          overflow: 'hidden',
          boxShadow: '0 12px 40px rgba(15, 62, 122, 0.12)',
        }}
      >
        <div
          style={{
            flex: isNarrow ? 'none' : '1 1 420px',
            padding: isNarrow ? '20px 20px' : '48px 44px',
            color: '#fff',
            background: 'linear-gradient(150deg, #1d5fb3 0%, #0f3e7a 100%)',
            display: 'flex',
            flexDirection: 'column',
            justifyContent: 'space-between',
          }}
        >
          <div>
            <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
              <LogoMark size={44} />
              <span style={{ fontSize: 24, fontWeight: 600, letterSpacing: 0.5 }}>Groundwork</span>
            </div>
            <h1 style={{ margin: isNarrow ? '12px 0 0' : '28px 0 12px', fontSize: isNarrow ? 18 : 22, fontWeight: 600, lineHeight: 1.5 }}>
              县域项目建设全生命周期管理平台
            </h1>
            {!isNarrow && (
              <>
                <p style={{ margin: 0, opacity: 0.85, lineHeight: 1.8 }}>
                  从谋划储备到竣工投产，一个平台贯通项目建设全过程。
                </p>
                <ul style={{ margin: '28px 0 0', padding: 0, listStyle: 'none', lineHeight: 2.2, opacity: 0.92 }}>
                  {FEATURES.map((feature) => (
                    <li key={feature} style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
                      <span style={{ width: 6, height: 6, borderRadius: 3, background: '#f5b82e' }} />
                      {feature}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
          {!isNarrow && <div style={{ fontSize: 12, opacity: 0.7 }}>仅限授权人员使用，所有操作均记录审计日志</div>}
        </div>

        <div style={{ flex: isNarrow ? 'none' : '1 1 420px', padding: isNarrow ? '24px 20px' : '56px 48px', display: 'flex', flexDirection: 'column', justifyContent: 'center' }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            账号登录
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 28 }}>
            请使用单位分配的账号登录
          </Typography.Paragraph>
          {problem && (
            <Alert
              type="error"
              showIcon
              message={problem.message}
              description={problem.description}
              style={{ marginBottom: 20 }}
              data-testid="login-error"
            />
          )}
          <Form<LoginValues> layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
            <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8, marginTop: 8 }}>
              <Button type="primary" htmlType="submit" block loading={isSubmitting} data-testid="login-submit">
                登 录
              </Button>
            </Form.Item>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            忘记密码请联系本单位系统管理员重置；连续多次输错密码，账号将被临时锁定。
          </Typography.Text>
        </div>
      </div>
    </div>
  );
}
