-- 酒店星级 (the guide, 我的证照 FAQ: 居民身份电子凭证可支持在广东省内三星级及以上酒店入住扫码验证): a hotel's star rating,
-- 1–5, or null where it has none (未评定星级; every organisation that is not a hotel). Whether an e-ID check-in is
-- accepted there follows from it (packages/contracts venueRefusal; docs/wallet.md).
alter table verifier_organisations
  add column star_rating smallint check (star_rating between 1 and 5);
