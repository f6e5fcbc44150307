import type { CityCode } from '@yss/contracts';
import { demoPerson } from '../kit/demo.js';
import { violationCode } from './codes.js';
import type { LicenceRecord, TrafficRecords, VehicleRecord, ViolationRecord } from './generator.js';
import { vinCheckChar } from './identifiers.js';

/**
 * Hand-picked traffic records of the README's demo people, each chosen to show a rule (see
 * docs/departments/traffic.md). The province's date is 2026-01-01: cycles and "recent" refer to it.
 */

const withCheck = (draft: string) => `${draft.slice(0, 8)}${vinCheckChar(draft)}${draft.slice(9)}`;

function licence(
  name: string,
  fields: Omit<LicenceRecord, 'idNumber' | 'name' | 'archiveNumber' | 'updatedAt'> & { archive: string },
): LicenceRecord {
  const person = demoPerson(name);
  const { archive, ...rest } = fields;
  return {
    idNumber: person.idNumber,
    name: person.name,
    archiveNumber: archive,
    updatedAt: `${fields.validFrom}T02:00:00.000Z`,
    ...rest,
  };
}

function vehicle(
  name: string,
  id: number,
  fields: Omit<
    VehicleRecord,
    | 'vehicleId'
    | 'ownerIdNumber'
    | 'ownerName'
    | 'ownerAddress'
    | 'issuedOn'
    | 'updatedAt'
    | 'ownerPhone'
    | 'unresolvedAccidents'
  > &
    Partial<Pick<VehicleRecord, 'unresolvedAccidents'>>,
): VehicleRecord {
  const person = demoPerson(name);
  return {
    vehicleId: `de0000a0-0000-4000-8000-${String(id).padStart(12, '0')}`,
    ownerIdNumber: person.idNumber,
    ownerName: person.name,
    ownerAddress: person.residenceAddress ?? person.address,
    issuedOn: fields.registeredOn,
    updatedAt: `${fields.registeredOn}T03:00:00.000Z`,
    // the phone the owner registered with the traffic police: the register's one (一键移车 texts it)
    ownerPhone: person.phone,
    unresolvedAccidents: 0,
    ...fields,
  };
}

let violationSerial = 0;
function violation(
  v: VehicleRecord,
  code: string,
  occurredAt: string,
  place: string,
  authority: string,
  handled: { on: string; driver: string | null } | null,
  cityCode: CityCode = v.cityCode ?? '440300',
): ViolationRecord {
  const c = violationCode(code);
  violationSerial += 1;
  return {
    violationId: `de0000a1-0000-4000-8000-${String(violationSerial).padStart(12, '0')}`,
    vehicleId: v.vehicleId,
    occurredAt,
    place,
    cityCode,
    code: c.code,
    description: c.description,
    fine: c.fine,
    points: c.points,
    authority,
    status: handled ? 'handled' : 'unhandled',
    handledOn: handled?.on ?? null,
    decisionNumber: handled ? `${cityCode}${String(100_000_000 + violationSerial * 7919).slice(0, 9)}` : null,
    driverIdNumber: handled?.driver ?? null,
    updatedAt: `${handled?.on ?? occurredAt.slice(0, 10)}T04:00:00.000Z`,
  };
}

const GZ = '广东省广州市公安局交通警察支队';
const zhangWei = demoPerson('张伟');
const chen = demoPerson('陈志强');

// 张伟: C1 since 2008 (now 长期), a petrol car 粤A8K2M6 with points 3 in the current cycle and two
// unhandled violations (a 0-point parking one and a 6-point red light he may still handle online: 3 + 6 < 12).
const zhangWeiCar = vehicle('张伟', 1, {
  plate: '粤A8K2M6',
  plateType: 'small-car',
  cityCode: '440100',
  vehicleType: 'K33',
  brandModel: '丰田牌GTM7201GB',
  energy: 'petrol',
  vin: withCheck('LVGBE40K0GG178342'),
  engineNumber: 'A25A5731942',
  seats: 5,
  registeredOn: '2016-09-20',
  inspectionValidUntil: '2026-09-30',
  status: 'normal',
});

// 刘芳: C2 (automatic), a pure-electric car on a new-energy plate 粤AD52618, no violations.
const liuFangCar = vehicle('刘芳', 2, {
  plate: '粤AD52618',
  plateType: 'small-new-energy',
  cityCode: '440100',
  vehicleType: 'K33',
  brandModel: '比亚迪牌BYD7006BEV',
  energy: 'electric',
  vin: withCheck('LC0CE4CB0M0412876'),
  engineNumber: 'TZ200XSQ1203',
  seats: 5,
  registeredOn: '2021-06-18',
  inspectionValidUntil: '2027-06-30',
  status: 'normal',
});

