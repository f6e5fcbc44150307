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
  it('refuses production without a key and a PostgreSQL database', () => {
    expect(() => loadConfig({ APP_MODE: 'production' })).toThrow(/DATA_ENCRYPTION_KEY is required/);
  });
});
