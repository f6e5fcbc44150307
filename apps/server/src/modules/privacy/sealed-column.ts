/**
 * A column whose values are sealed with the FieldCipher (AES-256-GCM under the data key, bound to associated
 * data). Re-encrypting under a new data key (`npm run rekey`, key rotation) must open each value with the
 * associated data it was sealed with, so every such column is described here once: which table, how its rows
 * are told apart, and how a row's associated data is built from the row.
 *
 * The list itself is `SEALED_COLUMNS` (sealed-columns.ts); a test checks that every `*_encrypted` column of the
 * migrated schema is in it, and that each entry opens the values the platform wrote.
 */
export interface SealedColumn {
  /** The table, in the public schema. */
  table: string;
  /** The column holding the sealed value (text: FieldCipher.encrypt; bytea: FieldCipher.encryptBytes). */
  column: string;
  kind: 'text' | 'bytes';
  /** The columns that identify one row (its primary key): read to build the associated data and to update it. */
  key: readonly string[];
  /** Further columns the associated data is built from (besides `key`), read with the row. */
  reads?: readonly string[];
  /** The associated data the platform sealed this row's value with, from the row's `key` and `reads` columns. */
  aad: (row: Readonly<Record<string, unknown>>) => string;
}
