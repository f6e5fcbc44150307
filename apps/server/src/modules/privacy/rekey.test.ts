import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/database.js';
import { columnTypes, updateBatch } from './column-batches.js';
import { FieldCipher } from './crypto.js';
import { rekey } from './rekey.js';
import type { SealedColumn } from './sealed-column.js';

/**
 * The batched rewrite of `npm run rekey` on a table of its own (composite key of two types, text and bytes): a row
 * is rewritten only while it still holds the value read, values that do not open are reported and left, and a
 * second run has nothing to do. The whole platform's columns are data-keys.test.ts's.
 */
describe('rekey: one statement per batch', () => {
  let database: DatabaseHandle;
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const sealedOld = new FieldCipher(oldKey);
  const rotating = new FieldCipher(newKey, { decryptionKeys: [oldKey] });
  const textColumn: SealedColumn = {
    table: 'rekey_probe',
    column: 'note_encrypted',
    kind: 'text',
    key: ['owner', 'seq'],
    aad: (row) => `probe:${row.owner}:${row.seq}`,
  };
  const bytesColumn: SealedColumn = { ...textColumn, column: 'file_encrypted', kind: 'bytes' };
  const owner = randomUUID();

  beforeAll(async () => {
    database = await openDatabase({ pgliteDataDir: 'memory://' });
    await sql`create table rekey_probe (owner uuid, seq integer, note_encrypted text, file_encrypted bytea,
      primary key (owner, seq))`.execute(database.db);
    for (let seq = 1; seq <= 7; seq++) {
      const aad = `probe:${owner}:${seq}`;
      await sql`insert into rekey_probe values (${owner}, ${seq}, ${sealedOld.encrypt(`第${seq}条`, aad)},
        ${sealedOld.encryptBytes(Buffer.from(`file ${seq}`), aad)})`.execute(database.db);
    }
    // one value sealed under another associated data (copied from row 1): it does not open here
    await sql`update rekey_probe set note_encrypted = (select note_encrypted from rekey_probe where seq = 1)
      where seq = 7`.execute(database.db);
  }, 60_000);
  afterAll(() => database?.close());

  const notes = async () =>
    (
      await sql<{ seq: number; note_encrypted: string; file_encrypted: Uint8Array }>`
        select seq, note_encrypted, file_encrypted from rekey_probe order by seq`.execute(database.db)
    ).rows;

  it('rewrites a row only while it still holds the value read', async () => {
    const [first] = await notes();
    const types = await columnTypes(database.db, 'rekey_probe', textColumn.key);
    expect([types.get('owner'), types.get('seq')]).toEqual(['uuid', 'integer']);
    const row = { owner, seq: 1, note_encrypted: 'v2.stale.value.read.before' };
    const sealed = rotating.encrypt('第1条', `probe:${owner}:1`);
    expect(await updateBatch(database.db, textColumn, types, [{ row, sealed }])).toBe(0);
    expect((await notes())[0]?.note_encrypted).toBe(first?.note_encrypted);
    const current = { ...row, note_encrypted: first?.note_encrypted };
    expect(await updateBatch(database.db, textColumn, types, [{ row: current, sealed }])).toBe(1);
    expect((await notes())[0]?.note_encrypted).toBe(sealed);
  });

  it('re-encrypts both kinds in batches; what does not open is reported and left; a second run does nothing', async () => {
    const report = await rekey(database.db, rotating, [textColumn, bytesColumn], { batchSize: 2 });
    expect(report.map(({ firstError, ...r }) => r)).toEqual([
      // row 1 was rewritten by the test above already
      { table: 'rekey_probe', column: 'note_encrypted', resealed: 5, failed: 1 },
      { table: 'rekey_probe', column: 'file_encrypted', resealed: 7, failed: 0 },
    ]);
    expect(report[0]?.firstError).toContain(`rekey_probe.note_encrypted (${owner}, 7)`);
    const onlyNew = new FieldCipher(newKey);
    for (const r of (await notes()).slice(0, 6)) {
      const aad = `probe:${owner}:${r.seq}`;
      expect(onlyNew.decrypt(r.note_encrypted, aad)).toBe(`第${r.seq}条`);
      expect(Buffer.from(onlyNew.decryptBytes(r.file_encrypted, aad)).toString()).toBe(`file ${r.seq}`);
    }
    const again = await rekey(database.db, rotating, [textColumn, bytesColumn]);
    expect(again.map((r) => r.resealed)).toEqual([0, 0]);
    expect(again[0]?.failed).toBe(1);
  });
});
