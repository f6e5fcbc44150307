import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import type { Departments } from '../departments/registry.js';

export type Engine = 'pglite' | 'postgres';

/** The engines a suite runs on: PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
export const ENGINES: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * A fresh platform on a fresh database with the real migrations: in-memory PGlite, or on PostgreSQL a
 * database of its own (dropped afterwards), so that test files run in parallel and department schemas
 * (dept_*) never collide.
 */
export async function createTestApp(
  engine: Engine,
  env: Record<string, string> = {},
  options: { departments?: (db: DatabaseHandle['db']) => Departments } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yss-test-'));
  const adminUrl = engine === 'postgres' ? process.env.DATABASE_URL : undefined;
  let databaseUrl: string | undefined;
  let databaseName: string | undefined;
  if (engine === 'postgres') {
    if (!adminUrl) throw new Error('DATABASE_URL is needed for the postgres engine');
    databaseName = `yss_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${databaseName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
  const database = await openDatabase({ databaseUrl, pgliteDataDir: 'memory://', poolSize: 4 });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    CITIZEN_DIST: '',
    CONSOLE_DIST: '',
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...env,
  });
  const app = await buildApp(config, { database, departments: options.departments?.(database.db) });
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      if (adminUrl && databaseName) await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
