-- Wallet module (issue 6, 我的证照): the issuers' signing keys, the token status lists (revocation and
-- suspension) and the status entries of the issued credentials. No credential content is stored here: the
-- holder keeps the credentials; the platform keeps only which status entry belongs to which certificate.

-- One ES256 key pair per issuer and generation. The private key (JWK) is encrypted with the data key
-- (AES-256-GCM, FieldCipher, associated data = issuer and kid). Exactly one current key per issuer signs;
-- retired keys stay published in the JWKS so that what they signed still verifies.
create table wallet_issuer_keys (
  issuer_id text not null check (issuer_id ~ '^[a-z][a-z0-9-]{1,39}$'),
  kid text not null check (kid ~ '^[A-Za-z0-9_-]{11}$'),
  public_jwk jsonb not null,
  private_jwk_encrypted text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  primary key (issuer_id, kid)
);
create unique index wallet_issuer_keys_current_idx on wallet_issuer_keys (issuer_id) where retired_at is null;

-- IETF Token Status List (2 bits per entry: 0 valid, 1 invalid = revoked, 2 suspended), one row per list,
-- the statuses as raw bytes (size * bits / 8); the signed, compressed token is built from them on demand.
create table wallet_status_lists (
  id integer generated always as identity primary key,
  issuer_id text not null,
  bits smallint not null check (bits in (1, 2, 4, 8)),
  size integer not null check (size > 0 and size % 8 = 0),
  statuses bytea not null,
  allocated integer not null default 0,
  -- bumped at every change: signed tokens are cached per version
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (octet_length(statuses) * 8 = size * bits)
);
create index wallet_status_lists_issuer_idx on wallet_status_lists (issuer_id, id);

-- A certificate (one person's 驾驶证, say) is issued as a batch of credentials; each credential has its own
-- status entry, drawn at random so that the entries of one batch are not adjacent (scans cannot be linked),
-- and revoking or suspending the certificate sets every entry of it.
create table wallet_certificates (
  id uuid primary key default gen_random_uuid(),
  credential_type text not null,
  issuer_id text not null,
  -- HMAC blind index of the holder's ID number (never the number itself)
  subject_index text not null,
  status text not null default 'valid' check (status in ('valid', 'revoked', 'suspended')),
  issued_at timestamptz not null default now(),
  expires_at timestamptz not null,
  status_changed_at timestamptz
);
create index wallet_certificates_subject_idx on wallet_certificates (subject_index, credential_type);

create table wallet_status_entries (
  status_list_id integer not null references wallet_status_lists (id),
  idx integer not null check (idx >= 0),
  certificate_id uuid not null references wallet_certificates (id) on delete cascade,
  primary key (status_list_id, idx)
);
create index wallet_status_entries_certificate_idx on wallet_status_entries (certificate_id);

-- Presentations already accepted (holder signature digests) until their ±90 s window has passed: a replayed
-- QR or key-binding JWT is refused, across every server copy.
create table wallet_seen_presentations (
  digest text primary key,
  expires_at timestamptz not null
);
create index wallet_seen_presentations_expiry_idx on wallet_seen_presentations (expires_at);
