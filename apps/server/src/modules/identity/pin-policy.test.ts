import { describe, expect, it } from 'vitest';
import { pinWeakness } from './pin-policy.js';

describe('pinWeakness', () => {
  it('refuses repeated, sequential and patterned PINs', () => {
    for (const pin of ['111111', '000000', '123456', '654321', '890123', '121212', '123123']) {
      expect(pinWeakness(pin), pin).not.toBeNull();
    }
  });
  it('refuses the birth date in its common forms', () => {
    expect(pinWeakness('900307', '1990-03-07')).toContain('生日');
    expect(pinWeakness('030790', '1990-03-07')).toContain('生日');
    expect(pinWeakness('070390', '1990-03-07')).toContain('生日');
  });
  it('accepts an ordinary PIN', () => {
    expect(pinWeakness('385172', '1990-03-07')).toBeNull();
  });
});
