import type { TFunction } from 'i18next';
import { CLIENT_CODES, isApiProblem } from '../api/client';

/**
 * The sentence to show for a failed identity action: the server's Chinese `detail`, our own network wording,
 * or (for a browser WebAuthn failure, passed in by pages that load it) the passkey message.
 */
export function errorText(error: unknown, t: TFunction, webauthn?: (error: unknown) => string | null): string {
  if (isApiProblem(error)) {
    if (error.code === CLIENT_CODES.network) return t('errors.network');
    if (error.code === CLIENT_CODES.timeout) return t('errors.timeout');
    return error.userMessage;
  }
  const fromWebAuthn = webauthn?.(error);
  if (fromWebAuthn) return fromWebAuthn;
  return t('errors.unexpected');
}
