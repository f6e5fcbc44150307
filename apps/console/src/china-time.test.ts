import { describe, expect, it } from 'vitest';
import { chinaDateTime } from './china-time';

describe('chinaDateTime', () => {
  it('shows China time whatever the computer’s zone, crossing midnight and the year', () => {
    expect(chinaDateTime('2026-11-28T13:35:57.123Z', { seconds: true })).toBe('2026-11-28 21:35:57');
    expect(chinaDateTime('2026-12-31T16:05:00Z')).toBe('2027-01-01 00:05');
    expect(chinaDateTime('2026-11-28T13:35:57+08:00', { seconds: true })).toBe('2026-11-28 13:35:57');
  });

  it('shows — for nothing or a value that is not a time', () => {
    expect(chinaDateTime(null)).toBe('—');
    expect(chinaDateTime(undefined)).toBe('—');
    expect(chinaDateTime('')).toBe('—');
    expect(chinaDateTime('not a date')).toBe('—');
  });
});
