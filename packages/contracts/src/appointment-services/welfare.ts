import type { AppointmentServiceSpec } from '../appointments.js';
import { BRING_ID, BRING_ID_EN } from './common.js';

/** The guide's words for 社会救助申请预约 (B7): choose the type, read the guide, then book. */
const CHOOSE = '根据情况选择预约类型，阅读申请指南并进入申请预约即可。';
const CHOOSE_EN = 'Choose the type of appointment that fits, read the application guide and then book.';

/** 社会救助 (B7): the appointments beside 最低生活保障申请预约 (first.ts). docs/welfare.md. */
export const WELFARE_APPOINTMENT_SERVICES: Readonly<Record<string, AppointmentServiceSpec>> = {
  'dishouru-jiating-shenqing-yuyue': {
    serviceId: 'dishouru-jiating-shenqing-yuyue',
    notice: [
      CHOOSE,
      '请先阅读低收入家庭认定申请指南，按预约时间携带户口簿、身份证及共同生活家庭成员的收入、财产证明材料，前往户籍所在地的乡镇人民政府（街道办事处）提出申请。',
      BRING_ID,
    ],
    noticeEn: [
      CHOOSE_EN,
      'Read the guide to low-income household recognition first; at the booked time bring the household register, ID and proof of the income and assets of everyone in the household to the township government (street office) where your hukou is.',
      BRING_ID_EN,
    ],
    bookingWindowDays: 14,
  },
  'tekun-renyuan-shenqing-yuyue': {
    serviceId: 'tekun-renyuan-shenqing-yuyue',
    notice: [
      CHOOSE,
      '请先阅读特困人员救助供养申请指南，按预约时间携带户口簿、身份证及本人收入、财产和劳动能力、赡养（抚养、扶养）情况的证明材料，前往户籍所在地的乡镇人民政府（街道办事处）提出申请。',
      BRING_ID,
    ],
    noticeEn: [
      CHOOSE_EN,
      'Read the guide to support for people in extreme poverty first; at the booked time bring the household register, ID and proof of your income, assets, ability to work and family support to the township government (street office) where your hukou is.',
      BRING_ID_EN,
    ],
    bookingWindowDays: 14,
  },
  'linshi-jiuzhu-shenqing-yuyue': {
    serviceId: 'linshi-jiuzhu-shenqing-yuyue',
    notice: [
      CHOOSE,
      '请先阅读临时救助申请指南，按预约时间携带身份证、户口簿及遭遇困难情况的证明材料（如医疗费用票据、事故或灾害证明）前往办理；情况紧急的，请直接向乡镇人民政府（街道办事处）或拨打当地救助热线求助。',
      BRING_ID,
    ],
    noticeEn: [
      CHOOSE_EN,
      'Read the guide to temporary assistance first; at the booked time bring your ID, household register and proof of the hardship (medical bills, an accident or disaster report); in an emergency go straight to the township government (street office) or call the local assistance hotline.',
      BRING_ID_EN,
    ],
    bookingWindowDays: 14,
  },
};
