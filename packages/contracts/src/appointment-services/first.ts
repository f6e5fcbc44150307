import type { AppointmentServiceSpec } from '../appointments.js';
import { BRING_ID, BRING_ID_EN } from './common.js';

/** The first services booked online: 公积金前台提取 (B6), 最低生活保障 (B7), 年审 (D3), 补领结婚证/离婚证 (E1). */
export const FIRST_APPOINTMENT_SERVICES: Readonly<Record<string, AppointmentServiceSpec>> = {
  'gongjijin-qiantai-tiqu-yuyue': {
    serviceId: 'gongjijin-qiantai-tiqu-yuyue',
    notice: [
      '广州、深圳首次提取公积金须先进行前台提取预约，再到公积金服务网点办理；其他城市按预约到网点办理。',
      '“手机号码不正确”指公积金账户绑定的手机号码有误，请到公积金中心修改。',
      BRING_ID,
    ],
    noticeEn: [
      'In Guangzhou and Shenzhen a first withdrawal needs a counter appointment, then a visit; in other cities book and visit.',
      '"Phone number incorrect" refers to the phone bound to the fund account; correct it at the housing fund centre.',
      BRING_ID_EN,
    ],
    bookingWindowDays: 14,
  },
  'dibao-shenqing-yuyue': {
    serviceId: 'dibao-shenqing-yuyue',
    notice: ['请先阅读最低生活保障申请指南，按预约时间携带户口簿、身份证及家庭收入、财产证明材料前往。', BRING_ID],
    noticeEn: [
      'Read the guide to applying for minimum living allowance first; bring your household register, ID and proof of household income and assets.',
      BRING_ID_EN,
    ],
    bookingWindowDays: 14,
  },
  'nianshen-yuyue': {
    serviceId: 'nianshen-yuyue',
    notice: ['请按预约时间驾驶机动车，携带行驶证、交强险保单前往检验机构。', BRING_ID],
    noticeEn: [
      'Drive the vehicle to the inspection station at the booked time with its vehicle licence and compulsory insurance policy.',
      BRING_ID_EN,
    ],
    bookingWindowDays: 30,
    subject: 'vehicle',
  },
  'bulin-jiehunzheng-lihunzheng-yuyue': {
    serviceId: 'bulin-jiehunzheng-lihunzheng-yuyue',
    notice: ['补领结婚证须双方共同到场，补领离婚证本人到场即可；请携带身份证、户口簿原件及近期2寸免冠照片。', BRING_ID],
    noticeEn: [
      'Reissuing a marriage certificate needs both spouses present; a divorce certificate only the applicant. Bring ID, household register and recent 2-inch photos.',
      BRING_ID_EN,
    ],
    bookingWindowDays: 14,
  },
};
