/**
 * `npm run create-admin -- --username admin --division-code 620921 --division-name 河西县`
 * Creates the first administrator of a deployment. The password is read from the
 * GW_ADMIN_PASSWORD variable or typed at the prompt (never a default), and must be changed
 * at first login.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createFirstAdmin } from '../modules/org/bootstrap';
import { readConfigOrExit } from '../platform/config';
import { openConfiguredDatabase } from '../platform/db/open-configured';
import { AppError } from '../platform/http/errors';

const { values } = parseArgs({
  options: {
    username: { type: 'string', default: 'admin' },
    'display-name': { type: 'string', default: '系统管理员' },
    'division-code': { type: 'string' },
    'division-name': { type: 'string' },
    scope: { type: 'string', default: 'all' },
  },
});
if (!values['division-code'] || !values['division-name']) {
  console.error('用法：npm run create-admin -- --username admin --division-code 620921 --division-name 河西县 [--scope all|division]');
  process.exit(2);
}

let password = process.env.GW_ADMIN_PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('请输入初始密码（至少 8 位，含大写、小写、数字、特殊字符中的三类）：');
  rl.close();
}

const database = await openConfiguredDatabase(readConfigOrExit());
try {
  await createFirstAdmin(database, {
    username: values.username!,
    displayName: values['display-name'],
    password,
    divisionCode: values['division-code'],
    divisionName: values['division-name'],
    scope: values.scope === 'division' ? 'division' : 'all',
  });
  console.log(`已创建管理员账号 ${values.username}，首次登录须修改密码。`);
} catch (error) {
  console.error(error instanceof AppError ? `创建失败：${error.message}` : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
