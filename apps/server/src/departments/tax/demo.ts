import { INVOICE_KIND_NAMES, makeUscc } from '@yss/contracts';
import type { RegisteredPerson } from '../population-register/contract.js';
import { enterprise } from '../province/enterprises.js';
import type { Life } from '../province/life.js';
import type { SeedContext } from '../province/seed-context.js';
import { taxAuthorityOf } from './authorities.js';
import { DIGITAL_ORDINARY, goodsOf } from './invoices-gen.js';
import type { GeneratedInvoice, TaxRecords, VehiclePurchaseRecord } from './records.js';
import { addVehicle } from './vehicles-gen.js';

/**
 * Hand-picked records of the README's demo people (docs/departments/tax.md lists them), so that the pages and
 * the end-to-end journeys can show each case with values fixed whatever the seed: a car with the current year
 * due (张伟), an exempt new-energy car (李娜), an overdue year (陈志强); invoices that verify as 正常 / 作废 /
 * 红冲 and a 数电票; a lost special invoice; a certificate number. Their wages, hence their tax and fees, come
 * from the life model like everyone's. Sellers are pool enterprises (their names depend on the seed).
 */
export const DEMO_TAX = {
  zhangWeiCar: '粤A8K2M6',
  liNaCar: '粤BD73210',
  chenZhiqiangCar: '粤E5T261',
  zhangWeiCertificate: '344011907310000188',
  /** 车辆购置税 (docs/tax-payments.md): each demo purchase's 机动车销售统一发票 and VIN. */
  purchases: {
    /** 张伟: 粤A8K2M6 bought 2019-06-10, 购置税 paid 2019-06-14 (完税证明 442019000316582047). */
    zhangWeiPaid: { code: '144001921002', number: '00518263', vin: 'LFV3A23C9K3051826' },
    /** 张伟: a fuel car bought 2025-12-20, 价税合计 169,800.00 → tax 15,026.55, unpaid. */
    zhangWeiUnpaid: { code: '144002521001', number: '01937528', vin: 'LMGAJ1S86S1093527' },
    /** 刘芳: a new-energy car bought 2025-11-28, 452,000.00 → tax 40,000.00, 30,000.00 off → 10,000.00 due. */
    liuFang: { code: '144002521001', number: '01882046', vin: 'LGXCE4CB0S0263145' },
    /** 李娜: a new-energy car bought 2025-10-08, 239,800.00 → tax 21,221.24, all of it off (nothing to pay). */
    liNa: { code: '144032521003', number: '00746195', vin: 'LNBSC1WK4S1158467' },
    /** 陈志强: a fuel car bought 2025-09-15, 98,800.00 → tax 8,743.36; past the 60 days (滞纳金). */
    chenZhiqiang: { code: '144062521002', number: '00263718', vin: 'LVGBV1E28S0718342' },
  },
  invoices: {
    /** 张伟: 增值税电子普通发票, 正常; verify with check code 036458 (last six). */
    electronicOrdinary: {
      code: '044002300111',
      number: '05826317',
      issuedOn: '2023-09-14',
      checkCode: '59316028477192036458',
    },
    /** 张伟: 数电票, 正常; verify with the total 5000.00. */
    digital: { number: '24442000000123456789', issuedOn: '2024-11-20', total: 5_000 },
    /** 刘芳: 增值税电子普通发票, 红冲. */
    redReversed: {
      code: '044002200211',
      number: '10293847',
      issuedOn: '2022-03-05',
      checkCode: '20485739106628491735',
    },
    /** 李娜: 数电票 from a Shenzhen seller, total 1908.00. */
    digitalShenzhen: { number: '25441000000987654321', issuedOn: '2025-06-18', total: 1_908 },
    /** 陈志强: paper 增值税普通发票, 作废. */
    voided: { code: '4400191320', number: '00371942', issuedOn: '2019-08-08', checkCode: '71029384756610293847' },
    /** A paper special invoice between two Foshan enterprises, reported lost by its seller (丢失被盗). */
    lostSpecial: { code: '4400181130', number: '00881234', issuedOn: '2018-11-20', amount: 12_000 },
  },
} as const;

const DEMO = {
  zhangWei: 'de000000-0000-4000-8000-000000000001',
  liuFang: 'de000000-0000-4000-8000-000000000002',
  liNa: 'de000000-0000-4000-8000-000000000006',
  chenZhiqiang: 'de000000-0000-4000-8000-000000000007',
  liuYang: 'de000000-0000-4000-8000-000000000008',
  chenJiaxin: 'de000000-0000-4000-8000-000000000009',
} as const;

