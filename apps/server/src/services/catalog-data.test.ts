import { CITIES, type CityName, SERVICE_GROUP_IDS, SERVICE_KINDS, WHO_MAY_ACT, ZONE_IDS } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { ALL_SERVICES, availableCities, DEPARTMENTS, FAQS, isAvailableIn, unavailableReason } from './index.js';
import type { ServiceDefinition } from './types.js';

/** Every capability ID of /work/shared/spec/FEATURES.md (hard-coded: tests read nothing outside the repo). */
const FEATURE_IDS = [
  ...['A1', 'A2', 'A3', 'A4', 'A5', 'A6'],
  ...['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8'],
  ...['C1', 'C2', 'C3', 'C4'],
  ...['D1', 'D2', 'D3', 'D4', 'D5', 'D6'],
  ...['E1', 'E2', 'E3', 'E4'],
  ...['F1', 'F2', 'F3', 'F4', 'F5', 'F6'],
  ...['G1', 'G2', 'G3', 'G4', 'G5', 'G6'],
  ...['H1', 'H2', 'H3', 'H4', 'H5'],
];

/**
 * Platform-level features that are not services (事项): A1 mobile web entry, A2 login, A6 city switcher,
 * H2 backup, H3 face verification (a property of services: requiresVerification), H4 single device, H5 scale.
 */
const NOT_SERVICES = new Set(['A1', 'A2', 'A6', 'H2', 'H3', 'H4', 'H5']);

/** The guide has 18 '问题：' lines (3 证照, 3 社保, 3 公积金, 3 外来人员, 3 出入境, 3 新生儿), each with its '回答：'. */
const GUIDE_FAQ_COUNT = 18;

