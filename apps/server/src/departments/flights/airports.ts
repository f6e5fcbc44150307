import type { Airport, GdAirportCode } from '@yss/contracts';

/**
 * The airports of the sandbox civil-aviation system: Guangdong's eight civil airports with their 交通指引 (static
 * data, as an airport's own website gives it), and the airports outside Guangdong that its flights serve (name,
 * city and the terminal flights use, nothing more).
 */

export const GD_AIRPORTS: Record<GdAirportCode, Airport> = {
  CAN: {
    code: 'CAN',
    name: '广州白云国际机场',
    city: '广州',
    cityCode: '440100',
    address: '广州市白云区机场路',
    terminals: ['T1', 'T2', 'T3'],
    phone: '020-96158',
    guide: [
      {
        mode: 'metro',
        title: '地铁3号线（北延段）',
        detail: '在“机场南（1号航站楼）”站下车前往T1，“机场北（2号航站楼）”站下车前往T2；T3可在机场北站换乘捷运。',
      },
      {
        mode: 'rail',
        title: '广州东环城际 / 广清城际',
        detail: '在“白云机场T2”站下车，经地下通道进入航站楼。',
      },
      {
        mode: 'bus',
        title: '空港快线',
        detail:
          '广州市区（广州火车站、天河客运站、珠江新城等）及珠三角各市均有空港快线直达各航站楼，约每20–40分钟一班。',
      },
      { mode: 'taxi', title: '出租车', detail: '天河区至机场约40公里，车程约50分钟，到达层设有出租车候车点。' },
      { mode: 'car', title: '自驾', detail: '经机场高速或北二环高速前往，各航站楼设有停车楼，可在线预约停车位。' },
    ],
  },
  SZX: {
    code: 'SZX',
    name: '深圳宝安国际机场',
    city: '深圳',
    cityCode: '440300',
    address: '深圳市宝安区机场道1011号',
    terminals: ['T3', 'T4'],
    phone: '0755-23456789',
    guide: [
      { mode: 'metro', title: '地铁11号线', detail: '在“机场”站下车，经B出口直达T3航站楼出发层。' },
      { mode: 'rail', title: '穗深城际', detail: '在“机场”站下车，经地下连廊步行约8分钟至T3航站楼。' },
      {
        mode: 'bus',
        title: '机场巴士',
        detail: '深圳市区各区及东莞、惠州均有机场巴士，330路、机场7线等公交线路直达机场。',
      },
      { mode: 'taxi', title: '出租车', detail: '福田区至机场约35公里，车程约40分钟。' },
      { mode: 'car', title: '自驾', detail: '经广深沿江高速或机荷高速前往，T3设有P1–P4停车场。' },
    ],
  },
  ZUH: {
    code: 'ZUH',
    name: '珠海金湾机场',
    city: '珠海',
    cityCode: '440400',
    address: '珠海市金湾区三灶镇',
    terminals: ['T1'],
    phone: '0756-7771111',
    guide: [
      { mode: 'rail', title: '广珠城际（机场段）', detail: '在“珠海机场”站下车，步行约5分钟至航站楼。' },
      { mode: 'bus', title: '机场快线', detail: '香洲、拱北口岸、横琴均有机场快线，约每30分钟一班。' },
      { mode: 'taxi', title: '出租车', detail: '香洲区至机场约45公里，车程约50分钟。' },
    ],
  },
  SWA: {
    code: 'SWA',
    name: '揭阳潮汕国际机场',
    city: '揭阳',
    cityCode: '445200',
    address: '揭阳市榕城区登岗镇',
    terminals: ['T2'],
    phone: '0663-8666666',
    guide: [
      { mode: 'bus', title: '机场大巴', detail: '汕头、潮州、揭阳市区均有机场大巴，按航班时刻发车。' },
      { mode: 'rail', title: '高铁接驳', detail: '潮汕站有接驳巴士往返机场，车程约25分钟。' },
      { mode: 'taxi', title: '出租车', detail: '汕头市区至机场约30公里，车程约40分钟。' },
    ],
  },
  ZHA: {
    code: 'ZHA',
    name: '湛江吴川国际机场',
    city: '湛江',
    cityCode: '440800',
    address: '湛江市吴川市塘缀镇',
    terminals: ['T1'],
    phone: '0759-3333333',
    guide: [
      { mode: 'bus', title: '机场大巴', detail: '湛江市区（赤坎、霞山）及湛江西站有机场大巴往返。' },
      { mode: 'taxi', title: '出租车', detail: '湛江市区至机场约40公里，车程约45分钟。' },
    ],
  },
  MXZ: {
    code: 'MXZ',
    name: '梅州梅县机场',
    city: '梅州',
    cityCode: '441400',
    address: '梅州市梅县区',
    terminals: ['T1'],
    phone: '0753-2222222',
    guide: [
      { mode: 'bus', title: '机场大巴', detail: '梅州市区至机场设有机场大巴，按航班时刻发车。' },
      { mode: 'taxi', title: '出租车', detail: '梅州市区至机场约15公里，车程约20分钟。' },
    ],
  },
  HUZ: {
    code: 'HUZ',
    name: '惠州平潭机场',
    city: '惠州',
    cityCode: '441300',
    address: '惠州市惠阳区平潭镇',
    terminals: ['T1'],
    phone: '0752-3888888',
    guide: [
      { mode: 'bus', title: '机场大巴', detail: '惠州市区、惠州南站及深圳龙岗、坪山设有机场大巴。' },
      { mode: 'taxi', title: '出租车', detail: '惠城区至机场约25公里，车程约35分钟。' },
    ],
  },
  HSC: {
    code: 'HSC',
    name: '韶关丹霞机场',
    city: '韶关',
    cityCode: '440200',
    address: '韶关市曲江区',
    terminals: ['T1'],
    phone: '0751-8888000',
    guide: [
      { mode: 'bus', title: '机场大巴', detail: '韶关市区及韶关高铁站有机场大巴往返。' },
      { mode: 'taxi', title: '出租车', detail: '韶关市区至机场约25公里，车程约30分钟。' },
    ],
  },
};

