import {
  type CheckInResult,
  type CityCode,
  type CredentialType,
  credentialTypeSpec,
  findCity,
  VERDICT_NAMES,
  VERIFIER_KINDS,
  type VerdictKind,
  type VerificationLogEntry,
  type VerifierKind,
  venueRefusal,
  WALLET_PURPOSES,
  type WalletPurpose,
} from '@yss/contracts';
import { claimedQrCredentialType } from '@yss/contracts/wallet-codec';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { StaffService } from '../staff/index.js';
import type { WalletService } from '../wallet/index.js';
import { certificateOfVerified } from './certificate-of.js';
import { organisationOfAccount, presentOrganisation, stoppedOrganisationOf } from './organisations.js';
import { presentationDigest } from './presentation-digest.js';

export interface VerifierDeps {
  db: Db;
  wallet: WalletService;
  staff: StaffService;
  audit: AuditLog;
}

const NOT_A_VERIFIER = '该账号不是核验单位的核验人员，不能登记核验记录。如需开通，请联系所在单位的管理员。';
const NONCE_REQUIRED = '民警查验须使用双向核验：请先让持证人扫描本机显示的核验码，再扫描持证人出示的二维码。';

/**
 * Verifier check-ins (issue 6, item 5): a verifier (a staff account that belongs to a verifier organisation)
 * verifies a presented certificate for the organisation's purpose and city, and the verification is recorded
 * against the certificate it concerns; the citizen reads the records of their own certificates.
 */
export class VerifierCheckIns {
  constructor(private readonly d: VerifierDeps) {}

  /** The logged-in verifier and their organisation: 401 without a staff session, 403 for a non-verifier. */
  async verifier(staffCookie: string | undefined, requestId: string) {
    const ctx = await this.d.staff.authenticate(staffCookie, requestId);
    if (ctx.passwordChangeRequired) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '这是首次登录，请先在工作台修改初始密码后再继续。');
    }
    const org = await organisationOfAccount(this.d.db, ctx.accountId);
    if (!org) {
      const stopped = await stoppedOrganisationOf(this.d.db, ctx.accountId);
      await this.d.staff.auditStaff(
        ctx.accountId,
        'access.denied.verifier',
        'denied',
        { reason: stopped ? 'organisation-stopped' : 'no-organisation' },
        requestId,
      );
      throw new AppError(
        'FORBIDDEN',
        stopped
          ? `${stopped}已停用证照核验登记，不能登记核验记录。如有疑问，请联系当地的核验单位管理员。`
          : NOT_A_VERIFIER,
      );
    }
    return { ctx, org };
  }

  /**
   * A credential this organisation may not check people in with (venueRefusal: the e-ID at a hotel below three
   * stars): refused with the reason, audited, and not recorded — nothing was checked in, and the verdict's claims
   * are not handed out.
   */
  async refuseAtThisVenue(
    accountId: string,
    requestId: string,
    org: { id: string; kind: VerifierKind; star_rating: number | null },
    credentialType: string | undefined,
  ): Promise<void> {
    const refusal = venueRefusal({ kind: org.kind, starRating: org.star_rating }, credentialType);
    if (!refusal) return;
    await this.d.staff.auditStaff(
      accountId,
      'wallet.check-in',
      'denied',
      { organisationId: org.id, reason: 'venue', credentialType: credentialType ?? null },
      requestId,
    );
    throw new AppError('CHECK_IN_VENUE_NOT_ACCEPTED', refusal);
  }

  async checkIn(
    staffCookie: string | undefined,
    requestId: string,
    input: { payload: string; nonce?: string },
  ): Promise<CheckInResult> {
    const { ctx, org } = await this.verifier(staffCookie, requestId);
    const purpose: WalletPurpose = VERIFIER_KINDS[org.kind].purpose;
    if (org.kind === 'police' && !input.nonce) throw new AppError('CHECK_IN_NONCE_REQUIRED', NONCE_REQUIRED);
    // Refused early on the type the QR says it is, before verifying: the guest's one-minute code is then not used up
    // by the replay guard and can be shown at the next desk. Unverified, so only ever a refusal; the check after
    // verifying below stays the authority (an SD-JWT presentation, for one, is only typed once verified).
    await this.refuseAtThisVenue(ctx.accountId, requestId, org, claimedQrCredentialType(input.payload));
    const result = await this.d.wallet.verify(input.payload, {
      purpose,
      city: org.city_code as CityCode,
      ...(input.nonce ? { nonce: input.nonce } : {}),
    });
    await this.refuseAtThisVenue(ctx.accountId, requestId, org, result.credentialType?.id);
    const certificate = await certificateOfVerified(this.d.db, input.payload, result);
    const row = await this.d.db
      .insertInto('wallet_verifications')
      .values({
        certificate_id: certificate?.id ?? null,
        credential_type: certificate?.type ?? result.credentialType?.id ?? null,
        organisation_id: org.id,
        account_id: ctx.accountId,
        purpose,
        verdict: result.verdict,
        reason_code: result.reasonCode,
        // an offline upload of the same scan later is then recognised as this check-in (offline-check-ins.ts)
        presentation_digest: presentationDigest(input.payload),
      })
      .returning(['id', 'checked_at'])
      .executeTakeFirstOrThrow();
    await this.d.staff.auditStaff(
      ctx.accountId,
      'wallet.check-in',
      'success',
      {
        checkInId: row.id,
        organisationId: org.id,
        purpose,
        verdict: result.verdict,
        reasonCode: result.reasonCode,
        certificateId: certificate?.id ?? null,
      },
      requestId,
    );
    return {
      checkIn: { id: row.id, recordedAt: row.checked_at.toISOString(), organisation: presentOrganisation(org) },
      result,
    };
  }

  /** The check-ins of these certificates (a person's own, from certificatesOf), newest first. */
  async logOf(certificates: { id: string; credential_type: string }[], limit = 200): Promise<VerificationLogEntry[]> {
    if (certificates.length === 0) return [];
    const types = new Map(certificates.map((c) => [c.id, c.credential_type]));
    const rows = await this.d.db
      .selectFrom('wallet_verifications as v')
      .innerJoin('verifier_organisations as o', 'o.id', 'v.organisation_id')
      .select([
        'v.id',
        'v.certificate_id',
        'v.purpose',
        'v.verdict',
        'v.checked_at',
        'v.offline',
        'o.name',
        'o.kind',
        'o.city_code',
      ])
      .where('v.certificate_id', 'in', [...types.keys()])
      .orderBy('v.checked_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => {
      const type = types.get(r.certificate_id as string) as CredentialType;
      const purpose = r.purpose as WalletPurpose;
      return {
        id: r.id,
        checkedAt: r.checked_at.toISOString(),
        offline: r.offline,
        certificate: { id: r.certificate_id as string, type, typeName: typeName(type) },
        organisation: {
          name: r.name,
          kindName: VERIFIER_KINDS[r.kind as VerifierKind].name,
          cityName: findCity(r.city_code)?.name ?? r.city_code,
        },
        purpose: { id: purpose, name: WALLET_PURPOSES[purpose]?.name ?? purpose },
        verdict: r.verdict as VerdictKind,
        verdictName: VERDICT_NAMES[r.verdict as VerdictKind] ?? r.verdict,
      };
    });
  }
}

function typeName(type: string): string {
  try {
    return credentialTypeSpec(type as CredentialType).name;
  } catch {
    return type;
  }
}
