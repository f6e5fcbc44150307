import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './auth';

describe('login redirects', () => {
  it('comes back only to a path inside the app', () => {
    expect(safeNext('/services/shebao-jiaofei-mingxi')).toBe('/services/shebao-jiaofei-mingxi');
    expect(safeNext('/me/access-log?x=1')).toBe('/me/access-log?x=1');
    expect(safeNext(null)).toBe('/me');
    expect(safeNext('https://evil.example/')).toBe('/me');
    expect(safeNext('//evil.example/')).toBe('/me');
    expect(safeNext('/\\evil.example')).toBe('/me');
    expect(safeNext('/login?next=/me')).toBe('/me');
    expect(safeNext('', '/')).toBe('/');
  });

  it('builds the login link with the way back encoded', () => {
    expect(loginPath('/services/a b?c=1')).toBe('/login?next=%2Fservices%2Fa%20b%3Fc%3D1');
  });
});
