import {
  CERTIFICATE_STATUS_NAMES,
  CheckInRequest,
  CheckInResult,
  ConsoleCertificate,
  ConsoleCertificateList,
  ConsoleCertificateSearch,
  ConsoleCertificateStatusInput,
  type CredentialType,
  credentialTypeSpec,
  OfflineCheckInRequest,
  OfflineCheckInResult,
  Problem,
  VerificationLog,
  VerificationLogQuery,
  VerifierProfile,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { PersonalLookupGate } from '../lookups/personal-gate.js';
import { maskIdNumber } from '../privacy/index.js';
import type { StaffService } from '../staff/index.js';
import * as staffRepo from '../staff/repository.js';
import { certificatesOfLink, issuerById, type WalletService } from '../wallet/index.js';
import { VerifierCheckIns } from './check-ins.js';
import { OfflineCheckIns } from './offline-check-ins.js';
import { presentOrganisation } from './organisations.js';

/** The service whose fresh verification opens the verification log (the catalog's 居民身份电子凭证 entry). */
export const LOG_SERVICE_ID = 'zz-jumin-shenfen-dianzi-pingzheng';
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 429: Problem };

export interface WalletVerifierDeps {
  db: Db;
  wallet: WalletService;
  staff: StaffService;
  /** The staff session cookie's name (verifiers log in as staff accounts). */
  staffCookie: string;
  gate: PersonalLookupGate;
  audit: AuditLog;
  checkInsPerMinute?: number;
  /** The clock of offline check-ins' time bounds (tests). */
  now?: () => number;
}

type CertRow = Awaited<ReturnType<WalletService['certificatesOf']>>[number] & { status_changed_at?: Date | null };

/**
 * Verifiers and the verification log (issue 6, items 4 and 5): a verifier's check-ins, the citizen's 核验记录,
 * and the console's 注销 / 暂停使用 / 恢复 for the issuing department's staff.
 */
