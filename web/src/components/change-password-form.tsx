import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { passwordWeakness, PASSWORD_MIN_LENGTH } from '../../../common/password-policy';
import { api, isApiError } from '../api/client';
import { LOGIN_PATH, useSession } from '../auth/session';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Current + new + confirm, checked by the shared policy, then POST /api/auth/password. */
export function ChangePasswordForm({ onDone, submitText = '确认修改' }: { onDone: () => void; submitText?: string }) {
  const { me, refresh } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordValues>();
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onFinish = async (values: PasswordValues) => {
    setIsSubmitting(true);
    try {
      await api<void>('/api/auth/password', {
        method: 'POST',
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      form.resetFields();
      const user = await refresh();
      if (user) {
        message.success('密码已修改');
        onDone();
      } else {
        message.success('密码已修改，请使用新密码重新登录');
        navigate(LOGIN_PATH, { replace: true });
      }
    } catch (error) {
      if (isApiError(error) && error.field) {
        const field = error.field === 'currentPassword' || error.field === 'newPassword' ? error.field : null;
        if (field) {
          form.setFields([{ name: field, errors: [error.message] }]);
          return;
        }
      }
      message.error(isApiError(error) ? error.message : '修改密码失败');
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Form<PasswordValues> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
      <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        extra={`至少 ${PASSWORD_MIN_LENGTH} 位，包含大写字母、小写字母、数字、特殊字符中的至少三类，且不含用户名`}
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: (_, value: string | undefined) => {
              if (!value) return Promise.resolve();
              const weakness = passwordWeakness(value, me?.username);
              return weakness ? Promise.reject(new Error(weakness)) : Promise.resolve();
            },
          },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              value && value === getFieldValue('currentPassword')
                ? Promise.reject(new Error('新密码不能与当前密码相同'))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={isSubmitting} data-testid="password-submit">
          {submitText}
        </Button>
      </Form.Item>
    </Form>
  );
}
