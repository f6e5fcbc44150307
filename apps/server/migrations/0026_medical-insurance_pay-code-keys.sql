-- 医保扫码支付 (B1): the platform's ES256 key pairs that sign the short-lived payment QR codes.
-- The private key is a JWK encrypted with the data key (FieldCipher, AES-256-GCM, associated data
-- 'medical-pay-code-key:<kid>'); the public key is published (JWKS) for hospitals and pharmacies.
-- The newest row is the signing key; older rows stay so codes signed just before a rotation still verify.
create table medical_pay_code_keys (
  kid text primary key check (kid ~ '^[A-Za-z0-9_-]{8,64}$'),
  public_jwk jsonb not null,
  private_jwk_encrypted text not null,
  created_at timestamptz not null default now()
);
create index medical_pay_code_keys_created on medical_pay_code_keys (created_at desc);
