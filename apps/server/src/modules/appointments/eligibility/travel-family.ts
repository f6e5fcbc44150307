import { findCity } from '@yss/contracts';
import { AppError } from '../../../http/app-error.js';
import { chinaDate } from '../china-time.js';
import type { AppointmentEligibilityCheck, AppointmentEligibilityContext } from './index.js';

/**
 * Who may book the 出入境 document appointments (D6), the 出生医学证明 (E2) and the gas company's home visit (G1),
 * in the guide's words, each asked of the department that holds the record. A department that does not answer
 * throws the connector's DEPARTMENT_UNAVAILABLE: never a yes.
 */

const SHENZHEN = '440300';

/** The guide's answer to 一定要广东省户籍的才可以办理吗 (出入境服务常见疑问). */
const SCOPE =
  '预约办证服务：目前支持除深圳以外的广东省户籍居民，以及商务人员、学生、60岁以上等其他符合办证条件的非广东省户籍居民，进行线上申请预约办证。';

const NOT_ELIGIBLE = (detail: string) => new AppError('APPOINTMENT_NOT_ELIGIBLE', detail);

/** Full years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The hukou rule, from the population register: Guangdong hukou except 深圳; outside Guangdong, the 60-and-over
 * the register's birth date shows. 商务人员、学生 and the other eligible non-Guangdong groups cannot be known
 * here: the refusal says so and sends them to the counter.
 */
async function checkHukou(ctx: AppointmentEligibilityContext): Promise<void> {
  const { person } = await ctx.departments.populationRegister.client.getPerson({ idNumber: ctx.applicant.idNumber });
  if (!person) {
    throw NOT_ELIGIBLE(
      `${SCOPE}公安户政系统未查询到您的户籍信息，暂不能在线预约，请携带居民身份证到出入境办证窗口咨询办理（热线电话：12345）。`,
    );
  }
  if (person.hukouCityCode === SHENZHEN) {
    throw NOT_ELIGIBLE(
      `${SCOPE}您的户籍在深圳，暂不支持在“粤省事”预约办证，请通过深圳市出入境管理部门的渠道预约（热线电话：12345）。`,
    );
  }
  if (person.hukouCityCode) return;
  if (ageOn(person.birthDate, chinaDate(ctx.now)) >= 60) return;
  throw NOT_ELIGIBLE(
    `${SCOPE}您的户籍不在广东省，平台无法在线核实您是否属于商务人员、学生等符合办证条件的人员，暂不能在线预约；请携带居民身份证及在职、在学等相关证明材料到出入境办证窗口咨询办理（热线电话：12345）。`,
  );
}

type DocumentKind = 'passport' | 'hk-macao-permit' | 'taiwan-permit';
const DOCS: readonly { key: string; kind: DocumentKind; name: string }[] = [
  { key: 'huzhao', kind: 'passport', name: '护照' },
  { key: 'gangao-tongxingzheng', kind: 'hk-macao-permit', name: '港澳通行证' },
  { key: 'taiwan-tongxingzheng', kind: 'taiwan-permit', name: '台湾通行证' },
];
const ACTIONS = [
  { key: 'shenling', name: '申领', needsDocument: false },
  { key: 'huanling', name: '换领', needsDocument: true },
  { key: 'buling', name: '补领', needsDocument: true },
] as const;

/**
 * 换领 and 补领 renew or replace a document the exit-entry administration issued: it must know one of that kind
 * (any status: an expired passport is renewed, a cancelled one after a loss report is replaced).
 */
async function checkExistingDocument(
  ctx: AppointmentEligibilityContext,
  doc: (typeof DOCS)[number],
  action: string,
): Promise<void> {
  const { documents } = await ctx.departments.exitEntry.client.documents({ idNumber: ctx.applicant.idNumber });
  if (documents.some((d) => d.kind === doc.kind)) return;
  throw NOT_ELIGIBLE(
    `出入境管理部门未查询到您的${doc.name}记录，无法预约${action}${doc.name}；首次办理${doc.name}请选择“${doc.name}申领预约”。`,
  );
}

const exitEntryRules: Record<string, AppointmentEligibilityCheck> = Object.fromEntries(
  DOCS.flatMap((doc) =>
    ACTIONS.map((action): [string, AppointmentEligibilityCheck] => [
      `${doc.key}-${action.key}-yuyue`,
      async (ctx) => {
        await checkHukou(ctx);
        if (action.needsDocument) await checkExistingDocument(ctx, doc, action.name);
      },
    ]),
  ),
);

/**
 * 申领出生医学证明: only the mother (the guide: 该线上申领流程必须由新生儿母亲登录“粤省事”操作). The health
 * department's birth records must name the applicant as the mother.
 */
const birthCertificate: AppointmentEligibilityCheck = async (ctx) => {
  const { certificates } = await ctx.departments.health.client.birthCertificates({
    idNumber: ctx.applicant.idNumber,
  });
  if (certificates.some((c) => c.role === 'mother')) return;
  const asFather = certificates.some((c) => c.role === 'father');
  throw NOT_ELIGIBLE(
    asFather
      ? '该线上申领流程必须由新生儿母亲登录“粤省事”操作。请由新生儿母亲登录后预约；领取时父母中的一方出示身份证原件并现场刷脸认证即可。'
      : '该线上申领流程必须由新生儿母亲登录“粤省事”操作。卫生健康部门未查询到以您为母亲的新生儿出生信息，如有疑问请联系新生儿出生的医疗机构。',
  );
};

/** 燃气预约上门: 广州燃气公司用户 — the applicant holds a gas account (户主) with the company. */
const gasVisit: AppointmentEligibilityCheck = async (ctx) => {
  const { accounts } = await ctx.departments.utilities.client.accountsOfHolder({ idNumber: ctx.applicant.idNumber });
  if (accounts.some((a) => a.companyId === 'guangzhou-gas' && a.cityCode === ctx.city)) return;
  throw NOT_ELIGIBLE(
    `燃气预约上门支持广州燃气公司用户：燃气公司未查询到户主为您的燃气户号（当前城市为${findCity(ctx.city)?.name ?? ctx.city}），请由户主预约。`,
  );
};

export const TRAVEL_FAMILY_APPOINTMENT_RULES: Readonly<Record<string, AppointmentEligibilityCheck>> = {
  ...exitEntryRules,
  'shenling-chusheng-yixue-zhengming': birthCertificate,
  'ranqi-yuyue-shangmen': gasVisit,
};
