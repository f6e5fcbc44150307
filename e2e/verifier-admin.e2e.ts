import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HolderKey, holderKeys } from '../apps/server/src/modules/wallet/holder.js';
import { openedAtOnce } from './cases-support.js';
import {
  consoleLogin,
  endJourney,
  journeyScreenshots,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startJourney,
  ZHANG_WEI,
} from './support.js';
import { hotelQr, type IssuedBatch, linkForHolderKeys, qrPng, uploadQr } from './wallet-support.js';

const shot = journeyScreenshots('verifier-admin');

/**
 * 核验单位管理 (issue 6, item 5: verifier accounts), end to end: 广州's 核验单位管理员 registers 广州花园酒店 (五星级) in the
 * console and opens a front-desk account, whose one-time password is shown once; the new verifier's first login in
 * the console enrols the authenticator and changes the password; on the verifier page, with the new password, she
 * checks 张伟 in with his e-ID (有效, recorded for 广州花园酒店); the administrator removes her, and her login is refused.
 */
describe('核验单位管理: a hotel registered, its verifier opened, first login, a check-in, removed', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: Page;
  let keys: HolderKey[];
  let issued: IssuedBatch;
  const wu = { username: 'gz.garden.wu', name: '吴婷（广州花园酒店前台）', password: '', secret: '' };
  const NEW_PASSWORD = 'garden-hotel-desk-2026';
  let lastCode = '';

  beforeAll(async () => {
    ({ platform, browser } = await startJourney());
    keys = holderKeys(2);
    issued = await linkForHolderKeys(platform.baseUrl, ZHANG_WEI, keys);
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    admin = await context.newPage();
  });
  afterAll(() => endJourney({ browser, platform }));

  /** The new verifier's authenticator: a code of a time step not used yet (each is accepted once). */
  async function freshCode(): Promise<string> {
    const totp = new TOTP({ secret: Secret.fromBase32(wu.secret), digits: 6, period: 30, algorithm: 'SHA1' });
    for (let i = 0; i < 40; i++) {
      const code = totp.generate();
      if (code !== lastCode) {
        lastCode = code;
        return code;
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
    throw new Error('no new TOTP code within 40 s');
  }

  it('the administrator registers a five-star hotel (the star rating asked for) and opens a verifier’s account', async () => {
    await consoleLogin(admin, platform.baseUrl, 'gz.verifier.admin');
    await admin.getByRole('menuitem', { name: '核验单位管理' }).click();
    await admin.waitForURL('**/console/verifiers');
    const inn = admin.locator('[data-testid="verifier-row"][data-name="广州东风宾馆"]');
    await inn.waitFor();
    expect(await inn.textContent()).toContain('不适用电子身份证入住');
    // 广州's organisations only
    expect(await admin.locator('[data-name="深圳市公安局福田分局"]').count()).toBe(0);
    await shot(admin, '1-list');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    await admin.getByTestId('verifiers-add').click();
    const dialog = admin.locator('.ant-modal').filter({ hasText: '登记核验单位' });
    await openedAtOnce(dialog);
    await dialog.getByTestId('verifier-name').fill('广州花园酒店');
    await dialog.getByTestId('verifier-kind').click();
    await admin.locator('.ant-select-item-option[title="酒店"]').click();
    await dialog.getByTestId('verifier-save').click();
    await dialog.getByText('请选择酒店星级，没有评定星级的请选择“未评定星级”').waitFor();
    await dialog.getByTestId('verifier-star-rating').click();
    await admin.locator('.ant-select-item-option[title="五星级"]').click();
    await shot(admin, '2-register');
    await dialog.getByTestId('verifier-save').click();
    const garden = admin.locator('[data-testid="verifier-row"][data-name="广州花园酒店"]');
    await garden.waitFor();
    expect(await garden.textContent()).toContain('五星级');
    expect(await garden.textContent()).toContain('可核验电子身份证入住');

    // the same name again in 广州 is refused in the dialog
    await admin.getByTestId('verifiers-add').click();
    await openedAtOnce(dialog);
    await dialog.getByTestId('verifier-name').fill('广州花园酒店');
    await dialog.getByTestId('verifier-kind').click();
    await admin.locator('.ant-select-item-option[title="酒店"]').click();
    await dialog.getByTestId('verifier-star-rating').click();
    await admin.locator('.ant-select-item-option[title="四星级"]').click();
    await dialog.getByTestId('verifier-save').click();
    expect(await dialog.getByTestId('verifier-form-error').textContent()).toContain('本市已登记名为“广州花园酒店”');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await garden.getByTestId('verifier-members').click();
    await admin.getByText('暂无核验人员').waitFor();
    await admin.getByTestId('verifier-member-username').fill(wu.username);
    await admin.getByTestId('verifier-member-name').fill(wu.name);
    await admin.getByTestId('verifier-member-add').click();
    const opened = admin.locator('.ant-modal').filter({ hasText: '核验人员账号已开通' });
    await opened.waitFor();
    wu.password = ((await opened.getByTestId('verifier-password-value').textContent()) ?? '').trim();
    expect(wu.password).toMatch(/^[\w-]{16}$/);
    expect(await opened.textContent()).toContain('初始密码只显示这一次');
    await shot(admin, '3-one-time-password');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await opened.getByTestId('verifier-password-done').click();
    const member = admin.locator(`[data-testid="verifier-member"][data-username="${wu.username}"]`);
    expect(await member.textContent()).toContain('待首次登录');
    // the password is not shown again
    expect(await admin.locator('body').textContent()).not.toContain(wu.password);
  });

  it('her first login in the console enrols the authenticator and changes the password', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/console/`);
    await page.waitForURL('**/console/login');
    await page.getByTestId('username').fill(wu.username);
    await page.getByTestId('password').fill(wu.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('enrolment').waitFor();
    wu.secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    await page.getByTestId('totp-code').fill(await freshCode());
    await page.getByTestId('totp-submit').click();
    await page.waitForURL((url) => url.pathname.replace(/\/$/, '') === '/console');
    await page.getByText('这是首次登录，请先修改管理员发给您的初始密码。').waitFor();
    await page.getByLabel('初始密码').fill(wu.password);
    await page.getByLabel('新密码（至少12个字符）').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('这是首次登录，请先修改管理员发给您的初始密码。').waitFor({ state: 'hidden' });
    // a verifier has no department role: the console has nothing else for her
    expect(await page.getByTestId('grants').textContent()).toContain('暂无角色');
    await context.close();
  });

  it('on the verifier page she checks 张伟 in with his e-ID at 广州花园酒店; removed, she cannot log in', async () => {
    const phone = await (await phoneContext(browser)).newPage();
    const login = async (password: string) => {
      await phone.goto(`${platform.baseUrl}/verify`);
      await phone.getByTestId('verifier-login-open').click();
      await phone.getByTestId('verifier-username').fill(wu.username);
      await phone.getByTestId('verifier-password').fill(password);
      await phone.getByTestId('verifier-login-submit').click();
    };
    await login(NEW_PASSWORD);
    await phone.getByTestId('verifier-totp').fill(await freshCode());
    await phone.getByTestId('verifier-login-submit').click();
    await phone.getByTestId('verifier-org').waitFor();
    expect(await phone.getByTestId('verifier-org').textContent()).toContain('广州花园酒店');
    expect(await phone.getByTestId('verifier-org').textContent()).toContain('五星级');
    expect(await phone.getByTestId('verifier-e-id-not-here').count()).toBe(0);

    const v = await uploadQr(phone, (await qrPng(hotelQr(issued, keys[0] as HolderKey, 0))).png);
    expect(v).toMatchObject({ verdict: 'valid', word: '有效' });
    expect(await phone.getByTestId('verify-recorded').textContent()).toContain('已登记核验记录（广州花园酒店）');
    await shot(phone, '4-check-in');

    // the administrator sees the check-in counted, then removes her after confirming
    await admin.reload();
    const garden = admin.locator('[data-testid="verifier-row"][data-name="广州花园酒店"]');
    await expect.poll(async () => garden.textContent()).toContain('1次');
    await garden.getByTestId('verifier-members').click();
    const member = admin.locator(`[data-testid="verifier-member"][data-username="${wu.username}"]`);
    expect(await member.textContent()).toContain('正常');
    await member.getByTestId('verifier-member-remove').click();
    await admin.getByTestId('verifier-member-remove-confirm').click();
    await admin.getByText(`已移除：${wu.name}，该账号已停用`).waitFor();
    await expect.poll(async () => member.count()).toBe(0);

    await phone.context().clearCookies();
    await login(NEW_PASSWORD);
    await phone.getByTestId('verifier-login-error').waitFor();
    expect(await phone.getByTestId('verifier-login-error').textContent()).toBe('用户名或密码不正确，请重试。');
    await phone.context().close();
  });

  it('a coach station registered is linked to its station of the ticketing system (a station held elsewhere is not offered)', async () => {
    // the register afresh (the last step left the verifiers drawer open)
    await admin.reload();
    await admin.locator('[data-testid="verifier-row"][data-name="广州花园酒店"]').waitFor();
    await admin.getByTestId('verifiers-add').click();
    const dialog = admin.locator('.ant-modal').filter({ hasText: '登记核验单位' });
    await openedAtOnce(dialog);
    await dialog.getByTestId('verifier-name').fill('天河客运站');
    await dialog.getByTestId('verifier-kind').click();
    await admin.locator('.ant-select-item-option[title="客运站"]').click();
    await dialog.getByTestId('verifier-save').click();
    await admin
      .getByText('已登记：天河客运站（广州客运站），请点击“售票系统”接入联网售票系统后再开通核验人员验票')
      .waitFor();
    const tianhe = admin.locator('[data-testid="verifier-row"][data-name="天河客运站"]');
    expect(await tianhe.getByTestId('verifier-ticketing').textContent()).toBe('未接入售票系统');

    await tianhe.getByTestId('verifier-ticketing-edit').click();
    const link = admin.locator('.ant-modal').filter({ hasText: '接入联网售票系统：天河客运站' });
    // the stations come from the ticketing system (the select spins until they have)
    await expect.poll(() => link.getByTestId('ticketing-save').isEnabled()).toBe(true);
    await openedAtOnce(link);
    await link.getByTestId('ticketing-station').click();
    // 广州市汽车客运站 is the demo station's already: listed, not choosable
    const held = admin.locator('.ant-select-item-option').filter({ hasText: '已由“广州市汽车客运站”接入' });
    expect(await held.getAttribute('class')).toContain('ant-select-item-option-disabled');
    await admin.locator('.ant-select-item-option').filter({ hasText: '天河客运站（广州市天河区燕岭路633号）' }).click();
    await shot(admin, '5-ticketing-station');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await link.getByTestId('ticketing-save').click();
    await admin.getByText('已接入：天河客运站 → 联网售票系统 天河客运站').waitFor();
    await expect.poll(() => tianhe.getByTestId('verifier-ticketing').textContent()).toBe('售票系统：天河客运站');
  });
});
