import {
  type BirthCertificateClaims,
  type CityCode,
  type CredentialType,
  credentialTypeSpec,
  type DisabilityCertificateClaims,
  type DivorceCertificateClaims,
  type DrivingLicenceClaims,
  findCity,
  type GraduateReportCardClaims,
  type HousingFundClaims,
  type MarriageCertificateClaims,
  type RealEstateProofClaims,
  type RealEstateTitleClaims,
  type ResidencePermitClaims,
  type ResidentIdClaims,
  type SocialSecurityCardClaims,
  type TravelDocumentClaims,
  type VehicleLicenceClaims,
  type VolunteerCardClaims,
} from '@yss/contracts';
import {
  ELECTRONIC_FROM_DEFAULT,
  ELECTRONIC_FROM_LATE,
  ELECTRONIC_LATE_CITIES,
} from '../../departments/health/codes.js';
import { NOT_CONNECTED_MESSAGE } from '../../departments/housing-fund/contract.js';
import type { Departments } from '../../departments/registry.js';
import { HK_MACAU_NOTICE, maskCardNumber } from '../../departments/social-insurance/contract.js';
import { AppError } from '../../http/app-error.js';

/**
 * Where each credential type's claims come from: a read of the issuing department's system, mapped to the
 * type's claim schema, with the guide's link rules (关联证照的常见疑问) enforced in its words. Adding a type =
 * a schema in @yss/contracts (wallet.ts) + a source here.
 *
 * A source lists the person's documents of the type (a person can hold two vehicles, several titles, a
 * passport and an expired one …), each with the number printed on it and, when it cannot be linked, why.
 * `issue` takes an optional `documentNumber` to choose one; without it the first linkable document is taken
 * (the department's order: newest first), and when none is linkable the first one's refusal is the answer.
 */

export interface SourcedClaims {
  claims: Record<string, unknown>;
  /** The document's own end of validity (YYYY-MM-DD), when it has one: the credential never outlives it. */
  documentValidUntil: string | null;
  /** Set the certificate's status entries to this at issuance (a licence the department holds suspended). */
  initialStatus: 'valid' | 'suspended';
}

export interface SourceContext {
  departments: Departments;
  /** Today in China (YYYY-MM-DD) and the credential's last day, for credentials without their own dates. */
  today: string;
  credentialUntil: string;
  /**
   * The city the citizen has chosen (the guide: switch the city to where the 社保卡/公积金 is), for the
   * types whose department answers per city; undefined when issued without one.
   */
  city?: CityCode;
  /** Which of the person's documents of the type (its number: plate, 证件号码, 证号 …); default: the first linkable. */
  documentNumber?: string;
}

/** One document of a type the department holds for the person. */
export interface SourceDocument {
  /** The number printed on it (the plate for a 行驶证): what `documentNumber` selects. */
  documentNumber: string;
  /** What the citizen chooses from, with personal numbers masked (粤A8K2M6 小型轿车, 护照 E8****564 …). */
  label: string;
  /** Why it cannot be linked, in the guide's words; null when it can. */
  refusal: AppError | null;
  /**
   * What the department's record says of the document now, for the status synchroniser (modules/wallet-sync):
   * absent = in force. Only the record's own state counts here — a coverage or city rule of linking (一代社保卡,
   * 省外签发, 切换城市) is no change of the document and leaves it in force.
   */
  standing?: DocumentStanding;
  sourced: () => SourcedClaims;
}

/**
 * The state of a document in its department's record: in force; suspended for now (暂扣, 挂失, 待签注 — it can
 * come back); or ended for good (吊销, 注销, 作废, 过期, 婚姻关系解除). `reason` is the citizen's words for why,
 * shown in the inbox message (您的电子驾驶证已被签发机构暂停使用（驾驶证被暂扣）).
 */
export type DocumentStanding =
  | { state: 'in-force' }
  | { state: 'suspended'; reason: string }
  | { state: 'ended'; reason: string };

const ended = (reason: string): DocumentStanding => ({ state: 'ended', reason });
const suspendedFor = (reason: string): DocumentStanding => ({ state: 'suspended', reason });

type DocumentSource = (idNumber: string, ctx: SourceContext) => Promise<SourceDocument[]>;

/** Masks the middle of a number (E8****564): labels never carry a full personal number. */
export const maskNumber = (n: string) =>
  n.length <= 6 ? n : `${n.slice(0, 2)}${'*'.repeat(Math.max(4, n.length - 5))}${n.slice(-3)}`;

