import { z } from 'zod';
import { CITY_CODES } from './cities.js';

/**
 * 我的证照 (issue 6): the e-certificate types, their claim schemas, and the verification verdict.
 *
 * A credential type is data: a claim schema (zod), the claims' Chinese labels, the integer key of each claim
 * in the compact QR credential (CBOR), the claims that are dates (carried as YYYYMMDD integers in CBOR), and
 * the disclosure profiles (which claims each kind of verifier sees). Adding a type of issue 6 is one more
 * entry here plus, on the server, a mapping from the issuing department's record
 * (apps/server/src/modules/wallet/credential-sources.ts). Browser-safe: the citizen app and the verifier page
 * use the labels and profiles to show what is disclosed.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/**
 * Verifier purposes (核验场景), each with a small integer code carried in the holder-signed part of the QR, and
 * its English name for the app's English mode (the server's own words stay Chinese).
 */
export const WALLET_PURPOSES = {
  hotel: { code: 1, name: '酒店入住', nameEn: 'Hotel check-in' },
  police: { code: 2, name: '民警查验', nameEn: 'Police check' },
  employer: { code: 3, name: '用人单位', nameEn: 'Employer' },
  'coach-station': { code: 4, name: '客运站实名核验', nameEn: 'Coach station ID check' },
} as const;
export type WalletPurpose = keyof typeof WALLET_PURPOSES;
export const WalletPurposeSchema = z.enum(Object.keys(WALLET_PURPOSES) as [WalletPurpose, ...WalletPurpose[]]);

/** 居民身份电子凭证: claims from the population register (公安户政). */
export const ResidentIdClaims = z
  .object({
    name: z.string().min(1).max(40),
    sex: z.enum(['male', 'female']),
    birthDate: IsoDate,
    idNumber: z.string().regex(/^\d{17}[\dX]$/),
    /** The last four characters of the ID number, disclosable on their own (hotel check-in). */
    idNumberLast4: z.string().regex(/^\d{3}[\dX]$/),
    /** 户籍地址 */
    address: z.string().max(120),
    /**
     * Reference to the register's portrait (a 16-byte digest, base64url), never the image. Absent while the
     * register holds no portrait (the sandbox register has none).
     */
    photoRef: z
      .string()
      .regex(/^[A-Za-z0-9_-]{22}$/)
      .optional(),
    /** Validity of the e-credential (the sandbox register holds no ID-card dates: see docs/wallet.md). */
    validFrom: IsoDate,
    validUntil: IsoDate,
  })
  .strict()
  .meta({ id: 'ResidentIdClaims', description: '居民身份电子凭证' });
export type ResidentIdClaims = z.infer<typeof ResidentIdClaims>;

/** 驾驶证: claims from the traffic-management system (交管). */
export const DrivingLicenceClaims = z
  .object({
    name: z.string().min(1).max(40),
    /** 驾驶证号 (the holder's ID number) */
    licenceNumber: z.string().regex(/^\d{17}[\dX]$/),
    /** 准驾车型 */
    licenceClass: z.string().regex(/^[A-Z]\d?$/),
    /** 驾驶证状态 at issuance (normal, over-points, overdue-renewal, suspended); later changes: the status list */
    licenceStatus: z.enum(['normal', 'over-points', 'overdue-renewal', 'suspended']),
    firstIssuedOn: IsoDate,
    validFrom: IsoDate,
    /** null = 长期 */
    validUntil: IsoDate.nullable(),
    issuedBy: z.string().max(60),
    archiveNumber: z.string().max(20),
  })
  .strict()
  .meta({ id: 'DrivingLicenceClaims', description: '驾驶证' });
export type DrivingLicenceClaims = z.infer<typeof DrivingLicenceClaims>;

const Name = z.string().min(1).max(40);
const IdNumber18 = z.string().regex(/^\d{17}[\dX]$/);

/** 行驶证: a vehicle's registration certificate, from the traffic-management system (交管); one per vehicle. */
export const VehicleLicenceClaims = z
  .object({
    /** 所有人 */
    ownerName: Name,
    /** 号牌号码 (粤A8K2M6, new-energy 粤AD52618, cross-boundary 粤Z3C8F港) */
    plate: z.string().min(6).max(10),
    plateType: z.enum(['small-car', 'small-new-energy', 'hk-macao']),
    /** 车辆类型 (as printed: 小型轿车 …) */
    vehicleType: z.string().min(1).max(20),
    /** 品牌型号 */
    brandModel: z.string().max(60),
    /** 车辆识别代号 (VIN) */
    vin: z.string().regex(/^[0-9A-HJ-NPR-Z]{17}$/),
    /** 住址 */
    address: z.string().max(120),
    /** 注册日期 */
    registeredOn: IsoDate,
    /** 检验有效期至 */
    inspectionValidUntil: IsoDate,
    /** 机动车状态 at issuance */
    vehicleStatus: z.enum(['normal', 'overdue-inspection', 'mortgaged']),
  })
  .strict()
  .meta({ id: 'VehicleLicenceClaims', description: '行驶证' });
export type VehicleLicenceClaims = z.infer<typeof VehicleLicenceClaims>;

/** 护照, 往来港澳通行证, 往来台湾通行证: from the exit-entry administration (出入境), one per document. */
export const TravelDocumentClaims = z
  .object({
    name: Name,
    /** 证件号码 (E83921564, C32815406, L…) */
    documentNumber: z.string().regex(/^[A-Z]{1,2}[A-Z0-9]\d{6,9}$/),
    issuedOn: IsoDate,
    validUntil: IsoDate,
    /** 签发机关 */
    issuedBy: z.string().max(60),
    /** 签发地点 */
    issuePlace: z.string().max(20),
  })
  .strict()
  .meta({ id: 'TravelDocumentClaims', description: '护照、港澳通行证、台湾通行证' });
export type TravelDocumentClaims = z.infer<typeof TravelDocumentClaims>;

