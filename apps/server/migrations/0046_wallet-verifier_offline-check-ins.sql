-- Offline check-ins (issue 6, item 5): a verifier page without a network verifies on the device and queues the
-- check-in; once online it uploads it and the server verifies the presentation again (wallet-verifier
-- offline-check-ins.ts). Such a row is marked `offline`; `checked_at` is the device's time of the check (bounded
-- by the holder-signed iat: ±90 s), `recorded_at` when the server recorded it, and the device's own verdict is
-- kept next to the server's (`verdict`/`reason_code`: signatures, and the status as the server knew it at upload).
-- `presentation_digest` (the replay guard's digest, kept for every new row) makes an upload idempotent per
-- organisation and lets the server see the same code used at another organisation.
alter table wallet_verifications
  add column offline boolean not null default false,
  add column recorded_at timestamptz not null default now(),
  add column device_verdict text check (device_verdict in ('valid', 'invalid', 'revoked', 'suspended', 'expired')),
  add column device_reason_code text,
  add column presentation_digest text;
alter table wallet_verifications
  add constraint wallet_verifications_offline_device check (
    not offline or (device_verdict is not null and device_reason_code is not null and presentation_digest is not null)
  );
create unique index wallet_verifications_offline_once on wallet_verifications (organisation_id, presentation_digest)
  where offline;
create index wallet_verifications_digest_idx on wallet_verifications (presentation_digest)
  where presentation_digest is not null;
