import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEntries } from '../../platform/audit/audit.service';
import { loginFailures } from '../../platform/auth/auth.tables';
import { sessions } from '../../platform/auth/auth.tables';
import type { Database } from '../../platform/db/client';
import { buildUser, TEST_PASSWORD } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { users } from '../org/org.tables';

let database: Database;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
});
afterAll(() => database.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

describe('login', () => {
  it('logs in, answers /api/me with role, unit and permissions, and sets a HttpOnly SameSite cookie', async () => {
    const user = await buildUser(database, { role: 'admin', displayName: '张管理' });
    const client = new TestClient(app);
    const res = await client.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gw_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    client.csrfToken = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    const me = await (await client.get('/api/me')).json();
    expect(me).toMatchObject({ username: user.username, displayName: '张管理', role: 'admin', roleLabel: '系统管理员' });
    expect(me.permissions).toContain('user.manage');
  });

  it('answers unknown usernames and wrong passwords alike', async () => {
    const user = await buildUser(database);
    const wrong = await new TestClient(app).post('/api/auth/login', { username: user.username, password: 'Wrong#pass1' });
    const unknown = await new TestClient(app).post('/api/auth/login', { username: 'nobody_here', password: 'Wrong#pass1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await errorOf(wrong)).toEqual(await errorOf(unknown));
  });

  it('locks the account for 15 minutes after 5 failures, with a Chinese message saying until when', async () => {
    const user = await buildUser(database);
    const client = new TestClient(app);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.post('/api/auth/login', { username: user.username, password: 'Wrong#pass1' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const res = await client.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(423);
    const error = (await res.json()) as { error: { message: string; details: { lockedUntil: string } } };
    expect(error.error.message).toMatch(/已锁定.*后再试/);
    const minutes = (new Date(error.error.details.lockedUntil).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('lets the user in again once the lock has passed', async () => {
    const user = await buildUser(database);
    await database.db.insert(loginFailures).values({ username: user.username, count: 0, lockedUntil: new Date(Date.now() - 1000) });
    const res = await new TestClient(app).post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('refuses a 10 MB login body before parsing it', async () => {
    const big = JSON.stringify({ username: 'x', password: 'y'.repeat(10 * 1024 * 1024) });
    const res = await new TestClient(app).request('POST', '/api/auth/login', big, { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400 and a missing field with 400 naming it', async () => {
    const client = new TestClient(app);
    const malformed = await client.request('POST', '/api/auth/login', '{"username": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('MALFORMED_JSON');
    const missing = await client.post('/api/auth/login', { username: 'someone' });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
  });

  it('stores argon2id hashes, never the password', async () => {
    const user = await buildUser(database);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe('session', () => {
  it('ends the session on logout', async () => {
    const user = await buildUser(database);
    const client = await new TestClient(app).login(user.username);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('expires after 30 idle minutes', async () => {
    const user = await buildUser(database);
    const client = await new TestClient(app).login(user.username);
    await database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.userId, user.id));
    const res = await client.get('/api/me');
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('SESSION_EXPIRED');
  });

  it('expires at the absolute limit even when active', async () => {
    const user = await buildUser(database);
    const client = await new TestClient(app).login(user.username);
    await database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id));
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const user = await buildUser(database);
    const client = await new TestClient(app).login(user.username);
    const res = await client.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('CSRF_REJECTED');
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('refuses a cross-site login post by its Origin', async () => {
    const user = await buildUser(database);
    const res = await new TestClient(app).request(
      'POST',
      'http://localhost/api/auth/login',
      { username: user.username, password: TEST_PASSWORD },
      { origin: 'http://evil.example', host: 'localhost' },
    );
    expect(res.status).toBe(403);
  });
});

describe('password change', () => {
  it('forces a user created by an admin to change the password before anything else', async () => {
    const user = await buildUser(database, { mustChangePassword: true, role: 'drc' });
    const client = await new TestClient(app).login(user.username);
    expect((await (await client.get('/api/me')).json()).mustChangePassword).toBe(true);
    const blocked = await client.get('/api/units');
    expect(blocked.status).toBe(403);
    expect((await errorOf(blocked)).code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'abcdefgh' });
    expect(weak.status).toBe(400);
    expect(await errorOf(weak)).toMatchObject({ field: 'newPassword' });

    const ok = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Better#2026' });
    expect(ok.status).toBe(204);
    expect((await client.get('/api/units')).status).toBe(200);
    const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(row.mustChangePassword).toBe(false);
    await new TestClient(app).login(user.username, 'Better#2026');
  });

  it('makes a password past its 90 days be changed first, and warns in the last 14 days (等保: 口令定期更换)', async () => {
    const day = 86_400_000;
    const expired = await buildUser(database, { role: 'drc' });
    await database.db.update(users).set({ passwordChangedAt: new Date(Date.now() - 91 * day) }).where(eq(users.id, expired.id));
    const late = await new TestClient(app).login(expired.username);
    expect((await (await late.get('/api/me')).json()).mustChangePassword).toBe(true);
    expect((await errorOf(await late.get('/api/units'))).code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await late.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Renewed#2026' })).status).toBe(204);
    expect((await late.get('/api/units')).status).toBe(200);

    const soon = await buildUser(database, { role: 'drc' });
    await database.db.update(users).set({ passwordChangedAt: new Date(Date.now() - 80 * day) }).where(eq(users.id, soon.id));
    const me = await (await (await new TestClient(app).login(soon.username)).get('/api/me')).json();
    expect(me).toMatchObject({ mustChangePassword: false, passwordExpiresSoon: true });
    expect((new Date(me.passwordExpiresAt).getTime() - Date.now()) / day).toBeCloseTo(10, 0);
  });

  it('refuses any of the last 5 passwords, and takes the one before them again', async () => {
    const user = await buildUser(database);
    const client = await new TestClient(app).login(user.username);
    const passwords = [TEST_PASSWORD, 'Second#2026a', 'Third#2026ab', 'Fourth#2026a', 'Fifth#2026ab', 'Sixth#2026ab'];
    for (let i = 1; i < passwords.length; i++) {
      expect((await client.post('/api/auth/password', { currentPassword: passwords[i - 1], newPassword: passwords[i] })).status).toBe(204);
    }
    // Now 'Sixth' is current; 'Second'…'Fifth' are the four before it.
    const reused = await client.post('/api/auth/password', { currentPassword: 'Sixth#2026ab', newPassword: 'Second#2026a' });
    expect(reused.status).toBe(400);
    expect(await errorOf(reused)).toMatchObject({ field: 'newPassword', message: '新密码不能与最近 5 次使用过的密码相同' });
    expect((await client.post('/api/auth/password', { currentPassword: 'Sixth#2026ab', newPassword: TEST_PASSWORD })).status).toBe(204);
  });

  it('holds at most 5 sessions per account: a sixth login ends the least recently used one', async () => {
    const user = await buildUser(database);
    const clients: TestClient[] = [];
    for (let i = 0; i < 6; i++) clients.push(await new TestClient(app).login(user.username));
    const statuses = await Promise.all(clients.map(async (c) => (await c.get('/api/me')).status));
    expect(statuses).toEqual([401, 200, 200, 200, 200, 200]);
    const sessionsLeft = await database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(sessionsLeft).toHaveLength(5);
  });

  it('refuses a wrong current password and writes nothing', async () => {
    const user = await buildUser(database);
    const client = await new TestClient(app).login(user.username);
    const before = await countAuditEntries(database.db);
    const res = await client.post('/api/auth/password', { currentPassword: 'Nope#2026x', newPassword: 'Better#2026' });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ field: 'currentPassword' });
    expect(await countAuditEntries(database.db)).toBe(before);
  });
});

describe('login under attack (等保: 登录失败处理, 入侵防范)', () => {
  it('locks a name after five parallel guesses as after five sequential ones: a right password at position 30 of 60 does not log in', async () => {
    const user = await buildUser(database);
    const attempts = Array.from({ length: 60 }, (_, i) => new TestClient(app).post('/api/auth/login', { username: user.username, password: i === 29 ? TEST_PASSWORD : `Wrong#pass${i}` }));
    const statuses = await Promise.all(attempts.map(async (a) => (await a).status));
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThanOrEqual(55);
    // The name is locked afterwards: the right password is refused too.
    expect((await new TestClient(app).post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(423);
  });

  it('throttles one address that fails on many names, and not another address', async () => {
    const previous = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = 'true';
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': `203.0.113.7, ${ip}` });
      const names = await Promise.all(Array.from({ length: 21 }, () => buildUser(database)));
      const statuses: number[] = [];
      for (const user of names) statuses.push((await new TestClient(app).request('POST', '/api/auth/login', { username: user.username, password: 'Wrong#pass1' }, from('198.51.100.20'))).status);
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
      const throttled = await new TestClient(app).request('POST', '/api/auth/login', { username: names[0].username, password: TEST_PASSWORD }, from('198.51.100.20'));
      expect(throttled.status).toBe(429);
      expect((await errorOf(throttled)).message).toMatch(/该地址登录失败次数过多，请 \d+ 分钟后再试/);
      // Another office's address logs in; the client-written left-most entry (203.0.113.7) is not the address.
      expect((await new TestClient(app).request('POST', '/api/auth/login', { username: names[1].username, password: TEST_PASSWORD }, from('198.51.100.21'))).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = previous;
    }
  });

  it('answers a disabled account as a wrong password, whether or not the password was right', async () => {
    const user = await buildUser(database);
    await database.db.update(users).set({ isActive: false }).where(eq(users.id, user.id));
    const right = await new TestClient(app).post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    const wrong = await new TestClient(app).post('/api/auth/login', { username: user.username, password: 'Wrong#pass1' });
    expect(right.status).toBe(401);
    expect(await errorOf(right)).toEqual(await errorOf(wrong));
  });
});