/** 公积金: the housing-fund account at one city's centre (住房公积金管理中心). */
export const HousingFundClaims = z
  .object({
    name: Name,
    /** 个人公积金账号 */
    accountNumber: z.string().regex(/^\d{14}$/),
    /** 缴存地: 广州市住房公积金管理中心 … */
    centreName: z.string().max(40),
    /** 账户状态 at issuance */
    accountStatus: z.enum(['normal', 'sealed']),
    /** 缴存单位 of the last deposit */
    unitName: z.string().max(80),
    /** 开户日期 */
    openedOn: IsoDate,
    /** 缴至年月 (YYYY-MM) */
    lastDepositMonth: z.string().regex(/^\d{4}-\d{2}$/),
  })
  .strict()
  .meta({ id: 'HousingFundClaims', description: '公积金' });
export type HousingFundClaims = z.infer<typeof HousingFundClaims>;

/** 社保卡: the second-generation social-security card (人社). */
export const SocialSecurityCardClaims = z
  .object({
    name: Name,
    /** 社保卡卡号 */
    cardNumber: z.string().regex(/^[A-Z]\d{8}$/),
    /** 发卡地 (city name) */
    issuingCity: z.string().max(10),
    /** 金融账户开户银行 */
    bankName: z.string().max(40).optional(),
    /** 发卡日期 */
    issuedOn: IsoDate,
  })
  .strict()
  .meta({ id: 'SocialSecurityCardClaims', description: '社保卡' });
export type SocialSecurityCardClaims = z.infer<typeof SocialSecurityCardClaims>;

/** 残疾人证: from the disabled persons' federation (残联). */
export const DisabilityCertificateClaims = z
  .object({
    name: Name,
    /** 残疾人证号: the ID number + category digit + grade digit */
    certificateNumber: z.string().regex(/^\d{17}[\dX][1-7][1-4]$/),
    /** 残疾类别 (视力残疾 …) and 残疾等级 (一级 … 四级), as printed */
    category: z.string().max(10),
    grade: z.string().max(10),
    firstIssuedOn: IsoDate,
    issuedOn: IsoDate,
    validUntil: IsoDate,
    /** 发证机关 */
    issuedBy: z.string().max(60),
  })
  .strict()
  .meta({ id: 'DisabilityCertificateClaims', description: '残疾人证' });
export type DisabilityCertificateClaims = z.infer<typeof DisabilityCertificateClaims>;

/** 居住证 (广东省居住证, or 港澳台居民居住证): from the population register's residence permits (公安户政). */
export const ResidencePermitClaims = z
  .object({
    name: Name,
    permitKind: z.enum(['guangdong', 'hk-macao-taiwan']),
    /** 证件号码 (the holder's ID number, as printed) */
    cardNumber: IdNumber18,
    /** 居住地址 */
    address: z.string().max(120),
    /** 签发机关 */
    issuedBy: z.string().max(60),
    issuedOn: IsoDate,
    validUntil: IsoDate,
    /** 签注有效期至 (广东省居住证: the yearly 签注); absent for a permit without 签注 */
    endorsedUntil: IsoDate.optional(),
  })
  .strict()
  .meta({ id: 'ResidencePermitClaims', description: '居住证' });
export type ResidencePermitClaims = z.infer<typeof ResidencePermitClaims>;

/** 出生医学证明: from the health commission (卫健); a parent (or the child) links it, one per child. */
export const BirthCertificateClaims = z
  .object({
    /** 出生医学证明编号 */
    certificateNumber: z.string().regex(/^[A-Z]\d{9}$/),
    childName: Name,
    childSex: z.enum(['male', 'female']),
    birthDate: IsoDate,
    /** 出生时间 (HH:mm, Beijing time) */
    birthTime: z.string().regex(/^\d{2}:\d{2}$/),
    /** 出生地点 (接生机构) */
    birthPlace: z.string().max(60),
    motherName: Name,
    /** absent when the certificate names no father */
    fatherName: Name.optional(),
    /** 签发日期 */
    issuedOn: IsoDate,
  })
  .strict()
  .meta({ id: 'BirthCertificateClaims', description: '出生医学证明' });
export type BirthCertificateClaims = z.infer<typeof BirthCertificateClaims>;

const marriageClaims = (prefix: 'J' | 'L', id: string, description: string) =>
  z
    .object({
      /** 持证人 */
      name: Name,
      /** 对方姓名, as printed on the certificate */
      spouseName: Name,
      /** 字号 (J440106-2015-004217 / L…) */
      certificateNumber: z.string().regex(new RegExp(`^${prefix}\\d{6}-\\d{4}-\\d{6}$`)),
      /** 登记日期 */
      registeredOn: IsoDate,
      /** 登记机关 */
      registry: z.string().max(60),
    })
    .strict()
    .meta({ id, description });

/** 结婚证 / 离婚证: from the civil-affairs marriage registrations (民政). */
export const MarriageCertificateClaims = marriageClaims('J', 'MarriageCertificateClaims', '结婚证');
export type MarriageCertificateClaims = z.infer<typeof MarriageCertificateClaims>;
export const DivorceCertificateClaims = marriageClaims('L', 'DivorceCertificateClaims', '离婚证');
export type DivorceCertificateClaims = z.infer<typeof DivorceCertificateClaims>;

/** 高校毕业生就业报到证 (2006–2016届): from the education department's graduate employment records. */
export const GraduateReportCardClaims = z
  .object({
    name: Name,
    /** 报到证编号 */
    certificateNumber: z.string().regex(/^\d{17}$/),
    /** 毕业年份 (届) */
    graduationYear: z.string().regex(/^\d{4}$/),
    /** 毕业学校 */
    institution: z.string().max(60),
    /** 主管单位 */
    authority: z.string().max(60),
    /** 所学专业 */
    major: z.string().max(60),
    /** 学历 */
    level: z.enum(['vocational', 'undergraduate', 'master', 'doctor']),
  })
  .strict()
  .meta({ id: 'GraduateReportCardClaims', description: '高校毕业生就业报到证' });
export type GraduateReportCardClaims = z.infer<typeof GraduateReportCardClaims>;

