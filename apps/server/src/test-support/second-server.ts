import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { TestApp } from './test-app.js';

/**
 * Another server copy on the test app's database and data folder (what a restarted copy is), with the test app's
 * quiet settings and background jobs off; `env` adds or overrides settings (e.g. other data keys).
 */
export function secondServer(t: TestApp, env: Record<string, string> = {}) {
  return buildApp(
    loadConfig({
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('VITEST'))),
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: t.config.dataDir,
      CITIZEN_DIST: '',
      CONSOLE_DIST: '',
      TRUST_PROXY: 'true',
      SMS_RESEND_SECONDS: '1',
      PAYMENT_SWEEP_SECONDS: '0',
      APPOINTMENT_REMINDER_SECONDS: '0',
      APPOINTMENT_NO_SHOW_SECONDS: '0',
      CASE_FULFILMENT_SECONDS: '0',
      BACKUP_INTERVAL_HOURS: '0',
      DATA_ENCRYPTION_KEY: (t.config.dataEncryptionKey as Buffer).toString('base64'),
      ...env,
    }),
    { database: t.database, prepare: false },
  );
}
