import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { demoPerson } from '../departments/kit/demo.js';
import { CASE_FILE_TYPES, caseFile } from './case-files.js';
import { citizenClient, SESSION_COOKIE } from './citizen-client.js';
import { staffLogin } from './staff-login.js';
import type { TestApp } from './test-app.js';

/**
 * The 办件 journey as the case suites walk it: demo people logged in once each (real name, PIN, a fresh
 * verification), materials uploaded, a case submitted, the reviewer's 受理 then 审核通过. One login per reviewer
 * (a TOTP code is accepted once); uploads come from their own client addresses (`uploadNet`, e.g. '10.9') so the
 * per-session upload limit and per-IP limits do not leak between suites.
 */
export function caseFlow(t: () => TestApp, uploadNet = '10.9') {
  const c = citizenClient(t);
  const cookies = new Map<string, string>();
  const staffCookies = new Map<string, string>();
  let ip = 0;

  /** The session cookie of a demo person (张伟, 刘洋 …), logged in and verified on first use. */
  const citizen = async (name: string) => {
    let cookie = cookies.get(name);
    if (!cookie) {
      cookie = (await c.verifiedAccount(demoPerson(name))).cookie;
      cookies.set(name, cookie);
    }
    return cookie;
  };
  /** The Cookie header of a demo reviewer's staff session. */
  const reviewer = async (username: string) => {
    let cookie = staffCookies.get(username);
    if (!cookie) {
      cookie = await staffLogin(c.call, username);
      staffCookies.set(username, cookie);
    }
    return cookie;
  };
  const staff = async (username: string, method: 'GET' | 'POST', url: string, body?: object) =>
    c.call(method, url, body, undefined, { cookie: await reviewer(username) });

  /** One JPEG uploaded by the cookie's owner: its attachment id. */
  const upload = async (cookie: string) => {
    const res = await t().app.inject({
      method: 'POST',
      url: '/api/v1/me/attachments',
      headers: {
        'x-forwarded-for': `${uploadNet}.${Math.floor(++ip / 250)}.${ip % 250}`,
        cookie: `${SESSION_COOKIE}=${cookie}`,
        'content-type': CASE_FILE_TYPES.jpeg,
      },
      payload: caseFile('jpeg').bytes,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  /** A submission by a demo person with one file per slot: the raw response (201, or the refusal). */
  const submit = async (name: string, serviceId: string, city: string, form: object, slots: string[]) => {
    const cookie = await citizen(name);
    const attachments: Record<string, string[]> = {};
    for (const slot of slots) attachments[slot] = [await upload(cookie)];
    return c.call(
      'POST',
      '/api/v1/me/cases',
      { serviceId, city, form, attachments, submissionId: randomUUID() },
      cookie,
    );
  };

  /** 受理 then 审核通过 by `username` (`approval`: the collection, a note …): the console's case detail. */
  const approve = async (username: string, caseId: string, approval: object = {}) => {
    const url = `/api/v1/console/cases/${caseId}/actions`;
    const accepted = await staff(username, 'POST', url, { action: 'accept', version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const approved = await staff(username, 'POST', url, { action: 'approve', version: 2, ...approval });
    expect(approved.statusCode, approved.body).toBe(200);
    return approved.json();
  };

  /** The applicant's view of a case. */
  const mine = async (name: string, caseId: string) =>
    (await c.call('GET', `/api/v1/me/cases/${caseId}`, undefined, await citizen(name))).json();

  return { c, citizen, reviewer, staff, upload, submit, approve, mine };
}