/** 不动产登记证明 (the person is the right holder: 预告登记 of an off-plan purchase), from 不动产登记. */
export const RealEstateProofClaims = z
  .object({
    /** 权利人 */
    name: Name,
    /** 不动产登记证明号 */
    proofNumber: z.string().max(40),
    /** 证明权利或事项 */
    proofKind: z.enum(['pre-sale']),
    /** 坐落 */
    location: z.string().max(120),
    /** 义务人 */
    obligor: z.string().max(80),
    registeredOn: IsoDate,
  })
  .strict()
  .meta({ id: 'RealEstateProofClaims', description: '不动产登记证明' });
export type RealEstateProofClaims = z.infer<typeof RealEstateProofClaims>;

/** 不动产权证书 (unified registration; not the older 房地产权证), from 不动产登记; one per title. */
export const RealEstateTitleClaims = z
  .object({
    /** 权利人 (the holder; co-owners are counted, never named) */
    name: Name,
    /** 不动产权证号 */
    certificateNumber: z.string().max(40),
    /** 不动产单元号 */
    unitNumber: z.string().max(40),
    /** 坐落 */
    location: z.string().max(120),
    /** 用途 */
    use: z.enum(['住宅', '车位', '商业']),
    /** 建筑面积 (m², two decimals) */
    floorArea: z.string().regex(/^\d{1,6}\.\d{2}$/),
    /** 共有情况 */
    shareKind: z.enum(['单独所有', '共同共有', '按份共有']),
    /** 权利状态 at issuance */
    rightStatus: z.enum(['现势', '抵押']),
    /** 登记时间 */
    registeredOn: IsoDate,
    /** 使用期限 (土地) */
    landUseUntil: IsoDate,
  })
  .strict()
  .meta({ id: 'RealEstateTitleClaims', description: '不动产权证书' });
export type RealEstateTitleClaims = z.infer<typeof RealEstateTitleClaims>;

/** 注册志愿者证: from the volunteer registry (广东志愿者 / “i志愿”, 广东省志愿者联合会). */
export const VolunteerCardClaims = z
  .object({
    name: Name,
    /** 志愿者编号 (the registry's own number, not the ID number) */
    volunteerNumber: z.string().regex(/^\d{16}$/),
    /** 星级 (中国注册志愿者: 一星级 ≥ 100 h … 五星级 ≥ 1500 h); '0' = not yet starred */
    starLevel: z.enum(['0', '1', '2', '3', '4', '5']),
    /** 累计志愿服务时长 (hours, as the registry records them: 356.5) */
    serviceHours: z.string().regex(/^\d{1,5}(\.\d)?$/),
    /** 时长统计截至: the day the registry was read (hours grow; the credential holds them as of that day) */
    hoursAsOf: IsoDate,
    /** 注册日期 */
    registeredOn: IsoDate,
    /** 注册所在志愿服务组织 */
    organisation: z.string().max(60),
    /** 注册地 (city name) */
    city: z.string().max(10),
  })
  .strict()
  .meta({ id: 'VolunteerCardClaims', description: '注册志愿者证' });
export type VolunteerCardClaims = z.infer<typeof VolunteerCardClaims>;

export interface CredentialTypeSpec<S extends z.ZodObject = z.ZodObject> {
  /** Small integer carried in the QR credential. Never reused. */
  code: number;
  /** SD-JWT VC `vct` */
  vct: string;
  /** The guide's name */
  name: string;
  /**
   * The English name for the app's English mode: the document's official English title where it has one
   * (as printed on the card or the State's own translation), else a plain translation.
   */
  nameEn: string;
  /** The catalog service (我的证照 entry) of this type: the city rule of that service applies. */
  serviceId: string;
  /** The catalog department that issues it (and signs it: the issuer). */
  issuerDepartment: string;
  claims: S;
  /** Integer key of each claim in CBOR; never renumber. */
  claimKeys: Record<keyof z.infer<S> & string, number>;
  labels: Record<keyof z.infer<S> & string, string>;
  /** The claims' English labels (every claim has one: the type's signature requires it). */
  labelsEn: Record<keyof z.infer<S> & string, string>;
  /** Claims holding YYYY-MM-DD dates: carried as YYYYMMDD integers in CBOR. */
  dateClaims: readonly (keyof z.infer<S> & string)[];
  /** What each kind of verifier is shown; a purpose missing here cannot be presented with this type. */
  profiles: Partial<Record<WalletPurpose, readonly (keyof z.infer<S> & string)[]>>;
  /** Enum-valued claims shown in Chinese. */
  valueNames?: Partial<Record<keyof z.infer<S> & string, Record<string, string>>>;
  /**
   * The same in English — every value of `valueNames`, plus claims whose enum values are Chinese words
   * themselves (不动产权证书's 用途 住宅 …). Free text from the department (addresses, 发证机关) stays as recorded.
   */
  valueNamesEn?: Partial<Record<keyof z.infer<S> & string, Record<string, string>>>;
}

function defineCredentialType<S extends z.ZodObject>(spec: CredentialTypeSpec<S>): CredentialTypeSpec<S> {
  return spec;
}

/** 护照 / 港澳通行证 / 台湾通行证 share their claims (the exit-entry administration's document record). */
function travelDocumentType<T extends 'passport' | 'hk-macao-permit' | 'taiwan-permit'>(d: {
  code: number;
  type: T;
  name: string;
  nameEn: string;
  serviceId: string;
  profiles: CredentialTypeSpec<typeof TravelDocumentClaims>['profiles'];
}) {
  return defineCredentialType({
    code: d.code,
    vct: `urn:yss:credential:${d.type}:1`,
    name: d.name,
    nameEn: d.nameEn,
    serviceId: d.serviceId,
    issuerDepartment: 'gd-exit-entry',
    claims: TravelDocumentClaims,
    claimKeys: { name: 1, documentNumber: 2, issuedOn: 3, validUntil: 4, issuedBy: 5, issuePlace: 6 },
    labels: {
      name: '姓名',
      documentNumber: '证件号码',
      issuedOn: '签发日期',
      validUntil: '有效期至',
      issuedBy: '签发机关',
      issuePlace: '签发地点',
    },
    labelsEn: {
      name: 'Name',
      documentNumber: 'Document number',
      issuedOn: 'Date of issue',
      validUntil: 'Date of expiry',
      issuedBy: 'Issuing authority',
      issuePlace: 'Place of issue',
    },
    dateClaims: ['issuedOn', 'validUntil'],
    profiles: d.profiles,
  });
}

