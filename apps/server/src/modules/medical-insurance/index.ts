import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import type { AuditLog } from '../audit/index.js';
import type { PersonalLookupGate } from '../lookups/personal-gate.js';
import type { FieldCipher } from '../privacy/index.js';
import { medicalBalanceRoutes } from './balance-routes.js';
import { PayCodeService } from './pay-code.js';
import { PayCodeKeyRepository } from './repository.js';
import { medicalPaymentRoutes } from './routes.js';

export { PAY_CODE_TTL_SECONDS, PayCodeService } from './pay-code.js';
export { PayCodeKeyRepository } from './repository.js';
export type { MedicalPaymentTables } from './tables.js';

/** 医保 (B1 开通医保支付 + 医保扫码支付, B3 医保账户余额): one plugin for app.ts. */
export const medicalInsuranceRoutes =
  (d: {
    db: Db;
    cipher: FieldCipher;
    audit: AuditLog;
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'medicalInsurance' | 'socialInsurance'>;
    payCodes?: PayCodeService;
    /** 我的证照: whether an account has linked its 社保卡 (the wallet module's answer). */
    socialSecurityCardLinked: (accountId: string | null) => Promise<boolean>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const payCodes = d.payCodes ?? new PayCodeService(new PayCodeKeyRepository(d.db), d.cipher);
    await app.register(medicalPaymentRoutes({ ...d, payCodes }));
    await app.register(medicalBalanceRoutes(d));
  };
