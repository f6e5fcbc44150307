import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { expect } from 'vitest';
import { type HolderKey, presentQr } from '../apps/server/src/modules/wallet/holder.js';
import {
  DEMO_STAFF_PASSWORD,
  type DemoCitizen,
  type LinkedCertificate,
  linkCertificate,
  staffApiSession,
  staffTotp,
  verifiedCitizenSession,
} from './support.js';

/** The set-ups of the 我的证照 journeys (issue 6): linking, presenting, verifying and revoking certificates. */

/** The batch of credentials a link issued to the holder keys (one credential per key, in their order). */
export type IssuedBatch = LinkedCertificate['batch'];

/**
 * `person`'s phone links a certificate (授权关联) with these holder keys of the reference holder
 * (apps/server/src/modules/wallet/holder.ts), logged in from this process: the batch bound to them.
 */
export async function linkForHolderKeys(
  baseUrl: string,
  person: DemoCitizen,
  keys: HolderKey[],
  type = 'resident-id',
): Promise<IssuedBatch> {
  const session = await verifiedCitizenSession(baseUrl, person);
  return (
    await linkCertificate(
      session,
      type,
      keys.map((k) => k.publicJwk),
    )
  ).batch;
}

/** A hotel presentation (酒店入住) of an e-ID batch's credential `i`, signed with its holder key, as a QR text. */
export const hotelQr = (batch: IssuedBatch, key: HolderKey, i = 0) =>
  presentQr({ compact: batch.credentials[i]?.compact as string, key, type: 'resident-id', purpose: 'hotel' });

/**
 * A QR text rendered as a PNG of about 300 px at an integer scale (fractional scaling breaks dense codes), with
 * its size in pixels and the QR version.
 */
export async function qrPng(text: string): Promise<{ png: Buffer; px: number; version: number }> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const margin = 2;
  const scale = Math.floor(300 / (qr.modules.size + 2 * margin));
  const png = await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin, scale, type: 'png' });
  return { png, px: (qr.modules.size + 2 * margin) * scale, version: qr.version };
}

/** What the verifier page says about a QR picture uploaded into it. */
export interface UploadedVerdict {
  verdict: string | null;
  word: string | null;
  reason: string | null;
  /** The 离线核验 badge is shown (verified on the device). */
  badge: boolean;
}

/** Upload a picture into the verifier page (/verify) and read its verdict card. */
export async function uploadQr(page: Page, png: Buffer): Promise<UploadedVerdict> {
  await page.getByTestId('verify-upload').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
  await page.getByTestId('verify-verdict').waitFor();
  return {
    verdict: await page.getByTestId('verify-verdict').getAttribute('data-verdict'),
    word: await page.getByTestId('verify-verdict-word').textContent(),
    reason: await page.getByTestId('verify-reason').textContent(),
    badge: (await page.getByTestId('verify-offline-badge').count()) > 0,
  };
}

/**
 * Open the verifier page online and wait until it can verify without a network: the issuers' keys and status
 * lists are kept (its readiness line says so) and the QR reader (WebAssembly) is loaded.
 */
export async function openVerifierOnline(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/verify`);
  await page.waitForFunction(
    () => {
      const ready = document.querySelector('[data-testid="verify-offline-ready"]');
      return ready?.textContent?.includes('状态信息更新于') && ready.getAttribute('data-reader') === 'ready';
    },
    undefined,
    { timeout: 20_000 },
  );
}

/** A verifier organisation's member (a demo staff account) logs in on the verifier page: password, then TOTP. */
export async function verifierLogin(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/verify`);
  await page.getByTestId('verifier-login-open').click();
  await page.getByTestId('verifier-username').fill(username);
  await page.getByTestId('verifier-password').fill(DEMO_STAFF_PASSWORD);
  await page.getByTestId('verifier-login-submit').click();
  await page.getByTestId('verifier-totp').fill(await staffTotp(baseUrl, username));
  await page.getByTestId('verifier-login-submit').click();
  await page.getByTestId('verifier-org').waitFor();
}

/** The phone links a certificate type on its own (我的证照 → 授权关联) and lands on the new certificate's page. */
export async function linkOnPhone(page: Page, baseUrl: string, type: string) {
  await page.goto(`${baseUrl}/wallet/add?type=${type}`);
  await page.getByTestId('wallet-authorise').click();
  await page.waitForURL(/\/wallet\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await page.getByTestId('wallet-detail').waitFor();
}

/** What POST /api/v1/verify answers, as far as the journeys read it. */
export interface ServerVerdict {
  verdict: string;
  reason: string;
  disclosed: { claim: string; display: string }[];
}

/** POST /api/v1/verify from this process (a verifier's server-side check of a QR text). */
export async function verifyAtServer(
  baseUrl: string,
  body: { payload: string; purpose: string; nonce?: string },
): Promise<ServerVerdict> {
  const res = await fetch(`${baseUrl}/api/v1/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as ServerVerdict;
}

/** The issuing department's staff revoke a certificate through the console API (电子证照状态 → 注销). */
export async function revokeAsIssuingStaff(baseUrl: string, username: string, certificateId: string, reason: string) {
  const call = await staffApiSession(baseUrl, username);
  const res = await call('POST', `/api/v1/console/wallet/certificates/${certificateId}/status`, {
    action: 'revoke',
    reason,
  });
  expect(res.status, res.text).toBe(200);
}
