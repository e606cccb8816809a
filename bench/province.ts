/**
 * The PostgreSQL half of the bench, run inside scripts/with-postgres.sh: creates a database,
 * measures, writes a JSON fragment. With DATABASE_PARTITIONS the business tables are
 * hash-partitioned by division_code (the layout a distributed database imposes).
 */
import fs from 'node:fs';
import { openDatabase } from '../server/platform/db/client';
import { withDatabase } from '../tests/support/global-setup';
import { provincePostgres } from './scenarios';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set (run through scripts/with-postgres.sh)');
const admin = await openDatabase({ url, poolSize: 1 });
await admin.query('drop database if exists gw_bench');
await admin.query('create database gw_bench');
await admin.close();
const partitions = process.env.DATABASE_PARTITIONS;
const results = await provincePostgres(withDatabase(url, 'gw_bench'), partitions ? `province, ${partitions} hash partitions` : 'province');
fs.writeFileSync(process.argv[2], JSON.stringify(results));
