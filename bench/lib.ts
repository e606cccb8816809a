/** Small tools for the benchmarks: timing stats, a child server, an HTTP session, peak RSS. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** p50 / p95 / max of durations in milliseconds. */
export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1]) };
}

export const round = (x: number) => Math.round(x * 10) / 10;

/** Peak resident set size of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Current resident set size of a process, in MB. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Starts `server/main.ts` with the given environment (and Node flags, e.g. `--cpu-prof`); resolves with its URL when it prints its banner. */
export function startServer(env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<{ child: ChildProcess; url: string; startMs: number; stop: () => Promise<void> }> {
  const started = Date.now();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 600_000);
    child.stdout!.on('data', () => {
      const match = /地址：(http:\/\/localhost:\d+)/.exec(out);
      // The banner is several writes: wait for its last line.
      if (!match || !out.includes('按 Ctrl-C 停止')) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1].replace('localhost', '127.0.0.1'),
        startMs: Date.now() - started,
        stop: () =>
          new Promise<void>((done) => {
            child.on('exit', () => done());
            child.kill('SIGINT');
          }),
      });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

/** A logged-in HTTP session against a running server. */
export class Session {
  private cookie = '';
  private csrf = '';
  constructor(readonly url: string) {}

  async login(username: string, password = 'Demo@2026'): Promise<this> {
    const res = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    this.cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return this;
  }

  /** The session cookie, for a load generator that sends its own requests. */
  get cookieHeader(): string {
    return this.cookie;
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.url}${path}`, { headers: { cookie: this.cookie } });
  }

  post(path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, { method: 'POST', headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...headers }, body });
  }

  /** Times `count` sequential GETs of each path (after a warm-up), failing on any non-200. */
  async timeGets(paths: string[], count: number): Promise<Stats> {
    const samples: number[] = [];
    for (const path of paths) await (await this.get(path)).arrayBuffer();
    for (let i = 0; i < count; i++) {
      const path = paths[i % paths.length];
      const t = performance.now();
      const res = await this.get(path);
      await res.arrayBuffer();
      samples.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    }
    return stats(samples);
  }
}

/** Runs a command to completion, inheriting output; rejects on a non-zero exit. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

export interface Throughput {
  connections: number;
  seconds: number;
  /** Completed 2xx responses per second over the run. */
  requestsPerSecond: number;
  latency: { p50: number; p97_5: number; p99: number; max: number };
  /** Responses other than 2xx, connection errors and timeouts: any of them fails the run. */
  failures: number;
  /** What the failures were, for the message. */
  failureDetail: string;
  /** The server's highest resident set size sampled during the run, in MB. */
  peakRssMb: number;
}

/**
 * Drives `paths` (in turn, per connection) with `connections` concurrent keep-alive clients
 * on loopback for `seconds`, sampling the server's RSS every 200 ms.
 */
export async function throughput(session: Session, paths: string[], connections: number, seconds: number, serverPid: number): Promise<Throughput> {
  let peak = rssMb(serverPid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(serverPid))), 200);
  try {
    const result = await autocannon({
      url: session.url,
      connections,
      duration: seconds,
      // A response slower than this counts as failed; slow is measured, not hidden, below it.
      timeout: 30,
      headers: { cookie: session.cookieHeader },
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    return {
      connections,
      seconds,
      requestsPerSecond: Math.round(result['2xx'] / result.duration),
      latency: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
      failures: result.non2xx + result.errors + result.timeouts,
      failureDetail: `non-2xx ${result.non2xx} ${JSON.stringify(result.statusCodeStats ?? {})}, errors ${result.errors}, timeouts ${result.timeouts}`,
      peakRssMb: Math.max(peak, rssMb(serverPid)),
    };
  } finally {
    clearInterval(sampler);
  }
}