/** Airports outside Guangdong: name, city and the terminal the sandbox's flights use. */
export const OTHER_AIRPORTS: Record<string, { name: string; city: string; terminal: string }> = {
  PEK: { name: '北京首都国际机场', city: '北京', terminal: 'T2' },
  PKX: { name: '北京大兴国际机场', city: '北京', terminal: 'T1' },
  SHA: { name: '上海虹桥国际机场', city: '上海', terminal: 'T2' },
  PVG: { name: '上海浦东国际机场', city: '上海', terminal: 'T2' },
  CTU: { name: '成都双流国际机场', city: '成都', terminal: 'T2' },
  TFU: { name: '成都天府国际机场', city: '成都', terminal: 'T1' },
  HGH: { name: '杭州萧山国际机场', city: '杭州', terminal: 'T4' },
  WUH: { name: '武汉天河国际机场', city: '武汉', terminal: 'T3' },
  CKG: { name: '重庆江北国际机场', city: '重庆', terminal: 'T3' },
  XIY: { name: '西安咸阳国际机场', city: '西安', terminal: 'T5' },
  KMG: { name: '昆明长水国际机场', city: '昆明', terminal: 'T1' },
  HAK: { name: '海口美兰国际机场', city: '海口', terminal: 'T2' },
  NKG: { name: '南京禄口国际机场', city: '南京', terminal: 'T2' },
  CSX: { name: '长沙黄花国际机场', city: '长沙', terminal: 'T2' },
};

export function isGdAirport(code: string): code is GdAirportCode {
  return code in GD_AIRPORTS;
}

export function airportPlace(code: string): { code: string; name: string; city: string } {
  if (isGdAirport(code)) return { code, name: GD_AIRPORTS[code].name, city: GD_AIRPORTS[code].city };
  const other = OTHER_AIRPORTS[code];
  if (!other) throw new Error(`unknown airport ${code}`);
  return { code, name: other.name, city: other.city };
}
