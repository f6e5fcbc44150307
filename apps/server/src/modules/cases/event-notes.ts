import type { Db } from '../../db/database.js';
import type { FieldCipher } from '../privacy/index.js';
import * as repo from './repository.js';

/**
 * The notes of a case's log (补正原因, 不予办理原因, 撤回原因, 补正说明) are free text, and people write phone and ID
 * numbers into them: stored sealed with the FieldCipher like the form, each bound to its case and seq (a sealed
 * note copied onto another event does not open). Shown masked (present.ts); the full text through the audited
 * reveal routes.
 */

export const EVENT_NOTE_AAD = 'cases.event_note';

/** A note's associated data: bound to its case and its seq. */
export const eventNoteAad = (caseId: string, seq: number) => `${EVENT_NOTE_AAD}:${caseId}:${seq}`;

export function sealEventNote(cipher: FieldCipher, caseId: string, seq: number, note: string | null | undefined) {
  return note ? cipher.encrypt(note, eventNoteAad(caseId, seq)) : null;
}

export function openEvent(
  cipher: FieldCipher,
  { legacy_note, note_encrypted, ...event }: repo.CaseEventStored,
): repo.CaseEventRow {
  const note =
    note_encrypted !== null ? cipher.decrypt(note_encrypted, eventNoteAad(event.case_id, event.seq)) : legacy_note;
  return { ...event, note };
}

export async function listOpenEvents(db: Db, cipher: FieldCipher, caseId: string) {
  return (await repo.listEvents(db, caseId)).map((e) => openEvent(cipher, e));
}

/**
 * Seal the notes written in clear before migrations/0075; run at every start before the platform serves (a no-op
 * once done). Copies starting together may both pick a row: the update only applies while the note is still in
 * clear, so one of them seals it and the other changes nothing.
 */
export async function sealLegacyEventNotes(db: Db, cipher: FieldCipher, batch = 500): Promise<number> {
  let sealed = 0;
  for (;;) {
    const rows = await repo.listLegacyNotes(db, batch);
    for (const r of rows) {
      await repo.sealLegacyNote(
        db,
        r.case_id,
        r.seq,
        cipher.encrypt(r.legacy_note as string, eventNoteAad(r.case_id, r.seq)),
      );
    }
    sealed += rows.length;
    if (rows.length < batch) return sealed;
  }
}
