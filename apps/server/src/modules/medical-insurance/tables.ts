import type { Generated } from 'kysely';

/** Tables owned by the medical-insurance module (migrations/0026_medical-insurance_pay-code-keys.sql). */
export interface MedicalPaymentTables {
  medical_pay_code_keys: {
    kid: string;
    /** The public JWK (kty, crv, x, y), as published in the JWKS. */
    public_jwk: unknown;
    /** The private JWK, FieldCipher-encrypted with associated data `medical-pay-code-key:<kid>`. */
    private_jwk_encrypted: string;
    created_at: Generated<Date>;
  };
}
