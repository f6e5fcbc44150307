import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, mode: 'demo', databaseUrl: undefined });
    expect(c.dataDir).toMatch(/\.data$/);
  });
  it('explains a bad value in one line', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT /);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: 'short' })).toThrow(/32 bytes/);
  });
  it('chooses the session store: Redis when REDIS_URL is set, unless told otherwise', () => {
    expect(loadConfig({}).sessionStore).toBe('database');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).sessionStore).toBe('redis');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', SESSION_STORE: 'database' }).sessionStore).toBe(
      'database',
    );
    expect(() => loadConfig({ SESSION_STORE: 'redis' })).toThrow(/SESSION_STORE=redis needs REDIS_URL/);
    expect(() => loadConfig({ SESSION_STORE: 'memcached' })).toThrow(
      /^Invalid configuration: SESSION_STORE must be one of/,
    );
  });
  it('accepts the test-only session limits only in tests', () => {
    expect(loadConfig({ NODE_ENV: 'test', TEST_SESSION_IDLE_MS: '1500' }).sessionIdleMs).toBe(1500);
    expect(() => loadConfig({ NODE_ENV: 'production', TEST_SESSION_IDLE_MS: '1500' })).toThrow(
      /only be set when NODE_ENV=test/,
    );
  });
  it('chooses the sandbox payment provider by default, but in production only when told so explicitly', () => {
    expect(loadConfig({}).payments).toEqual({ provider: 'sandbox', sweepMs: 30_000 });
    expect(loadConfig({ PAYMENT_SWEEP_SECONDS: '0' }).payments.sweepMs).toBe(0);
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'wechat' })).toThrow(
      /^Invalid configuration: PAYMENT_PROVIDER must be one of/,
    );
    const production = {
      APP_MODE: 'production',
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      DATABASE_URL: 'postgres://db.example/yss',
    };
    expect(() => loadConfig(production)).toThrow(/APP_MODE=production needs PAYMENT_PROVIDER/);
    expect(loadConfig({ ...production, PAYMENT_PROVIDER: 'sandbox' }).payments.provider).toBe('sandbox');
  });
  it('refuses production without a key and a PostgreSQL database', () => {
    expect(() => loadConfig({ APP_MODE: 'production' })).toThrow(/DATA_ENCRYPTION_KEY is required/);
  });
});
