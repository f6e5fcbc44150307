// @vitest-environment happy-dom
import { APPOINTMENT_SERVICES, type AvailableSlot } from '@yss/contracts';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  APPT_SERVICE,
  allByTestId,
  appointment,
  byTestId,
  type Call,
  findByTestId,
  json,
  mockFetch,
  problem,
  renderRoute,
  serviceDetail,
  slot,
} from '../test/harness';
import { cleanup, click, flush, typeInto, waitFor } from '../test/render';
import Book from './Book';

const routes = [{ path: '/book/:serviceId', element: <Book /> }];
const SLOTS_URL = `/api/v1/appointments/slots?serviceId=${APPT_SERVICE}&city=440100`;

const ID = {
  d1a: '11111111-1111-4111-8111-111111111111',
  d1b: '11111111-1111-4111-8111-111111111112',
  d1full: '11111111-1111-4111-8111-111111111113',
  d1yx: '11111111-1111-4111-8111-111111111114',
  d2: '22222222-2222-4222-8222-222222222221',
  d3a: '33333333-3333-4333-8333-333333333331',
  d3b: '33333333-3333-4333-8333-333333333332',
};

/** 12月1日 (周二): two places, one window full; 12月2日 (周三): nothing left; 12月3日 (周四): two windows. */
function theSlots(over: Record<string, Partial<AvailableSlot>> = {}): AvailableSlot[] {
  const yx = { place: '越秀区婚姻登记处', address: '广州市越秀区东风中路2号' };
  return [
    slot({ id: ID.d3b, date: '2026-12-03', start: '10:00', end: '10:30', remaining: 2, ...over[ID.d3b] }),
    slot({ id: ID.d1a, date: '2026-12-01', start: '09:00', end: '09:30', remaining: 5, ...over[ID.d1a] }),
    slot({ id: ID.d1b, date: '2026-12-01', start: '09:30', end: '10:00', remaining: 1, ...over[ID.d1b] }),
    slot({ id: ID.d1yx, date: '2026-12-01', start: '09:00', end: '09:30', remaining: 3, ...yx, ...over[ID.d1yx] }),
    slot({ id: ID.d1full, date: '2026-12-01', start: '10:00', end: '10:30', remaining: 0, ...over[ID.d1full] }),
    slot({ id: ID.d2, date: '2026-12-02', start: '09:00', end: '09:30', remaining: 0, ...over[ID.d2] }),
    slot({ id: ID.d3a, date: '2026-12-03', start: '09:00', end: '09:30', remaining: 4, ...over[ID.d3a] }),
  ];
}

const SERVICE = serviceDetail({
  id: APPT_SERVICE,
  name: '补领结婚证/离婚证预约',
  nameEn: 'Marriage/divorce certificate replacement appointment',
  kind: 'appointment',
  availableCities: ['440100', '440300'],
});

type Reply = ReturnType<typeof json> | Promise<never>;

/** The service offered, no appointments yet; `slots(n)` answers the n-th slot load, `book(call, n)` each POST. */
function backend({
  slots = () => json(200, slotsBody(theSlots())),
  book = () => json(201, appointment()),
  service = SERVICE,
  eligibility = (call: Call) => json(200, eligible(call)),
  calendar,
}: {
  slots?: (n: number) => Reply;
  book?: (call: Call, n: number) => Reply;
  service?: typeof SERVICE;
  eligibility?: (call: Call) => Reply;
  /** GET /api/v1/work-calendar (none: 404, the picker shows the slot dates only) */
  calendar?: (call: Call) => Reply;
} = {}) {
  let slotLoads = 0;
  let books = 0;
  return mockFetch((call) => {
    if (call.url.startsWith(`/api/v1/services/${APPT_SERVICE}`)) return json(200, service);
    if (call.url.startsWith('/api/v1/me/appointments/eligibility')) return eligibility(call);
    if (call.url === '/api/v1/delegations') return json(200, { asAgent: [FOR_CHILD_DELEGATION], asPrincipal: [] });
    if (call.url.startsWith('/api/v1/work-calendar') && calendar) return calendar(call);
    if (call.url.startsWith('/api/v1/appointments/slots')) {
      slotLoads += 1;
      return slots(slotLoads);
    }
    if (call.url.startsWith('/api/v1/me/appointments') && call.method === 'GET') return json(200, []);
    if (call.url.startsWith('/api/v1/me/appointments') && call.method === 'POST' && !call.url.includes('/cancel')) {
      books += 1;
      return book(call, books);
    }
    return undefined;
  });
}

