import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';

describe('settings are checked at start', () => {
  it('reads the defaults and well-formed settings', () => {
    expect(readConfig({})).toMatchObject({ port: 3000, sessionIdleMinutes: 30, sessionAbsoluteHours: 12, loadDemo: true, secureCookies: false });
    expect(readConfig({ SESSION_IDLE_MINUTES: '15', COOKIE_SECURE: 'true', DEMO: 'false', TRUST_PROXY: '2' })).toMatchObject({ sessionIdleMinutes: 15, secureCookies: true, loadDemo: false });
  });

  it('refuses a setting it cannot use instead of silently turning a control off, naming every bad one', () => {
    const read = () => readConfig({ SESSION_IDLE_MINUTES: '1min', SESSION_ABSOLUTE_HOURS: '0', COOKIE_SECURE: 'yes', PORT: '99999', TRUST_PROXY: 'maybe', DATABASE_URL: 'mysql://x' });
    expect(read).toThrow(ConfigError);
    const message = (() => {
      try {
        read();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    for (const name of ['SESSION_IDLE_MINUTES=1min', 'SESSION_ABSOLUTE_HOURS=0', 'COOKIE_SECURE=yes', 'PORT=99999', 'TRUST_PROXY=maybe', 'DATABASE_URL']) expect(message).toContain(name);
  });
});
