import type {
  CreateEndorsementInput,
  CreatePurchaseTaxPaymentInput,
  CreateVehicleTaxPaymentInput,
  EndorsementOptions,
  EndorsementServiceId,
  MyEndorsements,
  MyVehiclePurchases,
  MyVehicleTax,
  PaymentOrder,
  VehicleTaxLookupInput,
  VehicleTaxVehicle,
} from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal };

/**
 * 车船税缴款 (D4) and 在线签注 (D6): what is due and what may be applied for, and the payment orders for them (paid
 * like every order: /pay/:id, the provider's cashier, /pay/:id/result). Personal: pages wrap these calls in
 * withVerification.
 */
export const duesApi = {
  /** 本人清缴: the citizen's own vehicles and their tax years. */
  myVehicleTax: (o: Opts = {}) => apiRequest<MyVehicleTax>('/api/v1/me/vehicle-tax', o),
  /** 他人清缴: a vehicle by plate and its owner's ID number (in the body, never in the URL). */
  lookUpVehicleTax: (body: VehicleTaxLookupInput, o: Opts = {}) =>
    apiRequest<VehicleTaxVehicle>('/api/v1/vehicle-tax/lookup', { ...o, method: 'POST', body }),
  /** 201 a new order for one vehicle's one year; 200 the order already made with this submissionId. */
  createVehicleTaxPayment: (body: CreateVehicleTaxPaymentInput, o: Opts = {}) =>
    apiRequest<PaymentOrder>('/api/v1/me/vehicle-tax-payments', { ...o, method: 'POST', body, timeoutMs: 30_000 }),
  /** 车辆购置税: the citizen's own new-vehicle purchases with the tax computed today (and the paid ones). */
  myVehiclePurchases: (o: Opts = {}) => apiRequest<MyVehiclePurchases>('/api/v1/me/vehicle-purchase-tax', o),
  /** 201 a new order for one purchase's 应缴合计; 200 the order already made with this submissionId. */
  createPurchaseTaxPayment: (body: CreatePurchaseTaxPaymentInput, o: Opts = {}) =>
    apiRequest<PaymentOrder>('/api/v1/me/vehicle-purchase-tax-payments', {
      ...o,
      method: 'POST',
      body,
      timeoutMs: 30_000,
    }),
  /** The citizen's permits for a service with the endorsements each may get online. */
  /** `forId`: a delegation of the family member whose permits to list (本人或为他人办理); null for one's own. */
  endorsementOptions: (service: EndorsementServiceId, city: string, forId: string | null = null, o: Opts = {}) =>
    apiRequest<EndorsementOptions>('/api/v1/me/endorsements/options', {
      ...o,
      query: { service, city, for: forId ?? undefined },
    }),
  createEndorsement: (body: CreateEndorsementInput, forId: string | null = null, o: Opts = {}) =>
    apiRequest<PaymentOrder>('/api/v1/me/endorsement-applications', {
      ...o,
      method: 'POST',
      body,
      query: { for: forId ?? undefined },
      timeoutMs: 30_000,
    }),
  /** 签注进度查询 */
  myEndorsements: (city: string, o: Opts = {}) =>
    apiRequest<MyEndorsements>('/api/v1/me/endorsements', { ...o, query: { city } }),
};
