-- Index-key rotation (docs/data-keys.md). The blind indexes' key becomes a chain: the first key (the one of
-- migrations/0076, every index so far) makes the digest, each later key wraps the digest of the one before, so a
-- rotation re-writes every stored index from the stored index alone, without any personal value. A new key is
-- 'pending' while `npm run rotate-index-key` wraps the stored indexes with it; servers refuse to start while one
-- is (part of the indexes would be made with a key they skip).
create table data_index_keys (
  position integer primary key check (position >= 0),
  key_encrypted text not null,
  state text not null default 'active' check (state in ('active', 'pending')),
  created_at timestamptz not null default now()
);
-- At most one key is being rolled out at a time.
create unique index data_index_keys_one_pending on data_index_keys ((true)) where state = 'pending';

-- The key stored by 0076 is the chain's first; its sealed copy keeps its associated data ('data_index_key').
insert into data_index_keys (position, key_encrypted, state, created_at)
select 0, key_encrypted, 'active', created_at from data_index_key;
drop table data_index_key;
