import i18next, { type TFunction } from 'i18next';
import { type ApiProblem, CLIENT_CODES, isApiProblem, UNEXPECTED_DETAIL } from '../api/client';

/**
 * The i18next namespace of the server's error codes in a language other than the server's own (English: problems.en.ts,
 * loaded with the English bundle). Chinese has no such namespace: the server's Chinese detail is specific and best.
 */
export const PROBLEMS_NS = 'problems';

/**
 * Something refused with a code: an ApiProblem, or a problem the server handed over inside an answer (the `blocker`
 * of 开通医保支付 or 养老资格认证: `{ code, message }`).
 */
export type ShownProblem = ApiProblem | { code: string; message: string };

/** The code's own sentence in `lng` (English), or undefined: Chinese, or a code without one. */
export function problemTitle(code: string, lng: string = i18next.language): string | undefined {
  if (!lng) return undefined;
  const title: unknown = i18next.getResource(lng, PROBLEMS_NS, code);
  return typeof title === 'string' && title !== '' ? title : undefined;
}

/**
 * The sentence to show a person for a problem, in the UI language. The client's own failures (no answer, timeout,
 * an answer that is not our API) in the UI's words (`errors.*`: in Chinese, the client's own sentences); otherwise,
 * in Chinese, the server's own `detail` (else its `title`): exactly what the app showed before English came; in
 * English, the English sentence of the code when there is one, else the server's text.
 */
export function problemText(problem: ShownProblem, t: TFunction, lng: string = i18next.language): string {
  if (problem.code === CLIENT_CODES.network) return t('errors.network');
  if (problem.code === CLIENT_CODES.timeout) return t('errors.timeout');
  const said = isApiProblem(problem) ? problem.userMessage : problem.message;
  // the client's own "系统繁忙" (an answer that is not our API, an HTTP error without a problem body)
  if (problem.code === CLIENT_CODES.unexpected || said === UNEXPECTED_DETAIL) return t('errors.unexpected');
  return problemTitle(problem.code, lng) ?? said;
}