const cityName = (code: string | null | undefined) => (code ? (findCity(code)?.name ?? code) : '');

const valid = (claims: object, documentValidUntil: string | null = null): SourcedClaims => ({
  claims: claims as Record<string, unknown>,
  documentValidUntil,
  initialStatus: 'valid',
});

/** The holder's name from the population register, for records that do not carry it (账户, 卡, 居住证 …). */
async function registeredName(departments: Departments, idNumber: string, noRecord: string): Promise<string> {
  const { person } = await departments.populationRegister.client.getPerson({ idNumber });
  if (person?.status !== 'normal') throw new AppError('WALLET_NO_RECORD', noRecord);
  return person.name;
}

// ---------------------------------------------------------------------------------------------------------
// 公安: 居民身份电子凭证, 居住证
// ---------------------------------------------------------------------------------------------------------

const residentId: DocumentSource = async (idNumber, { departments, today, credentialUntil }) => {
  const { person } = await departments.populationRegister.client.getPerson({ idNumber });
  if (person?.status !== 'normal') return [];
  const claims: ResidentIdClaims = {
    name: person.name,
    sex: person.sex,
    birthDate: person.birthDate,
    idNumber: person.idNumber,
    idNumberLast4: person.idNumber.slice(-4),
    address: person.address,
    // The sandbox register holds no portraits: no photo reference until it does.
    validFrom: today,
    validUntil: credentialUntil,
  };
  return [
    {
      documentNumber: person.idNumber,
      label: `居民身份电子凭证 ${maskNumber(person.idNumber)}`,
      refusal: null,
      sourced: () => valid(claims),
    },
  ];
};

const residencePermit: DocumentSource = async (idNumber, { departments, today }) => {
  const { permits } = await departments.populationRegister.client.residenceRecords({ idNumber });
  if (permits.length === 0) return [];
  const name = await registeredName(departments, idNumber, NO_RECORD['residence-permit']);
  return permits.map((p) => {
    const endsOn = [p.validUntil, p.endorsedUntil].filter((d): d is string => d !== null).sort()[0] ?? null;
    let refusal: AppError | null = null;
    let standing: DocumentStanding | undefined;
    if (p.status === 'processing' || !p.issuedOn || !p.validUntil) {
      refusal = new AppError('WALLET_DOCUMENT_INVALID', '您的居住证正在办理中，发证后方可关联居住证电子证照。');
    } else if (p.status === 'expired' || p.validUntil < today) {
      refusal = new AppError('WALLET_DOCUMENT_INVALID', '您的居住证已过期，无法关联居住证电子证照，请重新申领居住证。');
      standing = ended('居住证已过有效期');
    } else if (p.status === 'endorsement-due' || (p.endorsedUntil !== null && p.endorsedUntil < today)) {
      refusal = new AppError('WALLET_DOCUMENT_INVALID', '您的居住证待签注，请先办理签注居住证后再关联。');
      // Signing the endorsement (签注) brings it back.
      standing = suspendedFor('居住证待签注');
    }
    return {
      documentNumber: p.permitId,
      label: `${p.kindName}（${cityName(p.cityCode)}）有效期至${p.validUntil ?? '—'}`,
      refusal,
      standing,
      sourced: () => {
        const claims: ResidencePermitClaims = {
          name,
          permitKind: p.kind,
          cardNumber: p.cardNumber,
          address: p.address,
          issuedBy: p.issuedBy,
          issuedOn: p.issuedOn as string,
          validUntil: p.validUntil as string,
          ...(p.endorsedUntil ? { endorsedUntil: p.endorsedUntil } : {}),
        };
        return valid(claims, endsOn);
      },
    };
  });
};

// ---------------------------------------------------------------------------------------------------------
// 交管: 驾驶证, 行驶证
// ---------------------------------------------------------------------------------------------------------

