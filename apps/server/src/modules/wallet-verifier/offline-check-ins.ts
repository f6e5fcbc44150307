import {
  type CityCode,
  OFFLINE_CHECK_IN_CLOCK_SKEW_SECONDS,
  OFFLINE_CHECK_IN_MAX_AGE_HOURS,
  type OfflineCheckInRequest,
  type OfflineCheckInResult,
  VERIFIER_KINDS,
  type Verdict,
  type WalletPurpose,
} from '@yss/contracts';
import { AppError } from '../../http/app-error.js';
import { certificateOfVerified } from './certificate-of.js';
import type { VerifierCheckIns, VerifierDeps } from './check-ins.js';
import { presentOrganisation } from './organisations.js';
import { presentationDigest } from './presentation-digest.js';

const NONCE_REQUIRED = '民警查验须使用双向核验：离线核验记录缺少本机核验码，不能登记。';
const REPLAY_REASON = '该出示码已在其他核验单位登记过，可能被截图转发，请核对持证人。';

/**
 * 离线核验登记 (issue 6, item 5): the verifier page verified a QR without a network and queued the check-in;
 * back online it uploads it here. Nothing the device says is trusted: the presentation is verified again
 * (issuer and holder signatures, purpose and city of the organisation, the nonce for police), its holder-signed
 * iat must lie within ±90 s of the claimed `verifiedAt` (so the recorded time is the holder's, give or take
 * 90 s), `verifiedAt` must not be in the future nor older than OFFLINE_CHECK_IN_MAX_AGE_HOURS, and the status is
 * the one the server knows now. The device's verdict is kept next to the server's. The same presentation
 * uploaded again by the organisation is the same check-in (idempotent: `duplicate: true`); one already recorded
 * by another organisation is a replay (a forwarded screenshot), recorded as such.
 */
export class OfflineCheckIns {
  constructor(
    private readonly d: VerifierDeps,
    private readonly checkIns: VerifierCheckIns,
    private readonly now: () => number = Date.now,
  ) {}