// 李娜: a Shenzhen new-energy plate 粤BD88661; a speeding case handled in the previous cycle (points 0 now).
const liNaCar = vehicle('李娜', 3, {
  plate: '粤BD88661',
  plateType: 'small-new-energy',
  cityCode: '440300',
  vehicleType: 'K33',
  brandModel: '特斯拉牌TSL7000BEVAR0',
  energy: 'electric',
  vin: withCheck('LRWYGCEK0NC265104'),
  engineNumber: 'TL3D1F2305',
  seats: 5,
  registeredOn: '2022-04-09',
  inspectionValidUntil: '2028-04-30',
  status: 'normal',
});

// 陈志强: B2, 9 points this cycle; an unhandled 3-point speeding case cannot be handled online (9 + 3 = 12).
// His 7-seat car of 2012 is past 10 years: inspected every 2 years.
const chenCar = vehicle('陈志强', 4, {
  plate: '粤E5T8Q1',
  plateType: 'small-car',
  cityCode: '440600',
  vehicleType: 'K31',
  brandModel: '别克牌SGM6521ATA',
  energy: 'petrol',
  vin: withCheck('LSGUA84L0CE039517'),
  engineNumber: 'LE5C2118377',
  seats: 7,
  registeredOn: '2012-05-08',
  inspectionValidUntil: '2026-05-31',
  status: 'normal',
});

// 刘洋 (Hunan hukou, 居住证 in Guangzhou): licence issued in Guangzhou in 2019, first 6 years lapsed in
// 2025 (逾期未换证); a plug-in hybrid on 粤AF37725. The 0-point parking case can be handled online, the
// 1-point one cannot (licence not normal).
const liuYangCar = vehicle('刘洋', 5, {
  plate: '粤AF37725',
  plateType: 'small-new-energy',
  cityCode: '440100',
  vehicleType: 'K33',
  brandModel: '比亚迪牌BYD7152WT6HEV',
  energy: 'phev',
  vin: withCheck('LC0C74C40P1087263'),
  engineNumber: 'BYD472QA3309',
  seats: 5,
  registeredOn: '2023-02-14',
  inspectionValidUntil: '2029-02-28',
  status: 'normal',
});

// 刘洋's second car, a petrol car of March 2020: its 6th year's inspection label (六年免检) is due by 2026-03-31,
// so on the province's date (2026-01-01) it is inside the three months before: the one demo car that may apply.
const liuYangOldCar = vehicle('刘洋', 7, {
  plate: '粤A6R35P',
  plateType: 'small-car',
  cityCode: '440100',
  vehicleType: 'K33',
  brandModel: '大众牌FV7152FBDBG',
  energy: 'petrol',
  vin: withCheck('LFV2A21K0L3041586'),
  engineNumber: 'DJS752038',
  seats: 5,
  registeredOn: '2020-03-16',
  inspectionValidUntil: '2026-03-31',
  status: 'normal',
});

// 陈嘉欣 (Hong Kong resident in Shenzhen): a cross-boundary vehicle on the 粤Z…港 series, no city.
const chenJiaxinCar = vehicle('陈嘉欣', 6, {
  plate: '粤Z3C8F港',
  plateType: 'hk-macao',
  cityCode: null,
  vehicleType: 'K31',
  brandModel: '丰田牌GTM6480GB',
  energy: 'petrol',
  vin: withCheck('LVGDC46A0JG052718'),
  engineNumber: '2AR0658213',
  seats: 7,
  registeredOn: '2018-07-02',
  inspectionValidUntil: '2026-07-31',
  status: 'normal',
});