const drivingLicence: DocumentSource = async (idNumber, { departments, today }) => {
  const { licence } = await departments.traffic.client.drivingLicence({ idNumber });
  if (!licence) return [];
  let refusal: AppError | null = null;
  let standing: DocumentStanding | undefined;
  if (licence.status === 'revoked') {
    refusal = new AppError('WALLET_DOCUMENT_INVALID', '您的驾驶证已被吊销，无法关联电子驾驶证。');
    standing = ended('驾驶证已被吊销');
  } else if (licence.validUntil !== null && licence.validUntil < today) {
    refusal = new AppError('WALLET_DOCUMENT_INVALID', '您的驾驶证已超过有效期，请先办理驾驶证换证后再关联。');
    standing = ended('驾驶证已超过有效期');
  } else if (licence.status === 'suspended') {
    // A suspended licence can be linked (it is issued suspended) and comes back when the 暂扣 ends.
    standing = suspendedFor('驾驶证被暂扣');
  }
  return [
    {
      documentNumber: licence.licenceNumber,
      label: `驾驶证 ${licence.licenceClass} ${maskNumber(licence.licenceNumber)}`,
      refusal,
      standing,
      sourced: () => {
        const claims: DrivingLicenceClaims = {
          name: licence.name,
          licenceNumber: licence.licenceNumber,
          licenceClass: licence.licenceClass,
          licenceStatus: licence.status as DrivingLicenceClaims['licenceStatus'],
          firstIssuedOn: licence.firstIssuedOn,
          validFrom: licence.validFrom,
          validUntil: licence.validUntil,
          issuedBy: licence.issuedBy,
          archiveNumber: licence.archiveNumber,
        };
        return {
          claims,
          documentValidUntil: licence.validUntil,
          initialStatus: licence.status === 'suspended' ? 'suspended' : 'valid',
        };
      },
    },
  ];
};

/** 行驶证: one per vehicle registered to the person; the plate chooses. */
const vehicleLicence: DocumentSource = async (idNumber, { departments }) => {
  const { vehicles } = await departments.traffic.client.vehicles({ idNumber });
  return vehicles.map((v) => ({
    documentNumber: v.plate,
    label: `${v.plate} ${v.vehicleTypeName} ${v.brandModel}`,
    // 逾期未检验 or 抵押 vehicles keep their 行驶证: the status is a claim the police see.
    refusal: null,
    sourced: () => {
      const claims: VehicleLicenceClaims = {
        ownerName: v.ownerName,
        plate: v.plate,
        plateType: v.plateType,
        vehicleType: v.vehicleTypeName,
        brandModel: v.brandModel,
        vin: v.vin,
        address: v.address,
        registeredOn: v.registeredOn,
        inspectionValidUntil: v.inspectionValidUntil,
        vehicleStatus: v.status,
      };
      return valid(claims);
    },
  }));
};

// ---------------------------------------------------------------------------------------------------------
// 出入境: 护照, 港澳通行证, 台湾通行证
// ---------------------------------------------------------------------------------------------------------

const travelDocument =
  (kind: 'passport' | 'hk-macao-permit' | 'taiwan-permit', name: string): DocumentSource =>
  async (idNumber, { departments, today }) => {
    const { documents } = await departments.exitEntry.client.documents({ idNumber });
    return documents
      .filter((d) => d.kind === kind)
      .map((d) => {
        let refusal: AppError | null = null;
        let standing: DocumentStanding | undefined;
        // The guide: 目前支持关联广东省内签发的…护照、港澳通行证、台湾通行证.
        if (!d.issuedInGuangdong) {
          refusal = new AppError(
            'WALLET_NOT_COVERED',
            `目前支持关联广东省内签发的${name}，您的${name}签发地为${d.issuePlace}，暂无法关联。`,
          );
        } else if (d.status === 'cancelled') {
          refusal = new AppError('WALLET_DOCUMENT_INVALID', `您的${name}已作废，无法关联${name}电子证照。`);
          // 作废: 挂失 (a loss report), 注销, or replaced by a new document.
          standing = ended(`${name}已作废`);
        } else if (d.status === 'expired' || d.validUntil < today) {
          refusal = new AppError(
            'WALLET_DOCUMENT_INVALID',
            `您的${name}已过期，无法关联${name}电子证照，请先预约办理换发后再关联。`,
          );
          standing = ended(`${name}已过有效期`);
        }
        return {
          documentNumber: d.number,
          label: `${name} ${maskNumber(d.number)} 有效期至${d.validUntil}`,
          refusal,
          standing,
          sourced: () => {
            const claims: TravelDocumentClaims = {
              name: d.name,
              documentNumber: d.number,
              issuedOn: d.issuedOn,
              validUntil: d.validUntil,
              issuedBy: d.issuedBy,
              issuePlace: d.issuePlace,
            };
            return valid(claims, d.validUntil);
          },
        };
      });
  };

