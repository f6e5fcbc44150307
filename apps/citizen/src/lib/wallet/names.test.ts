import { describe, expect, it } from 'vitest';
import { walletNames } from './names';

/** The wallet pages' names: Chinese as the server gave them, English from the contracts by id. */
describe('walletNames', () => {
  const zh = walletNames(false);
  const en = walletNames(true);

  it('names a type in English from the contracts, and keeps the given Chinese name in Chinese', () => {
    expect(en.type('resident-id', '居民身份电子凭证')).toBe('Resident Identity Card e-credential');
    expect(en.type('hk-macao-permit', '港澳通行证')).toBe(
      'Exit-Entry Permit for Travelling to and from Hong Kong and Macao',
    );
    expect(zh.type('resident-id', '居民身份电子凭证')).toBe('居民身份电子凭证');
    // a type this app version does not know: the server's name
    expect(en.type('future-type', '未来证照')).toBe('未来证照');
  });

  it('labels claims and shows enum values in the app language', () => {
    expect(en.claim('driving-licence', 'licenceClass')).toBe('Permitted vehicle class');
    expect(zh.claim('driving-licence', 'licenceClass')).toBe('准驾车型');
    // the server's Chinese label is kept in Chinese, replaced in English
    expect(zh.claim('resident-id', 'name', '姓名')).toBe('姓名');
    expect(en.claim('resident-id', 'name', '姓名')).toBe('Name');
    expect(en.value('resident-id', 'sex', 'male', '男')).toBe('Male');
    expect(zh.value('resident-id', 'sex', 'male', '男')).toBe('男');
    expect(zh.value('resident-id', 'sex', 'female')).toBe('女');
    expect(en.value('volunteer-card', 'starLevel', '2')).toBe('Two-star volunteer');
    expect(en.value('real-estate-title', 'use', '住宅')).toBe('Residential');
    expect(zh.value('real-estate-title', 'use', '住宅')).toBe('住宅');
    // null is 长期 (no end date); dates and the department's text as they are
    expect(en.value('driving-licence', 'validUntil', null, '长期')).toBe('Long-term');
    expect(zh.value('driving-licence', 'validUntil', null)).toBe('长期');
    expect(en.value('driving-licence', 'validUntil', '2030-01-01', '2030-01-01')).toBe('2030-01-01');
    expect(en.value('resident-id', 'address', '广州市天河区', '广州市天河区')).toBe('广州市天河区');
  });

  it('names purposes and issuers', () => {
    expect(en.purpose('hotel', '酒店入住')).toBe('Hotel check-in');
    expect(zh.purpose('hotel', '酒店入住')).toBe('酒店入住');
    expect(en.purpose('unknown', '未知')).toBe('未知');
    expect(en.issuer({ name: '广东省志愿者联合会', nameEn: 'Guangdong Volunteers Federation' })).toBe(
      'Guangdong Volunteers Federation',
    );
    expect(zh.issuer({ name: '广东省志愿者联合会', nameEn: 'Guangdong Volunteers Federation' })).toBe(
      '广东省志愿者联合会',
    );
    // a copy stored or cached before issuers carried their English name
    expect(en.issuer({ name: '广东省民政厅' })).toBe('广东省民政厅');
  });
});
