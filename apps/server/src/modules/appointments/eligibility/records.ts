import { findCity } from '@yss/contracts';
import { AppError } from '../../../http/app-error.js';
import type { AppointmentEligibilityCheck } from './index.js';

/**
 * Appointments that act on a record a department keeps, so the record must be there: 公积金前台提取预约 (B6) at the
 * centre where the applicant's fund account is, 补领结婚证/离婚证预约 (E1) for someone the civil-affairs register
 * has a marriage or divorce registration of. A department that does not answer throws the connector's
 * DEPARTMENT_UNAVAILABLE: never a yes.
 */

const cityName = (code: string) => findCity(code)?.name ?? code;

/**
 * 公积金前台提取预约: the withdrawal is made at the centre that holds the account, so the booking city must be one
 * where the applicant has an account. Elsewhere the guide's advice: switch the city to where the fund is paid.
 */
const housingFundCounterWithdrawal: AppointmentEligibilityCheck = async (ctx) => {
  const { accounts } = await ctx.departments.housingFund.client.accounts({ idNumber: ctx.applicant.idNumber });
  if (accounts.some((a) => a.cityCode === ctx.city)) return;
  const elsewhere = [...new Set(accounts.map((a) => cityName(a.cityCode)))];
  throw new AppError(
    'APPOINTMENT_NOT_ELIGIBLE',
    elsewhere.length > 0
      ? `公积金中心未查询到您在${cityName(ctx.city)}缴存的住房公积金账户，您的公积金账户在${elsewhere.join('、')}。公积金须到缴存地的公积金中心提取，请把左上角的城市切换为您缴存公积金的城市后再预约。`
      : `公积金中心未查询到您的住房公积金账户，无法预约前台提取。如您已缴存公积金，请把左上角的城市切换为您缴存公积金的城市后再预约。`,
  );
};

/** 补领结婚证/离婚证预约: a certificate is reissued from its registration, so there must be one on record. */
const marriageCertificateReissue: AppointmentEligibilityCheck = async (ctx) => {
  const { records } = await ctx.departments.civilAffairs.client.marriageRecords({ idNumber: ctx.applicant.idNumber });
  if (records.length > 0) return;
  throw new AppError(
    'APPOINTMENT_NOT_ELIGIBLE',
    '民政部门未查询到您在广东省的婚姻登记记录，无法预约补领结婚证/离婚证。如在省外登记，请向原登记地的婚姻登记机关咨询。',
  );
};

export const RECORD_APPOINTMENT_RULES: Readonly<Record<string, AppointmentEligibilityCheck>> = {
  'gongjijin-qiantai-tiqu-yuyue': housingFundCounterWithdrawal,
  'bulin-jiehunzheng-lihunzheng-yuyue': marriageCertificateReissue,
};
