-- Data-key rotation (docs/data-keys.md). Sealed values now name their key ("v2.<key id>.…"), the platform opens
-- with the previous key while `npm run rekey` re-encrypts every sealed column under the new one.

-- The blind indexes (HMAC of phone and ID numbers, for lookups) must not change when the data key does, or every
-- lookup would miss until re-indexed. Their key is kept here, sealed by the data key (FieldCipher, associated
-- data 'data_index_key'), and re-sealed by the re-encryption like any other value. On the first start after this
-- migration it is the data key of that moment: the key every index so far was made with. One row.
create table data_index_key (
  id boolean primary key default true check (id),
  key_encrypted text not null,
  created_at timestamptz not null default now()
);

-- The append-only logs that hold sealed values may have that value, and only that value, replaced by the
-- re-encryption, which says so for its own transaction (set_config('yss.rekey', 'on', true)). Everything else
-- stays refused as before.
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
  if current_setting('yss.rekey', true) = 'on'
     and old.note_encrypted is not null and new.note_encrypted is not null
     and (to_jsonb(new) - 'note_encrypted') = (to_jsonb(old) - 'note_encrypted') then
    return new;
  end if;
  raise exception 'case_events is append-only';
end;
$$;

create or replace function case_notes_append_only() returns trigger language plpgsql as $$
begin
  if current_setting('yss.rekey', true) = 'on'
     and (to_jsonb(new) - 'body_encrypted') = (to_jsonb(old) - 'body_encrypted') then
    return new;
  end if;
  raise exception 'case_notes is append-only';
end;
$$;
