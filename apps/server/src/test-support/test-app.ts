import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';

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
 * schema of its own (dropped afterwards) so that test files can run in parallel on one database.
 */
export async function createTestApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yss-test-'));
  let searchPath: string | undefined;
  const databaseUrl = engine === 'postgres' ? process.env.DATABASE_URL : undefined;
  if (engine === 'postgres') {
    if (!databaseUrl) throw new Error('DATABASE_URL is needed for the postgres engine');
    searchPath = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`create schema ${searchPath}`);
    await client.end();
  }
  const database = await openDatabase({ databaseUrl, searchPath, pgliteDataDir: 'memory://', poolSize: 4 });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    CITIZEN_DIST: '',
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...env,
  });
  const app = await buildApp(config, { database });
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      if (searchPath && databaseUrl) {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(`drop schema ${searchPath} cascade`);
        await client.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