const FOR_CHILD = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
/** 张伟's guardian link to his son, covering this service. */
const FOR_CHILD_DELEGATION = {
  id: FOR_CHILD,
  role: 'agent',
  kind: 'guardian',
  otherParty: { nameMasked: '张**', idNumberMasked: '440***********0038', relationLabel: '儿子' },
  status: 'active',
  services: [{ id: APPT_SERVICE, name: '补领结婚证/离婚证预约' }],
};

/** 是否可以预约: yes, for whoever was asked about. */
function eligible(call: Call) {
  const forId = new URL(call.url, 'http://x').searchParams.get('for');
  return {
    serviceId: APPT_SERVICE,
    eligible: true,
    code: null,
    reason: null,
    forOthers: forId !== null,
    applicantNameMasked: forId ? '张**' : '张*',
  };
}

function slotsBody(slots: AvailableSlot[]) {
  return { serviceId: APPT_SERVICE, serviceName: '补领结婚证/离婚证预约', cityCode: '440100', cityName: '广州', slots };
}

const dates = () => allByTestId('slot-date');
const times = () => allByTestId('slot-time');
const timeById = (id: string) => {
  const el = times().find((b) => b.dataset.slotId === id);
  if (!el) throw new Error(`no window ${id}`);
  return el as HTMLButtonElement;
};
const activeDate = () => dates().find((d) => d.getAttribute('aria-pressed') === 'true')?.dataset.date;
const bookCalls = (calls: Call[]) => calls.filter((c) => c.url === '/api/v1/me/appointments' && c.method === 'POST');

afterEach(cleanup);