export const CREDENTIAL_TYPES = {
  'resident-id': defineCredentialType({
    code: 1,
    vct: 'urn:yss:credential:resident-id:1',
    name: '居民身份电子凭证',
    nameEn: 'Resident Identity Card e-credential',
    serviceId: 'zz-jumin-shenfen-dianzi-pingzheng',
    issuerDepartment: 'gd-public-security',
    claims: ResidentIdClaims,
    claimKeys: {
      name: 1,
      sex: 2,
      birthDate: 3,
      idNumber: 4,
      idNumberLast4: 5,
      address: 6,
      photoRef: 7,
      validFrom: 8,
      validUntil: 9,
    },
    labels: {
      name: '姓名',
      sex: '性别',
      birthDate: '出生日期',
      idNumber: '公民身份号码',
      idNumberLast4: '身份号码后4位',
      address: '住址',
      photoRef: '照片',
      validFrom: '有效期起',
      validUntil: '有效期至',
    },
    labelsEn: {
      name: 'Name',
      sex: 'Sex',
      birthDate: 'Date of birth',
      idNumber: 'Citizen identification number',
      idNumberLast4: 'Last 4 characters of the ID number',
      address: 'Address',
      photoRef: 'Photo',
      validFrom: 'Valid from',
      validUntil: 'Valid until',
    },
    dateClaims: ['birthDate', 'validFrom', 'validUntil'],
    profiles: {
      hotel: ['name', 'photoRef', 'idNumberLast4', 'validFrom', 'validUntil'],
      'coach-station': ['name', 'photoRef', 'idNumberLast4', 'validUntil'],
      employer: ['name', 'sex', 'birthDate', 'idNumber', 'validUntil'],
      police: ['name', 'sex', 'birthDate', 'idNumber', 'photoRef', 'validUntil'],
    },
    valueNames: { sex: { male: '男', female: '女' } },
    valueNamesEn: { sex: { male: 'Male', female: 'Female' } },
  }),
  'driving-licence': defineCredentialType({
    code: 2,
    vct: 'urn:yss:credential:driving-licence:1',
    name: '驾驶证',
    nameEn: 'Driving Licence',
    serviceId: 'zz-jiashizheng',
    issuerDepartment: 'gd-traffic-police',
    claims: DrivingLicenceClaims,
    claimKeys: {
      name: 1,
      licenceNumber: 2,
      licenceClass: 3,
      licenceStatus: 4,
      firstIssuedOn: 5,
      validFrom: 6,
      validUntil: 7,
      issuedBy: 8,
      archiveNumber: 9,
    },
    labels: {
      name: '姓名',
      licenceNumber: '证号',
      licenceClass: '准驾车型',
      licenceStatus: '驾驶证状态',
      firstIssuedOn: '初次领证日期',
      validFrom: '有效期起始日期',
      validUntil: '有效期至',
      issuedBy: '发证机关',
      archiveNumber: '档案编号',
    },
    labelsEn: {
      name: 'Name',
      licenceNumber: 'Licence number',
      licenceClass: 'Permitted vehicle class',
      licenceStatus: 'Licence status',
      firstIssuedOn: 'Date of first issue',
      validFrom: 'Valid from',
      validUntil: 'Valid until',
      issuedBy: 'Issuing authority',
      archiveNumber: 'File number',
    },
    dateClaims: ['firstIssuedOn', 'validFrom', 'validUntil'],
    profiles: {
      police: ['name', 'licenceClass', 'licenceStatus', 'validUntil'],
      employer: ['name', 'licenceClass', 'licenceStatus', 'firstIssuedOn', 'validUntil'],
    },
    valueNames: {
      licenceStatus: { normal: '正常', 'over-points': '超分', 'overdue-renewal': '逾期未换证', suspended: '暂扣' },
    },
    valueNamesEn: {
      licenceStatus: {
        normal: 'Valid',
        'over-points': 'Penalty points limit reached',
        'overdue-renewal': 'Overdue for renewal',
        suspended: 'Suspended',
      },
    },
  }),
  'vehicle-licence': defineCredentialType({
    code: 3,
    vct: 'urn:yss:credential:vehicle-licence:1',
    name: '行驶证',
    nameEn: 'Vehicle Licence',
    serviceId: 'zz-xingshizheng',
    issuerDepartment: 'gd-traffic-police',
    claims: VehicleLicenceClaims,
    claimKeys: {
      ownerName: 1,
      plate: 2,
      plateType: 3,
      vehicleType: 4,
      brandModel: 5,
      vin: 6,
      address: 7,
      registeredOn: 8,
      inspectionValidUntil: 9,
      vehicleStatus: 10,
    },
    labels: {
      ownerName: '所有人',
      plate: '号牌号码',
      plateType: '号牌种类',
      vehicleType: '车辆类型',
      brandModel: '品牌型号',
      vin: '车辆识别代号',
      address: '住址',
      registeredOn: '注册日期',
      inspectionValidUntil: '检验有效期至',
      vehicleStatus: '机动车状态',
    },
    labelsEn: {
      ownerName: 'Owner',
      plate: 'Plate number',
      plateType: 'Plate type',
      vehicleType: 'Vehicle type',
      brandModel: 'Make and model',
      vin: 'Vehicle identification number (VIN)',
      address: 'Address',
      registeredOn: 'Date of registration',
      inspectionValidUntil: 'Inspection valid until',
      vehicleStatus: 'Vehicle status',
    },
    dateClaims: ['registeredOn', 'inspectionValidUntil'],
    profiles: {
      // 民警路面执法检查: the vehicle in front of them (plate, type, VIN), its owner, inspection and status.
      police: ['ownerName', 'plate', 'vehicleType', 'vin', 'inspectionValidUntil', 'vehicleStatus'],
    },
    valueNames: {
      plateType: {
        'small-car': '小型汽车号牌',
        'small-new-energy': '小型新能源汽车号牌',
        'hk-macao': '粤港澳入出境车号牌',
      },
      vehicleStatus: { normal: '正常', 'overdue-inspection': '逾期未检验', mortgaged: '抵押' },
    },
    valueNamesEn: {
      plateType: {
        'small-car': 'Small vehicle plate',
        'small-new-energy': 'Small new-energy vehicle plate',
        'hk-macao': 'Guangdong–Hong Kong–Macao cross-boundary vehicle plate',
      },
      vehicleStatus: { normal: 'Normal', 'overdue-inspection': 'Overdue for inspection', mortgaged: 'Mortgaged' },
    },
  }),
  passport: travelDocumentType({
    code: 4,
    type: 'passport',
    name: '护照',
    nameEn: 'Passport',
    serviceId: 'zz-huzhao',
    // A passport is a valid ID for hotel check-in and real-name coach tickets.
    profiles: {
      hotel: ['name', 'documentNumber', 'validUntil'],
      'coach-station': ['name', 'documentNumber', 'validUntil'],
      police: ['name', 'documentNumber', 'issuedOn', 'validUntil', 'issuedBy'],
    },
  }),
  'hk-macao-permit': travelDocumentType({
    code: 5,
    type: 'hk-macao-permit',
    name: '港澳通行证',
    nameEn: 'Exit-Entry Permit for Travelling to and from Hong Kong and Macao',
    serviceId: 'zz-gangao-tongxingzheng',
    // Cross-boundary coaches check the permit at the station.
    profiles: {
      'coach-station': ['name', 'documentNumber', 'validUntil'],
      police: ['name', 'documentNumber', 'issuedOn', 'validUntil', 'issuedBy'],
    },
  }),
  'taiwan-permit': travelDocumentType({
    code: 6,
    type: 'taiwan-permit',
    name: '台湾通行证',
    nameEn: 'Exit-Entry Permit for Travelling to and from Taiwan',
    serviceId: 'zz-taiwan-tongxingzheng',
    profiles: { police: ['name', 'documentNumber', 'issuedOn', 'validUntil', 'issuedBy'] },
  }),
  'housing-fund': defineCredentialType({
    code: 7,
    vct: 'urn:yss:credential:housing-fund:1',
    name: '公积金',
    nameEn: 'Housing Provident Fund',
    serviceId: 'zz-gongjijin',
    issuerDepartment: 'housing-fund-centres',
    claims: HousingFundClaims,
    claimKeys: {
      name: 1,
      accountNumber: 2,
      centreName: 3,
      accountStatus: 4,
      unitName: 5,
      openedOn: 6,
      lastDepositMonth: 7,
    },
    labels: {
      name: '姓名',
      accountNumber: '个人公积金账号',
      centreName: '缴存地',
      accountStatus: '账户状态',
      unitName: '缴存单位',
      openedOn: '开户日期',
      lastDepositMonth: '缴至年月',
    },
    labelsEn: {
      name: 'Name',
      accountNumber: 'Fund account number',
      centreName: 'Deposit centre',
      accountStatus: 'Account status',
      unitName: 'Employer (depositing unit)',
      openedOn: 'Account opened on',
      lastDepositMonth: 'Paid up to (month)',
    },
    dateClaims: ['openedOn'],
    // 入职: the new employer needs the account (and where it is) to continue or transfer the deposits.
    profiles: { employer: ['name', 'accountNumber', 'centreName', 'accountStatus', 'unitName'] },
    valueNames: { accountStatus: { normal: '正常', sealed: '封存' } },
    valueNamesEn: { accountStatus: { normal: 'Normal', sealed: 'Sealed' } },
  }),
  'social-security-card': defineCredentialType({
    code: 8,
    vct: 'urn:yss:credential:social-security-card:1',
    name: '社保卡',
    nameEn: 'Social Security Card',
    serviceId: 'zz-shebaoka',
    issuerDepartment: 'gd-hrss',
    claims: SocialSecurityCardClaims,
    claimKeys: { name: 1, cardNumber: 2, issuingCity: 3, bankName: 4, issuedOn: 5 },
    labels: {
      name: '姓名',
      cardNumber: '社会保障卡卡号',
      issuingCity: '发卡地',
      bankName: '开户银行',
      issuedOn: '发卡日期',
    },
    labelsEn: {
      name: 'Name',
      cardNumber: 'Social security card number',
      issuingCity: 'City of issue',
      bankName: 'Bank',
      issuedOn: 'Date of issue',
    },
    dateClaims: ['issuedOn'],
    // 入职: the employer registers the new employee's social insurance on the card.
    profiles: { employer: ['name', 'cardNumber', 'issuingCity'] },
  }),
  'disability-certificate': defineCredentialType({
    code: 9,
    vct: 'urn:yss:credential:disability-certificate:1',
    name: '残疾人证',
    nameEn: "Disabled Person's Certificate",
    serviceId: 'zz-canjirenzheng',
    issuerDepartment: 'gd-disabled-persons-federation',
    claims: DisabilityCertificateClaims,
    claimKeys: {
      name: 1,
      certificateNumber: 2,
      category: 3,
      grade: 4,
      firstIssuedOn: 5,
      issuedOn: 6,
      validUntil: 7,
      issuedBy: 8,
    },
    labels: {
      name: '姓名',
      certificateNumber: '残疾人证号',
      category: '残疾类别',
      grade: '残疾等级',
      firstIssuedOn: '初次发证日期',
      issuedOn: '发证日期',
      validUntil: '有效期至',
      issuedBy: '发证机关',
    },
    labelsEn: {
      name: 'Name',
      certificateNumber: 'Certificate number',
      category: 'Category of disability',
      grade: 'Grade of disability',
      firstIssuedOn: 'Date of first issue',
      issuedOn: 'Date of issue',
      validUntil: 'Valid until',
      issuedBy: 'Issuing authority',
    },
    dateClaims: ['firstIssuedOn', 'issuedOn', 'validUntil'],
    profiles: {
      // 按比例安排残疾人就业: the employer records the certificate.
      employer: ['name', 'certificateNumber', 'category', 'grade', 'validUntil'],
      // Fare concessions at the station: no certificate number (it holds the ID number).
      'coach-station': ['name', 'category', 'grade', 'validUntil'],
    },
  }),
  'residence-permit': defineCredentialType({
    code: 10,
    vct: 'urn:yss:credential:residence-permit:1',
    name: '居住证',
    nameEn: 'Residence Permit',
    serviceId: 'zz-juzhuzheng',
    issuerDepartment: 'gd-public-security',
    claims: ResidencePermitClaims,
    claimKeys: {
      name: 1,
      permitKind: 2,
      cardNumber: 3,
      address: 4,
      issuedBy: 5,
      issuedOn: 6,
      validUntil: 7,
      endorsedUntil: 8,
    },
    labels: {
      name: '姓名',
      permitKind: '证件类型',
      cardNumber: '证件号码',
      address: '居住地址',
      issuedBy: '签发机关',
      issuedOn: '签发日期',
      validUntil: '有效期至',
      endorsedUntil: '签注有效期至',
    },
    labelsEn: {
      name: 'Name',
      permitKind: 'Permit type',
      cardNumber: 'Permit number',
      address: 'Address of residence',
      issuedBy: 'Issuing authority',
      issuedOn: 'Date of issue',
      validUntil: 'Valid until',
      endorsedUntil: 'Endorsement valid until',
    },
    dateClaims: ['issuedOn', 'validUntil', 'endorsedUntil'],
    profiles: {
      // (The kind shows in the number: 810000/820000/830000 for 港澳台居民居住证.)
      police: ['name', 'cardNumber', 'address', 'validUntil', 'endorsedUntil'],
      // 入职 (and the 积分 of the city): that the person lives here on a valid permit — not the number.
      employer: ['name', 'permitKind', 'address', 'validUntil', 'endorsedUntil'],
    },
    valueNames: { permitKind: { guangdong: '广东省居住证', 'hk-macao-taiwan': '港澳台居民居住证' } },
    valueNamesEn: {
      permitKind: {
        guangdong: 'Guangdong Residence Permit',
        'hk-macao-taiwan': 'Residence Permit for Hong Kong, Macao and Taiwan Residents',
      },
    },
  }),
  'birth-certificate': defineCredentialType({
    code: 11,
    vct: 'urn:yss:credential:birth-certificate:1',
    name: '出生医学证明',
    nameEn: 'Medical Certificate of Birth',
    serviceId: 'zz-chusheng-yixue-zhengming',
    issuerDepartment: 'gd-health',
    claims: BirthCertificateClaims,
    claimKeys: {
      certificateNumber: 1,
      childName: 2,
      childSex: 3,
      birthDate: 4,
      birthTime: 5,
      birthPlace: 6,
      motherName: 7,
      fatherName: 8,
      issuedOn: 9,
    },
    labels: {
      certificateNumber: '出生医学证明编号',
      childName: '新生儿姓名',
      childSex: '性别',
      birthDate: '出生日期',
      birthTime: '出生时间',
      birthPlace: '出生地点',
      motherName: '母亲姓名',
      fatherName: '父亲姓名',
      issuedOn: '签发日期',
    },
    labelsEn: {
      certificateNumber: 'Certificate number',
      childName: "Newborn's name",
      childSex: 'Sex',
      birthDate: 'Date of birth',
      birthTime: 'Time of birth',
      birthPlace: 'Place of birth',
      motherName: "Mother's name",
      fatherName: "Father's name",
      issuedOn: 'Date of issue',
    },
    dateClaims: ['birthDate', 'issuedOn'],
    profiles: {
      // A child without an ID card checks in with its parents: who the child is and whose.
      hotel: ['childName', 'childSex', 'birthDate', 'motherName', 'fatherName'],
      // Child tickets go by age.
      'coach-station': ['childName', 'childSex', 'birthDate'],
      police: ['certificateNumber', 'childName', 'childSex', 'birthDate', 'motherName', 'fatherName'],
    },
    valueNames: { childSex: { male: '男', female: '女' } },
    valueNamesEn: { childSex: { male: 'Male', female: 'Female' } },
  }),
  'marriage-certificate': defineCredentialType({
    code: 12,
    vct: 'urn:yss:credential:marriage-certificate:1',
    name: '结婚证',
    nameEn: 'Marriage Certificate',
    serviceId: 'zz-jiehunzheng',
    issuerDepartment: 'gd-civil-affairs',
    claims: MarriageCertificateClaims,
    claimKeys: { name: 1, spouseName: 2, certificateNumber: 3, registeredOn: 4, registry: 5 },
    labels: {
      name: '持证人',
      spouseName: '配偶姓名',
      certificateNumber: '结婚证字号',
      registeredOn: '登记日期',
      registry: '登记机关',
    },
    labelsEn: {
      name: 'Holder',
      spouseName: "Spouse's name",
      certificateNumber: 'Marriage certificate number',
      registeredOn: 'Date of registration',
      registry: 'Registry office',
    },
    dateClaims: ['registeredOn'],
    // 婚假: the employer checks the registration.
    profiles: { employer: ['name', 'spouseName', 'certificateNumber', 'registeredOn', 'registry'] },
  }),
  'divorce-certificate': defineCredentialType({
    code: 13,
    vct: 'urn:yss:credential:divorce-certificate:1',
    name: '离婚证',
    nameEn: 'Divorce Certificate',
    serviceId: 'zz-lihunzheng',
    issuerDepartment: 'gd-civil-affairs',
    claims: DivorceCertificateClaims,
    claimKeys: { name: 1, spouseName: 2, certificateNumber: 3, registeredOn: 4, registry: 5 },
    labels: {
      name: '持证人',
      spouseName: '原配偶姓名',
      certificateNumber: '离婚证字号',
      registeredOn: '登记日期',
      registry: '登记机关',
    },
    labelsEn: {
      name: 'Holder',
      spouseName: "Former spouse's name",
      certificateNumber: 'Divorce certificate number',
      registeredOn: 'Date of registration',
      registry: 'Registry office',
    },
    dateClaims: ['registeredOn'],
    // None of the four verifiers has a reason to see a divorce: linked and viewed in the wallet only.
    profiles: {},
  }),
  'graduate-report-card': defineCredentialType({
    code: 14,
    vct: 'urn:yss:credential:graduate-report-card:1',
    name: '高校毕业生就业报到证',
    nameEn: 'Employment Registration Certificate for College Graduates',
    serviceId: 'zz-jiuye-baodaozheng',
    issuerDepartment: 'gd-education',
    claims: GraduateReportCardClaims,
    claimKeys: {
      name: 1,
      certificateNumber: 2,
      graduationYear: 3,
      institution: 4,
      authority: 5,
      major: 6,
      level: 7,
    },
    labels: {
      name: '姓名',
      certificateNumber: '报到证编号',
      graduationYear: '毕业年份',
      institution: '毕业学校',
      authority: '主管单位',
      major: '所学专业',
      level: '学历',
    },
    labelsEn: {
      name: 'Name',
      certificateNumber: 'Certificate number',
      graduationYear: 'Year of graduation',
      institution: 'University or college',
      authority: 'Competent authority',
      major: 'Major',
      level: 'Level of education',
    },
    dateClaims: [],
    // The guide: 出示证照 → 报到证二维码扫码核验 (入职). 主管单位 stays in the details: with it the QR would
    // pass version 20.
    profiles: { employer: ['name', 'certificateNumber', 'graduationYear', 'institution', 'major', 'level'] },
    valueNames: { level: { vocational: '专科', undergraduate: '本科', master: '硕士研究生', doctor: '博士研究生' } },
    valueNamesEn: {
      level: {
        vocational: 'Junior college (associate)',
        undergraduate: "Bachelor's degree",
        master: "Master's postgraduate",
        doctor: 'Doctoral postgraduate',
      },
    },
  }),
  'real-estate-proof': defineCredentialType({
    code: 15,
    vct: 'urn:yss:credential:real-estate-proof:1',
    name: '不动产登记证明',
    nameEn: 'Real Estate Registration Certificate of Proof',
    serviceId: 'zz-budongchan-dengji-zhengming',
    issuerDepartment: 'gd-natural-resources',
    claims: RealEstateProofClaims,
    claimKeys: { name: 1, proofNumber: 2, proofKind: 3, location: 4, obligor: 5, registeredOn: 6 },
    labels: {
      name: '权利人',
      proofNumber: '不动产登记证明号',
      proofKind: '证明权利或事项',
      location: '坐落',
      obligor: '义务人',
      registeredOn: '登记时间',
    },
    labelsEn: {
      name: 'Right holder',
      proofNumber: 'Registration proof number',
      proofKind: 'Right or matter proved',
      location: 'Location',
      obligor: 'Obligor',
      registeredOn: 'Date of registration',
    },
    dateClaims: ['registeredOn'],
    // Banks and registries read it, not a hotel, the police, an employer or a coach station: viewed only.
    profiles: {},
    valueNames: { proofKind: { 'pre-sale': '预告登记' } },
    valueNamesEn: { proofKind: { 'pre-sale': 'Advance notice registration' } },
  }),
  'real-estate-title': defineCredentialType({
    code: 16,
    vct: 'urn:yss:credential:real-estate-title:1',
    name: '不动产权证书',
    nameEn: 'Real Estate Title Certificate',
    serviceId: 'zz-budongchan-quanzhengshu',
    issuerDepartment: 'gd-natural-resources',
    claims: RealEstateTitleClaims,
    claimKeys: {
      name: 1,
      certificateNumber: 2,
      unitNumber: 3,
      location: 4,
      use: 5,
      floorArea: 6,
      shareKind: 7,
      rightStatus: 8,
      registeredOn: 9,
      landUseUntil: 10,
    },
    labels: {
      name: '权利人',
      certificateNumber: '不动产权证号',
      unitNumber: '不动产单元号',
      location: '坐落',
      use: '用途',
      floorArea: '建筑面积（㎡）',
      shareKind: '共有情况',
      rightStatus: '权利状态',
      registeredOn: '登记时间',
      landUseUntil: '土地使用期限至',
    },
    labelsEn: {
      name: 'Right holder',
      certificateNumber: 'Title certificate number',
      unitNumber: 'Real estate unit number',
      location: 'Location',
      use: 'Use',
      floorArea: 'Floor area (m²)',
      shareKind: 'Co-ownership',
      rightStatus: 'Status of the right',
      registeredOn: 'Date of registration',
      landUseUntil: 'Land use term ends',
    },
    dateClaims: ['registeredOn', 'landUseUntil'],
    profiles: {},
    // The register's own enum values are Chinese words (shown as they are in Chinese): English for them only.
    valueNamesEn: {
      use: { 住宅: 'Residential', 车位: 'Parking space', 商业: 'Commercial' },
      shareKind: { 单独所有: 'Sole ownership', 共同共有: 'Joint ownership', 按份共有: 'Ownership in shares' },
      rightStatus: { 现势: 'Current', 抵押: 'Mortgaged' },
    },
  }),
  'volunteer-card': defineCredentialType({
    code: 17,
    vct: 'urn:yss:credential:volunteer-card:1',
    name: '注册志愿者证',
    nameEn: 'Registered Volunteer Certificate',
    serviceId: 'zz-zhuce-zhiyuanzhe-zheng',
    issuerDepartment: 'gd-volunteers',
    claims: VolunteerCardClaims,
    claimKeys: {
      name: 1,
      volunteerNumber: 2,
      starLevel: 3,
      serviceHours: 4,
      hoursAsOf: 5,
      registeredOn: 6,
      organisation: 7,
      city: 8,
    },
    labels: {
      name: '姓名',
      volunteerNumber: '志愿者编号',
      starLevel: '星级',
      serviceHours: '累计志愿服务时长（小时）',
      hoursAsOf: '时长统计截至',
      registeredOn: '注册日期',
      organisation: '注册组织',
      city: '注册地',
    },
    labelsEn: {
      name: 'Name',
      volunteerNumber: 'Volunteer number',
      starLevel: 'Star rating',
      serviceHours: 'Total volunteer service (hours)',
      hoursAsOf: 'Hours counted up to',
      registeredOn: 'Date of registration',
      organisation: 'Registering organisation',
      city: 'City of registration',
    },
    dateClaims: ['hoursAsOf', 'registeredOn'],
    // 入职 (and the recruitment of civil servants and students, where service counts): who the volunteer is,
    // the number to look the record up, and the service — not where or with whom they registered. Hotels,
    // the police and coach stations have no reason to see it.
    profiles: { employer: ['name', 'volunteerNumber', 'starLevel', 'serviceHours', 'hoursAsOf'] },
    valueNames: {
      starLevel: {
        '0': '未评星级',
        '1': '一星级志愿者',
        '2': '二星级志愿者',
        '3': '三星级志愿者',
        '4': '四星级志愿者',
        '5': '五星级志愿者',
      },
    },
    valueNamesEn: {
      starLevel: {
        '0': 'Not yet rated',
        '1': 'One-star volunteer',
        '2': 'Two-star volunteer',
        '3': 'Three-star volunteer',
        '4': 'Four-star volunteer',
        '5': 'Five-star volunteer',
      },
    },
  }),
} as const;
export type CredentialType = keyof typeof CREDENTIAL_TYPES;
export const CredentialTypeSchema = z.enum(Object.keys(CREDENTIAL_TYPES) as [CredentialType, ...CredentialType[]]);

