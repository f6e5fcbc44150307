import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';
import type { TFunction } from 'i18next';

/**
 * 刷脸 (passkey) ceremonies through @simplewebauthn/browser. Imported only by the pages and the prompt that use
 * it (all lazy chunks), so the home page never downloads it.
 */
export { browserSupportsWebAuthn };

export function getAssertion(optionsJSON: PublicKeyCredentialRequestOptionsJSON) {
  return startAuthentication({ optionsJSON });
}

export function createPasskey(optionsJSON: PublicKeyCredentialCreationOptionsJSON) {
  return startRegistration({ optionsJSON });
}

/** True for an error of the browser's WebAuthn ceremony (not of our API). */
export function isWebAuthnFailure(error: unknown): boolean {
  if (error instanceof WebAuthnError) return true;
  const name = (error as { name?: unknown } | null)?.name;
  return (
    typeof name === 'string' &&
    ['NotAllowedError', 'AbortError', 'InvalidStateError', 'NotSupportedError', 'SecurityError'].includes(name)
  );
}

/** What to tell a person when the phone's face/fingerprint check did not complete. */
export function webAuthnMessage(error: unknown, t: TFunction): string {
  const code = error instanceof WebAuthnError ? error.code : undefined;
  const name = (error as { name?: unknown } | null)?.name;
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') {
    return t('passkey.errors.alreadyRegistered');
  }
  if (
    code === 'ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT' ||
    code === 'ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT' ||
    name === 'NotSupportedError'
  ) {
    return t('passkey.errors.unsupported');
  }
  if (code === 'ERROR_INVALID_DOMAIN' || code === 'ERROR_INVALID_RP_ID' || name === 'SecurityError') {
    return t('passkey.errors.insecure');
  }
  if (code === 'ERROR_CEREMONY_ABORTED' || name === 'NotAllowedError' || name === 'AbortError') {
    return t('passkey.errors.cancelled');
  }
  return t('passkey.errors.failed');
}