const RECORDS: Record<string, TrafficRecords> = {
  张伟: {
    licences: [
      licence('张伟', {
        licenceClass: 'C1',
        firstIssuedOn: '2008-07-15',
        validFrom: '2024-07-15',
        validUntil: null,
        issuedBy: GZ,
        archive: '440100358102',
        status: 'normal',
      }),
    ],
    vehicles: [zhangWeiCar],
    violations: [
      violation(
        zhangWeiCar,
        '1303',
        '2024-03-02 09:12',
        '广州市天河区中山大道西68号附近',
        '广州市公安局交通警察支队天河大队',
        {
          on: '2024-03-10',
          driver: zhangWei.idNumber,
        },
      ),
      violation(
        zhangWeiCar,
        '1357',
        '2025-10-12 08:42',
        '广州市天河区天河路与体育东路交叉路口',
        '广州市公安局交通警察支队天河大队',
        { on: '2025-10-20', driver: zhangWei.idNumber },
      ),
      violation(
        zhangWeiCar,
        '1039',
        '2025-12-03 19:15',
        '广州市天河区体育西路191号附近',
        '广州市公安局交通警察支队天河大队',
        null,
      ),
      violation(
        zhangWeiCar,
        '1625',
        '2025-12-18 07:58',
        '广州市海珠区新港中路与广州大道南交叉路口',
        '广州市公安局交通警察支队海珠大队',
        null,
      ),
    ],
  },
  刘芳: {
    licences: [
      licence('刘芳', {
        licenceClass: 'C2',
        firstIssuedOn: '2015-03-10',
        validFrom: '2021-03-10',
        validUntil: '2031-03-10',
        issuedBy: GZ,
        archive: '440100571336',
        status: 'normal',
      }),
    ],
    vehicles: [liuFangCar],
    violations: [],
  },
  李娜: {
    licences: [
      licence('李娜', {
        licenceClass: 'C1',
        firstIssuedOn: '2014-11-05',
        validFrom: '2020-11-05',
        validUntil: '2030-11-05',
        issuedBy: '广东省深圳市公安局交通警察支队',
        archive: '440300802215',
        status: 'normal',
      }),
    ],
    vehicles: [liNaCar],
    violations: [
      violation(
        liNaCar,
        '1352',
        '2025-08-21 14:03',
        '深圳市福田区深南大道6008号附近',
        '深圳市公安局交通警察支队福田大队',
        {
          on: '2025-08-30',
          driver: demoPerson('李娜').idNumber,
        },
      ),
      violation(
        liNaCar,
        '1345',
        '2025-12-22 18:27',
        '深圳市南山区科技园南路与高新南一道交叉路口',
        '深圳市公安局交通警察支队南山大队',
        null,
      ),
    ],
  },
  陈志强: {
    licences: [
      licence('陈志强', {
        licenceClass: 'B2',
        firstIssuedOn: '2003-06-01',
        validFrom: '2019-06-01',
        validUntil: null,
        issuedBy: '广东省佛山市公安局交通警察支队',
        archive: '440600193470',
        status: 'normal',
      }),
    ],
    vehicles: [chenCar],
    violations: [
      violation(
        chenCar,
        '1625',
        '2025-07-02 21:36',
        '佛山市禅城区季华路与佛山大道交叉路口',
        '佛山市公安局交通警察支队禅城大队',
        {
          on: '2025-07-10',
          driver: chen.idNumber,
        },
      ),
      violation(
        chenCar,
        '1357',
        '2025-09-08 17:20',
        '佛山市南海区桂城街道南海大道北88号附近',
        '佛山市公安局交通警察支队南海大队',
        {
          on: '2025-09-15',
          driver: chen.idNumber,
        },
      ),
      violation(
        chenCar,
        '1352',
        '2025-12-10 10:48',
        '佛山市顺德区大良街道德和路与南国路交叉路口',
        '佛山市公安局交通警察支队顺德大队',
        null,
      ),
    ],
  },
  刘洋: {
    licences: [
      licence('刘洋', {
        licenceClass: 'C1',
        firstIssuedOn: '2019-08-20',
        validFrom: '2019-08-20',
        validUntil: '2025-08-20',
        issuedBy: GZ,
        archive: '440100930618',
        status: 'overdue-renewal',
      }),
    ],
    vehicles: [liuYangOldCar, liuYangCar],
    violations: [
      violation(
        liuYangCar,
        '1039',
        '2025-11-30 12:05',
        '广州市白云区机场路1962号附近',
        '广州市公安局交通警察支队白云大队',
        null,
      ),
      violation(
        liuYangCar,
        '1345',
        '2025-12-27 16:40',
        '广州市白云区机场路与云城东路交叉路口',
        '广州市公安局交通警察支队白云大队',
        null,
      ),
    ],
  },
  陈嘉欣: {
    licences: [
      licence('陈嘉欣', {
        licenceClass: 'C1',
        firstIssuedOn: '2018-03-12',
        validFrom: '2024-03-12',
        validUntil: '2034-03-12',
        issuedBy: '广东省深圳市公安局交通警察支队',
        archive: '440300611827',
        status: 'normal',
      }),
    ],
    vehicles: [chenJiaxinCar],
    violations: [
      violation(
        chenJiaxinCar,
        '1039',
        '2025-06-14 11:20',
        '深圳市南山区科技园南路16号附近',
        '深圳市公安局交通警察支队南山大队',
        { on: '2025-06-20', driver: null },
        '440300',
      ),
    ],
  },
};

/** The demo people's records by person id (张梓轩, 张建国 and 王秀英 have none). */
export const DEMO_TRAFFIC: ReadonlyMap<string, TrafficRecords> = new Map(
  Object.entries(RECORDS).map(([name, records]) => [demoPerson(name).personId, records]),
);