export const walletVerifierRoutes =
  (d: WalletVerifierDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const checkIns = new VerifierCheckIns(d);
    const offlineCheckIns = new OfflineCheckIns(d, checkIns, d.now);

    app.get(
      '/api/v1/verifier/me',
      {
        schema: {
          tags: ['wallet'],
          summary: '核验人员: the logged-in verifier (staff session) and their organisation',
          response: { 200: VerifierProfile, ...problems },
        },
      },
      async (req) => {
        const { org, ctx } = await checkIns.verifier(req.cookies[d.staffCookie], req.id);
        const account = await staffRepo.findAccount(d.db, ctx.accountId);
        return { displayName: account?.display_name ?? ctx.username, organisation: presentOrganisation(org) };
      },
    );

    app.post(
      '/api/v1/verifier/check-ins',
      {
        config: { rateLimit: { max: d.checkInsPerMinute ?? 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['wallet'],
          summary:
            '核验登记: a verifier verifies a presented certificate for their organisation’s purpose and city; the verification is recorded',
          body: CheckInRequest,
          response: { 200: CheckInResult, ...problems },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return checkIns.checkIn(req.cookies[d.staffCookie], req.id, req.body);
      },
    );

    app.post(
      '/api/v1/verifier/check-ins/offline',
      {
        config: { rateLimit: { max: d.checkInsPerMinute ?? 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['wallet'],
          summary:
            '离线核验登记: a check the verifier page made without a network, uploaded once online; verified again by the server (iat against verifiedAt, status now), recorded once',
          body: OfflineCheckInRequest,
          response: { 200: OfflineCheckInResult, ...problems, 422: Problem },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return offlineCheckIns.upload(req.cookies[d.staffCookie], req.id, req.body);
      },
    );

    app.get(
      '/api/v1/me/wallet/verifications',
      {
        schema: {
          tags: ['wallet', 'personal'],
          summary:
            '核验记录: who verified which of my certificates, when and for what (newest first, 200 at most); `certificate`: one certificate of 我的证照 only',
          querystring: VerificationLogQuery,
          response: { 200: VerificationLog, ...problems },
        },
      },
      async (req) => {
        const opened = await d.gate.open(req, { serviceId: LOG_SERVICE_ID, forDelegation: req.query.for });
        let certificates = await d.wallet.certificatesOf(opened.subject.idNumber);
        if (req.query.certificate) {
          // One certificate of the subject's own 我的证照: another account's link reads as unknown, as everywhere.
          const ofLink = opened.subject.accountId
            ? await certificatesOfLink(d.db, opened.subject.accountId, req.query.certificate)
            : undefined;
          if (!ofLink) throw new AppError('WALLET_LINK_NOT_FOUND', '找不到该证照，请返回我的证照重新查看。');
          const wanted = new Set(ofLink);
          certificates = certificates.filter((c) => wanted.has(c.id));
        }
        const verifications = await checkIns.logOf(certificates);
        await d.gate.recordRead(opened, LOG_SERVICE_ID);
        return {
          subject: { self: opened.subject.self, nameMasked: opened.subject.nameMasked },
          verifications,
          source: { department: '粤省事 我的证照', updatedAt: new Date().toISOString() },
        };
      },
    );

    // ---- console: the issuing department's staff ----

    const presentCertificate = (c: CertRow): ConsoleCertificate => {
      const issuer = issuerById(c.issuer_id);
      let typeName = c.credential_type;
      try {
        typeName = credentialTypeSpec(c.credential_type as CredentialType).name;
      } catch {}
      return {
        id: c.id,
        type: c.credential_type,
        typeName,
        issuer: { id: c.issuer_id, name: issuer?.name ?? c.issuer_id },
        status: c.status,
        statusName: CERTIFICATE_STATUS_NAMES[c.status],
        issuedAt: c.issued_at.toISOString(),
        expiresAt: c.expires_at.toISOString(),
        statusChangedAt: c.status_changed_at ? c.status_changed_at.toISOString() : null,
      };
    };

    app.post(
      '/api/v1/console/wallet/certificates/search',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['console'],
          summary:
            '电子证照状态: the certificates of a person (by ID number, blind index) that the caller’s department issued',
          body: ConsoleCertificateSearch,
          response: { 200: ConsoleCertificateList, ...problems },
        },
      },
      async (req) => {
        const ctx = await d.staff.requireStaff(req, 'wallet.status');
        // Certificates are province-wide: a province-wide grant of the issuing department covers them.
        const issuers = new Set(ctx.allowed.filter((g) => g.cityCode === null).map((g) => g.departmentId));
        if (issuers.size === 0) {
          await d.staff.auditStaff(
            ctx.accountId,
            'access.denied.staff',
            'denied',
            { permission: 'wallet.status', reason: 'no-province-grant' },
            req.id,
          );
          throw new AppError('FORBIDDEN', '电子证照状态须由签发部门的省级证照管理人员办理。');
        }
        const idNumber = req.body.idNumber.toUpperCase();
        const rows = (await statusRows(d.db, await d.wallet.certificatesOf(idNumber))).filter((c) =>
          issuers.has(c.issuer_id),
        );
        await d.staff.auditStaff(
          ctx.accountId,
          'console.wallet.search',
          'success',
          { idNumberMasked: maskIdNumber(idNumber), count: rows.length },
          req.id,
        );
        return { idNumberMasked: maskIdNumber(idNumber), certificates: rows.map(presentCertificate) };
      },
    );

    app.post(
      '/api/v1/console/wallet/certificates/:id/status',
      {
        schema: {
          tags: ['console'],
          summary:
            '注销 / 暂停使用 / 恢复 a certificate (its issuing department’s province-wide staff), with the reason',
          params: z.object({ id: z.uuid('证照编号无效') }),
          body: ConsoleCertificateStatusInput,
          response: { 200: ConsoleCertificate, ...problems },
        },
      },
      async (req) => {
        const [cert] = await statusRows(
          d.db,
          await d.db
            .selectFrom('wallet_certificates')
            .select(['id', 'credential_type', 'issuer_id', 'status', 'issued_at', 'expires_at'])
            .where('id', '=', req.params.id)
            .execute(),
        );
        // Only a caller who may change some certificate learns whether this one exists.
        if (!cert) {
          await d.staff.requireStaff(req, 'wallet.status');
          throw new AppError('NOT_FOUND', '找不到该电子证照。');
        }
        const ctx = await d.staff.requireStaff(req, 'wallet.status', { departmentId: cert.issuer_id, cityCode: null });
        const { action, reason } = req.body;
        if (cert.status === 'revoked') {
          throw new AppError('WALLET_CERTIFICATE_REVOKED', '该证照已注销，注销后不能暂停或恢复。');
        }
        if (action === 'reinstate' && cert.status !== 'suspended') {
          throw new AppError('WALLET_CERTIFICATE_NOT_SUSPENDED', '该证照未被暂停使用，无需恢复。');
        }
        if (action === 'suspend' && cert.status === 'suspended') {
          throw new AppError('WALLET_CERTIFICATE_SUSPENDED', '该证照已暂停使用。');
        }
        const after =
          action === 'revoke'
            ? await d.wallet.revoke(cert.id)
            : action === 'suspend'
              ? await d.wallet.suspend(cert.id)
              : await d.wallet.reinstate(cert.id);
        await d.staff.auditStaff(
          ctx.accountId,
          `console.wallet.${action}`,
          'success',
          { certificateId: cert.id, type: cert.credential_type, from: cert.status, to: after ?? null, reason },
          req.id,
        );
        const [updated] = await statusRows(
          d.db,
          await d.db
            .selectFrom('wallet_certificates')
            .select(['id', 'credential_type', 'issuer_id', 'status', 'issued_at', 'expires_at'])
            .where('id', '=', cert.id)
            .execute(),
        );
        return presentCertificate(updated as CertRow);
      },
    );
  };

/** Adds status_changed_at (certificatesOf does not select it). */
async function statusRows(db: Db, rows: Awaited<ReturnType<WalletService['certificatesOf']>>): Promise<CertRow[]> {
  if (rows.length === 0) return [];
  const changed = new Map(
    (
      await db
        .selectFrom('wallet_certificates')
        .select(['id', 'status_changed_at'])
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    ).map((r) => [r.id, r.status_changed_at]),
  );
  return rows.map((r) => ({ ...r, status_changed_at: changed.get(r.id) ?? null }));
}