// ---------------------------------------------------------------------------------------------------------
// 公积金, 社保卡
// ---------------------------------------------------------------------------------------------------------

/** The guide (无法关联公积金？): switch the city to where the fund is paid. */
export const HOUSING_FUND_SWITCH_ADVICE =
  '如无法关联，请尝试在登录“粤省事”首页时尝试把左上角的地市切换为您所缴纳公积金的城市，并再次尝试关联。';
/** The guide (无法关联社保卡？). */
export const CARD_GENERATION_ADVICE =
  '目前支持广东省内签发的二代实体社保卡关联，如无法关联请确认是否为二代社保卡〔您可先查看您的社保卡右上角上是否有银联标识，具有银联标识的为二代社保卡。〕';
export const CARD_SWITCH_ADVICE =
  '如确认为二代社保卡，请尝试在登录“粤省事”首页时尝试把左上角的地市切换为您所缴纳社保的城市，并再次尝试关联。';

/**
 * 公积金: the account at the chosen city's centre (the guide: not 东莞/惠州/揭阳; switch the city to where the
 * fund is paid). Without a city: the account being paid into (正常), if any.
 */
const housingFund: DocumentSource = async (idNumber, { departments, city }) => {
  const hf = departments.housingFund.client;
  const { accounts } = await hf.accounts({ idNumber });
  let cityCode: CityCode | undefined = city;
  if (!cityCode) {
    cityCode = (accounts.find((a) => a.status === 'normal') ?? accounts[0])?.cityCode;
    if (!cityCode) return [];
  }
  const answer = await hf.account({ idNumber, cityCode });
  if (!answer.connected) {
    throw new AppError('SERVICE_NOT_IN_CITY', `${NOT_CONNECTED_MESSAGE}，当前城市为${cityName(cityCode)}。`);
  }
  const account = answer.account;
  if (!account) {
    if (accounts.length === 0) return [];
    const where = [...new Set(accounts.map((a) => cityName(a.cityCode)))].join('、');
    throw new AppError(
      'WALLET_SWITCH_CITY',
      `未查询到您在${cityName(cityCode)}的公积金账户（您的公积金账户在${where}）。${HOUSING_FUND_SWITCH_ADVICE}`,
    );
  }
  const name = await registeredName(departments, idNumber, NO_RECORD['housing-fund']);
  return [
    {
      documentNumber: account.accountNumber,
      label: `${account.centreName} ${maskNumber(account.accountNumber)}`,
      refusal: null,
      sourced: () => {
        const claims: HousingFundClaims = {
          name,
          accountNumber: account.accountNumber,
          centreName: account.centreName,
          accountStatus: account.status,
          unitName: account.unit.name,
          openedOn: account.openedOn,
          lastDepositMonth: account.lastDepositMonth,
        };
        return valid(claims);
      },
    },
  ];
};

/** 社保卡: only second-generation cards; the city must be where contributions are paid (the guide, A4). */
const socialSecurityCard: DocumentSource = async (idNumber, { departments, city }) => {
  const si = departments.socialInsurance.client;
  const [{ person }, { card }] = await Promise.all([si.insuredPerson({ idNumber }), si.card({ idNumber })]);
  if (person?.hkMacauResident) throw new AppError('SOCIAL_INSURANCE_HK_MACAU', HK_MACAU_NOTICE);
  if (!card) return [];
  let refusal: AppError | null = null;
  let standing: DocumentStanding | undefined;
  if (card.generation !== 2) {
    refusal = new AppError(
      'WALLET_DOCUMENT_INVALID',
      `您的社保卡为一代社保卡，暂不支持关联。${CARD_GENERATION_ADVICE}`,
    );
  } else if (card.status !== 'normal') {
    const what = card.status === 'lost' ? '已挂失' : '已注销';
    refusal = new AppError('WALLET_DOCUMENT_INVALID', `您的社保卡${what}，无法关联社保卡电子证照。`);
    // 挂失 can be lifted (解挂); 注销 cannot.
    standing = card.status === 'lost' ? suspendedFor('社保卡已挂失') : ended('社保卡已注销');
  } else if (city && person && person.insuredCityCode !== city) {
    refusal = new AppError(
      'WALLET_SWITCH_CITY',
      `您的社保参保地为${cityName(person.insuredCityCode)}，当前城市为${cityName(city)}。${CARD_SWITCH_ADVICE}`,
    );
  }
  const name = person?.name ?? (await registeredName(departments, idNumber, NO_RECORD['social-security-card']));
  return [
    {
      documentNumber: card.cardNumber,
      label: `社保卡 ${maskCardNumber(card.cardNumber)}（${cityName(card.issuingCityCode)}）`,
      refusal,
      standing,
      sourced: () => {
        const claims: SocialSecurityCardClaims = {
          name,
          cardNumber: card.cardNumber,
          issuingCity: cityName(card.issuingCityCode),
          ...(card.bankName ? { bankName: card.bankName } : {}),
          issuedOn: card.issuedOn,
        };
        return valid(claims);
      },
    },
  ];
};