const ALL_CITY_NAMES: CityName[] = CITIES.map((c) => c.name);
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const byId = new Map(ALL_SERVICES.map((s) => [s.id, s]));
function service(id: string): ServiceDefinition {
  const s = byId.get(id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
}

describe('service catalog data', () => {
  it('has at least 100 services', () => {
    expect(ALL_SERVICES.length).toBeGreaterThanOrEqual(100);
  });

  it('has unique kebab-case ids and unique names', () => {
    const ids = ALL_SERVICES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(KEBAB);
    const names = ALL_SERVICES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('uses valid groups, zones, kinds and whoMayAct values', () => {
    for (const s of ALL_SERVICES) {
      expect(SERVICE_GROUP_IDS, s.id).toContain(s.group);
      for (const z of s.zones ?? []) expect(ZONE_IDS, s.id).toContain(z);
      expect(SERVICE_KINDS, s.id).toContain(s.kind);
      expect(WHO_MAY_ACT, s.id).toContain(s.whoMayAct);
    }
  });

  it('fills every group and every zone', () => {
    for (const g of SERVICE_GROUP_IDS)
      expect(
        ALL_SERVICES.some((s) => s.group === g),
        g,
      ).toBe(true);
    for (const z of ZONE_IDS)
      expect(
        ALL_SERVICES.some((s) => s.zones?.includes(z)),
        z,
      ).toBe(true);
  });

  it('has English for every name, description and note', () => {
    for (const s of ALL_SERVICES) {
      expect(s.name.trim(), s.id).not.toBe('');
      expect(s.nameEn.trim(), s.id).not.toBe('');
      expect(s.description.trim(), s.id).not.toBe('');
      expect(s.descriptionEn.trim(), s.id).not.toBe('');
      expect(s.notesEn?.length ?? 0, `${s.id} notesEn`).toBe(s.notes?.length ?? 0);
      expect(s.materialsEn?.length ?? 0, `${s.id} materialsEn`).toBe(s.materials?.length ?? 0);
      expect(s.timeLimitEn === undefined, `${s.id} timeLimitEn`).toBe(s.timeLimit === undefined);
    }
  });

  it('refers only to existing departments, each department used', () => {
    const deptIds = DEPARTMENTS.map((d) => d.id);
    expect(new Set(deptIds).size).toBe(deptIds.length);
    for (const id of deptIds) expect(id).toMatch(KEBAB);
    for (const s of ALL_SERVICES) expect(deptIds, s.id).toContain(s.department);
    for (const d of DEPARTMENTS)
      expect(
        ALL_SERVICES.some((s) => s.department === d.id),
        d.id,
      ).toBe(true);
  });

  it('refers only to FEATURES.md ids and serves every feature but the platform-level ones', () => {
    for (const s of ALL_SERVICES) {
      expect(s.featureIds.length, s.id).toBeGreaterThan(0);
      for (const f of s.featureIds) expect(FEATURE_IDS, s.id).toContain(f);
    }
    const served = new Set(ALL_SERVICES.flatMap((s) => s.featureIds));
    for (const f of FEATURE_IDS) {
      if (NOT_SERVICES.has(f)) expect(served.has(f), `${f} is platform-level`).toBe(false);
      else expect(served.has(f), `${f} served`).toBe(true);
    }
  });

  /**
   * Personal services that read no department record of the person: a login is enough, and the service page
   * must not claim a face check the server does not ask for (行程订阅: trips the citizen typed in themself).
   */
  const LOGIN_ONLY = new Set(['xingcheng-dingyue-tianqi']);

  it('asks for verification exactly when the service is personal and reads department records', () => {
    for (const s of ALL_SERVICES) {
      expect(s.requiresVerification, s.id).toBe(s.whoMayAct !== 'anyone' && !LOGIN_ONLY.has(s.id));
    }
    for (const id of LOGIN_ONLY) expect(byId.get(id)?.whoMayAct, id).toBe('self');
  });

  it('has one certificate entry per linkable certificate, all in 我的证照', () => {
    const certificates = ALL_SERVICES.filter((s) => s.kind === 'certificate');
    expect(certificates.every((s) => s.group === 'zhengzhao')).toBe(true);
    expect(certificates.map((s) => s.name).sort()).toEqual(
      [
        '居民身份电子凭证',
        '驾驶证',
        '行驶证',
        '护照',
        '港澳通行证',
        '台湾通行证',
        '公积金',
        '社保卡',
        '残疾人证',
        '居住证',
        '出生医学证明',
        '注册志愿者证',
        '结婚证',
        '离婚证',
        '高校毕业生就业报到证',
        '不动产登记证明',
        '不动产权证书',
      ].sort(),
    );
  });

  it('has only-mode rules that list at least one city, except-mode rules that leave some', () => {
    for (const s of ALL_SERVICES) {
      const n = availableCities(s).length;
      expect(n, s.id).toBeGreaterThan(0);
      if (s.availability.mode === 'all') expect(n, s.id).toBe(21);
      else expect(n, s.id).toBeLessThan(21);
    }
  });
});

describe('FAQ', () => {
  it('has every 问题/回答 pair of the guide', () => {
    expect(FAQS.length).toBe(GUIDE_FAQ_COUNT);
    const ids = FAQS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(KEBAB);
    expect(new Set(FAQS.map((f) => f.question)).size).toBe(FAQS.length);
  });

  it('links each FAQ to existing services and features', () => {
    for (const f of FAQS) {
      expect(f.serviceIds.length, f.id).toBeGreaterThan(0);
      for (const id of f.serviceIds) expect(byId.has(id), `${f.id} → ${id}`).toBe(true);
      expect(f.featureIds.length, f.id).toBeGreaterThan(0);
      for (const fid of f.featureIds) expect(FEATURE_IDS, f.id).toContain(fid);
      for (const t of [f.question, f.answer, f.questionEn, f.answerEn]) expect(t.trim(), f.id).not.toBe('');
      expect(f.question.startsWith('问题'), f.id).toBe(false);
      expect(f.answer.startsWith('回答'), f.id).toBe(false);
    }
  });

  it('keeps the guide text verbatim', () => {
    const faq = (id: string) => FAQS.find((f) => f.id === id);
    expect(faq('faq-yibao-yue')?.answer).toBe(
      '目前暂支持广州〔需开通医保支付〕、肇庆、潮州、清远地区医保账户余额查询。',
    );
    expect(faq('faq-chushengzheng-dianzi-guanlian')?.answer).toBe(
      '2014年1月1日至今支持全省〔除广州、深圳、佛山、珠海〕；2018年5月1日至今〔广州、深圳、佛山、珠海〕',
    );
    expect(faq('faq-qianzhu-quxiao-tuifei')?.answer).toContain('〔热线电话：12345〕');
  });
});

interface CityRule {
  readonly feature: string;
  readonly what: string;
  readonly serviceIds: readonly string[];
  /** Cities that must offer the services; every other city must not. */
  readonly available: readonly CityName[];
  readonly reason: string;
  readonly reasonEn: string;
}

const GAS = [
  'ranqi-huhao-bangding',
  'ranqi-jiaofei',
  'ranqi-zhangdan-chaxun',
  'ranqi-zibao-dushu',
  'ranqi-yuyue-shangmen',
  'tingqi-chaxun',
  'ranqi-jiage',
];
const HOUSING_FUND = [
  'gongjijin-jiaocun-xinxi',
  'gongjijin-jiaocun-mingxi',
  'gongjijin-zaici-tiqu',
  'gongjijin-qiantai-tiqu-yuyue',
  'gongjijin-daikuan-chaxun',
  'zz-gongjijin',
];
const except = (...cities: CityName[]): CityName[] => ALL_CITY_NAMES.filter((c) => !cities.includes(c));

/** Every per-city rule of FEATURES.md and the guide. */
const CITY_RULES: readonly CityRule[] = [
  {
    feature: 'B1',
    what: '开通医保支付 / 医保扫码支付',
    serviceIds: ['kaitong-yibao-zhifu', 'yibao-saoma-zhifu'],
    available: ['广州', '深圳'],
    reason: '暂仅支持广州、深圳',
    reasonEn: 'Currently available in Guangzhou and Shenzhen only',
  },
  {
    feature: 'B3',
    what: '医保账户余额查询',
    serviceIds: ['yibao-zhanghu-yue'],
    available: ['广州', '肇庆', '潮州', '清远'],
    reason: '暂仅支持广州、肇庆、潮州、清远',
    reasonEn: 'Currently available in Guangzhou, Zhaoqing, Chaozhou and Qingyuan only',
  },
  {
    feature: 'A5',
    what: '公积金 services and certificate',
    serviceIds: HOUSING_FUND,
    available: except('东莞', '惠州', '揭阳'),
    reason: '暂不支持东莞、惠州、揭阳',
    reasonEn: 'Not yet available in Dongguan, Huizhou or Jieyang',
  },
  {
    feature: 'C2',
    what: '积分服务',
    serviceIds: ['jifen-shenqing', 'jifen-chaxun', 'jifen-tiaozheng', 'jifen-ruhu'],
    available: ['广州'],
    reason: '暂仅支持广州',
    reasonEn: 'Currently available in Guangzhou only',
  },
  {
    feature: 'D6',
    what: '台湾通行证签注',
    serviceIds: ['taiwan-qianzhu'],
    available: ['广州', '深圳', '惠州', '中山', '汕头', '梅州', '潮州', '揭阳'],
    reason: '暂仅支持广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳',
    reasonEn:
      'Currently available in Guangzhou, Shenzhen, Huizhou, Zhongshan, Shantou, Meizhou, Chaozhou and Jieyang only',
  },
  {
    feature: 'E2',
    what: '出生登记',
    serviceIds: ['chusheng-dengji'],
    available: except('广州', '深圳'),
    reason: '暂不支持广州、深圳',
    reasonEn: 'Not yet available in Guangzhou or Shenzhen',
  },
  {
    feature: 'E3',
    what: '中考成绩查询',
    serviceIds: ['zhongkao-chengji-chaxun'],
    available: ['佛山'],
    reason: '暂仅支持佛山',
    reasonEn: 'Currently available in Foshan only',
  },
  {
    feature: 'E4',
    what: '高龄津贴申请',
    serviceIds: ['gaoling-jintie-shenqing'],
    available: ['肇庆', '清远', '韶关'],
    reason: '暂仅支持肇庆、清远、韶关',
    reasonEn: 'Currently available in Zhaoqing, Qingyuan and Shaoguan only',
  },
  {
    feature: 'E4',
    what: '老年人优待证核发',
    serviceIds: ['laonianren-youdaizheng-hefa'],
    available: ['佛山', '清远', '韶关'],
    reason: '暂仅支持佛山、清远、韶关',
    reasonEn: 'Currently available in Foshan, Qingyuan and Shaoguan only',
  },
  {
    feature: 'G1',
    what: '燃气',
    serviceIds: GAS,
    available: ['广州'],
    reason: '暂仅支持广州',
    reasonEn: 'Currently available in Guangzhou only',
  },
  {
    feature: 'G1',
    what: '电力',
    serviceIds: ['dianli-huhao-bangding', 'dianfei-chaxun', 'tingdian-tongzhi'],
    available: except('广州', '深圳'),
    reason: '暂不支持广州、深圳',
    reasonEn: 'Not yet available in Guangzhou or Shenzhen',
  },
  {
    feature: 'G1',
    what: '水务',
    serviceIds: ['shuiwu-huhao-bangding', 'shuifei-yingjiao-chaxun', 'shuifei-zhangdan-chaxun'],
    available: ['阳江'],
    reason: '暂仅支持阳江',
    reasonEn: 'Currently available in Yangjiang only',
  },
  {
    feature: 'G2',
    what: '不动产登记办理进度查询',
    serviceIds: ['budongchan-banli-jindu-chaxun'],
    available: ['肇庆', '茂名'],
    reason: '暂仅支持肇庆、茂名',
    reasonEn: 'Currently available in Zhaoqing and Maoming only',
  },
  {
    feature: 'G2',
    what: '权证附图查询',
    serviceIds: ['quanzheng-futu-chaxun'],
    available: ['阳江'],
    reason: '暂仅支持阳江',
    reasonEn: 'Currently available in Yangjiang only',
  },
  {
    feature: 'G4',
    what: '开锁便民服务',
    serviceIds: ['kaisuo-bianmin-fuwu'],
    available: ['广州'],
    reason: '暂仅支持广州',
    reasonEn: 'Currently available in Guangzhou only',
  },
  {
    feature: 'G5',
    what: '无犯罪记录证明',
    serviceIds: ['wufanzui-jilu-zhengming', 'wufanzui-jilu-zhengming-jindu'],
    available: except('深圳'),
    reason: '暂不支持深圳',
    reasonEn: 'Not yet available in Shenzhen',
  },
];

/** Services the guide says are available province-wide, whatever limits apply to the person. */
const EVERYWHERE: readonly { feature: string; what: string; serviceIds: readonly string[] }[] = [
  {
    feature: 'D6',
    what: '出入境 appointments and 港澳再次签注 (深圳 hukou exclusion is about hukou, not the city)',
    serviceIds: [
      'huzhao-shenling-yuyue',
      'huzhao-huanling-yuyue',
      'huzhao-buling-yuyue',
      'gangao-tongxingzheng-shenling-yuyue',
      'gangao-tongxingzheng-huanling-yuyue',
      'gangao-tongxingzheng-buling-yuyue',
      'taiwan-tongxingzheng-shenling-yuyue',
      'taiwan-tongxingzheng-huanling-yuyue',
      'taiwan-tongxingzheng-buling-yuyue',
      'gangao-zaici-qianzhu',
    ],
  },
  {
    feature: 'E2',
    what: '出生医学证明 (date rule in notes)',
    serviceIds: ['zz-chusheng-yixue-zhengming', 'shenling-chusheng-yixue-zhengming'],
  },
  {
    feature: 'B7',
    what: '社会救助, whole province',
    serviceIds: ['dibao-shenqing-yuyue', 'linshi-jiuzhu-jindu-chaxun', 'yiliao-jiuzhu-jindu-chaxun'],
  },
  { feature: 'B8', what: '助残, whole province', serviceIds: ['canjirenzheng-shenqing', 'canjiren-butie-shenqing'] },
  { feature: 'E1', what: '婚姻, whole province', serviceIds: ['hunyin-dengji-yuyue', 'hunyin-dengji-jilu-zhengming'] },
  { feature: 'C1', what: '居住证 (深圳 only skips the half-year wait)', serviceIds: ['shenling-juzhuzheng'] },
];

describe('per-city rules', () => {
  describe.each(CITY_RULES)('$feature $what', (rule) => {
    it.each(rule.serviceIds)('%s follows the rule in all 21 cities', (id) => {
      const s = service(id);
      expect(s.availability.mode).not.toBe('all');
      if (s.availability.mode === 'all') return;
      expect(s.availability.reason).toBe(rule.reason);
      expect(s.availability.reasonEn).toBe(rule.reasonEn);
      expect(s.featureIds).toContain(rule.feature);
      for (const city of ALL_CITY_NAMES) {
        const expected = rule.available.includes(city);
        expect(isAvailableIn(s, city), `${id} in ${city}`).toBe(expected);
        expect(unavailableReason(s, city), `${id} reason in ${city}`).toEqual(
          expected ? null : { reason: rule.reason, reasonEn: rule.reasonEn },
        );
      }
      expect(availableCities(s)).toEqual(ALL_CITY_NAMES.filter((c) => rule.available.includes(c)));
    });
  });

  it('covers every limited service with a rule', () => {
    const ruled = new Set(CITY_RULES.flatMap((r) => r.serviceIds));
    const limited = ALL_SERVICES.filter((s) => s.availability.mode !== 'all').map((s) => s.id);
    expect(limited.filter((id) => !ruled.has(id))).toEqual([]);
  });

  describe.each(EVERYWHERE)('$feature $what', ({ serviceIds }) => {
    it.each(serviceIds)('%s is available in all 21 cities', (id) => {
      const s = service(id);
      expect(s.availability).toEqual({ mode: 'all' });
      for (const city of ALL_CITY_NAMES) {
        expect(isAvailableIn(s, city)).toBe(true);
        expect(unavailableReason(s, city)).toBeNull();
      }
      expect(availableCities(s)).toEqual(ALL_CITY_NAMES);
    });
  });

  it('lists rule cities in the guide order and as real cities', () => {
    for (const s of ALL_SERVICES) {
      if (s.availability.mode === 'all') continue;
      for (const c of s.availability.cities) expect(ALL_CITY_NAMES, s.id).toContain(c);
      expect(s.availability.reason, s.id).toBe(
        `${s.availability.mode === 'only' ? '暂仅支持' : '暂不支持'}${s.availability.cities.join('、')}`,
      );
    }
  });
});

describe("a city's own name of a service", () => {
  it('is given only for cities that offer the service, and differs from the guide name', () => {
    const named = ALL_SERVICES.filter((s) => s.cityNames);
    expect(named.map((s) => s.id)).toContain('laonianren-youdaizheng-hefa');
    for (const s of named) {
      for (const [city, names] of Object.entries(s.cityNames ?? {})) {
        expect(isAvailableIn(s, city as CityName), `${s.id} in ${city}`).toBe(true);
        expect(names?.name, s.id).not.toBe(s.name);
        expect(names?.nameEn, s.id).toMatch(/\S/);
        // the city's name is also a search word of the service
        expect(s.keywords ?? [], s.id).toContain(names?.name);
      }
    }
  });

  it('follows the guide: 佛山 calls 老年人优待证核发 老人卡申办', () => {
    expect(service('laonianren-youdaizheng-hefa').cityNames).toEqual({
      佛山: { name: '老人卡申办', nameEn: expect.any(String) },
    });
  });
});

describe('guide rules carried in the data', () => {
  it('marks who may act as the guide says', () => {
    expect(service('shenling-chusheng-yixue-zhengming').whoMayAct).toBe('mother-only');
    for (const id of [
      'yanglao-zige-renzheng',
      'gaoling-jintie-shenqing',
      'ranqi-jiaofei',
      'chechuanshui-jiaokuan',
      'canjirenzheng-shenqing',
      'canji-dengji-biangeng',
      'huzhao-shenling-yuyue',
      'gangao-tongxingzheng-buling-yuyue',
    ]) {
      expect(service(id).whoMayAct, id).toBe('self-or-others');
    }
    for (const id of [
      'xuexiao-chaxun',
      'xinyong-chaxun',
      'fapiao-chaxun',
      'diushi-beidao-fapiao-chaxun',
      'dianzi-shuipiao-chayan',
      'geshui-jisuanqi',
      'jiaban-gongzi-jisuanqi',
      'quming-chaxun',
      'ranqi-jiage',
      'tingqi-chaxun',
    ]) {
      expect(service(id).whoMayAct, id).toBe('anyone');
    }
  });

  it('keeps the starred remarks', () => {
    expect(service('changtuche-goupiao').notes).toEqual(
      expect.arrayContaining([
        '1.暂不支持半票、儿童票、改签服务，如有需要请在发车前前往各客运站办理',
        '2.需各乘客携带有效证件乘车',
        '3.一个订单最多可购买5张车票，暂仅支持中华人民共和国第二代居民身份证购买',
      ]),
    );
    expect(service('shenling-juzhuzheng').timeLimit).toBe('10个工作日');
    expect(service('wufanzui-jilu-zhengming').notes).toContain('目前暂仅支持现场领取。');
    expect(service('shenling-chusheng-yixue-zhengming').notes?.[0]).toBe(
      '该线上申领流程必须由新生儿母亲登录“粤省事”操作',
    );
    expect(service('zz-chusheng-yixue-zhengming').notes?.join('')).toContain('2018年5月1日');
    expect(service('laonianren-youdaizheng-hefa').keywords).toContain('老人卡申办');
    expect(service('yibao-zhanghu-yue').notes?.join('')).toContain('需开通医保支付');
    expect(service('gangao-zaici-qianzhu').notes?.join('')).toContain('〔热线电话：12345〕');
    expect(service('huzhao-shenling-yuyue').notes?.join('')).toContain('除深圳以外的广东省户籍居民');
    for (const id of ['gongjijin-zaici-tiqu', 'gongjijin-qiantai-tiqu-yuyue']) {
      const notes = service(id).notes?.join('') ?? '';
      expect(notes, id).toContain('手机号码不正确');
      expect(notes, id).toContain('存在未办结服务不能提取');
    }
    for (const s of ALL_SERVICES.filter((x) => x.featureIds.includes('B4'))) {
      expect(s.notes?.join('') ?? '', s.id).toContain('香港、澳门');
    }
    expect(service('zz-shebaoka').notes?.join('')).toContain('银联标识');
  });

  it('puts services in the groups and zones the guide names', () => {
    const where = (id: string) => {
      const s = service(id);
      return { group: s.group, zones: s.zones ?? [] };
    };
    expect(where('quming-chaxun').group).toBe('huzheng');
    expect(where('chusheng-dengji').group).toBe('huzheng');
    expect(where('shenling-chusheng-yixue-zhengming').group).toBe('xinshenger');
    expect(where('kaisuo-bianmin-fuwu').group).toBe('huzheng');
    expect(where('wufanzui-jilu-zhengming').group).toBe('huzheng');
    expect(where('yijian-yiche')).toEqual({ group: 'gonggong', zones: ['zhihui-chuxing'] });
    expect(where('yanglao-zige-renzheng').group).toBe('shebao');
    expect(where('gaoling-jintie-shenqing').group).toBe('gonggong');
    expect(where('laonianren-youdaizheng-hefa').group).toBe('gonggong');
    expect(where('biyesheng-dangan-quxiang')).toEqual({ group: 'rencai-jiuye', zones: ['jiaoyu'] });
    for (const id of ['jifen-shenqing', 'jifen-chaxun', 'jifen-tiaozheng', 'jifen-ruhu', 'shenling-juzhuzheng']) {
      expect(where(id), id).toEqual({ group: 'huzheng', zones: ['liudong-renkou'] });
    }
    for (const s of ALL_SERVICES.filter((x) => x.group === 'jiaoyu')) expect(s.zones, s.id).toContain('jiaoyu');
    for (const id of ['gaosu-dongtai', 'tielu-xinxi', 'hangban-zaixian-zhiji', 'yijian-baojing', 'daolu-jiuyuan']) {
      expect(where(id), id).toEqual({ group: 'jiaotong', zones: ['zhihui-chuxing'] });
    }
    expect(where('yijian-fankui').group).toBe('gonggong');
    expect(service('yijian-fankui').featureIds).toContain('H1');
  });
});
