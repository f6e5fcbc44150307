import { GUANGDONG_CITIES } from '../population-register/generator.js';

/**
 * The tax bureau (主管税务机关) of a district: 国家税务总局 + city + district + 税务局. 东莞 and 中山 have no
 * county-level districts: their bureau is the city's. Shenzhen's bureau answers to the State Taxation
 * Administration directly (a separately-planned city); its district bureaus are named the same way.
 */
export function taxAuthorityOf(regionCode: string): string {
  for (const city of GUANGDONG_CITIES) {
    if (city.code === regionCode) return `国家税务总局${city.fullName}税务局`;
    const district = city.districts.find((d) => d.code === regionCode);
    if (district) return `国家税务总局${city.fullName}${district.code === city.code ? '' : district.name}税务局`;
  }
  return '国家税务总局广东省税务局';
}

/** The city-level bureau of a Guangdong city code (440100 → 国家税务总局广州市税务局). */
export function cityTaxAuthority(cityCode: string): string {
  const city = GUANGDONG_CITIES.find((c) => c.code === cityCode);
  return city ? `国家税务总局${city.fullName}税务局` : '国家税务总局广东省税务局';
}
