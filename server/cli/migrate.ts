/** `npm run db:migrate`: applies pending migrations to the configured database. */
import { readConfigOrExit } from '../platform/config';
import { openConfiguredDatabase } from '../platform/db/open-configured';

const database = await openConfiguredDatabase(readConfigOrExit());
console.log(`数据库迁移完成（${database.kind === 'embedded' ? '内置数据库' : 'PostgreSQL 服务器'}）。`);
await database.close();
