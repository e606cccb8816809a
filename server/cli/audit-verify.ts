/** `npm run audit:verify`: walks every division's audit chain; exits 1 when any entry was altered or removed. */
import { verifyAuditChain } from '../platform/audit/audit.service';
import { readConfigOrExit } from '../platform/config';
import { openConfiguredDatabase } from '../platform/db/open-configured';

const database = await openConfiguredDatabase(readConfigOrExit());
const { entries, problems } = await verifyAuditChain(database);
await database.close();
if (problems.length === 0) {
  console.log(`审计链校验通过：共 ${entries} 条记录，未发现篡改或删除。`);
} else {
  console.error(`审计链校验失败：共 ${entries} 条记录，发现 ${problems.length} 处问题：`);
  for (const p of problems) console.error(`  行政区划 ${p.divisionCode} 第 ${p.seq} 条：${p.problem}`);
  process.exitCode = 1;
}
