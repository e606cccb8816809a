/** Form rules of an initial or new password, shared by 用户管理 and 新增县区. */
import { passwordWeakness, PASSWORD_MIN_LENGTH } from '../../../../common/password-policy';

export const PASSWORD_HINT = `至少 ${PASSWORD_MIN_LENGTH} 位，含大写字母、小写字母、数字、特殊字符中的至少三类，且不含用户名`;

/** Form rules for a new password, checked by the shared policy against the account's username. */
export function passwordRules(username: () => string | undefined) {
  return [
    { required: true, message: '请输入密码' },
    {
      validator: (_: unknown, value: string | undefined) => {
        if (!value) return Promise.resolve();
        const weakness = passwordWeakness(value, username());
        return weakness ? Promise.reject(new Error(weakness)) : Promise.resolve();
      },
    },
  ];
}

/** Form rules of the field that repeats `field`. */
export function confirmRules(field: string) {
  return [
    { required: true, message: '请再次输入密码' },
    ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
      validator: (_: unknown, value: string | undefined) =>
        !value || value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
    }),
  ];
}
