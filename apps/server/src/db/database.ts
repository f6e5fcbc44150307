import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { withNamedStatements } from './named-statements.js';
import { PGliteDialect } from './pglite-dialect.js';
import { lockDataDir } from './pglite-lock.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /** 'pglite' (embedded) or 'postgres' (DATABASE_URL). */
  engine: 'pglite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole cluster as a tarball (see `pgliteLoadDataDir`). */
  dump?: () => Promise<Blob>;
  /**
   * PostgreSQL only: take a session-level advisory lock on a connection of its own, held until released (or the
   * connection ends); undefined when another session holds it in a conflicting mode. What lets a maintenance
   * command tell that server copies are running (they hold it shared). PGlite needs none: one process per folder.
   */
  sessionLock?: (key: number, mode: 'shared' | 'exclusive') => Promise<SessionLock | undefined>;
}

export interface SessionLock {
  release(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite's files, or 'memory://' for a throwaway database (tests). */
  pgliteDataDir?: string;
  /** PostgreSQL only: schema to work in (tests isolate each suite in its own schema). */
  searchPath?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * PGlite only: start from this dump (`dumpDataDir()`) instead of an empty cluster. Skips initdb, which
   * dominates opening a fresh in-memory database (tests open many).
   */
  pgliteLoadDataDir?: Blob;
}

// Return int8/numeric as JS numbers where they fit: our counts and money amounts are well within 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    // An idle client's connection can drop (server restart, failover, admin termination). node-postgres
    // reports that as an 'error' event on the pool; unhandled, it would crash the process. The pool
    // replaces the client on its next checkout, so logging is all that is needed here.
    pool.on('error', (err) => {
      process.emitWarning(`PostgreSQL idle connection lost: ${err.message}`);
    });
    // pg-pool's end() resolves once it has asked its clients to close, before their sockets have: close() waits
    // for every connection to be gone, so that what follows (a process exiting, a database being dropped) never
    // cuts one still closing — a forced drop of a test database did, and the pool warned of lost connections.
    let connections = 0;
    pool.on('connect', () => connections++);
    pool.on('remove', () => connections--);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
    const handle: DatabaseHandle = {
      db,
      engine: 'postgres',
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: async () => {
        await db.destroy();
        while (connections > 0) await once(pool, 'remove');
      },
      sessionLock: async (key, mode) => {
        const client = new pg.Client({
          connectionString: options.databaseUrl,
          ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
        });
        // A dropped connection frees the lock; the holder cannot do anything about it but carry on.
        client.on('error', (err) => process.emitWarning(`PostgreSQL lock connection lost: ${err.message}`));
        await client.connect();
        const fn = mode === 'shared' ? 'pg_try_advisory_lock_shared' : 'pg_try_advisory_lock';
        const { rows } = await client.query<{ ok: boolean }>(`select ${fn}($1::bigint) as ok`, [key]);
        if (!rows[0]?.ok) {
          await client.end();
          return undefined;
        }
        return { release: () => client.end() };
      },
    };
    await handle.ping();
    return handle;
  }
  const dataDir = options.pgliteDataDir ?? 'memory://';
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, options.pgliteLoadDataDir ? { loadDataDir: options.pgliteLoadDataDir } : {});
  } catch (err) {
    unlock();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    db,
    engine: 'pglite',
    dump: () => client.dumpDataDir('none'),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await db.destroy();
      unlock();
    },
  };
}