// ---------------------------------------------------------------------------------------------------------
// 残联, 卫健, 民政, 教育, 不动产, 志愿者
// ---------------------------------------------------------------------------------------------------------

const disabilityCertificate: DocumentSource = async (idNumber, { departments, today }) => {
  const { certificate: c } = await departments.disabledPersons.client.certificate({ idNumber });
  if (!c) return [];
  let refusal: AppError | null = null;
  let standing: DocumentStanding | undefined;
  if (c.status === 'cancelled') {
    refusal = new AppError('WALLET_DOCUMENT_INVALID', '您的残疾人证已注销，无法关联残疾人证电子证照。');
    standing = ended('残疾人证已注销');
  } else if (c.status === 'expired' || c.validUntil < today) {
    refusal = new AppError(
      'WALLET_DOCUMENT_INVALID',
      '您的残疾人证已过期，请先通过“助残”服务办理残疾人证换领后再关联。',
    );
    standing = ended('残疾人证已过有效期');
  }
  return [
    {
      documentNumber: c.certificateNumber,
      label: `残疾人证 ${c.categoryName}${c.gradeName}`,
      refusal,
      standing,
      sourced: () => {
        const claims: DisabilityCertificateClaims = {
          name: c.name,
          certificateNumber: c.certificateNumber,
          category: c.categoryName,
          grade: c.gradeName,
          firstIssuedOn: c.firstIssuedOn,
          issuedOn: c.issuedOn,
          validUntil: c.validUntil,
          issuedBy: c.issuedBy,
        };
        return valid(claims, c.validUntil);
      },
    },
  ];
};

/** The guide (出生证电子证照关联是支持到何时的出生日期呢？), word for word. */
export const BIRTH_COVERAGE =
  '2014年1月1日至今支持全省〔除广州、深圳、佛山、珠海〕；2018年5月1日至今〔广州、深圳、佛山、珠海〕';

/** The first birth date whose e-licence can be linked, by the city of birth (the guide's rule). */
export const birthCoveredFrom = (cityCode: string) =>
  ELECTRONIC_LATE_CITIES.includes(cityCode) ? ELECTRONIC_FROM_LATE : ELECTRONIC_FROM_DEFAULT;

/** 出生医学证明: the child, the mother or the father links it; the guide's date rule by city of birth. */
const birthCertificate: DocumentSource = async (idNumber, { departments }) => {
  const { certificates } = await departments.health.client.birthCertificates({ idNumber });
  return certificates.map((c) => {
    const from = birthCoveredFrom(c.cityCode);
    const refusal =
      c.birthDate < from || !c.electronicLicence.available
        ? new AppError(
            'WALLET_NOT_COVERED',
            `${c.childName}的出生日期为${c.birthDate}（出生地${cityName(c.cityCode)}），暂无出生医学证明电子证照。出生证电子证照关联支持的出生日期：${BIRTH_COVERAGE}。`,
          )
        : null;
    return {
      documentNumber: c.certificateNumber,
      label: `出生医学证明 ${c.childName} ${c.birthDate}`,
      refusal,
      sourced: () => {
        const claims: BirthCertificateClaims = {
          certificateNumber: c.certificateNumber,
          childName: c.childName,
          childSex: c.childSex,
          birthDate: c.birthDate,
          birthTime: c.birthTime,
          birthPlace: c.hospital,
          motherName: c.motherName,
          ...(c.fatherName ? { fatherName: c.fatherName } : {}),
          issuedOn: c.issuedOn,
        };
        return valid(claims);
      },
    };
  });
};

