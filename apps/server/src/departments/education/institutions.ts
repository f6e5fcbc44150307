/**
 * Higher-education institutions (高校) that admit the synthetic province's 高考 candidates and issue its
 * graduates' 就业报到证: real institutions, grouped by the score band the sandbox admits them from, with
 * their competent authority (主管部门). The bands are the sandbox's simplification, not admission data.
 */
export type InstitutionLevel = 'undergraduate' | 'vocational';

export interface Institution {
  name: string;
  level: InstitutionLevel;
  /** a: most selective … c: least; v: vocational (专科). */
  band: 'a' | 'b' | 'c' | 'v';
  /** 主管部门 as a 报到证 shows it. */
  authority: string;
}

const MOE = '中华人民共和国教育部';
const GD = '广东省教育厅';

const i = (name: string, band: Institution['band'], authority = GD): Institution => ({
  name,
  level: band === 'v' ? 'vocational' : 'undergraduate',
  band,
  authority,
});

export const INSTITUTIONS: readonly Institution[] = [
  i('中山大学', 'a', MOE),
  i('华南理工大学', 'a', MOE),
  i('武汉大学', 'a', MOE),
  i('厦门大学', 'a', MOE),
  i('暨南大学', 'b', '中共中央统一战线工作部'),
  i('华南师范大学', 'b'),
  i('深圳大学', 'b'),
  i('南方医科大学', 'b'),
  i('华南农业大学', 'b'),
  i('湖南大学', 'b', MOE),
  i('广东工业大学', 'c'),
  i('广州大学', 'c'),
  i('广东外语外贸大学', 'c'),
  i('广东财经大学', 'c'),
  i('汕头大学', 'c'),
  i('五邑大学', 'c'),
  i('广东海洋大学', 'c'),
  i('韶关学院', 'c'),
  i('嘉应学院', 'c'),
  i('肇庆学院', 'c'),
  i('惠州学院', 'c'),
  i('岭南师范学院', 'c'),
  i('广州番禺职业技术学院', 'v'),
  i('顺德职业技术学院', 'v'),
  i('广东机电职业技术学院', 'v'),
  i('广东科学技术职业学院', 'v'),
  i('广州铁路职业技术学院', 'v'),
  i('广东交通职业技术学院', 'v'),
  i('中山火炬职业技术学院', 'v'),
];

export const INSTITUTIONS_BY_BAND: Readonly<Record<Institution['band'], readonly Institution[]>> = {
  a: INSTITUTIONS.filter((x) => x.band === 'a'),
  b: INSTITUTIONS.filter((x) => x.band === 'b'),
  c: INSTITUTIONS.filter((x) => x.band === 'c'),
  v: INSTITUTIONS.filter((x) => x.band === 'v'),
};

export function institutionNamed(name: string): Institution | undefined {
  return INSTITUTIONS.find((x) => x.name === name);
}

/** Majors (专业) by level, as the 普通高等学校本科专业目录 and 高职专科专业目录 name them. */
export const MAJORS: Readonly<Record<InstitutionLevel, readonly string[]>> = {
  undergraduate: [
    '计算机科学与技术',
    '软件工程',
    '电子信息工程',
    '机械设计制造及其自动化',
    '土木工程',
    '会计学',
    '金融学',
    '国际经济与贸易',
    '法学',
    '汉语言文学',
    '英语',
    '临床医学',
    '护理学',
    '市场营销',
    '工商管理',
    '环境工程',
    '数学与应用数学',
    '化学',
  ],
  vocational: ['计算机应用技术', '会计', '电子商务', '机电一体化技术', '护理', '物流管理', '酒店管理', '建设工程管理'],
};
