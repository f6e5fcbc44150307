import { z } from 'zod';

/**
 * Stable error codes. Programs branch on `code`; people read `title`/`detail` (Chinese).
 * Add codes here, never reuse or rename one.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: '请求参数有误' },
  CALCULATOR_INPUT_INVALID: { status: 400, title: '计算参数有误' },
  CITY_UNKNOWN: { status: 400, title: '不支持的城市' },
  BODY_NOT_JSON: { status: 400, title: '请求内容格式有误' },
  BODY_TOO_LARGE: { status: 413, title: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: '不支持的内容类型' },
  NOT_FOUND: { status: 404, title: '页面不存在' },
  SERVICE_NOT_FOUND: { status: 404, title: '找不到该服务' },
  METHOD_NOT_ALLOWED: { status: 405, title: '不支持该操作' },
  RATE_LIMITED: { status: 429, title: '操作过于频繁' },
  UNAUTHENTICATED: { status: 401, title: '请先登录' },
  SESSION_EXPIRED: { status: 401, title: '登录已过期' },
  SESSION_REPLACED: { status: 401, title: '您的账号已在其他设备登录' },
  LOGIN_FAILED: { status: 401, title: '登录失败' },
  SMS_CODE_INVALID: { status: 400, title: '验证码错误' },
  SMS_CODE_EXPIRED: { status: 400, title: '验证码已失效' },
  SMS_TOO_FREQUENT: { status: 429, title: '验证码发送过于频繁' },
  PIN_WEAK: { status: 400, title: '密码过于简单' },
  PIN_INVALID: { status: 401, title: '密码错误' },
  PIN_LOCKED: { status: 423, title: '密码已锁定' },
  EXAM_CREDENTIALS_INVALID: { status: 400, title: '号码或密码错误' },
  EXAM_QUERY_LOCKED: { status: 423, title: '查询已暂停' },
  PIN_NOT_SET: { status: 400, title: '尚未设置密码' },
  ID_NUMBER_INVALID: { status: 400, title: '身份证号码有误' },
  REAL_NAME_MISMATCH: { status: 400, title: '实名认证未通过' },
  REAL_NAME_REQUIRED: { status: 403, title: '请先完成实名认证' },
  REAL_NAME_TAKEN: { status: 409, title: '该身份已绑定其他账号' },
  VERIFICATION_REQUIRED: { status: 403, title: '请先完成身份验证' },
  PASSKEY_FAILED: { status: 400, title: '刷脸验证未通过' },
  FORBIDDEN: { status: 403, title: '无权访问' },
  FAMILY_MEMBER_MISMATCH: { status: 400, title: '家庭成员信息核验未通过' },
  DELEGATION_NOT_ALLOWED: { status: 422, title: '无法添加该家庭成员' },
  DELEGATION_EXISTS: { status: 409, title: '已添加该家庭成员' },
  DELEGATION_INACTIVE: { status: 403, title: '授权未生效或已失效' },
  SERVICE_NOT_DELEGABLE: { status: 422, title: '该服务不支持为他人办理' },
  CONSENT_UNAVAILABLE: { status: 409, title: '无法使用该方式确认授权' },
  ACCOUNT_LOCKED: { status: 423, title: '账号已锁定' },
  TOTP_INVALID: { status: 401, title: '动态验证码错误' },
  TOTP_NOT_ENROLLED: { status: 409, title: '尚未绑定动态验证码' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: '请先修改初始密码' },
  CSRF_REJECTED: { status: 403, title: '请求来源无效' },
  NOT_READY: { status: 503, title: '服务正在启动' },
  DEPARTMENT_UNAVAILABLE: { status: 503, title: '该服务暂时无法使用' },
  DEPARTMENT_BAD_ANSWER: { status: 502, title: '该服务暂时无法使用' },
  DEPARTMENT_INPUT_INVALID: { status: 400, title: '查询条件有误' },
  SERVICE_NOT_IN_CITY: { status: 409, title: '当前城市暂不支持该服务' },
  SOCIAL_INSURANCE_HK_MACAU: { status: 403, title: '暂无法关联社保信息' },
  // 票据助手 (F5)
  INVOICE_CODE_INVALID: { status: 400, title: '发票代码有误' },
  INVOICE_NUMBER_INVALID: { status: 400, title: '发票号码有误' },
  INVOICE_DATE_INVALID: { status: 400, title: '开票日期有误' },
  INVOICE_DATE_IN_FUTURE: { status: 400, title: '开票日期有误' },
  INVOICE_AMOUNT_INVALID: { status: 400, title: '金额有误' },
  INVOICE_CHECK_CODE_INVALID: { status: 400, title: '校验码有误' },
  INVOICE_FIELD_MISSING: { status: 400, title: '发票信息不完整' },
  INVOICE_QR_UNPARSEABLE: { status: 400, title: '无法识别发票二维码' },
  TAX_CERTIFICATE_NUMBER_INVALID: { status: 400, title: '电子税票号码有误' },
  // 信用信息 (F3) and 消息
  USCC_INVALID: { status: 400, title: '统一社会信用代码有误' },
  USCC_CHECK_CHARACTER_WRONG: { status: 400, title: '统一社会信用代码校验位不正确' },
  CREDIT_SUBJECT_NOT_FOUND: { status: 404, title: '未找到该信用主体' },
  SUBSCRIPTION_LIMIT_REACHED: { status: 409, title: '订阅数量已达上限' },
  NOTIFICATION_NOT_FOUND: { status: 404, title: '找不到该消息' },
  // Periods of the month-by-month lookups (医保个人账户明细, 公积金缴存明细, 个税/社保费明细).
  PERIOD_REVERSED: { status: 400, title: '查询期间有误' },
  PERIOD_IN_FUTURE: { status: 400, title: '查询期间不能晚于本月' },
  PERIOD_TOO_LONG: { status: 400, title: '查询期间过长' },
  // 医保 (B1, B3).
  SOCIAL_SECURITY_CARD_REQUIRED: { status: 409, title: '请先关联社保卡' },
  MEDICAL_PAYMENT_REFUSED: { status: 409, title: '无法开通医保支付' },
  MEDICAL_PAYMENT_NOT_ACTIVATED: { status: 409, title: '请先开通医保支付' },
  MEDICAL_BALANCE_NOT_OFFERED: { status: 409, title: '暂不支持查询医保余额' },
  SERVICE_UNAVAILABLE: { status: 503, title: '服务暂时不可用' },
  // 我的证照 (issue 6)
  WALLET_NO_RECORD: { status: 404, title: '未查询到可关联的证照' },
  WALLET_DOCUMENT_INVALID: { status: 409, title: '证件状态异常，暂不能关联' },
  WALLET_HOLDER_KEY_INVALID: { status: 400, title: '持证设备密钥有误' },
  WALLET_PURPOSE_NOT_SUPPORTED: { status: 400, title: '该证照不支持此核验场景' },
  // 我的证照 — verifiers and the console (issue 6, items 4–5)
  CHECK_IN_NONCE_REQUIRED: { status: 400, title: '须使用双向核验' },
  CHECK_IN_OFFLINE_FUTURE: { status: 422, title: '离线核验时间有误' },
  CHECK_IN_OFFLINE_TOO_OLD: { status: 422, title: '离线核验记录已超过登记期限' },
  WALLET_CERTIFICATE_REVOKED: { status: 409, title: '证照已注销' },
  WALLET_CERTIFICATE_SUSPENDED: { status: 409, title: '证照已暂停使用' },
  WALLET_CERTIFICATE_NOT_SUSPENDED: { status: 409, title: '证照未被暂停使用' },
  WALLET_SWITCH_CITY: { status: 409, title: '请切换城市后再关联' },
  WALLET_NOT_COVERED: { status: 409, title: '该证件暂未纳入电子证照关联范围' },
  WALLET_LINK_NOT_FOUND: { status: 404, title: '找不到该证照' },
  WALLET_CERTIFICATE_INACTIVE: { status: 409, title: '证照已被注销或暂停使用' },
  WALLET_LINK_CONFLICT: { status: 409, title: '证照正在更新' },
  UTILITY_ACCOUNT_NOT_FOUND: { status: 404, title: '户号或户主姓名有误' },
  UTILITY_ACCOUNT_ALREADY_BOUND: { status: 409, title: '该户号已绑定' },
  UTILITY_BINDING_LIMIT: { status: 409, title: '绑定的户号已达上限' },
  UTILITY_BINDING_NOT_FOUND: { status: 404, title: '找不到该绑定户号' },
  UTILITY_BIND_LOCKED: { status: 429, title: '户号绑定已暂停' },
  REAL_ESTATE_PLAT_MAP_NOT_FOUND: { status: 404, title: '未查询到权证附图' },
  INTERNAL: { status: 500, title: '系统繁忙' },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** RFC 9457 problem details, with our stable `code` extension. */
export const Problem = z
  .object({
    type: z.string().meta({ example: 'https://yss.example/problems/city-unknown' }),
    title: z.string().meta({ example: '不支持的城市' }),
    status: z.number().int(),
    detail: z.string().meta({ example: '城市代码 999999 不是广东省的地级市，请重新选择城市。' }),
    code: z.string().meta({ example: 'CITY_UNKNOWN' }),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
