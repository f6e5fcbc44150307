// Index-key rotation (docs/data-keys.md): how long the platform must stay stopped per stored index. The rotation
// rewrites N blind indexes (wrapping each with the new key, one `update … from (values …)` per batch of 500);
// the baseline, in the same run on the same database, is the data-key re-encryption of N sealed values, which
// is run beside serving copies and uses the same batched statement. Reported: indexes per second and the
// ratio to the baseline (time per row, rotation ÷ re-encryption; target ≤ 1: the stop is no longer than the
// online re-encryption of as many values). PGlite always; PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { root, scratchDatabase } from './lib.mjs';

const dist = (p) => path.join(root, 'apps/server/dist', p);
const { sql } = await import('kysely');
const { openDatabase } = await import(dist('db/database.js'));
const { migrate } = await import(dist('db/migrate.js'));
const { FieldCipher } = await import(dist('modules/privacy/crypto.js'));
const { establishIndexKey } = await import(dist('modules/privacy/data-keys.js'));
const { rotateIndexKey } = await import(dist('modules/privacy/index-rotation.js'));
const { rekey } = await import(dist('modules/privacy/rekey.js'));

const N = Number(process.env.BENCH_ROWS ?? 50_000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

async function measure(engine, database) {
  const db = database.db;
  await migrate(db);
  const key = randomBytes(32);
  const cipher = new FieldCipher(key);
  await establishIndexKey(db, cipher);
  // N indexes (a PIN lockout's row is its index: the least favourable shape, the key itself is rewritten) …
  await sql`insert into identity_login_throttle (phone_index, failures)
            select encode(sha256(g::text::bytea), 'base64'), 1 from generate_series(1, ${N}) g`.execute(db);
  // … and N sealed values of about an SMS's size for the baseline
  const text = cipher.encrypt('【粤省事】您的验证码为123456，5分钟内有效。请勿将验证码告诉他人。', 'sms_outbox.text');
  await sql`insert into sms_outbox (phone_index, phone_masked, text_encrypted)
            select 'bench', '138****0000', ${text} from generate_series(1, ${N})`.execute(db);

  const indexes = [{ table: 'identity_login_throttle', column: 'phone_index', key: ['phone_index'] }];
  let t0 = performance.now();
  const rotation = await rotateIndexKey(db, new FieldCipher(key), indexes);
  const rotateMs = performance.now() - t0;
  const sealed = [
    { table: 'sms_outbox', column: 'text_encrypted', kind: 'text', key: ['id'], aad: () => 'sms_outbox.text' },
  ];
  t0 = performance.now();
  const report = await rekey(db, new FieldCipher(randomBytes(32), { decryptionKeys: [key] }), sealed);
  const rekeyMs = performance.now() - t0;
  if (rotation.columns[0].rewritten !== N || report[0].resealed !== N) throw new Error('not every row was rewritten');
  return {
    engine,
    rows: N,
    'rotation ms': Math.round(rotateMs),
    'indexes/s': Math.round((N / rotateMs) * 1000),
    're-encryption ms (baseline)': Math.round(rekeyMs),
    'rotation ÷ baseline': +(rotateMs / rekeyMs).toFixed(2),
  };
}

const results = [];
const embedded = await openDatabase({ pgliteDataDir: 'memory://' });
try {
  results.push(await measure('pglite', embedded));
} finally {
  await embedded.close();
}
if (adminUrl) {
  const scratch = await scratchDatabase(adminUrl);
  const database = await openDatabase({ databaseUrl: scratch.url });
  try {
    results.push(await measure('postgres', database));
  } finally {
    await database.close();
    await scratch.drop();
  }
}
console.table(results);
const ok = results.every((r) => r['rotation ÷ baseline'] <= 1);
console.log(
  `${ok ? 'PASS' : 'FAIL'}  index-key rotation per row ≤ the data-key re-encryption's (${results
    .map((r) => `${r.engine} ${r['rotation ÷ baseline']}`)
    .join(', ')})`,
);