export interface DemoTax {
  vehicles: TaxRecords['vehicles'];
  vehicleTaxYears: TaxRecords['vehicleTaxYears'];
  invoices: GeneratedInvoice[];
  lostInvoices: TaxRecords['lostInvoices'];
  vehiclePurchases: VehiclePurchaseRecord[];
  certificateNumber?: string;
}

/** Car dealers of the demo purchases (fixed names; their USCCs computed, check digit included). */
const DEALERS = {
  guangzhou: {
    name: '广州骏达汽车销售服务有限公司',
    uscc: makeUscc({ authority: '9', kind: '1', regionCode: '440101', orgCode: 'MA5CK8R2' }),
  },
  guangzhouNev: {
    name: '广州粤新能源汽车销售有限公司',
    uscc: makeUscc({ authority: '9', kind: '1', regionCode: '440106', orgCode: 'MA9W3D7L' }),
  },
  shenzhen: {
    name: '深圳鹏程新能源汽车销售有限公司',
    uscc: makeUscc({ authority: '9', kind: '1', regionCode: '440300', orgCode: 'MA5H2Q6N' }),
  },
  foshan: {
    name: '佛山顺通汽车贸易有限公司',
    uscc: makeUscc({ authority: '9', kind: '1', regionCode: '440604', orgCode: 'MA4UT5K1' }),
  },
} as const;

