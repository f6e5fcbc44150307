import { describe, expect, it } from 'vitest';
import { venueRefusal } from './wallet-verifier.js';

describe('venueRefusal (居民身份电子凭证: 三星级及以上酒店入住扫码验证)', () => {
  const hotel = (starRating: number | null) => ({ kind: 'hotel' as const, starRating });

  it('accepts the e-ID at hotels of three stars and more', () => {
    for (const stars of [3, 4, 5]) expect(venueRefusal(hotel(stars), 'resident-id')).toBeNull();
  });

  it('refuses it below three stars and at an unrated hotel, naming the rating and what to do instead', () => {
    expect(venueRefusal(hotel(2), 'resident-id')).toBe(
      '居民身份电子凭证目前支持在广东省内三星级及以上酒店入住扫码核验，本店为二星级，暂不支持。请查验旅客的居民身份证原件办理入住。',
    );
    expect(venueRefusal(hotel(null), 'resident-id')).toContain('本店未评定星级，暂不支持');
    expect(venueRefusal(hotel(1), 'resident-id')).toContain('本店为一星级');
  });

  it('does not limit other credentials at hotels, nor the e-ID elsewhere', () => {
    expect(venueRefusal(hotel(2), 'passport')).toBeNull();
    expect(venueRefusal(hotel(null), 'birth-certificate')).toBeNull();
    expect(venueRefusal(hotel(2), null)).toBeNull();
    expect(venueRefusal({ kind: 'police', starRating: null }, 'resident-id')).toBeNull();
    expect(venueRefusal({ kind: 'coach-station', starRating: null }, 'resident-id')).toBeNull();
  });
});
