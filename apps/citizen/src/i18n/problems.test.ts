import { ERROR_CODES } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { en, problemsEn } from './en';
import { zh } from './zh';

describe('English for the server’s error codes (problems.en.ts)', () => {
  it('has exactly the codes of ERROR_CODES', () => {
    expect(Object.keys(problemsEn).sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('says something for every code, in English (no Chinese left)', () => {
    for (const [code, text] of Object.entries(problemsEn)) {
      expect(text.trim(), code).not.toBe('');
      expect(/[\u4e00-\u9fff]/.test(text), `${code}: ${text}`).toBe(false);
    }
  });

  it('is not in the translation bundles: Chinese keeps the server’s own detail', () => {
    expect('problems' in zh).toBe(false);
    expect('problems' in en).toBe(false);
  });
});
