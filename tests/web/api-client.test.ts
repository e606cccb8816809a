import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, isApiError } from '../../web/src/api/client';

/** A fetch that never answers until its signal aborts, as a slow server would. */
function hangingFetch() {
  return vi.fn((_url: string, init?: RequestInit) => {
    return new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    });
  });
}

describe('api() cancellation', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('hands the signal to fetch and rejects with the abort, not an API error', async () => {
    const fetch = hangingFetch();
    vi.stubGlobal('fetch', fetch);
    const controller = new AbortController();
    const call = api('/api/monthly-reports', { query: { period: '2026-01' }, signal: controller.signal });
    controller.abort();
    const reason = await call.catch((error: unknown) => error);
    expect(fetch.mock.calls[0][1]?.signal).toBe(controller.signal);
    expect(isApiError(reason)).toBe(false);
    expect((reason as Error).name).toBe('AbortError');
  });

  it('still reports a failed connection as a network error when nothing was cancelled', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('fetch failed'))));
    const reason = await api('/api/me').catch((error: unknown) => error);
    expect(isApiError(reason, 'NETWORK')).toBe(true);
  });
});
