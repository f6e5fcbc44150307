import type { TFunction } from 'i18next';
import { isApiProblem } from '../api/client';
import { problemText } from '../i18n/problems';

/**
 * The sentence to show for a failed action: for a problem, problemText (the server's Chinese `detail`, or in English
 * the English sentence of its code; our own network wording), or (for a browser WebAuthn failure, passed in by pages
 * that load it) the passkey message.
 */
export function errorText(error: unknown, t: TFunction, webauthn?: (error: unknown) => string | null): string {
  if (isApiProblem(error)) return problemText(error, t);
  const fromWebAuthn = webauthn?.(error);
  if (fromWebAuthn) return fromWebAuthn;
  return t('errors.unexpected');
}

/**
 * The server's field errors of a refused form, by the page's field names: each error goes to the field its path
 * ends with (`body.amount`, `delivery.email`, `/amount`), the first message per field. Empty when the error is not a
 * problem or names none of the fields: the page then shows the problem's own sentence.
 */
export function fieldErrorsOf<F extends string>(error: unknown, fields: readonly F[]): Partial<Record<F, string>> {
  const byField: Partial<Record<F, string>> = {};
  if (!isApiProblem(error)) return byField;
  for (const { path, message } of error.errors) {
    const last = path.split(/[./]/).filter(Boolean).pop();
    const field = fields.find((f) => f === last);
    if (field && byField[field] === undefined) byField[field] = message;
  }
  return byField;
}
