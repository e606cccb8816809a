/**
 * The embedded server's maintenance listener: a second HTTP listener bound to 127.0.0.1 on a
 * port of its own, outside the public app and its OpenAPI document. It answers one request,
 * `GET /backup` with the token of `server.json`, so that `npm run backup` can back up a
 * database that only the running server may open.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../db/client';
import { writeBackup } from './backup';
import type { DataDirClaim } from './control-file';

export const TOKEN_HEADER = 'x-groundwork-token';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Starts the listener and records its port and a fresh token in the data directory's control file. */
export async function startMaintenanceListener(options: {
  database: Database;
  dataDir: string;
  filesDir: string;
  claim: DataDirClaim;
}): Promise<{ port: number; close(): Promise<void> }> {
  const { database, dataDir, filesDir, claim } = options;
  const token = randomBytes(32).toString('base64url');
  let busy = false;

  const refuse = (res: http.ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code, message } }));
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return refuse(res, 403, 'FORBIDDEN', '仅限本机 / loopback only');
      const given = req.headers[TOKEN_HEADER];
      if (typeof given !== 'string' || !given) return refuse(res, 401, 'UNAUTHENTICATED', '缺少维护令牌 / maintenance token required');
      if (!sameToken(given, token)) return refuse(res, 403, 'FORBIDDEN', '维护令牌不正确 / wrong maintenance token');
      if (req.method !== 'GET' || req.url !== '/backup') return refuse(res, 404, 'NOT_FOUND', '接口不存在 / no such route');
      if (busy) return refuse(res, 409, 'CONFLICT', '已有备份在进行 / a backup is already running');
      busy = true;
      // Written to a file first: the snapshot (during which the embedded engine serves nobody
      // else) never waits on a slow reader.
      const temp = path.join(dataDir, `.backup-${randomBytes(6).toString('hex')}.partial`);
      try {
        const result = await writeBackup({ database, filesDir, output: fs.createWriteStream(temp, { mode: 0o600 }) });
        res.writeHead(200, {
          'content-type': 'application/gzip',
          'content-length': String(fs.statSync(temp).size),
          'x-snapshot-ms': String(result.snapshotMs),
        });
        await pipeline(fs.createReadStream(temp), res);
      } catch (error) {
        console.error(`[${new Date().toISOString()}] maintenance backup failed`, error);
        if (!res.headersSent) refuse(res, 500, 'INTERNAL', '备份失败，详见服务器日志 / backup failed, see the server log');
        else res.destroy();
      } finally {
        fs.rmSync(temp, { force: true });
        busy = false;
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  claim.update({ port, token });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
