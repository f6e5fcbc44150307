import { z } from 'zod';

/**
 * Guangdong's 21 prefecture-level cities (地级市) with their GB/T 2260 six-digit codes.
 * The order is the official code order; the citizen app lists them this way.
 */
export const CITIES = [
  { code: '440100', name: '广州', nameEn: 'Guangzhou' },
  { code: '440200', name: '韶关', nameEn: 'Shaoguan' },
  { code: '440300', name: '深圳', nameEn: 'Shenzhen' },
  { code: '440400', name: '珠海', nameEn: 'Zhuhai' },
  { code: '440500', name: '汕头', nameEn: 'Shantou' },
  { code: '440600', name: '佛山', nameEn: 'Foshan' },
  { code: '440700', name: '江门', nameEn: 'Jiangmen' },
  { code: '440800', name: '湛江', nameEn: 'Zhanjiang' },
  { code: '440900', name: '茂名', nameEn: 'Maoming' },
  { code: '441200', name: '肇庆', nameEn: 'Zhaoqing' },
  { code: '441300', name: '惠州', nameEn: 'Huizhou' },
  { code: '441400', name: '梅州', nameEn: 'Meizhou' },
  { code: '441500', name: '汕尾', nameEn: 'Shanwei' },
  { code: '441600', name: '河源', nameEn: 'Heyuan' },
  { code: '441700', name: '阳江', nameEn: 'Yangjiang' },
  { code: '441800', name: '清远', nameEn: 'Qingyuan' },
  { code: '441900', name: '东莞', nameEn: 'Dongguan' },
  { code: '442000', name: '中山', nameEn: 'Zhongshan' },
  { code: '445100', name: '潮州', nameEn: 'Chaozhou' },
  { code: '445200', name: '揭阳', nameEn: 'Jieyang' },
  { code: '445300', name: '云浮', nameEn: 'Yunfu' },
] as const;

export type CityCode = (typeof CITIES)[number]['code'];
export type CityName = (typeof CITIES)[number]['name'];

export const CITY_CODES = CITIES.map((c) => c.code) as [CityCode, ...CityCode[]];
export const DEFAULT_CITY: CityCode = '440100';

const byName = new Map<string, CityCode>(CITIES.map((c) => [c.name, c.code]));
const byCode = new Map<string, (typeof CITIES)[number]>(CITIES.map((c) => [c.code, c]));

/** City code for a Chinese city name ("广州" → "440100"); throws on a name that is not one of the 21. */
export function cityCodeOf(name: CityName): CityCode {
  const code = byName.get(name);
  if (!code) throw new Error(`unknown city name: ${name}`);
  return code;
}

export function findCity(code: string) {
  return byCode.get(code);
}

export function isCityCode(code: string): code is CityCode {
  return byCode.has(code);
}

export const City = z
  .object({
    code: z
      .string()
      .regex(/^\d{6}$/)
      .meta({ example: '440100' }),
    name: z.string().meta({ example: '广州' }),
    nameEn: z.string().meta({ example: 'Guangzhou' }),
  })
  .meta({ id: 'City', description: '地级市 (prefecture-level city)' });
export type City = z.infer<typeof City>;
