import {
  CITIES,
  WARNING_LEVEL_NAMES,
  type WarningLevel,
  type WEATHER_KINDS,
  type WeatherDay,
  type WeatherWarning,
} from '@yss/contracts';
import { intBetween, pickOf, unit } from '../kit/seeded.js';

/**
 * The sandbox meteorological service's forecast: computed from (city, date) only, so every copy and every test
 * sees the same weather. A month's climate sets the temperatures (the north — 韶关, 清远, 梅州, 河源 — cooler,
 * the west coast warmer), the wet season (April–September) more rain, typhoons on the coast in July–September;
 * warning signals follow the weather as the national standard words them.
 */

type Kind = (typeof WEATHER_KINDS)[number];

/** Mean daily high (°C) of the Pearl River Delta by month. */
const MONTH_HIGH = [18, 19, 22, 26, 30, 32, 33, 33, 32, 29, 25, 20] as const;
const NORTH = new Set(['440200', '441800', '441400', '441600']);
const WEST = new Set(['440800', '440900', '441700']);
const COAST = new Set([
  '440300',
  '440400',
  '440500',
  '440700',
  '440800',
  '440900',
  '441300',
  '441500',
  '441700',
  '442000',
  '445100',
  '445200',
]);
const WINDS = ['北风', '东北风', '东风', '东南风', '南风', '西南风', '西风', '西北风'] as const;

const ADVICE: Record<WeatherWarning['type'], string> = {
  暴雨: '注意防范暴雨引发的城乡积涝和山洪、地质灾害，驾车注意避开积水路段，减少不必要的出行。',
  台风: '注意防风防雨，远离海边和危险建筑，高速公路和跨海大桥可能实施交通管制，请合理安排出行。',
  高温: '注意防暑降温，避免午后长时间户外活动，长途驾车注意车况和轮胎气压。',
  大风: '注意防范大风，高速公路和桥梁行车请减速慢行、握紧方向盘。',
  寒冷: '注意防寒保暖，北部山区道路可能出现结冰，行车注意安全。',
  大雾: '能见度低，驾车请打开雾灯、减速慢行、保持车距，高速公路可能实施交通管制。',
  雷雨大风: '注意防范雷电和短时大风，避免在空旷处和大树下停留，驾车注意减速。',
};

const cityName = (code: string) => CITIES.find((c) => c.code === code)?.name ?? code;

function warning(cityCode: string, date: string, type: WeatherWarning['type'], level: WarningLevel): WeatherWarning {
  return {
    id: `W-${cityCode}-${date}-${type}`,
    type,
    level,
    title: `${cityName(cityCode)}市气象台发布${type}${WARNING_LEVEL_NAMES[level]}预警信号`,
    advice: ADVICE[type],
    date,
  };
}

/** The weather of a city on a date (any date: the sandbox computes; the department only answers 7 days). */
export function weatherOn(cityCode: string, date: string): WeatherDay {
  const month = Number(date.slice(5, 7)) - 1;
  const wet = month >= 3 && month <= 8;
  const typhoonSeason = month >= 6 && month <= 8;
  // A typhoon reaches the coast on a few days of the season; the whole coast feels it that day.
  const typhoon = typhoonSeason && COAST.has(cityCode) && unit('typhoon', date) < 0.06;
  const r = unit('weather', cityCode, date);
  let weather: Kind;
  if (typhoon) weather = unit('typhoon-rain', cityCode, date) < 0.5 ? '暴雨' : '大雨';
  else if (wet) {
    weather =
      r < 0.15
        ? '晴'
        : r < 0.35
          ? '多云'
          : r < 0.45
            ? '阴'
            : r < 0.58
              ? '阵雨'
              : r < 0.74
                ? '雷阵雨'
                : r < 0.84
                  ? '小雨'
                  : r < 0.91
                    ? '中雨'
                    : r < 0.96
                      ? '大雨'
                      : '暴雨';
  } else {
    weather =
      r < 0.32
        ? '晴'
        : r < 0.6
          ? '多云'
          : r < 0.74
            ? '阴'
            : r < 0.84
              ? '小雨'
              : r < 0.9
                ? '阵雨'
                : r < 0.96
                  ? '雾'
                  : '中雨';
  }
  const base = (MONTH_HIGH[month] ?? 26) + (NORTH.has(cityCode) ? -2 : 0) + (WEST.has(cityCode) ? 1 : 0);
  const rainy = ['小雨', '阵雨', '雷阵雨', '中雨', '大雨', '暴雨'].includes(weather);
  const high = base + intBetween(-2, 3, 'high', cityCode, date) - (rainy ? 2 : 0) + (weather === '晴' ? 1 : 0);
  const low = high - intBetween(5, 9, 'low', cityCode, date) + (rainy ? 2 : 0);
  const rainChance = rainy
    ? Math.min(95, 50 + intBetween(0, 45, 'rain', cityCode, date))
    : weather === '阴' || weather === '雾'
      ? intBetween(10, 30, 'rain', cityCode, date)
      : intBetween(0, 15, 'rain', cityCode, date);
  const windLevel = typhoon
    ? intBetween(8, 11, 'wind', cityCode, date)
    : weather === '雷阵雨'
      ? intBetween(3, 6, 'wind', cityCode, date)
      : intBetween(1, 4, 'wind', cityCode, date);
  const windDirection = typhoon ? '东北风' : pickOf(WINDS, 'wind-dir', cityCode, date, wet ? 'wet' : 'dry');

  const warnings: WeatherWarning[] = [];
  if (typhoon) warnings.push(warning(cityCode, date, '台风', windLevel >= 10 ? 'orange' : 'yellow'));
  if (weather === '暴雨') {
    const lv = unit('rainstorm-level', cityCode, date);
    warnings.push(warning(cityCode, date, '暴雨', lv < 0.55 ? 'yellow' : lv < 0.9 ? 'orange' : 'red'));
  } else if (weather === '大雨' && unit('rainstorm-level', cityCode, date) < 0.4) {
    warnings.push(warning(cityCode, date, '暴雨', 'blue'));
  }
  if (weather === '雷阵雨' && windLevel >= 6) warnings.push(warning(cityCode, date, '雷雨大风', 'yellow'));
  if (high >= 37) warnings.push(warning(cityCode, date, '高温', 'orange'));
  else if (high >= 35) warnings.push(warning(cityCode, date, '高温', 'yellow'));
  if (low <= 5) warnings.push(warning(cityCode, date, '寒冷', low <= 2 ? 'orange' : 'yellow'));
  else if (low <= 8 && NORTH.has(cityCode)) warnings.push(warning(cityCode, date, '寒冷', 'blue'));
  if (weather === '雾')
    warnings.push(warning(cityCode, date, '大雾', unit('fog', cityCode, date) < 0.7 ? 'yellow' : 'orange'));
  if (!typhoon && windLevel >= 6 && weather !== '雷阵雨') warnings.push(warning(cityCode, date, '大风', 'blue'));
  return { date, weather, high, low, rainChance, windDirection, windLevel, warnings };
}
