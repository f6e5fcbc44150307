import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { ADVISORY_LOCKS } from './advisory-locks.js';
import type { Db } from './database.js';

/**
 * Versioned SQL migrations: apps/server/migrations/NNNN_<module>_<what>.sql, applied in name order, each
 * in its own transaction, recorded in schema_migrations. Applied files must never change: a changed
 * checksum stops the start-up rather than leaving two databases that claim the same version.
 * They stay within PostgreSQL 15 features (PGlite runs a newer Postgres; production may not).
 */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../migrations');

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      return { version: file.replace(/\.sql$/, ''), sql: text, checksum: checksum(text) };
    });
}

/** Apply pending migrations; returns the versions applied now. Safe to run from several processes at once. */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    // Serialise concurrent starters (several server copies) on PostgreSQL; harmless on PGlite.
    await sql`select pg_advisory_lock(${sql.lit(ADVISORY_LOCKS.migrations)})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        version text primary key,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`.execute(conn);
      const rows = await sql<{ version: string; checksum: string }>`select version, checksum from schema_migrations`
        .execute(conn)
        .then((r) => r.rows);
      const applied = new Map(rows.map((r) => [r.version, r.checksum]));
      const done: string[] = [];
      for (const m of migrations) {
        const seen = applied.get(m.version);
        if (seen !== undefined) {
          if (seen !== m.checksum) {
            throw new Error(
              `migration ${m.version} was changed after it was applied (checksum ${seen} → ${m.checksum})`,
            );
          }
          continue;
        }
        await conn.transaction().execute(async (tx) => {
          await sql.raw(m.sql).execute(tx);
          await sql`insert into schema_migrations (version, checksum) values (${m.version}, ${m.checksum})`.execute(tx);
        });
        done.push(m.version);
      }
      return done;
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(ADVISORY_LOCKS.migrations)})`.execute(conn);
    }
  });
}
