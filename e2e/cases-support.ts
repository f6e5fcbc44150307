import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { expect } from 'vitest';
import { consoleLogin } from './support.js';

/**
 * 在线办理 (办件) in the browser, for the journeys of services whose steps are the shared ones (须知 → 填写信息 →
 * 上传材料 → 确认提交) and 办件审核 in the console. cases.e2e.ts walks the same steps one by one with their checks;
 * these helpers are for the journeys that test what a service adds to them.
 */

/** A real PNG (a QR code of the text), as a phone's camera roll would hold a picture. */
export const photo = (text: string) => QRCode.toBuffer(text, { type: 'png', width: 240 });

/** A form value: a choice's value (its radio is clicked) or the text typed into the field. */
export type FormValues = Record<string, string>;

/** ① 须知: it says `says`; 我已阅读并同意, 下一步. */
export async function agreeToNotice(page: Page, says: string): Promise<void> {
  const notice = page.getByTestId('step-notice');
  await notice.waitFor();
  expect(await notice.textContent()).toContain(says);
  await page.getByTestId('agree').click();
  await page.getByTestId('next').click();
}

/** Fill the form step's fields: a field with a radio for the value is a choice, any other is typed into. */
export async function fillCaseForm(page: Page, values: FormValues): Promise<void> {
  await page.getByTestId('step-form').waitFor();
  for (const [name, value] of Object.entries(values)) {
    const option = page.getByTestId(`option-${name}-${value}`);
    if ((await option.count()) > 0) await option.click();
    else await page.getByTestId(`field-${name}`).locator('input, textarea').first().fill(value);
  }
}

/** Upload `count` photos into each named slot of the materials step and wait until all are uploaded. */
export async function uploadCasePhotos(page: Page, slots: Record<string, number>): Promise<void> {
  await page.getByTestId('step-materials').waitFor();
  let total = 0;
  for (const [slot, count] of Object.entries(slots)) {
    const input = page.locator(`input[data-testid="slot-input-${slot}"], [data-testid="slot-input-${slot}"] input`);
    for (let i = 0; i < count; i++) {
      await input.first().setInputFiles({ name: `${slot}-${i}.png`, mimeType: 'image/png', buffer: await photo(slot) });
    }
    total += count;
  }
  await expect.poll(() => page.locator('[data-testid="upload-item"][data-status="done"]').count()).toBe(total);
}

/** From the confirm step: submit, and the 办件编号 the success page shows (digits only). */
export async function submitCase(page: Page): Promise<string> {
  await page.getByTestId('step-confirm').waitFor();
  await page.getByTestId('submit').click();
  await page.getByTestId('apply-done').waitFor();
  const caseNumber = ((await page.getByTestId('case-number').textContent()) ?? '').replace(/\D/g, '');
  expect(caseNumber).toMatch(/^\d{16,24}$/);
  return caseNumber;
}

/** From 提交成功 to the case's own page (查看办件). */
export async function openSubmittedCase(page: Page): Promise<void> {
  await page.getByTestId('view-case').click();
  await page.waitForURL('**/cases/*');
}

/**
 * For expect.poll: the case page reloaded, then the text of `testId` ('' while it is not there). What a reviewer or
 * the department's write-back (a job) changed shows only after a reload.
 */
export const onReloadedCase = (page: Page, testId: string) => async (): Promise<string> => {
  await page.reload();
  await page.getByTestId('case-head').waitFor();
  return (await page.getByTestId(testId).allTextContents()).join('');
};

/** Where and when to collect, for a service whose result is collected in person. */
export interface Collection {
  place: string;
  hours: string;
}

/**
 * A reviewer of the console (办件审核) opens the case by its number, 受理 it, then 审核通过 (with where and when to
 * collect, for a service collected in person). The console's own context is closed again.
 */
export async function acceptAndApproveInConsole(
  browser: Browser,
  baseUrl: string,
  reviewer: string,
  caseNumber: string,
  collection?: Collection,
): Promise<void> {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  try {
    const page = await desk.newPage();
    await consoleLogin(page, baseUrl, reviewer);
    await page.getByRole('menuitem', { name: '办件审核' }).click();
    const row = page.getByTestId('cases-table').getByRole('row').filter({ hasText: caseNumber });
    await row.click();
    await page.getByTestId('case-detail').waitFor();
    await act(page, 'accept', '确认受理该办件？', 'case-action-approve');
    await page.getByTestId('case-action-approve').click();
    // the case drawer is a dialog too, and names 审核通过 on its button: the dialog with the confirm button
    await openedAtOnce(page.getByRole('dialog').filter({ has: page.getByTestId('case-action-confirm') }));
    if (collection) {
      await page.getByTestId('case-action-place').fill(collection.place);
      await page.getByTestId('case-action-hours').fill(collection.hours);
    }
    await page.getByTestId('case-action-confirm').click();
    await settled(page, 'case-action-complete', '审核通过');
    expect(await page.getByTestId('case-events').textContent()).toContain('审核通过');
  } finally {
    await desk.close();
  }
}

