import { addMonths } from '../province/life.js';
import type { WagePeriod } from './rules.js';

/** What the tax generator produces for a batch, table by table (camelCase rows; money in fen). */
export interface TaxRecords {
  taxpayers: { idNumber: string; name: string; updatedAt: string }[];
  wagePeriods: (WagePeriod & { idNumber: string })[];
  vehicles: {
    plate: string;
    ownerIdNumber: string;
    vehicleType: string;
    displacementCc: number | null;
    energy: 'fuel' | 'electric' | 'plug-in-hybrid';
    registeredOn: string;
    updatedAt: string;
  }[];
  vehicleTaxYears: {
    plate: string;
    ownerIdNumber: string;
    taxYear: number;
    amountFen: number;
    status: 'paid' | 'unpaid' | 'exempt';
    paidOn: string | null;
    collectedBy: string | null;
  }[];
  invoices: GeneratedInvoice[];
  /** New-vehicle purchases and their 车辆购置税 (demo people only). */
  vehiclePurchases: VehiclePurchaseRecord[];
  lostInvoices: {
    code: string;
    number: string;
    reportedOn: string;
    sellerUscc: string;
    sellerName: string;
    taxAuthority: string;
  }[];
  certificates: {
    number: string;
    idNumber: string;
    taxpayerName: string;
    kind: 'income-tax' | 'social-insurance-fee';
    fromMonth: string;
    toMonth: string;
    totalFen: number;
    issuedOn: string;
    taxAuthority: string;
    deliveryMethod: 'email' | 'post' | 'download';
  }[];
}

export interface VehiclePurchaseRecord {
  invoiceCode: string;
  invoiceNumber: string;
  buyerIdNumber: string;
  issuedOn: string;
  sellerUscc: string;
  sellerName: string;
  totalFen: number;
  vin: string;
  model: string;
  vehicleKind: 'fuel' | 'new-energy';
  /** Paid at the time: the day, the amount (tax + late fee), the late fee and the 完税证明 number. */
  paid: { paidOn: string; paidFen: number; lateFeeFen: number; certificateNumber: string } | null;
}

export interface GeneratedInvoice {
  code: string | null;
  number: string;
  kind: string;
  issuedOn: string;
  sellerUscc: string;
  sellerName: string;
  buyerName: string;
  buyerTaxId: string | null;
  goods: string;
  amountFen: number;
  taxFen: number;
  checkCode: string | null;
  status: 'normal' | 'void' | 'red-reversed';
}

/** The last month whose wages are declared by the province's date (declarations are due by the 15th). */
export function lastDeclaredMonth(asOf: string): string {
  const month = asOf.slice(0, 7);
  return Number(asOf.slice(8, 10)) > 15 ? addMonths(month, -1) : addMonths(month, -2);
}

export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