/** The type spec of a type, widened (for code that handles every type alike). */
export function credentialTypeSpec(type: CredentialType): CredentialTypeSpec {
  return CREDENTIAL_TYPES[type] as unknown as CredentialTypeSpec;
}

/** The languages the wallet's names come in: Chinese (the default, and the server's) and English. */
export type WalletLang = 'zh' | 'en';

/** How a claim without an end date (null: 长期) is shown. */
export const LONG_TERM: Record<WalletLang, string> = { zh: '长期', en: 'Long-term' };

/** The label of a claim of a type, in Chinese or English (the claim's own key when the type has no such claim). */
export function claimLabel(type: CredentialType, claim: string, lang: WalletLang = 'zh'): string {
  const spec = credentialTypeSpec(type);
  const labels = (lang === 'en' ? spec.labelsEn : spec.labels) as Record<string, string>;
  return labels[claim] ?? claim;
}

/**
 * A claim's value as shown: null as 长期, enum values by their names (English names in English; the Chinese
 * name rather than a code where an English one were missing), anything else as it is (dates, numbers, the
 * department's own text).
 */
export function displayClaimValue(
  type: CredentialType,
  claim: string,
  value: unknown,
  lang: WalletLang = 'zh',
): string {
  if (value === null) return LONG_TERM[lang];
  const spec = credentialTypeSpec(type);
  if (typeof value !== 'string') return String(value);
  const en = lang === 'en' ? (spec.valueNamesEn?.[claim] as Record<string, string> | undefined)?.[value] : undefined;
  return en ?? (spec.valueNames?.[claim] as Record<string, string> | undefined)?.[value] ?? value;
}

