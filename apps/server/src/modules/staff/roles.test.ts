import { describe, expect, it } from 'vitest';
import { type Grant, grantAllows, grantCovers, PERMISSIONS, ROLES } from './roles.js';

describe('staff roles', () => {
  it('gives each role only its own permissions, all of them named in Chinese', () => {
    expect(ROLES.service_desk.permissions).toEqual(['feedback.read', 'feedback.answer', 'faq.edit']);
    expect(ROLES.reviewer.permissions).toEqual(['application.review', 'wallet.status']);
    for (const role of Object.values(ROLES)) {
      expect(role.name).toMatch(/\p{Script=Han}/u);
      for (const p of role.permissions) expect(PERMISSIONS[p]).toMatch(/\p{Script=Han}/u);
    }
    const reviewer: Grant = { role: 'reviewer', departmentId: 'gd-public-security', cityCode: '440300' };
    expect(grantAllows(reviewer, 'application.review')).toBe(true);
    expect(grantAllows(reviewer, 'feedback.read')).toBe(false);
  });

  it('covers its department, and its city or (province-wide) every city', () => {
    const city: Grant = { role: 'service_desk', departmentId: 'gd-hrss', cityCode: '440100' };
    const province: Grant = { role: 'service_desk', departmentId: 'gd-hrss', cityCode: null };
    expect(grantCovers(city, { departmentId: 'gd-hrss', cityCode: '440100' })).toBe(true);
    expect(grantCovers(city, { departmentId: 'gd-hrss', cityCode: '440300' })).toBe(false);
    expect(grantCovers(city, { departmentId: 'gd-tax', cityCode: '440100' })).toBe(false);
    // data tied to no city: province-wide grants only
    expect(grantCovers(city, { departmentId: 'gd-hrss', cityCode: null })).toBe(false);
    expect(grantCovers(province, { departmentId: 'gd-hrss', cityCode: null })).toBe(true);
    expect(grantCovers(province, { departmentId: 'gd-hrss', cityCode: '440300' })).toBe(true);
    expect(grantCovers(province, { departmentId: 'gd-tax' })).toBe(false);
    // no scope named: any grant of the permission
    expect(grantCovers(city, {})).toBe(true);
  });
});
