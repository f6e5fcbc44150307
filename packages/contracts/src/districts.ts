import { CITIES, type CityCode, findCity } from './cities.js';

/**
 * The county-level divisions (市辖区、县、县级市) of Guangdong's 21 cities, by the civil-affairs register's 2024 list.
 * 东莞 and 中山 have none: their towns and streets (镇、街道) sit directly under the city, so an address there is
 * recognised by the city's name only.
 *
 * Used where a service reaches only "the current city" (开锁便民服务: 当前市区范围), to tell an address in another city
 * from one in this city before anyone is sent out.
 */
export const CITY_DISTRICTS: Record<CityCode, readonly string[]> = {
  '440100': [
    '荔湾区',
    '越秀区',
    '海珠区',
    '天河区',
    '白云区',
    '黄埔区',
    '番禺区',
    '花都区',
    '南沙区',
    '从化区',
    '增城区',
  ],
  '440200': [
    '武江区',
    '浈江区',
    '曲江区',
    '始兴县',
    '仁化县',
    '翁源县',
    '乳源瑶族自治县',
    '新丰县',
    '乐昌市',
    '南雄市',
  ],
  '440300': ['罗湖区', '福田区', '南山区', '宝安区', '龙岗区', '盐田区', '龙华区', '坪山区', '光明区'],
  '440400': ['香洲区', '斗门区', '金湾区'],
  '440500': ['龙湖区', '金平区', '濠江区', '潮阳区', '潮南区', '澄海区', '南澳县'],
  '440600': ['禅城区', '南海区', '顺德区', '三水区', '高明区'],
  '440700': ['蓬江区', '江海区', '新会区', '台山市', '开平市', '鹤山市', '恩平市'],
  '440800': ['赤坎区', '霞山区', '坡头区', '麻章区', '遂溪县', '徐闻县', '廉江市', '雷州市', '吴川市'],
  '440900': ['茂南区', '电白区', '高州市', '化州市', '信宜市'],
  '441200': ['端州区', '鼎湖区', '高要区', '广宁县', '怀集县', '封开县', '德庆县', '四会市'],
  '441300': ['惠城区', '惠阳区', '博罗县', '惠东县', '龙门县'],
  '441400': ['梅江区', '梅县区', '大埔县', '丰顺县', '五华县', '平远县', '蕉岭县', '兴宁市'],
  '441500': ['城区', '海丰县', '陆河县', '陆丰市'],
  '441600': ['源城区', '紫金县', '龙川县', '连平县', '和平县', '东源县'],
  '441700': ['江城区', '阳东区', '阳西县', '阳春市'],
  '441800': ['清城区', '清新区', '佛冈县', '阳山县', '连山壮族瑶族自治县', '连南瑶族自治县', '英德市', '连州市'],
  '441900': [],
  '442000': [],
  '445100': ['湘桥区', '潮安区', '饶平县'],
  '445200': ['榕城区', '揭东区', '揭西县', '惠来县', '普宁市'],
  '445300': ['云城区', '云安区', '新兴县', '郁南县', '罗定市'],
};

export type AddressInCity =
  | { inCity: true }
  /** The address names another city of the province (by its name or one of its districts). */
  | { inCity: false; reason: 'other-city'; cityName: string }
  /** It names no district of this city (or, in 东莞 and 中山, not the city): it cannot be placed. */
  | { inCity: false; reason: 'not-placed' };

const withoutSpaces = (s: string) => s.replace(/\s/g, '');

/**
 * Whether the text names a division. 汕尾's 城区 is also the tail of 清城区、惠城区、江城区… and a common word (老城区), so
 * it counts only as 汕尾市城区 or at the start of the address.
 */
function mentions(text: string, division: string): boolean {
  if (division === '城区') return text.startsWith('城区') || text.includes('汕尾市城区') || text.includes('汕尾城区');
  return text.includes(division);
}

/** Whether an address names this city: "广州市…", or "广州" followed by one of its districts ("广州天河区…"). */
function namesCity(text: string, code: CityCode, name: string): boolean {
  if (text.includes(`${name}市`)) return true;
  const districts = CITY_DISTRICTS[code];
  return districts.some((d) => text.includes(`${name}${d}`));
}

/**
 * Whether a free-text address lies in a city. Where the city has districts, the address must name one of them (a
 * visit needs the district, as the form asks: 区、街道、门牌号); in 东莞 and 中山, the city. An address that names
 * another city of the province, or a district of one and none of this city's, is in that city. Addresses outside
 * Guangdong name nothing this list knows, and are 'not-placed'.
 */
export function addressInCity(address: string, cityCode: CityCode): AddressInCity {
  const text = withoutSpaces(address);
  const city = findCity(cityCode);
  if (!city) return { inCity: false, reason: 'not-placed' };
  const own = CITY_DISTRICTS[cityCode];
  const namesOwnDistrict = own.some((d) => mentions(text, d));
  for (const other of CITIES) {
    if (other.code === cityCode) continue;
    const elsewhere =
      namesCity(text, other.code, other.name) ||
      (!namesOwnDistrict && CITY_DISTRICTS[other.code].some((d) => mentions(text, d)));
    if (elsewhere) return { inCity: false, reason: 'other-city', cityName: other.name };
  }
  const placed = own.length > 0 ? namesOwnDistrict : namesCity(text, cityCode, city.name);
  return placed ? { inCity: true } : { inCity: false, reason: 'not-placed' };
}

/** The first of the city's districts a text names ("天河区保险箱开锁上门服务" → 天河区), or null. */
export function districtNamed(text: string, cityCode: CityCode): string | null {
  const t = withoutSpaces(text);
  return CITY_DISTRICTS[cityCode]?.find((d) => mentions(t, d)) ?? null;
}