describe('在线预约 (/book/:serviceId): the slot picker', () => {
  it('shows the notice first, then the days that have slots (已约满 on a full day) and the windows by place', async () => {
    const calls = backend();
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    await waitFor(() => expect(dates()).toHaveLength(3));
    // the notice comes before the picker
    const notice = byTestId('book-notice');
    expect(notice.textContent).toContain(APPOINTMENT_SERVICES[APPT_SERVICE]?.notice[0]);
    expect(notice.compareDocumentPosition(byTestId('date-picker')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(calls.some((c) => c.url === SLOTS_URL)).toBe(true);

    // days in order, China-time labels, the full one marked
    expect(dates().map((d) => d.textContent)).toEqual([
      '12月1日 周二可预约',
      '12月2日 周三已约满',
      '12月3日 周四可预约',
    ]);
    expect(dates()[1]?.getAttribute('aria-label')).toBe('12月2日 周三，已约满');
    expect(activeDate()).toBe('2026-12-01');

    // the first day: two places, each with its address; windows by start time; 余 N, or 已约满 and disabled
    const places = allByTestId('slot-place');
    expect(places).toHaveLength(2);
    expect(places[0]?.textContent).toContain('天河区婚姻登记处');
    expect(places[0]?.textContent).toContain('地址：广州市天河区天河路1号');
    expect(places[1]?.textContent).toContain('越秀区婚姻登记处');
    expect(places[1]?.textContent).toContain('广州市越秀区东风中路2号');
    const tianhe = [...(places[0]?.querySelectorAll<HTMLButtonElement>('[data-testid="slot-time"]') ?? [])];
    expect(tianhe.map((b) => b.textContent)).toEqual(['09:00–09:30余 5', '09:30–10:00余 1', '10:00–10:30已约满']);
    expect(tianhe.map((b) => b.disabled)).toEqual([false, false, true]);
    expect(tianhe[2]?.getAttribute('aria-label')).toBe('10:00–10:30，已约满');
    expect(places[1]?.querySelectorAll('[data-testid="slot-time"]')).toHaveLength(1);

    // a full day shows its windows, all disabled, and says so
    await click(dates()[1] as HTMLElement);
    expect(activeDate()).toBe('2026-12-02');
    expect(byTestId('day-full').textContent).toBe('当天已约满，请选择其他日期');
    expect(times().every((b) => (b as HTMLButtonElement).disabled)).toBe(true);

    await click(dates()[2] as HTMLElement);
    expect(times().map((b) => b.dataset.slotId)).toEqual([ID.d3a, ID.d3b]);
    expect(allByTestId('slot-place')).toHaveLength(1);
  });

  it('starts on the first day with places left', async () => {
    backend({
      slots: () =>
        json(
          200,
          slotsBody(theSlots({ [ID.d1a]: { remaining: 0 }, [ID.d1b]: { remaining: 0 }, [ID.d1yx]: { remaining: 0 } })),
        ),
    });
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    await waitFor(() => expect(dates()).toHaveLength(3));
    expect(dates()[0]?.textContent).toContain('已约满');
    expect(activeDate()).toBe('2026-12-03');
  });

  it('shows a holiday of the 工作日历 among the dates as closed, with its name, not choosable', async () => {
    const holiday = (date: string, statutory: boolean) => ({
      date,
      kind: 'holiday',
      holidayName: '国庆节',
      statutory,
      working: false,
    });
    const calls = backend({
      slots: () =>
        json(
          200,
          slotsBody([
            slot({ id: ID.d1a, date: '2026-09-30', start: '09:00', end: '09:30', remaining: 5 }),
            slot({ id: ID.d3a, date: '2026-10-08', start: '09:00', end: '09:30', remaining: 4 }),
          ]),
        ),
      calendar: () =>
        json(200, {
          from: '2026-09-29',
          to: '2026-10-12',
          // a plain weekend day is not shown: only holidays
          days: [
            holiday('2026-10-01', true),
            holiday('2026-10-02', true),
            { date: '2026-10-10', kind: 'makeup-workday', holidayName: '国庆节', statutory: false, working: true },
            { date: '2026-10-11', kind: 'restday', holidayName: null, statutory: false, working: false },
          ],
          knownYears: [2026],
        }),
    });
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    await waitFor(() => expect(allByTestId('closed-date')).toHaveLength(2));
    expect(calls.some((c) => c.url.startsWith('/api/v1/work-calendar?from='))).toBe(true);
    const picker = byTestId('date-picker');
    expect([...picker.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      '9月30日 周三可预约',
      '10月1日 周四国庆节休息',
      '10月2日 周五国庆节休息',
      '10月8日 周四可预约',
    ]);
    const closed = allByTestId('closed-date')[0] as HTMLButtonElement;
    expect(closed.disabled).toBe(true);
    expect(closed.getAttribute('aria-label')).toBe('10月1日 周四，国庆节休息');
    expect(dates()).toHaveLength(2);
  });

  it('says 暂无可预约时段 when there are no slots at all, with a way back', async () => {
    backend({ slots: () => json(200, slotsBody([])) });
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    const empty = await findByTestId('book-empty');
    expect(empty.textContent).toContain('暂无可预约时段，请稍后再试');
    expect(empty.querySelector(`a[href="/services/${APPT_SERVICE}"]`)).not.toBeNull();
    expect(allByTestId('date-picker')).toHaveLength(0);
  });

  it('in a city that does not offer the service, says so in the catalog’s words with a way back', async () => {
    backend({ service: { ...SERVICE, available: false, unavailableReason: '暂不支持深圳' } as typeof SERVICE });
    await renderRoute(routes, `/book/${APPT_SERVICE}`, { city: '440300' });
    const block = await findByTestId('book-not-offered');
    expect(block.textContent).toContain('暂不支持深圳');
    expect(block.textContent).toContain('返回服务页面');
  });

  it('shows SERVICE_NOT_IN_CITY of the slots in the server’s words', async () => {
    backend({ slots: () => problem(409, 'SERVICE_NOT_IN_CITY', '当前城市暂不支持该服务', '暂不支持深圳') });
    await renderRoute(routes, `/book/${APPT_SERVICE}`, { city: '440300' });
    const block = await findByTestId('book-not-offered');
    expect(block.textContent).toContain('暂不支持深圳');
  });

  it('reads in English', async () => {
    backend();
    await renderRoute(routes, `/book/${APPT_SERVICE}`, { lang: 'en' });
    await waitFor(() => expect(dates()).toHaveLength(3));
    expect(dates()[0]?.textContent).toBe('Tue 1 Decavailable');
    expect(dates()[1]?.textContent).toContain('Fully booked');
    expect(byTestId('book-notice').textContent).toContain(APPOINTMENT_SERVICES[APPT_SERVICE]?.noticeEn[0]);
    expect(timeById(ID.d1a).querySelector('.appt-time-state')?.textContent).toBe('5 left');
    expect(timeById(ID.d1a).getAttribute('aria-label')).toBe('09:00–09:30, 5 left');
  });
});

describe('在线预约: booking', () => {
  it('confirms in a sheet (service, place, address, time, the masked applicant), then books once per attempt: a retry sends the same submissionId', async () => {
    const calls = backend({
      book: (_call, n) => (n === 1 ? Promise.reject(new TypeError('Failed to fetch')) : json(201, appointment())),
    });
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    await waitFor(() => expect(dates()).toHaveLength(3));
    await click(timeById(ID.d1b));
    const sheet = await findByTestId('confirm-sheet');
    expect(timeById(ID.d1b).getAttribute('aria-pressed')).toBe('true');
    const facts = byTestId('confirm-facts').textContent ?? '';
    expect(facts).toContain('补领结婚证/离婚证预约');
    expect(facts).toContain('天河区婚姻登记处');
    expect(facts).toContain('广州市天河区天河路1号');
    expect(byTestId('confirm-time').textContent).toBe('2026年12月1日 周二 09:30–10:00');
    expect(byTestId('confirm-applicant').textContent).toBe(ACCOUNT.realName?.nameMasked);
    expect(facts).toContain('440***********123X');
    expect(sheet.textContent).toContain('确认预约');

    // the answer is lost: say so, keep the sheet
    await click(byTestId('confirm-submit'));
    await waitFor(() => expect(byTestId('confirm-error').textContent).toContain('网络连接失败'));
    expect(allByTestId('confirm-sheet')).toHaveLength(1);

    await click(byTestId('confirm-submit'));
    await findByTestId('book-done');
    const [first, second] = bookCalls(calls).map((c) => c.body as Record<string, unknown>);
    expect(bookCalls(calls)).toHaveLength(2);
    expect(first).toEqual({ slotId: ID.d1b, submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(second).toEqual(first);

    // 预约成功: 预约号, when and where, what to bring, and where next
    const done = byTestId('book-done');
    expect(done.textContent).toContain('预约成功');
    expect(byTestId('appointment-number').textContent).toBe('YY2026112800001');
    expect(byTestId('done-time').textContent).toBe('2099年11月28日 周六 09:00–09:30');
    expect(byTestId('done-place').textContent).toBe('天河区婚姻登记处');
    expect(byTestId('done-notice').textContent).toContain('补领结婚证须双方共同到场');
    expect(byTestId('view-mine').getAttribute('href')).toBe('/appointments');
    expect(done.querySelector('a[href="/"]')?.textContent).toBe('返回首页');
  });

  it('a double tap on 确认预约 books once', async () => {
    let release: (v: unknown) => void = () => {};
    const calls = backend({
      book: () =>
        new Promise((resolve) => {
          release = resolve;
        }).then(() => json(201, appointment())) as Promise<never>,
    });
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    await waitFor(() => expect(dates()).toHaveLength(3));
    await click(timeById(ID.d1a));
    const submit = await findByTestId('confirm-submit');
    await act(async () => {
      submit.click();
      submit.click();
    });
    await flush();
    expect(bookCalls(calls)).toHaveLength(1);
    release(undefined);
    await findByTestId('book-done');
    expect(bookCalls(calls)).toHaveLength(1);
  });

  it('on SLOT_FULL says so in the server’s words, loads the slots again and keeps the chosen date; a new attempt has a new submissionId', async () => {
    const calls = backend({
      slots: (n) => json(200, slotsBody(theSlots(n === 1 ? {} : { [ID.d3a]: { remaining: 0 } }))),
      book: (_call, n) =>
        n === 1
          ? problem(409, 'SLOT_FULL', '该时段已约满，请选择其他时段', '该时段已约满，请选择其他时段')
          : json(201, appointment()),
    });
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    await waitFor(() => expect(dates()).toHaveLength(3));
    await click(dates()[2] as HTMLElement);
    await click(timeById(ID.d3a));
    await click(await findByTestId('confirm-submit'));

    await waitFor(() => expect(byTestId('book-error').textContent).toBe('该时段已约满，请选择其他时段'));
    await waitFor(() => expect(calls.filter((c) => c.url === SLOTS_URL)).toHaveLength(2));
    await waitFor(() => expect(timeById(ID.d3a).disabled).toBe(true));
    expect(activeDate()).toBe('2026-12-03');
    expect(timeById(ID.d3a).textContent).toContain('已约满');
    expect(allByTestId('confirm-sheet')).toHaveLength(0);

    await click(timeById(ID.d3b));
    await click(await findByTestId('confirm-submit'));
    await findByTestId('book-done');
    const [first, second] = bookCalls(calls).map((c) => c.body as { slotId: string; submissionId: string });
    expect(second?.slotId).toBe(ID.d3b);
    expect(second?.submissionId).not.toBe(first?.submissionId);
  });

  it('on APPOINTMENT_EXISTS says so with a link to 我的预约', async () => {
    backend({ book: () => problem(409, 'APPOINTMENT_EXISTS', '您已预约该事项，请勿重复预约') });
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    await waitFor(() => expect(dates()).toHaveLength(3));
    await click(timeById(ID.d1a));
    await click(await findByTestId('confirm-submit'));
    await waitFor(() => expect(byTestId('book-error').textContent).toContain('您已预约该事项，请勿重复预约'));
    expect(byTestId('book-error-mine').getAttribute('href')).toBe(`/appointments?service=${APPT_SERVICE}`);
  });

  it('asks for a fresh verification before the picker, like other personal pages', async () => {
    mockFetch((call) => {
      if (call.url.startsWith(`/api/v1/services/${APPT_SERVICE}`)) return json(200, SERVICE);
      if (call.url.startsWith('/api/v1/me/appointments')) {
        return problem(403, 'VERIFICATION_REQUIRED', '需要验证身份', '为保护您的个人信息，请先完成身份验证');
      }
      return json(200, slotsBody(theSlots()));
    });
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    const prompt = await findByTestId('verify-prompt');
    expect(prompt.textContent).toContain('为保护您的个人信息，请先完成身份验证');
    expect(allByTestId('date-picker')).toHaveLength(0);
  });

  it('points to the upcoming appointment already made for the service', async () => {
    mockFetch((call) => {
      if (call.url.startsWith(`/api/v1/services/${APPT_SERVICE}`)) return json(200, SERVICE);
      if (call.url.startsWith('/api/v1/me/appointments/eligibility')) return json(200, eligible(call));
      if (call.url.startsWith('/api/v1/me/appointments')) return json(200, [appointment()]);
      if (call.url.startsWith('/api/v1/appointments/slots')) return json(200, slotsBody(theSlots()));
      return undefined;
    });
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    const hint = await findByTestId('book-existing');
    expect(hint.textContent).toContain('2099年11月28日 周六 09:00–09:30');
    expect(hint.querySelector('a')?.getAttribute('href')).toBe(`/appointments/${appointment().id}`);
  });

  it('asks 是否可以预约 before the picker: a refusal shows the reason (for the chosen person) and a way back', async () => {
    const calls = backend({
      service: { ...SERVICE, whoMayAct: 'self-or-others' },
      eligibility: (call) =>
        call.url.includes('for=')
          ? json(200, {
              serviceId: APPT_SERVICE,
              eligible: false,
              code: 'APPOINTMENT_NOT_ELIGIBLE',
              reason: '预约办证服务：目前支持除深圳以外的广东省户籍居民。',
              forOthers: true,
              applicantNameMasked: '张**',
            })
          : json(200, eligible(call)),
    });
    // 佛山: the catalog entry (kept for a few minutes) is not the self-only one of the other tests
    await renderRoute(routes, `/book/${APPT_SERVICE}`, { city: '440600' });
    const picker = await findByTestId('for-whom');
    expect(picker.textContent).toContain('张**（儿子）');
    await findByTestId('date-picker');
    await click(byTestId(`for-${FOR_CHILD}`));
    const refused = await findByTestId('eligibility-refused');
    expect(refused.textContent).toContain('暂不符合预约条件');
    expect(byTestId('eligibility-reason').textContent).toBe(
      '为 张** 办理：预约办证服务：目前支持除深圳以外的广东省户籍居民。',
    );
    expect(allByTestId('date-picker')).toHaveLength(0);
    // under the header's 在线预约, the refusal still says which service it is about
    expect(byTestId('book-service').textContent).toBe(SERVICE.name);
    // back to 本人: the picker again, and the booking goes without ?for=
    await click(byTestId('for-self'));
    await findByTestId('date-picker');
    expect(calls.filter((c) => c.url.includes('/appointments/eligibility')).map((c) => c.url)).toEqual([
      `/api/v1/me/appointments/eligibility?serviceId=${APPT_SERVICE}&city=440600`,
      `/api/v1/me/appointments/eligibility?serviceId=${APPT_SERVICE}&city=440600&for=${FOR_CHILD}`,
      `/api/v1/me/appointments/eligibility?serviceId=${APPT_SERVICE}&city=440600`,
    ]);
  });

  it('books for the chosen person with ?for= and shows them as the applicant in the confirm sheet', async () => {
    const calls = backend({ service: { ...SERVICE, whoMayAct: 'self-or-others' } });
    await renderRoute(routes, `/book/${APPT_SERVICE}`, { city: '440500' });
    await findByTestId('for-whom');
    await click(byTestId(`for-${FOR_CHILD}`));
    await findByTestId('date-picker');
    await click(timeById(ID.d1a));
    expect((await findByTestId('confirm-applicant')).textContent).toBe('张**');
    expect(document.body.textContent).toContain('预约人为被代办人');
    await click(byTestId('confirm-submit'));
    await findByTestId('book-done');
    const posted = calls.filter((c) => c.method === 'POST' && c.url.startsWith('/api/v1/me/appointments'));
    expect(posted.map((c) => c.url)).toEqual([`/api/v1/me/appointments?for=${FOR_CHILD}`]);
  });
});

describe('年审预约: 选择车辆 before the time', () => {
  const NIANSHEN = 'nianshen-yuyue';
  const CARS = [
    { id: '粤AF37725', label: '粤AF37725（小型新能源汽车）', detail: '比亚迪 · 检验有效期至2027-05-31' },
    { id: '粤A6R35P', label: '粤A6R35P（小型普通客车）', detail: '大众 · 检验有效期至2026-03-31' },
  ];
  const station = serviceDetail({ id: NIANSHEN, name: '年审预约', nameEn: 'Annual inspection', kind: 'appointment' });

  function inspectionBackend(subjects: typeof CARS, mine: ReturnType<typeof appointment>[] = []) {
    return mockFetch((call) => {
      if (call.url.startsWith(`/api/v1/services/${NIANSHEN}`)) return json(200, station);
      if (call.url.startsWith('/api/v1/me/appointments/eligibility'))
        return json(200, { ...eligible(call), serviceId: NIANSHEN });
      if (call.url.startsWith('/api/v1/me/appointments/subjects'))
        return json(200, { serviceId: NIANSHEN, kind: 'vehicle', subjects });
      if (call.url.startsWith('/api/v1/appointments/slots'))
        return json(200, { ...slotsBody(theSlots()), serviceId: NIANSHEN, serviceName: '年审预约' });
      if (call.url.startsWith('/api/v1/me/appointments') && call.method === 'GET') return json(200, mine);
      if (call.url === '/api/v1/me/appointments' && call.method === 'POST') {
        return json(
          201,
          appointment({ serviceId: NIANSHEN, serviceName: '年审预约', subjectLabel: '粤A6***P（小型普通客车）' }),
        );
      }
      return undefined;
    });
  }

  it('lists the owner’s vehicles from the traffic police; the time comes once one is chosen, and the booking names it', async () => {
    const calls = inspectionBackend(CARS);
    await renderRoute(routes, `/book/${NIANSHEN}`);
    await waitFor(() => expect(allByTestId('book-subject')).toHaveLength(2));
    expect(calls.some((c) => c.url === `/api/v1/me/appointments/subjects?serviceId=${NIANSHEN}&city=440100`)).toBe(
      true,
    );
    expect(byTestId('book-subjects').textContent).toContain('以下为公安交通管理部门登记在您名下的机动车');
    expect(allByTestId('book-subject').map((s) => s.textContent?.trim())).toEqual([
      '粤AF37725（小型新能源汽车）比亚迪 · 检验有效期至2027-05-31',
      '粤A6R35P（小型普通客车）大众 · 检验有效期至2026-03-31',
    ]);
    // two cars: none chosen for the citizen, and no time yet
    expect(byTestId('book-subject-first').textContent).toBe('请先选择车辆，再选择预约时间。');
    expect(allByTestId('date-picker')).toHaveLength(0);

    await click(allByTestId('book-subject')[1]?.querySelector('input') as HTMLElement);
    await waitFor(() => expect(dates()).toHaveLength(3));
    await click(timeById(ID.d1a));
    expect((await findByTestId('confirm-subject')).textContent).toBe('粤A6R35P（小型普通客车）');
    await click(byTestId('confirm-submit'));
    await findByTestId('book-done');
    expect(bookCalls(calls).map((c) => c.body)).toEqual([
      { slotId: ID.d1a, submissionId: expect.any(String), subjectId: '粤A6R35P' },
    ]);
    expect(byTestId('done-subject').textContent).toBe('粤A6***P（小型普通客车）');
  });

  it('names the car of an upcoming inspection already booked, and lets another car be booked', async () => {
    inspectionBackend(CARS, [
      appointment({ serviceId: NIANSHEN, serviceName: '年审预约', subjectLabel: '粤AF***5（小型新能源汽车）' }),
    ]);
    await renderRoute(routes, `/book/${NIANSHEN}`);
    const hint = await findByTestId('book-existing');
    expect(hint.textContent).toContain('您已为粤AF***5（小型新能源汽车）预约该事项');
    expect(hint.textContent).toContain('其他车辆可继续预约');
    await waitFor(() => expect(allByTestId('book-subject')).toHaveLength(2));
  });

  it('chooses the only vehicle for the citizen', async () => {
    inspectionBackend(CARS.slice(0, 1));
    await renderRoute(routes, `/book/${NIANSHEN}`);
    await waitFor(() => expect(dates()).toHaveLength(3));
    const only = allByTestId('book-subject')[0]?.querySelector('input') as HTMLInputElement;
    expect(only.checked).toBe(true);
  });

  it('says so when the traffic police have no vehicle in the applicant’s name', async () => {
    inspectionBackend([]);
    await renderRoute(routes, `/book/${NIANSHEN}`);
    const empty = await findByTestId('book-subjects-empty');
    expect(empty.textContent).toContain('交管部门未查询到登记在您名下的机动车。');
    expect(empty.textContent).toContain('机动车年审须由机动车所有人预约');
    expect(allByTestId('date-picker')).toHaveLength(0);
  });
});

describe('开锁便民服务: where to come and whom to call', () => {
  const KAISUO = 'kaisuo-bianmin-fuwu';
  const locksmith = serviceDetail({
    id: KAISUO,
    name: '开锁便民服务',
    nameEn: 'Locksmith service',
    kind: 'appointment',
  });
  const BOOKED = appointment({
    serviceId: KAISUO,
    serviceName: '开锁便民服务',
    visit: { addressMasked: '广州市天河区****', phoneMasked: '139****5678' },
  });

  function locksmithBackend(book: (call: Call) => ReturnType<typeof json>) {
    return mockFetch((call) => {
      if (call.url.startsWith(`/api/v1/services/${KAISUO}`)) return json(200, locksmith);
      if (call.url.startsWith('/api/v1/me/appointments/eligibility'))
        return json(200, { ...eligible(call), serviceId: KAISUO });
      if (call.url.startsWith('/api/v1/appointments/slots'))
        return json(200, { ...slotsBody(theSlots()), serviceId: KAISUO, serviceName: '开锁便民服务' });
      if (call.url.startsWith('/api/v1/me/appointments') && call.method === 'GET') return json(200, []);
      if (call.url === '/api/v1/me/appointments' && call.method === 'POST') return book(call);
      return undefined;
    });
  }

  it('asks the address and phone in the confirm sheet, shows the server’s words under each, and books with them', async () => {
    let attempts = 0;
    const calls = locksmithBackend(() => {
      attempts += 1;
      return attempts === 1
        ? json(400, {
            type: '/api/problems/VALIDATION_FAILED',
            title: '提交的信息有误',
            status: 400,
            code: 'VALIDATION_FAILED',
            detail: '请检查标红的内容',
            errors: [
              { path: 'visit.address', message: '请填写详细地址（区、街道、门牌号）' },
              { path: 'visit.phone', message: '请输入正确的11位手机号码' },
            ],
          })
        : json(201, BOOKED);
    });
    await renderRoute(routes, `/book/${KAISUO}`);
    await waitFor(() => expect(dates()).toHaveLength(3));
    await click(timeById(ID.d1a));
    // the visit reaches the city only, as the guide says (开锁服务支持当前市区范围)
    expect((await findByTestId('visit-fields')).textContent).toContain('仅限广州市范围内，请写明所在区、街道、门牌号');
    await typeInto(byTestId('visit-address'), '天河区');
    await typeInto(byTestId('visit-phone'), '1390000');
    await click(byTestId('confirm-submit'));
    expect((await findByTestId('visit-address-error')).textContent).toBe('请填写详细地址（区、街道、门牌号）');
    expect(byTestId('visit-phone-error').textContent).toBe('请输入正确的11位手机号码');
    await typeInto(byTestId('visit-address'), '广州市天河区天河北路233号1203房');
    await typeInto(byTestId('visit-phone'), '13912345678');
    await click(byTestId('confirm-submit'));
    await findByTestId('book-done');
    const bodies = bookCalls(calls).map((c) => c.body as { visit: unknown; submissionId: string });
    expect(bodies[1]?.visit).toEqual({ address: '广州市天河区天河北路233号1203房', phone: '13912345678' });
    // another address is another attempt, not a retry of the refused one
    expect(bodies[1]?.submissionId).not.toBe(bodies[0]?.submissionId);
    expect(byTestId('book-done').textContent).toContain('请在预约时段内于上门地址等候，并保持手机畅通。');
    expect(byTestId('done-visit-address').textContent).toBe('广州市天河区****');
    expect(byTestId('done-visit-phone').textContent).toBe('139****5678');
  });

  it('asks nothing of the kind for a service the citizen goes to', async () => {
    backend();
    await renderRoute(routes, `/book/${APPT_SERVICE}`);
    await waitFor(() => expect(dates()).toHaveLength(3));
    await click(timeById(ID.d1a));
    await findByTestId('confirm-facts');
    expect(allByTestId('visit-fields')).toHaveLength(0);
  });
});