const marriageRecords =
  (kind: 'marriage' | 'divorce'): DocumentSource =>
  async (idNumber, { departments }) => {
    const { records } = await departments.civilAffairs.client.marriageRecords({ idNumber });
    const own = records.filter((r) => r.kind === kind);
    if (own.length === 0) return [];
    const name = await registeredName(
      departments,
      idNumber,
      NO_RECORD[kind === 'marriage' ? 'marriage-certificate' : 'divorce-certificate'],
    );
    return own.map((r) => ({
      documentNumber: r.certificateNumber,
      label: `${r.certificateName} ${r.certificateNumber}`,
      // A 结婚证 whose marriage was dissolved is no longer in force (the 离婚证 is).
      refusal:
        r.status === 'dissolved'
          ? new AppError(
              'WALLET_DOCUMENT_INVALID',
              `该结婚证（${r.certificateNumber}）登记的婚姻关系已解除，无法关联电子结婚证。`,
            )
          : null,
      standing: r.status === 'dissolved' ? ended('婚姻登记状态变更') : undefined,
      sourced: () => {
        const claims: MarriageCertificateClaims | DivorceCertificateClaims = {
          name,
          spouseName: r.spouseName,
          certificateNumber: r.certificateNumber,
          registeredOn: r.registeredOn,
          registry: r.registry,
        };
        return valid(claims);
      },
    }));
  };

/** The guide: 目前系统已支持查询2006-2016年届毕业的广东省内本专科、研究生毕业生报到证信息。 */
export const REPORT_CARD_COVERAGE = '目前系统已支持查询2006-2016年届毕业的广东省内本专科、研究生毕业生报到证信息。';
export const REPORT_CARD_YEARS = { from: 2006, to: 2016 } as const;

const graduateReportCard: DocumentSource = async (idNumber, { departments }) => {
  const { certificate: c } = await departments.education.client.employmentCertificate({ idNumber });
  if (!c) return [];
  const covered = c.graduationYear >= REPORT_CARD_YEARS.from && c.graduationYear <= REPORT_CARD_YEARS.to;
  return [
    {
      documentNumber: c.certificateNumber,
      label: `报到证 ${c.graduationYear}届 ${c.institution}`,
      refusal: covered
        ? null
        : new AppError('WALLET_NOT_COVERED', `您为${c.graduationYear}届毕业生。${REPORT_CARD_COVERAGE}`),
      sourced: () => {
        const claims: GraduateReportCardClaims = {
          name: c.name,
          certificateNumber: c.certificateNumber,
          graduationYear: String(c.graduationYear),
          institution: c.institution,
          authority: c.authority,
          major: c.major,
          level: c.level,
        };
        return valid(claims);
      },
    },
  ];
};

const realEstateProof: DocumentSource = async (idNumber, { departments }) => {
  const { proofs } = await departments.realEstate.client.proofsOf({ idNumber });
  if (proofs.length === 0) return [];
  const name = await registeredName(departments, idNumber, NO_RECORD['real-estate-proof']);
  return proofs.map((p) => ({
    documentNumber: p.proofNumber,
    label: `${p.kindName} ${p.proofNumber}`,
    refusal:
      p.status === '注销'
        ? new AppError('WALLET_DOCUMENT_INVALID', `该不动产登记证明（${p.proofNumber}）已注销，无法关联。`)
        : null,
    standing: p.status === '注销' ? ended('不动产登记证明已注销') : undefined,
    sourced: () => {
      const claims: RealEstateProofClaims = {
        name,
        proofNumber: p.proofNumber,
        proofKind: p.kind,
        location: p.location,
        obligor: p.obligor,
        registeredOn: p.registeredOn,
      };
      return valid(claims);
    },
  }));
};

/** 不动产权证书: one per title; an older 房地产权证 (before unified registration) is no 不动产权证书. */
const realEstateTitle: DocumentSource = async (idNumber, { departments }) => {
  const { properties } = await departments.realEstate.client.propertiesOf({ idNumber });
  if (properties.length === 0) return [];
  const name = await registeredName(departments, idNumber, NO_RECORD['real-estate-title']);
  return properties.map((p) => ({
    documentNumber: p.certificateNumber,
    label: `${p.certificateNumber} ${p.location}`,
    refusal:
      p.certificateKind !== '不动产权证书'
        ? new AppError(
            'WALLET_NOT_COVERED',
            `您名下的${p.certificateNumber}为不动产统一登记前颁发的${p.certificateKind}，暂无不动产权证书电子证照。`,
          )
        : null,
    sourced: () => {
      const claims: RealEstateTitleClaims = {
        name,
        certificateNumber: p.certificateNumber,
        unitNumber: p.unitNumber,
        location: p.location,
        use: p.use,
        floorArea: p.floorArea.toFixed(2),
        shareKind: p.shareKind,
        rightStatus: p.status,
        registeredOn: p.registeredOn,
        landUseUntil: p.landUseUntil,
      };
      return valid(claims);
    },
  }));
};

