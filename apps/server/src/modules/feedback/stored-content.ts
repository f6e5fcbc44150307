import type { Db } from '../../db/database.js';
import type { FieldCipher } from '../privacy/index.js';
import { listLegacyContent, sealLegacyContent } from './repository.js';

/**
 * What a person writes in 意见反馈 is free text, often with their phone or ID number in it ("请回电138…"): stored
 * sealed with the FieldCipher, bound to the row's id; the console shows it masked (maskNumbersInText) and in full
 * only through the audited 显示.
 */

export const contentAad = (id: string) => `feedback.content:${id}`;

export const sealContent = (cipher: FieldCipher, id: string, content: string) =>
  cipher.encrypt(content, contentAad(id));

/** The text of a stored row: sealed, or in clear if written before migrations/0075 and not yet sealed. */
export function openContent(
  cipher: FieldCipher,
  row: { id: string; content: string | null; content_encrypted: string | null },
): string {
  if (row.content_encrypted !== null) return cipher.decrypt(row.content_encrypted, contentAad(row.id));
  return row.content ?? '';
}

/**
 * Seal the feedback written in clear before migrations/0075; run at every start before the platform serves (a no-op
 * once done; copies starting together: the update only applies while the text is still in clear).
 */
export async function sealLegacyFeedback(db: Db, cipher: FieldCipher, batch = 500): Promise<number> {
  let sealed = 0;
  for (;;) {
    const rows = await listLegacyContent(db, batch);
    for (const r of rows) await sealLegacyContent(db, r.id, sealContent(cipher, r.id, r.content as string));
    sealed += rows.length;
    if (rows.length < batch) return sealed;
  }
}
