import type { CityCode, CredentialType, DrivingLicenceClaims, ResidentIdClaims } from '@yss/contracts';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';

/**
 * Where each credential type's claims come from: a read of the issuing department's system, mapped to the
 * type's claim schema. Adding a type = a schema in @yss/contracts (wallet.ts) + a source here.
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
}

type Source = (idNumber: string, ctx: SourceContext) => Promise<SourcedClaims>;

const residentId: Source = async (idNumber, { departments, today, credentialUntil }) => {
  const { person } = await departments.populationRegister.client.getPerson({ idNumber });
  if (person?.status !== 'normal') {
    throw new AppError('WALLET_NO_RECORD', '未查询到您的居民身份信息，暂无法关联居民身份电子凭证。');
  }
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
  return { claims, documentValidUntil: null, initialStatus: 'valid' };
};

const drivingLicence: Source = async (idNumber, { departments, today }) => {
  const { licence } = await departments.traffic.client.drivingLicence({ idNumber });
  if (!licence) throw new AppError('WALLET_NO_RECORD', '未查询到您名下的驾驶证，暂无法关联电子驾驶证。');
  if (licence.status === 'revoked') {
    throw new AppError('WALLET_DOCUMENT_INVALID', '您的驾驶证已被吊销，无法关联电子驾驶证。');
  }
  if (licence.validUntil !== null && licence.validUntil < today) {
    throw new AppError('WALLET_DOCUMENT_INVALID', '您的驾驶证已超过有效期，请先办理驾驶证换证后再关联。');
  }
  const claims: DrivingLicenceClaims = {
    name: licence.name,
    licenceNumber: licence.licenceNumber,
    licenceClass: licence.licenceClass,
    licenceStatus: licence.status,
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
};

export const CREDENTIAL_SOURCES: Record<CredentialType, Source> = {
  'resident-id': residentId,
  'driving-licence': drivingLicence,
};
