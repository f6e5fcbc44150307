/**
 * A default name for a new passkey, after the device it lives on ("华为手机", "iPhone", "Windows 电脑"), so that
 * a list of several reads as the citizen's own devices. Only the brand is read from the user agent.
 */
const BRANDS: Array<{ test: RegExp; zh: string; en: string }> = [
  { test: /iPhone/, zh: 'iPhone', en: 'iPhone' },
  { test: /iPad/, zh: 'iPad', en: 'iPad' },
  { test: /HONOR|HONOUR/i, zh: '荣耀手机', en: 'Honor phone' },
  { test: /HUAWEI|HarmonyOS|OpenHarmony/i, zh: '华为手机', en: 'Huawei phone' },
  { test: /Redmi|Xiaomi|\bMI \d|MIX \d|POCO/i, zh: '小米手机', en: 'Xiaomi phone' },
  { test: /OnePlus/i, zh: '一加手机', en: 'OnePlus phone' },
  { test: /OPPO|\bPH[A-Z]\d{3}|\bCPH\d{4}/, zh: 'OPPO手机', en: 'OPPO phone' },
  { test: /vivo|\bV\d{4}[A-Z]/i, zh: 'vivo手机', en: 'vivo phone' },
  { test: /realme|\bRMX\d{4}/i, zh: 'realme手机', en: 'realme phone' },
  { test: /SAMSUNG|\bSM-[A-Z]\d/i, zh: '三星手机', en: 'Samsung phone' },
  { test: /Android/, zh: '安卓手机', en: 'Android phone' },
  { test: /Macintosh|Mac OS X/, zh: 'Mac 电脑', en: 'Mac' },
  { test: /Windows/, zh: 'Windows 电脑', en: 'Windows PC' },
  { test: /CrOS/, zh: 'Chromebook', en: 'Chromebook' },
  { test: /Linux/, zh: 'Linux 电脑', en: 'Linux computer' },
];

export function deviceName(userAgent: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const brand = BRANDS.find((b) => b.test.test(userAgent));
  if (brand) return lang === 'en' ? brand.en : brand.zh;
  return lang === 'en' ? 'This device' : '本机';
}