/** The type whose integer code this is, if any. */
export function credentialTypeByCode(code: unknown): CredentialType | undefined {
  return (Object.keys(CREDENTIAL_TYPES) as CredentialType[]).find((t) => CREDENTIAL_TYPES[t].code === code);
}

/** Prefix of the compact QR presentation (base45 follows). Our own: not the EU's "HC1:". */
export const WALLET_QR_PREFIX = 'YSS1:';

export const VERDICTS = ['valid', 'invalid', 'revoked', 'suspended', 'expired'] as const;
export type VerdictKind = (typeof VERDICTS)[number];

export const VerifyRequest = z
  .object({
    /** The scanned QR text (YSS1:…) or an SD-JWT VC presentation with key binding (…~kb-jwt). */
    payload: z.string().max(8192, '内容过长'),
    /** The verifier's own fresh nonce (two-way flow, base64url, 8–32 bytes); required for SD-JWT VC. */
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9_-]{11,43}$/, '随机数格式有误')
      .optional(),
    /** The verifier's purpose: a presentation made for another purpose is refused. */
    purpose: WalletPurposeSchema.optional(),
    /** The SD-JWT VC key-binding audience the verifier expects. */
    audience: z.string().max(200).optional(),
    /** City (GB/T 2260) of the verifier: a type the city does not offer is refused. */
    city: z.enum(CITY_CODES, { error: '城市代码有误' }).optional(),
  })
  .strict();
