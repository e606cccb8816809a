import { afterEach, describe, expect, it } from 'vitest';
import { clientIp, trustedProxyHops } from './middleware';

const request = (forwarded: string | undefined, socket = '10.0.0.5') => ({
  req: { header: (name: string) => (name === 'x-forwarded-for' ? forwarded : undefined) },
  env: { incoming: { socket: { remoteAddress: socket } } },
});

describe('the client address recorded in the audit log', () => {
  const previous = process.env.TRUST_PROXY;
  afterEach(() => {
    if (previous === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = previous;
  });

  it('is the socket address unless a proxy is trusted', () => {
    delete process.env.TRUST_PROXY;
    expect(clientIp(request('1.2.3.4'))).toBe('10.0.0.5');
  });

  it('is the address the trusted proxy saw, never the left-most entry a client can write', () => {
    process.env.TRUST_PROXY = 'true';
    expect(clientIp(request('6.6.6.6, 198.51.100.9'))).toBe('198.51.100.9');
    process.env.TRUST_PROXY = '2';
    expect(clientIp(request('6.6.6.6, 198.51.100.9, 10.1.1.1'))).toBe('198.51.100.9');
    // Fewer entries than trusted hops: the header cannot be trusted; the socket's address.
    expect(clientIp(request('198.51.100.9'))).toBe('10.0.0.5');
  });

  it('reads the proxy setting strictly', () => {
    expect([undefined, 'false', 'yes', '0', '-1', '1.5'].map(trustedProxyHops)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(['true', '1', '3'].map(trustedProxyHops)).toEqual([1, 1, 3]);
  });
});
