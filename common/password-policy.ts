/** Password rules of 等保 2.0 as this platform applies them; shared by the login UI and the server. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const CLASSES: RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

/** Returns a Chinese reason why the password is too weak, or null when it is acceptable. */
export function passwordWeakness(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码长度至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码长度不能超过 ${PASSWORD_MAX_LENGTH} 位`;
  const classes = CLASSES.filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