export type VerifyRequest = z.infer<typeof VerifyRequest>;

export const DisclosedClaim = z.object({
  claim: z.string(),
  label: z.string(),
  value: z.union([z.string(), z.null()]),
  /** The value as shown (dates as they are, enums in Chinese, null as 长期). */
  display: z.string(),
});
export type DisclosedClaim = z.infer<typeof DisclosedClaim>;

export const Verdict = z
  .object({
    verdict: z.enum(VERDICTS),
    /** Why, in Chinese (also for 'valid'). */
    reason: z.string(),
    /** A stable code for programs: ok, malformed, unknown-issuer, bad-signature, expired, … */
    reasonCode: z.string(),
    /**
     * Known only once the issuer's signature is checked. `nameEn`: the catalog department's English name; absent
     * from a device's offline verdict made with an issuer directory cached before it carried one.
     */
    issuer: z.object({ id: z.string(), name: z.string(), nameEn: z.string().optional() }).nullable(),
    credentialType: z.object({ id: z.string(), name: z.string() }).nullable(),
    purpose: z.object({ id: z.string(), name: z.string() }).nullable(),
    format: z.enum(['qr', 'sd-jwt-vc']).nullable(),
    /** Only for valid, revoked and suspended verdicts; empty otherwise. */
    disclosed: z.array(DisclosedClaim),
    /** Validity of the credential (ISO), when known. */
    expiresAt: z.string().nullable(),
    checkedAt: z.string(),
  })
  .meta({ id: 'WalletVerdict', description: '证照核验结果' });
export type Verdict = z.infer<typeof Verdict>;
