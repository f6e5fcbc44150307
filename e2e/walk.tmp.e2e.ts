import { afterAll, beforeAll, describe, it } from 'vitest';
import { endJourney, type Journey, loginVerifiedCitizen, startJourney, ZHANG_WEI } from './support.js';

const dir = '/tmp/shots';
describe('walk', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => endJourney(j));

  it('walks', async () => {
    const { page, platform } = j;
    const shot = async (name: string, url: string, wait = 1500) => {
      await page.goto(`${platform.baseUrl}${url}`);
      await page.waitForTimeout(wait);
      await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
    };
    await shot('00-home-anon', '/');
    await loginVerifiedCitizen(page, platform.baseUrl, ZHANG_WEI);
    await shot('01-home', '/');
    await shot('02-shebao', '/lookups/social-insurance', 2500);
    await shot('03-gjj', '/lookups/housing-fund', 2500);
    await shot('04-tax', '/lookups/income-tax', 2500);
    await shot('05-wallet', '/wallet', 2000);
    await shot('06-wallet-add', '/wallet/add', 2000);
    await shot('07-verify', '/verify', 2000);
    await shot('08-me', '/me', 1500);
    await shot('09-access-log', '/me/access-log', 2500);
    await page.evaluate(() => localStorage.setItem('yss.care', '1'));
    await shot('10-shebao-care', '/lookups/social-insurance', 2500);
    await shot('11-home-care', '/', 1500);
    await page.evaluate(() => localStorage.setItem('yss.care', '0'));
    await shot('12-shebao-bad', '/lookups/social-insurance?from=2025-13&to=abc', 2500);
    const res = await page.evaluate(async () => {
      const r = await fetch('/api/v1/lookups/social-insurance/contributions?city=440100&from=2025-13&to=2025-01');
      return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
    });
    console.log('BAD INPUT', JSON.stringify(res));
  });
});
