import { parseUscc } from '@yss/contracts';
import { AppError } from '../../http/app-error.js';

/**
 * A 统一社会信用代码 from a citizen, checked before any department is asked: a wrong check character (the 18th)
 * has its own code (USCC_CHECK_CHARACTER_WRONG), every other defect USCC_INVALID; both with the validator's
 * Chinese message. Returns the code trimmed and in upper case.
 */
export function requireUscc(input: string, path = 'uscc'): string {
  const parsed = parseUscc(input.replace(/\s+/g, ''));
  if (parsed.ok) return parsed.code;
  const errors = [{ path, message: parsed.message }];
  if (parsed.reason === 'check-digit') throw new AppError('USCC_CHECK_CHARACTER_WRONG', `${parsed.message}。`, errors);
  throw new AppError('USCC_INVALID', `${parsed.message}。`, errors);
}