/**
 * 注册志愿者证: the registration in the volunteer registry (i志愿). A cancelled (注销) registration is no
 * longer a 注册志愿者证. The hours and the star level are as of today: the credential says so (hoursAsOf).
 */
const volunteerCard: DocumentSource = async (idNumber, { departments, today }) => {
  const { volunteer: v } = await departments.volunteers.client.volunteer({ idNumber });
  if (!v) return [];
  return [
    {
      documentNumber: v.volunteerNumber,
      label: `注册志愿者证 ${maskNumber(v.volunteerNumber)}（${cityName(v.cityCode)}）`,
      refusal:
        v.status === 'cancelled'
          ? new AppError(
              'WALLET_DOCUMENT_INVALID',
              `您的注册志愿者信息已于${v.cancelledOn ?? ''}注销，无法关联注册志愿者证电子证照。如需继续参加志愿服务，请重新注册志愿者。`,
            )
          : null,
      // a registration cancelled after the certificate was linked ends it (the synchroniser revokes)
      ...(v.status === 'cancelled' ? { standing: ended('注册志愿者信息已注销') } : {}),
      sourced: () => {
        const claims: VolunteerCardClaims = {
          name: v.name,
          volunteerNumber: v.volunteerNumber,
          starLevel: String(v.starLevel) as VolunteerCardClaims['starLevel'],
          serviceHours: String(v.serviceHours),
          hoursAsOf: today,
          registeredOn: v.registeredOn,
          organisation: v.organisation,
          city: cityName(v.cityCode),
        };
        return valid(claims);
      },
    },
  ];
};

/** What a person without a document of the type is told (WALLET_NO_RECORD). */
export const NO_RECORD: Record<CredentialType, string> = {
  'resident-id': '未查询到您的居民身份信息，暂无法关联居民身份电子凭证。',
  'driving-licence': '未查询到您名下的驾驶证，暂无法关联电子驾驶证。',
  'vehicle-licence': '未查询到登记在您名下的机动车，暂无法关联行驶证。',
  passport: '未查询到您的护照信息。目前支持关联广东省内签发的护照。',
  'hk-macao-permit': '未查询到您的港澳通行证信息。目前支持关联广东省内签发的港澳通行证。',
  'taiwan-permit': '未查询到您的台湾通行证信息。目前支持关联广东省内签发的台湾通行证。',
  'housing-fund': `未查询到您的公积金账户。${HOUSING_FUND_SWITCH_ADVICE}`,
  'social-security-card': `未查询到您的社保卡信息。${CARD_GENERATION_ADVICE}`,
  'disability-certificate': '未查询到您的残疾人证信息，可通过“助残”服务办理残疾人证申请。',
  'residence-permit': '未查询到您的居住证信息，可通过“户政(治安)”服务申领居住证。',
  'birth-certificate': `未查询到与您相关的出生医学证明。出生证电子证照关联支持的出生日期：${BIRTH_COVERAGE}。`,
  'marriage-certificate': '未查询到您的结婚登记记录，暂无法关联结婚证。',
  'divorce-certificate': '未查询到您的离婚登记记录，暂无法关联离婚证。',
  'graduate-report-card': `未查询到您的高校毕业生就业报到证信息。${REPORT_CARD_COVERAGE}`,
  'real-estate-proof': '未查询到您作为权利人的不动产登记证明。',
  'real-estate-title': '未查询到您名下的不动产权证书。',
  'volunteer-card': '未查询到您的注册志愿者信息，请先在“i志愿”系统注册成为志愿者后再关联注册志愿者证。',
};