async function act(page: Page, action: string, dialogText: string, next: string) {
  await page.getByTestId(`case-action-${action}`).click();
  const dialog = page.getByRole('dialog').filter({ hasText: dialogText });
  await openedAtOnce(dialog);
  await dialog.getByTestId('case-action-confirm').click();
  await settled(page, next, dialogText);
}

/**
 * The dialog is there at once, not zooming in: the journeys ask for reduced motion (launchBrowser), which the console
 * honours. A click during the zoom could land beside the button (the stalls this ended).
 */
export async function openedAtOnce(dialog: Locator): Promise<void> {
  await dialog.waitFor();
  const running = await dialog.evaluate(
    (el) => el.getAnimations({ subtree: true }).filter((a) => a.playState === 'running').length,
  );
  expect(running, 'animations still running on the dialog just opened').toBe(0);
}

/**
 * For a failure that would otherwise say only "no outcome": the open dialogs (their text, the confirm button's state,
 * the inputs' values), the field errors and alerts on the page, and the action buttons offered. The console's
 * context is closed before a failed test's own report runs, so this is read at the failure. With E2E_SCREENSHOTS set,
 * a screenshot is kept too.
 */
async function whatTheConsoleShows(page: Page): Promise<string> {
  try {
    const shown = await page.evaluate(() => {
      const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || el.getClientRects().length > 0;
      const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
      const dialogs = [...document.querySelectorAll('.ant-modal-wrap, .ant-drawer, [role="dialog"]')]
        .filter((d) => visible(d) && !d.parentElement?.closest('.ant-modal-wrap, .ant-drawer, [role="dialog"]'))
        .map((d) => {
          const confirm = d.querySelector('[data-testid="case-action-confirm"]');
          const inputs = [...d.querySelectorAll('input, textarea')].map(
            (i) => `${i.id || i.getAttribute('data-testid') || '?'}=${JSON.stringify((i as HTMLInputElement).value)}`,
          );
          return `dialog: ${text(d)}\n    confirm: ${
            confirm
              ? `${(confirm as HTMLButtonElement).disabled ? 'disabled' : 'enabled'}${confirm.classList.contains('ant-btn-loading') ? ', loading' : ''}`
              : 'none'
          }; inputs: ${inputs.join(', ') || 'none'}`;
        });
      const errors = [...document.querySelectorAll('.ant-form-item-explain-error, [role="alert"]')]
        .filter(visible)
        .map(text)
        .filter(Boolean);
      const actions = [...document.querySelectorAll('[data-testid^="case-action-"]')]
        .filter((b) => b.tagName === 'BUTTON' && visible(b))
        .map((b) => b.getAttribute('data-testid'));
      return { dialogs, errors, actions };
    });
    const dir = process.env.E2E_SCREENSHOTS;
    if (dir) await page.screenshot({ path: path.join(dir, `console-no-outcome-${Date.now()}.png`) });
    return [
      `the console at the failure (${page.url()}):`,
      ...(shown.dialogs.length ? shown.dialogs.map((d) => `  ${d}`) : ['  no dialog open']),
      `  errors and alerts: ${shown.errors.length ? shown.errors.join(' | ') : 'none'}`,
      `  action buttons: ${shown.actions.join(', ') || 'none'}`,
    ].join('\n');
  } catch (err) {
    return `the console could not be read: ${String(err)}`;
  }
}

/**
 * The next action offered, or the server's refusal in the dialog, or an error in the drawer: a failure says which.
 * (The drawer's other alerts are information: where to collect, the department's 制发.)
 */
async function settled(page: Page, nextTestId: string, step: string) {
  const drawerErrors = page.getByTestId('case-detail').locator('.ant-alert-error');
  await page
    .getByTestId(nextTestId)
    .or(page.getByTestId('case-action-error'))
    .or(drawerErrors)
    .first()
    .waitFor({ timeout: 45_000 })
    .catch(async (err: unknown) => {
      throw new Error(`${step}: the console showed no outcome\n${await whatTheConsoleShows(page)}`, { cause: err });
    });
  expect(await page.getByTestId('case-action-error').allTextContents()).toEqual([]);
  expect(await drawerErrors.allTextContents()).toEqual([]);
}
