import { WALLET_QR_PREFIX } from '@yss/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base45Decode } from '../apps/server/src/modules/wallet/base45.js';
import { type HolderKey, holderKeys, presentQr } from '../apps/server/src/modules/wallet/holder.js';
import {
  endJourney,
  LI_NA,
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startJourney,
  ZHANG_WEI,
} from './support.js';
import {
  hotelQr,
  type IssuedBatch as Issued,
  linkForHolderKeys,
  openVerifierOnline,
  qrPng as renderQr,
  revokeAsIssuingStaff,
  uploadQr as upload,
} from './wallet-support.js';

const shots = process.env.E2E_SCREENSHOTS;

/** A QR text as a PNG of about 300 px (wallet-support.ts). */
const qrPng = async (text: string) => (await renderQr(text)).png;

/**
 * Issue 6 item 5, 离线核验: the verifier page is opened online (it keeps every issuer's keys and status lists),
 * then the network goes away (context.setOffline): an uploaded QR is verified on the device → 有效 with the
 * 离线核验 badge and the age of the status data; a certificate revoked before the page cached its list →
 * 已注销 (李娜's, revoked by the issuing department); garbage → 无效. A logged-in clerk offline: verified and queued (no request is made), uploaded once
 * online, and it appears in 张伟's 核验记录 as 离线核验.
 */