  async upload(
    staffCookie: string | undefined,
    requestId: string,
    input: OfflineCheckInRequest,
  ): Promise<OfflineCheckInResult> {
    const { ctx, org } = await this.checkIns.verifier(staffCookie, requestId);
    const purpose: WalletPurpose = VERIFIER_KINDS[org.kind].purpose;
    const verifiedAt = Date.parse(input.verifiedAt);
    const now = this.now();
    if (verifiedAt > now + OFFLINE_CHECK_IN_CLOCK_SKEW_SECONDS * 1000) {
      throw new AppError(
        'CHECK_IN_OFFLINE_FUTURE',
        '离线核验时间晚于服务器当前时间，请检查核验设备的日期和时间设置后重新上传。',
      );
    }
    if (verifiedAt < now - OFFLINE_CHECK_IN_MAX_AGE_HOURS * 3_600_000) {
      throw new AppError(
        'CHECK_IN_OFFLINE_TOO_OLD',
        `离线核验记录须在核验后${OFFLINE_CHECK_IN_MAX_AGE_HOURS}小时内上传登记，该记录已超过期限，不能登记。`,
      );
    }
    if (org.kind === 'police' && !input.nonce) throw new AppError('CHECK_IN_NONCE_REQUIRED', NONCE_REQUIRED);

    const digest = presentationDigest(input.payload);
    const seen = await this.d.db
      .selectFrom('wallet_verifications')
      .select(['id', 'organisation_id', 'offline', 'checked_at', 'recorded_at', 'device_verdict', 'device_reason_code'])
      .where('presentation_digest', '=', digest)
      .orderBy('recorded_at', 'asc')
      .execute();
    const ours = seen.find((r) => r.organisation_id === org.id);
    const result = await this.verdict(input, {
      purpose,
      city: org.city_code as CityCode,
      at: verifiedAt,
      elsewhere: seen.some((r) => r.organisation_id !== org.id),
      // an upload recorded already is not a second use of the code
      replay: !ours,
    });
    // Before anything is recorded or returned: the device applied the same rule, so such an upload is a device
    // that did not (an old page), refused like the online check-in.
    await this.checkIns.refuseAtThisVenue(ctx.accountId, requestId, org, result.credentialType?.id);
    const organisation = presentOrganisation(org);
    if (ours) {
      // Recorded already (an earlier upload, or the online request that reached us although the page saw a
      // network error): the same check-in, not a second one.
      return this.present(ours, organisation, result, input, true);
    }
    const certificate = await certificateOfVerified(this.d.db, input.payload, result);
    const inserted = await this.d.db
      .insertInto('wallet_verifications')
      .values({
        certificate_id: certificate?.id ?? null,
        credential_type: certificate?.type ?? result.credentialType?.id ?? null,
        organisation_id: org.id,
        account_id: ctx.accountId,
        purpose,
        verdict: result.verdict,
        reason_code: result.reasonCode,
        checked_at: new Date(verifiedAt),
        offline: true,
        device_verdict: input.device.verdict,
        device_reason_code: input.device.reasonCode,
        presentation_digest: digest,
      })
      .onConflict((oc) =>
        oc.columns(['organisation_id', 'presentation_digest']).where('offline', '=', true).doNothing(),
      )
      .returning([
        'id',
        'organisation_id',
        'offline',
        'checked_at',
        'recorded_at',
        'device_verdict',
        'device_reason_code',
      ])
      .executeTakeFirst();
    if (!inserted) {
      // The same upload twice at once: the other request recorded it.
      const row = await this.d.db
        .selectFrom('wallet_verifications')
        .select([
          'id',
          'organisation_id',
          'offline',
          'checked_at',
          'recorded_at',
          'device_verdict',
          'device_reason_code',
        ])
        .where('organisation_id', '=', org.id)
        .where('presentation_digest', '=', digest)
        .where('offline', '=', true)
        .executeTakeFirstOrThrow();
      return this.present(row, organisation, result, input, true);
    }
    await this.d.staff.auditStaff(
      ctx.accountId,
      'wallet.check-in.offline',
      'success',
      {
        checkInId: inserted.id,
        organisationId: org.id,
        purpose,
        verifiedAt: new Date(verifiedAt).toISOString(),
        verdict: result.verdict,
        reasonCode: result.reasonCode,
        deviceVerdict: input.device.verdict,
        deviceReasonCode: input.device.reasonCode,
        // the device saw another verdict than the server: a status change since, or a device not to be trusted
        disagrees: input.device.verdict !== result.verdict,
        certificateId: certificate?.id ?? null,
      },
      requestId,
    );
    return this.present(inserted, organisation, result, input, false);
  }

  /** The server's verdict at the device's time, status now; a code recorded by another organisation is a replay. */
  private async verdict(
    input: OfflineCheckInRequest,
    o: { purpose: WalletPurpose; city: CityCode; at: number; elsewhere: boolean; replay: boolean },
  ): Promise<Verdict> {
    const result = await this.d.wallet.verify(input.payload, {
      purpose: o.purpose,
      city: o.city,
      at: o.at,
      replay: o.replay,
      ...(input.nonce ? { nonce: input.nonce } : {}),
    });
    if (!o.elsewhere || result.verdict !== 'valid') return result;
    // Every check passed, but the organisation's scan was not the only one: the code went round.
    return { ...result, verdict: 'invalid', reasonCode: 'replay', reason: REPLAY_REASON, disclosed: [] };
  }

  private present(
    row: {
      id: string;
      checked_at: Date;
      recorded_at: Date;
      device_verdict: string | null;
      device_reason_code: string | null;
    },
    organisation: ReturnType<typeof presentOrganisation>,
    result: Verdict,
    input: OfflineCheckInRequest,
    duplicate: boolean,
  ): OfflineCheckInResult {
    return {
      checkIn: {
        id: row.id,
        verifiedAt: row.checked_at.toISOString(),
        recordedAt: row.recorded_at.toISOString(),
        organisation,
      },
      result,
      device: {
        verdict: (row.device_verdict ?? input.device.verdict) as OfflineCheckInResult['device']['verdict'],
        reasonCode: row.device_reason_code ?? input.device.reasonCode,
      },
      duplicate,
    };
  }
}
