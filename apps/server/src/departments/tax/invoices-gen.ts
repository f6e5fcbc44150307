import {
  type CityCode,
  INVOICE_KIND_NAMES,
  isCityCode,
  makeDigitalInvoiceNumber,
  makeVatInvoiceCode,
} from '@yss/contracts';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { Rng } from '../population-register/generator.js';
import { type Enterprise, enterprise, poolSize } from '../province/enterprises.js';
import { jobIn, type Life } from '../province/life.js';
import type { SeedContext } from '../province/seed-context.js';
import { taxAuthorityOf } from './authorities.js';
import type { GeneratedInvoice, TaxRecords } from './records.js';

export const DIGITAL_ORDINARY = '电子发票（普通发票）';

/** Goods or services (货物或应税劳务、服务名称, with the tax-classification prefix) by industry. */
const GOODS: Record<string, string> = {
  信息技术: '*信息技术服务*技术服务费',
  批发零售: '*日用杂品*日用品',
  建筑: '*建筑服务*装饰装修服务',
  交通运输: '*物流辅助服务*收派服务',
  住宿餐饮: '*餐饮服务*餐费',
  房地产: '*物业管理服务*物业管理费',
  医药: '*中成药*药品',
  教育: '*教育服务*培训费',
  汽车: '*汽车维修服务*汽车保养',
};
const MADE_GOODS: Record<string, string> = { 电子: '*计算机*笔记本电脑', 服装: '*服装*服装', 家具: '*家具*办公椅' };
const GOODS_INDUSTRIES = new Set(['制造', '批发零售', '医药']);

export function goodsOf(seller: Enterprise): string {
  if (seller.industry === '制造') {
    const trade = Object.keys(MADE_GOODS).find((t) => seller.name.includes(t)) ?? '电子';
    return MADE_GOODS[trade] as string;
  }
  return GOODS[seller.industry] ?? '*现代服务*服务费';
}

/**
 * VAT rate in percent: goods 16 % from 2018-05 to 2019-03, 13 % since (17 % before); services 6 %; small-scale
 * taxpayers (sole proprietors here) 3 %, 1 % from 2023 (the reduced rate of 财政部 税务总局公告2023年第19号).
 */
export function vatPercent(seller: Enterprise, issuedOn: string): number {
  if (seller.kind === 'sole-proprietor') return issuedOn >= '2023-01-01' ? 1 : 3;
  if (!GOODS_INDUSTRIES.has(seller.industry)) return 6;
  return issuedOn >= '2019-04-01' ? 13 : issuedOn >= '2018-05-01' ? 16 : 17;
}

/** The tax region of an invoice code: Shenzhen codes its own invoices (4403), the rest of Guangdong 4400. */
export const invoiceRegion = (seller: Enterprise) => (seller.cityCode === '440300' ? '4403' : '4400');

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');

/** A 10-digit paper VAT invoice code: region · year · batch digit · kind digit (1 special, 3 ordinary) · 2 digits. */
export function tenDigitCode(region: string, year: number, kindDigit: '1' | '3', rng: Rng): string {
  return `${region}${String(year % 100).padStart(2, '0')}${rng.int(1, 9)}${kindDigit}${digits(rng, 2)}`;
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Invoices a person received as buyer (0–3, from 2019 to the province's date), from sellers of their city's
 * pool; sometimes a special VAT invoice bought for their employer (the employer is the buyer then), of which a
 * few are later reported lost by the seller.
 */
export function personInvoices(
  person: RegisteredPerson,
  life: Life,
  ctx: SeedContext,
): { invoices: GeneratedInvoice[]; lost: TaxRecords['lostInvoices'] } {
  const rng = ctx.rng('tax-invoices', person.personId);
  const city = person.residenceCityCode;
  const invoices: GeneratedInvoice[] = [];
  const lost: TaxRecords['lostInvoices'] = [];
  if (!city || !isCityCode(city) || Number(ctx.asOf.slice(0, 4)) - Number(person.birthDate.slice(0, 4)) < 20) {
    return { invoices, lost };
  }
  const count = rng.int(0, 3);
  for (let i = 0; i < count; i++) {
    const issuedOn = isoOf(rng.int(dayOf('2019-01-01'), dayOf(ctx.asOf) - 1));
    const year = Number(issuedOn.slice(0, 4));
    const seller = enterprise(ctx.seed, city as CityCode, rng.int(0, poolSize(city as CityCode) - 1));
    const employer = jobIn(life, issuedOn.slice(0, 7))?.employer;
    const region = invoiceRegion(seller);
    const status = (paper: boolean): GeneratedInvoice['status'] => {
      const x = rng.float();
      return paper && x < 0.02 ? 'void' : x < 0.03 ? 'red-reversed' : 'normal';
    };
    const base = { issuedOn, sellerUscc: seller.uscc, sellerName: seller.name, goods: goodsOf(seller) };
    if (employer && employer.uscc !== seller.uscc && seller.kind !== 'sole-proprietor' && rng.chance(0.15)) {
      const amountFen = rng.int(2_000_00, 80_000_00);
      const code = tenDigitCode(region, year, '1', rng);
      const invoice: GeneratedInvoice = {
        ...base,
        code,
        number: String(rng.int(1, 99_999_999)).padStart(8, '0'),
        kind: INVOICE_KIND_NAMES['vat-special'],
        buyerName: employer.name,
        buyerTaxId: employer.uscc,
        amountFen,
        taxFen: Math.round((amountFen * vatPercent(seller, issuedOn)) / 100),
        checkCode: null,
        status: status(true),
      };
      invoices.push(invoice);
      const reportedDay = dayOf(issuedOn) + rng.int(3, 60);
      if (rng.chance(0.05) && reportedDay < dayOf(ctx.asOf)) {
        lost.push({
          code,
          number: invoice.number,
          reportedOn: isoOf(reportedDay),
          sellerUscc: seller.uscc,
          sellerName: seller.name,
          taxAuthority: taxAuthorityOf(seller.regionCode),
        });
      }
      continue;
    }
    const amountFen = rng.int(20_00, 3_000_00);
    const taxFen = Math.round((amountFen * vatPercent(seller, issuedOn)) / 100);
    const personal = { ...base, buyerName: person.name, buyerTaxId: null, amountFen, taxFen };
    if (issuedOn >= '2024-01-01' && rng.chance(0.7)) {
      const sequence = rng.int(0, 999_999) * 1_000_000_000 + rng.int(0, 999_999_999);
      invoices.push({
        ...personal,
        code: null,
        number: makeDigitalInvoiceNumber(year, '44', rng.int(0, 9), sequence),
        kind: DIGITAL_ORDINARY,
        checkCode: null,
        status: status(false),
      });
    } else if (rng.chance(0.7)) {
      invoices.push({
        ...personal,
        code: makeVatInvoiceCode(region, year, rng.int(0, 999), 'vat-electronic-ordinary'),
        number: String(rng.int(1, 99_999_999)).padStart(8, '0'),
        kind: INVOICE_KIND_NAMES['vat-electronic-ordinary'],
        checkCode: digits(rng, 20),
        status: status(false),
      });
    } else {
      invoices.push({
        ...personal,
        code: tenDigitCode(region, year, '3', rng),
        number: String(rng.int(1, 99_999_999)).padStart(8, '0'),
        kind: INVOICE_KIND_NAMES['vat-ordinary'],
        checkCode: digits(rng, 20),
        status: status(true),
      });
    }
  }
  return { invoices, lost };
}