describe('offline verification on the verifier page', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let keys: HolderKey[];
  let valid: Issued;
  let revokedKeys: HolderKey[];
  let revoked: Issued;

  beforeAll(async () => {
    // 张伟 logs in twice (his phone links here; his 核验记录 page at the end): a short SMS resend interval.
    ({ platform, browser, context, page } = await startJourney({ SMS_RESEND_SECONDS: '1' }));
    keys = holderKeys(3);
    valid = await linkForHolderKeys(platform.baseUrl, ZHANG_WEI, keys);
    // Another person's: linking 张伟's type again would itself revoke his first batch (a new phone).
    revokedKeys = holderKeys(1);
    revoked = await linkForHolderKeys(platform.baseUrl, LI_NA, revokedKeys);
    await revokeAsIssuingStaff(platform.baseUrl, 'gd.police.zhengzhao', revoked.certificateId, '居民身份证已挂失');
  });
  afterAll(() => endJourney({ browser, platform }));

  /**
   * The verifier page's queued check-ins exactly as IndexedDB holds them: strings as they are, binary fields as
   * hex and as UTF-8 text (so that a claim kept in clear inside a byte array would still show).
   */
  function queuedRecords(p: Page): Promise<Record<string, unknown>[]> {
    return p.evaluate(
      () =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const open = indexedDB.open('yss-verifier-queue');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const all = db.transaction('check-ins').objectStore('check-ins').getAll();
            all.onerror = () => reject(all.error);
            all.onsuccess = () => {
              db.close();
              const show = (v: unknown): unknown => {
                if (!(v instanceof ArrayBuffer || ArrayBuffer.isView(v))) return v;
                const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer);
                const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
                return { hex, utf8: new TextDecoder().decode(bytes) };
              };
              resolve(
                (all.result as Record<string, unknown>[]).map((r) =>
                  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, show(v)])),
                ),
              );
            };
          };
        }),
    );
  }

  /** Online: the page keeps the keys and status lists (its readiness line says how many and how fresh). */
  const openOnline = (p: Page) => openVerifierOnline(p, platform.baseUrl);

  it('online the page caches the keys and status lists; offline an uploaded QR is 有效 with the 离线核验 badge', async () => {
    await openOnline(page);
    const ready = (await page.getByTestId('verify-offline-ready').textContent()) ?? '';
    expect(ready).toContain('离线核验已就绪');
    expect(ready).toMatch(/11个签发机构/);
    if (shots) await page.screenshot({ path: `${shots}/offline-ready.png`, fullPage: true });

    await context.setOffline(true);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="verify-offline-ready"]')?.textContent?.includes('当前无网络'),
    );
    const v = await upload(page, await qrPng(hotelQr(valid, keys[0] as HolderKey)));
    expect(v).toMatchObject({ verdict: 'valid', word: '有效', reason: '证照有效。', badge: true });
    expect(await page.getByTestId('verify-offline-badge').textContent()).toBe('离线核验');
    const card = (await page.getByTestId('verify-verdict').textContent()) ?? '';
    expect(card).toContain('状态信息更新于');
    expect(card).toContain('签发机构公钥更新于');
    expect(card).toContain('重复使用');
    expect(card).toContain('张伟');
    expect(card).toContain('031X');
    expect(card).not.toContain(ZHANG_WEI.idNumber);
    expect(await page.getByTestId('verify-issuer').textContent()).toContain('公安');
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/offline-valid.png`, fullPage: true });
  });

  it('offline, a certificate revoked before the list was cached is 已注销; garbage is 无效', async () => {
    await page.getByTestId('verify-again').click();
    const r = await upload(page, await qrPng(hotelQr(revoked, revokedKeys[0] as HolderKey)));
    expect(r).toMatchObject({ verdict: 'revoked', word: '已注销', reason: '证照已被签发机构注销。', badge: true });
    if (shots) await page.screenshot({ path: `${shots}/offline-revoked.png`, fullPage: true });

    await page.getByTestId('verify-again').click();
    const g = await upload(page, await qrPng('YSS1:THIS-IS-NOT-A-CERTIFICATE'));
    expect(g).toMatchObject({ verdict: 'invalid', word: '无效', badge: true });
    expect(g.reason).toContain('无法识别');

    // a presentation older than 90 s is refused offline too
    await page.getByTestId('verify-again').click();
    const old = presentQr({
      compact: valid.credentials[1]?.compact as string,
      key: keys[1] as HolderKey,
      type: 'resident-id',
      purpose: 'hotel',
      now: Date.now() - 120_000,
    });
    const s = await upload(page, await qrPng(old));
    expect(s).toMatchObject({ verdict: 'invalid', badge: true });
    expect(s.reason).toContain('超过90秒');
    await context.setOffline(false);
  });

  it('a hotel clerk offline: verified on the device for 酒店入住, queued, uploaded once online; 张伟’s 核验记录 shows 离线核验', async () => {
    const clerkContext = await phoneContext(browser);
    const clerk = await clerkContext.newPage();
    await clerk.goto(`${platform.baseUrl}/verify`);
    await clerk.getByTestId('verifier-login-open').click();
    await clerk.getByTestId('verifier-username').fill('gz.hotel.clerk');
    await clerk.getByTestId('verifier-password').fill('yss-demo-2026');
    await clerk.getByTestId('verifier-login-submit').click();
    const { code } = await (await fetch(`${platform.baseUrl}/api/v1/dev/staff-totp/gz.hotel.clerk`)).json();
    await clerk.getByTestId('verifier-totp').fill(code);
    await clerk.getByTestId('verifier-login-submit').click();
    await clerk.getByTestId('verifier-org').waitFor();
    await openOnline(clerk);
    await clerk.getByTestId('verifier-org').waitFor();

    const checkIns: string[] = [];
    clerk.on('request', (r) => {
      if (r.url().includes('/check-ins')) checkIns.push(r.url());
    });
    await clerkContext.setOffline(true);
    const scanned = hotelQr(valid, keys[2] as HolderKey, 2);
    const v = await upload(clerk, await qrPng(scanned));
    expect(v, JSON.stringify(v)).toMatchObject({ verdict: 'valid', badge: true });
    expect(await clerk.getByTestId('verify-offline-queued').textContent()).toContain('恢复网络后将自动上传登记');
    expect(await clerk.getByTestId('verify-recorded').count()).toBe(0);
    expect(checkIns).toEqual([]);
    // 离线核验待登记: kept on the device (IndexedDB), counted on the page
    await clerk.getByTestId('verify-queue-pending').waitFor();
    expect(await clerk.getByTestId('verify-queue-pending').textContent()).toContain('1 条离线核验待登记');
    // …encrypted: the raw record holds neither the scanned code (which carries 张伟's name, CBOR inside base45)
    // nor the name itself, in any form — only id, organisation, time, IV and ciphertext
    const nameBytes = Buffer.from(ZHANG_WEI.name, 'utf8');
    expect(Buffer.from(base45Decode(scanned.slice(WALLET_QR_PREFIX.length))).includes(nameBytes)).toBe(true);
    const stored = await queuedRecords(clerk);
    expect(stored).toHaveLength(1);
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual(['id', 'iv', 'organisationId', 'sealed', 'verifiedAt']);
    const rawText = JSON.stringify(stored);
    expect(rawText).toContain(String(stored[0]?.organisationId)); // the check does read the record
    for (const secret of [
      scanned,
      scanned.slice(WALLET_QR_PREFIX.length, 60),
      ZHANG_WEI.name,
      nameBytes.toString('hex'),
    ]) {
      expect(rawText).not.toContain(secret);
    }
    expect(await seriousA11yViolations(clerk)).toEqual([]);
    if (shots) await clerk.screenshot({ path: `${shots}/offline-clerk.png`, fullPage: true });

    // back online: uploaded once, verified again by the server, and the queue is empty
    await clerkContext.setOffline(false);
    await clerk.getByTestId('verify-queue-uploaded').waitFor({ timeout: 20_000 });
    expect(await clerk.getByTestId('verify-queue-uploaded').textContent()).toContain('已登记 1 条离线核验记录');
    expect(await clerk.getByTestId('verify-queue-pending').count()).toBe(0);
    expect(checkIns.filter((u) => u.endsWith('/check-ins/offline'))).toHaveLength(1);

    // retention: an entry past the 72 h the server accepts is deleted when the page opens, and the page says so
    await clerk.evaluate(
      (verifiedAt) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('yss-verifier-queue');
          open.onsuccess = () => {
            const tx = open.result.transaction('check-ins', 'readwrite');
            tx.objectStore('check-ins').put({
              id: 'stale',
              organisationId: 'any',
              verifiedAt,
              iv: new Uint8Array(12),
              sealed: new ArrayBuffer(32),
            });
            tx.oncomplete = () => resolve(open.result.close());
            tx.onerror = () => reject(tx.error);
          };
        }),
      Date.now() - 73 * 3_600_000,
    );
    await clerk.reload();
    await clerk.getByTestId('verify-queue-expired').waitFor();
    expect(await clerk.getByTestId('verify-queue-expired').textContent()).toBe(
      '有 1 条离线核验记录超过72小时未上传，已按规定删除。',
    );
    expect(await queuedRecords(clerk)).toEqual([]);
    await clerkContext.close();

    // 张伟's 核验记录 shows it, marked 离线核验
    const citizenContext = await phoneContext(browser);
    const citizen = await citizenContext.newPage();
    await loginVerifiedCitizen(citizen, platform.baseUrl, ZHANG_WEI);
    await citizen.goto(`${platform.baseUrl}/wallet/verifications`);
    const entry = citizen.getByTestId('wallet-verification').filter({ hasText: '广州白云宾馆' });
    await entry.first().waitFor({ timeout: 20_000 });
    expect(await entry.count()).toBe(1);
    expect(await entry.getByTestId('wallet-verification-offline').textContent()).toBe('离线核验');
    expect(await entry.textContent()).toContain('有效');
    expect(await seriousA11yViolations(citizen)).toEqual([]);
    if (shots) await citizen.screenshot({ path: `${shots}/offline-log.png`, fullPage: true });
    await citizenContext.close();
  });
});
