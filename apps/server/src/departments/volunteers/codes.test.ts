import { describe, expect, it } from 'vitest';
import { STAR_LEVEL_NAMES, starLevel } from './codes.js';

describe('中国注册志愿者 star levels', () => {
  it('follow the cumulative hours: 100 / 300 / 600 / 1000 / 1500', () => {
    const cases: [number, number][] = [
      [0, 0],
      [99.5, 0],
      [100, 1],
      [299.5, 1],
      [300, 2],
      [599.5, 2],
      [600, 3],
      [999.5, 3],
      [1000, 4],
      [1499.5, 4],
      [1500, 5],
      [9999, 5],
    ];
    for (const [hours, level] of cases) expect(starLevel(hours), String(hours)).toBe(level);
    expect(STAR_LEVEL_NAMES[starLevel(356.5)]).toBe('二星级志愿者');
  });
});