export const CREDENTIAL_DOCUMENTS: Record<CredentialType, DocumentSource> = {
  'resident-id': residentId,
  'driving-licence': drivingLicence,
  'vehicle-licence': vehicleLicence,
  passport: travelDocument('passport', '护照'),
  'hk-macao-permit': travelDocument('hk-macao-permit', '港澳通行证'),
  'taiwan-permit': travelDocument('taiwan-permit', '台湾通行证'),
  'housing-fund': housingFund,
  'social-security-card': socialSecurityCard,
  'disability-certificate': disabilityCertificate,
  'residence-permit': residencePermit,
  'birth-certificate': birthCertificate,
  'marriage-certificate': marriageRecords('marriage'),
  'divorce-certificate': marriageRecords('divorce'),
  'graduate-report-card': graduateReportCard,
  'real-estate-proof': realEstateProof,
  'real-estate-title': realEstateTitle,
  'volunteer-card': volunteerCard,
};

const sameNumber = (a: string, b: string) => normaliseDocumentNumber(a) === normaliseDocumentNumber(b);

/** The person's documents of a type (what the "+" flow offers); throws WALLET_NO_RECORD when there is none. */
export async function listDocuments(
  type: CredentialType,
  idNumber: string,
  ctx: SourceContext,
): Promise<SourceDocument[]> {
  const docs = await CREDENTIAL_DOCUMENTS[type](idNumber, ctx);
  if (docs.length === 0) throw new AppError('WALLET_NO_RECORD', NO_RECORD[type]);
  return docs;
}

/**
 * The one form of a document number that identifies it (full-width, spaces and case do not matter): what
 * `issue` records (as a blind index) and the status synchroniser finds the document again by.
 */
export const normaliseDocumentNumber = (n: string) => n.normalize('NFKC').replace(/\s/g, '').toUpperCase();

/** The claims of the chosen document (ctx.documentNumber), or of the first linkable one, and its number. */
async function sourceClaims(
  type: CredentialType,
  idNumber: string,
  ctx: SourceContext,
): Promise<SourcedClaims & { documentNumber: string }> {
  const docs = await listDocuments(type, idNumber, ctx);
  const chosen = (doc: SourceDocument) => ({ ...doc.sourced(), documentNumber: doc.documentNumber });
  if (ctx.documentNumber !== undefined) {
    const wanted = ctx.documentNumber;
    const doc = typeof wanted === 'string' ? docs.find((d) => sameNumber(d.documentNumber, wanted)) : undefined;
    if (!doc) {
      throw new AppError('WALLET_NO_RECORD', `未查询到您名下该号码的${credentialTypeSpec(type).name}，请核对后重试。`);
    }
    if (doc.refusal) throw doc.refusal;
    return chosen(doc);
  }
  const doc = docs.find((d) => !d.refusal);
  if (doc) return chosen(doc);
  throw (docs[0] as SourceDocument).refusal as AppError;
}

/** Per type: read the department now and give the claims of the chosen (or first linkable) document. */
export const CREDENTIAL_SOURCES = Object.fromEntries(
  (Object.keys(CREDENTIAL_DOCUMENTS) as CredentialType[]).map((type) => [
    type,
    (idNumber: string, ctx: SourceContext) => sourceClaims(type, idNumber, ctx),
  ]),
) as Record<
  CredentialType,
  (idNumber: string, ctx: SourceContext) => Promise<SourcedClaims & { documentNumber: string }>
>;

/**
 * Why a linked document is no longer found in its department's record (the synchroniser revokes): the
 * citizen's words for the usual cause per type.
 */
export const GONE_REASON: Record<CredentialType, string> = {
  'resident-id': '户籍信息已注销',
  'driving-licence': '驾驶证已注销',
  'vehicle-licence': '机动车已转移登记或注销',
  passport: '护照已注销',
  'hk-macao-permit': '港澳通行证已注销',
  'taiwan-permit': '台湾通行证已注销',
  'housing-fund': '公积金账户已销户或转移',
  'social-security-card': '社保卡已注销',
  'disability-certificate': '残疾人证已注销',
  'residence-permit': '居住证已注销',
  'birth-certificate': '出生医学证明记录已撤销',
  'marriage-certificate': '婚姻登记状态变更',
  'divorce-certificate': '婚姻登记状态变更',
  'graduate-report-card': '报到证记录已撤销',
  'real-estate-proof': '不动产登记证明已注销',
  'real-estate-title': '不动产权已转移或注销',
  'volunteer-card': '注册志愿者信息已注销',
};