/** The fixed records of a demo person, or undefined for everyone else (who get generated ones). */
export function demoTaxRecords(person: RegisteredPerson, ctx: SeedContext, _life: Life): DemoTax | undefined {
  if (!(Object.values(DEMO) as string[]).includes(person.personId)) return undefined;
  const out: DemoTax = { vehicles: [], vehicleTaxYears: [], invoices: [], lostInvoices: [], vehiclePurchases: [] };
  const P = DEMO_TAX.purchases;
  const purchase = (
    ids: { code: string; number: string; vin: string },
    dealer: { name: string; uscc: string },
    p: Omit<
      VehiclePurchaseRecord,
      'invoiceCode' | 'invoiceNumber' | 'vin' | 'buyerIdNumber' | 'sellerName' | 'sellerUscc'
    >,
  ) =>
    out.vehiclePurchases.push({
      invoiceCode: ids.code,
      invoiceNumber: ids.number,
      vin: ids.vin,
      buyerIdNumber: person.idNumber,
      sellerName: dealer.name,
      sellerUscc: dealer.uscc,
      ...p,
    });
  const records = out as unknown as TaxRecords;
  const personal = (sellerCity: '440100' | '440300' | '440600', index: number) => {
    const seller = enterprise(ctx.seed, sellerCity, index);
    return {
      sellerUscc: seller.uscc,
      sellerName: seller.name,
      goods: goodsOf(seller),
      buyerName: person.name,
      buyerTaxId: null,
    };
  };
  const inv = DEMO_TAX.invoices;
  switch (person.personId) {
    case DEMO.zhangWei:
      addVehicle(records, ctx, {
        plate: DEMO_TAX.zhangWeiCar,
        ownerIdNumber: person.idNumber,
        vehicleType: '小型普通客车',
        displacementCc: 1_498,
        energy: 'fuel',
        registeredOn: '2019-06-18',
        overdue: null,
      });
      out.invoices.push(
        {
          ...personal('440100', 0),
          goods: '*餐饮服务*餐费',
          code: inv.electronicOrdinary.code,
          number: inv.electronicOrdinary.number,
          kind: INVOICE_KIND_NAMES['vat-electronic-ordinary'],
          issuedOn: inv.electronicOrdinary.issuedOn,
          amountFen: 188_68,
          taxFen: 11_32,
          checkCode: inv.electronicOrdinary.checkCode,
          status: 'normal',
        },
        {
          ...personal('440100', 1),
          goods: '*计算机*笔记本电脑',
          code: null,
          number: inv.digital.number,
          kind: DIGITAL_ORDINARY,
          issuedOn: inv.digital.issuedOn,
          amountFen: 4_424_78,
          taxFen: 575_22,
          checkCode: null,
          status: 'normal',
        },
      );
      out.certificateNumber = DEMO_TAX.zhangWeiCertificate;
      purchase(P.zhangWeiPaid, DEALERS.guangzhou, {
        issuedOn: '2019-06-10',
        totalFen: 129_800_00,
        model: '大众汽车牌FV7152BBDBG',
        vehicleKind: 'fuel',
        paid: { paidOn: '2019-06-14', paidFen: 11_486_73, lateFeeFen: 0, certificateNumber: '442019000316582047' },
      });
      purchase(P.zhangWeiUnpaid, DEALERS.guangzhou, {
        issuedOn: '2025-12-20',
        totalFen: 169_800_00,
        model: '广汽传祺牌GAC6480J2F6',
        vehicleKind: 'fuel',
        paid: null,
      });
      break;
    case DEMO.liuFang:
      out.invoices.push({
        ...personal('440100', 2),
        goods: '*日用杂品*日用品',
        code: inv.redReversed.code,
        number: inv.redReversed.number,
        kind: INVOICE_KIND_NAMES['vat-electronic-ordinary'],
        issuedOn: inv.redReversed.issuedOn,
        amountFen: 943_40,
        taxFen: 56_60,
        checkCode: inv.redReversed.checkCode,
        status: 'red-reversed',
      });
      purchase(P.liuFang, DEALERS.guangzhouNev, {
        issuedOn: '2025-11-28',
        totalFen: 452_000_00,
        model: '理想牌LXA6500SHEVX1',
        vehicleKind: 'new-energy',
        paid: null,
      });
      break;
    case DEMO.liNa:
      addVehicle(records, ctx, {
        plate: DEMO_TAX.liNaCar,
        ownerIdNumber: person.idNumber,
        vehicleType: '小型普通客车',
        displacementCc: null,
        energy: 'electric',
        registeredOn: '2021-04-10',
        overdue: null,
      });
      out.invoices.push({
        ...personal('440300', 0),
        goods: '*信息技术服务*技术服务费',
        code: null,
        number: inv.digitalShenzhen.number,
        kind: DIGITAL_ORDINARY,
        issuedOn: inv.digitalShenzhen.issuedOn,
        amountFen: 1_800_00,
        taxFen: 108_00,
        checkCode: null,
        status: 'normal',
      });
      purchase(P.liNa, DEALERS.shenzhen, {
        issuedOn: '2025-10-08',
        totalFen: 239_800_00,
        model: '比亚迪牌BYD7005BEVA3',
        vehicleKind: 'new-energy',
        paid: null,
      });
      break;
    case DEMO.chenZhiqiang: {
      addVehicle(records, ctx, {
        plate: DEMO_TAX.chenZhiqiangCar,
        ownerIdNumber: person.idNumber,
        vehicleType: '小型普通客车',
        displacementCc: 1_998,
        energy: 'fuel',
        registeredOn: '2015-03-02',
        overdue: 2024,
      });
      out.invoices.push({
        ...personal('440600', 0),
        goods: '*家具*办公椅',
        code: inv.voided.code,
        number: inv.voided.number,
        kind: INVOICE_KIND_NAMES['vat-ordinary'],
        issuedOn: inv.voided.issuedOn,
        amountFen: 884_96,
        taxFen: 115_04,
        checkCode: inv.voided.checkCode,
        status: 'void',
      });
      const seller = enterprise(ctx.seed, '440600', 1);
      const buyer = enterprise(ctx.seed, '440600', 2);
      out.invoices.push({
        code: inv.lostSpecial.code,
        number: inv.lostSpecial.number,
        kind: INVOICE_KIND_NAMES['vat-special'],
        issuedOn: inv.lostSpecial.issuedOn,
        sellerUscc: seller.uscc,
        sellerName: seller.name,
        buyerName: buyer.name,
        buyerTaxId: buyer.uscc,
        goods: '*家具*办公桌',
        amountFen: inv.lostSpecial.amount * 100,
        taxFen: inv.lostSpecial.amount * 16, // 16 % (goods, 2018-05 to 2019-03)
        checkCode: null,
        status: 'normal',
      });
      out.lostInvoices.push({
        code: inv.lostSpecial.code,
        number: inv.lostSpecial.number,
        reportedOn: '2019-01-07',
        sellerUscc: seller.uscc,
        sellerName: seller.name,
        taxAuthority: taxAuthorityOf(seller.regionCode),
      });
      purchase(P.chenZhiqiang, DEALERS.foshan, {
        issuedOn: '2025-09-15',
        totalFen: 98_800_00,
        model: '丰田牌GTM7151BGLS',
        vehicleKind: 'fuel',
        paid: null,
      });
      break;
    }
    default:
      // 刘洋 and 陈嘉欣: wages and fees only (no car, no invoices).
      break;
  }
  return out;
}
