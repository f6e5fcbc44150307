import { CITIES, parseUscc } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { enterprise, enterprisesOf } from './enterprises.js';

describe('enterprise pool', () => {
  it('gives every enterprise of the province a valid code of its own', () => {
    const seen = new Set<string>();
    for (const city of CITIES) {
      for (const e of enterprisesOf('1', city.code)) {
        expect(parseUscc(e.uscc).ok, e.uscc).toBe(true);
        expect(seen.has(e.uscc), `${e.uscc} twice`).toBe(false);
        seen.add(e.uscc);
        expect(e.regionCode.slice(0, 4)).toBe(city.code.slice(0, 4));
      }
    }
    expect(seen.size).toBeGreaterThan(10_000);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(enterprise('1', '440100', 7)).toEqual(enterprise('1', '440100', 7));
    expect(enterprise('2', '440100', 7).uscc).not.toBe(enterprise('1', '440100', 7).uscc);
  });
});
