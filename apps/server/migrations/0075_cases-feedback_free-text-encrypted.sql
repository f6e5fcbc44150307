-- Free text encrypted at rest: the notes of a case's log (补正原因, 不予办理原因, 撤回原因, 补正说明) and the text of an
-- 意见反馈. People write phone and ID numbers into both ("请联系13800138000", "我的身份证号是…"), and the platform keeps
-- those numbers encrypted wherever they are stored (the form, the 内部备注 and the contact already are). The key is
-- outside the database (FieldCipher, DATA_ENCRYPTION_KEY), so SQL cannot encrypt what is already stored: the
-- platform does it at start (prepareDatabase → encryptStoredFreeText), in batches, before it serves a request.

-- case_events: the clear column is renamed so that no code reads it by its old name (it only holds notes written
-- before this migration, until the start-up step moves each into note_encrypted, bound to its case and seq).
alter table case_events rename column note to legacy_note;
alter table case_events add column note_encrypted text;
alter table case_events add constraint case_events_one_note check (legacy_note is null or note_encrypted is null);

-- Still append-only: the one change allowed is that move (the clear note gone, the sealed one in its place, every
-- other column as it was). Anything else is refused as before.
create or replace function case_events_append_only() returns trigger language plpgsql as $$
begin
  if old.legacy_note is not null and old.note_encrypted is null
     and new.legacy_note is null and new.note_encrypted is not null
     and (new.case_id, new.seq, new.action, new.actor_kind, new.actor_account_id, new.actor_staff_id, new.collection,
          new.created_at)
         is not distinct from
         (old.case_id, old.seq, old.action, old.actor_kind, old.actor_account_id, old.actor_staff_id, old.collection,
          old.created_at) then
    return new;
  end if;
  raise exception 'case_events is append-only';
end;
$$;

-- feedback: content_encrypted (bound to the row's id); the clear column kept, nullable, for rows written before.
alter table feedback alter column content drop not null;
alter table feedback add column content_encrypted text;
alter table feedback add constraint feedback_one_content check ((content is null) <> (content_encrypted is null));
