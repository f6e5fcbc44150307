// @vitest-environment happy-dom
import type { Appointment } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import {
  APPOINTMENT_ID,
  APPT_SERVICE,
  allByTestId,
  appointment,
  byTestId,
  detailPageSuite,
  findByTestId,
  json,
  mockFetch,
  problem,
  renderRoute,
  slot,
} from '../test/harness';
import { click, flush, typeInto, waitFor } from '../test/render';
import AppointmentDetailPage from './AppointmentDetail';
import Appointments from './Appointments';

const { routes, backend } = detailPageSuite<Appointment>({
  routes: [
    { path: '/appointments', element: <Appointments /> },
    { path: '/appointments/:id', element: <AppointmentDetailPage /> },
  ],
  detailUrl: `/api/v1/me/appointments/${APPOINTMENT_ID}`,
});
const CANCELLED = {
  status: 'cancelled',
  statusLabel: '已取消',
  statusLabelEn: 'Cancelled',
  canCancel: false,
  cancelledAt: '2026-11-27T03:00:00.000Z',
} as const;

const confirmButton = () =>
  [...document.querySelectorAll('.adm-dialog-button')].find((b) => b.textContent === '确认取消') as Element;

describe('预约详情 (/appointments/:id)', () => {
  it('shows the appointment and the notice; cancels after the confirm dialog with the optional reason, then shows 已取消', async () => {
    const calls = backend(appointment(), (call) =>
      call.url.endsWith('/cancel') ? json(200, appointment(CANCELLED)) : undefined,
    );
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    const head = await findByTestId('appointment-head');
    expect(head.textContent).toContain('补领结婚证/离婚证预约');
    expect(byTestId('appointment-status').textContent).toBe('已预约');
    expect(byTestId('appointment-number').textContent).toBe('YY2026112800001');
    expect(byTestId('appointment-time').textContent).toBe('2099年11月28日 周六 09:00–09:30');
    expect(byTestId('appointment-place').textContent).toBe('天河区婚姻登记处');
    expect(head.textContent).toContain('广州市民政局');
    expect(byTestId('appointment-notice').textContent).toContain('补领结婚证须双方共同到场');
    expect(document.querySelector('a[href="/appointments"]')).not.toBeNull();

    await click(byTestId('cancel-appointment'));
    const dialog = await findByTestId('cancel-dialog');
    await typeInto(dialog.querySelector('textarea') as Element, '时间有变');
    await click(confirmButton());
    await waitFor(() => expect(byTestId('appointment-status').textContent).toBe('已取消'));
    const sent = calls.find((c) => c.url === `/api/v1/me/appointments/${APPOINTMENT_ID}/cancel`);
    expect(sent?.method).toBe('POST');
    expect(sent?.body).toEqual({ reason: '时间有变' });
    await flush();
    expect(allByTestId('cancel-appointment')).toHaveLength(0);
    expect(byTestId('appointment-cancelled-at').textContent).toContain('2026年11月27日');
    expect(byTestId('book-again').getAttribute('href')).toBe(`/book/${APPT_SERVICE}`);
  });

  it('sends no reason when none is given', async () => {
    const calls = backend(appointment(), (call) =>
      call.url.endsWith('/cancel') ? json(200, appointment(CANCELLED)) : undefined,
    );
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    await click(await findByTestId('cancel-appointment'));
    await findByTestId('cancel-dialog');
    await click(confirmButton());
    await waitFor(() => expect(byTestId('appointment-status').textContent).toBe('已取消'));
    expect(calls.find((c) => c.url.endsWith('/cancel'))?.body).toEqual({});
  });

  it('offers 取消预约 only when canCancel', async () => {
    backend(appointment({ canCancel: false }));
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    await findByTestId('appointment-head');
    expect(allByTestId('cancel-appointment')).toHaveLength(0);
    expect(allByTestId('book-again')).toHaveLength(0);
  });

  it('shows APPOINTMENT_CANCEL_TOO_LATE in the server’s words', async () => {
    backend(appointment(), (call) =>
      call.url.endsWith('/cancel')
        ? problem(409, 'APPOINTMENT_CANCEL_TOO_LATE', '预约时段已开始，无法取消', '预约时段已开始，无法取消')
        : undefined,
    );
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    await click(await findByTestId('cancel-appointment'));
    await findByTestId('cancel-dialog');
    await click(confirmButton());
    await waitFor(() => expect(byTestId('cancel-error').textContent).toBe('预约时段已开始，无法取消'));
    expect(byTestId('appointment-status').textContent).toBe('已预约');
  });

  it('explains a slot the department stopped', async () => {
    backend(
      appointment({
        status: 'slot_cancelled',
        statusLabel: '已取消（办理部门停用该时段）',
        statusLabelEn: 'Cancelled by the department',
        canCancel: false,
        cancelledAt: '2026-11-27T03:00:00.000Z',
      }),
    );
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    await findByTestId('appointment-head');
    expect(byTestId('appointment-status').textContent).toBe('已取消（办理部门停用该时段）');
    expect(byTestId('slot-cancelled-note').textContent).toContain('请重新预约其他时段');
  });

  it('says so when the appointment is not found, with a way back to the list', async () => {
    mockFetch(() => problem(404, 'APPOINTMENT_NOT_FOUND', '找不到该预约'));
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    await waitFor(() => expect(document.body.textContent).toContain('找不到该预约'));
    expect(document.querySelector('a[href="/appointments"]')).not.toBeNull();
  });

  it('reads in English, with the service’s English notice', async () => {
    backend(appointment());
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`, { lang: 'en' });
    await findByTestId('appointment-head');
    expect(byTestId('appointment-time').textContent).toBe('Sat 28 Nov 2099 09:00–09:30');
    expect(byTestId('appointment-notice').textContent).toContain('Reissuing a marriage certificate needs both spouses');
    expect(byTestId('cancel-appointment').textContent).toBe('Cancel appointment');
  });
});

describe('预约码, 改约 and 未到 in 预约详情', () => {
  const PASS = {
    qr: 'YSSA1:eyJhbGciOiJFUzI1NiJ9.eyJhaWQiOiIxIn0.c2ln',
    expiresAt: '2099-11-28T01:30:00.000Z',
    appointmentNumber: 'YY2026112800001',
  };

  it('shows the 预约码 as a QR with the 预约号 for the counter, refreshed on demand', async () => {
    const calls = backend(appointment(), (call) => (call.url.endsWith('/pass') ? json(200, PASS) : undefined));
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    const qr = await findByTestId('appointment-pass-qr');
    expect(qr.getAttribute('aria-label')).toBe('预约码，预约号 YY2026112800001');
    expect(byTestId('appointment-pass-number').textContent).toBe('预约号：YY2026112800001');
    expect(byTestId('appointment-pass').textContent).toContain('预约时段开始前1小时起可签到');
    const passCalls = () => calls.filter((c) => c.url === `/api/v1/me/appointments/${APPOINTMENT_ID}/pass`).length;
    expect(passCalls()).toBe(1);
    await click(byTestId('appointment-pass-refresh'));
    await waitFor(() => expect(passCalls()).toBe(2));
  });

  it('改约: the button opens the slot picker of the booking’s city (without its own window), confirm → the updated detail', async () => {
    const moved = appointment({
      start: '10:00',
      end: '10:30',
      startsAt: '2099-11-28T02:00:00.000Z',
      endsAt: '2099-11-28T02:30:00.000Z',
      rescheduledAt: '2026-11-27T04:00:00.000Z',
    });
    const current = slot({
      id: '00000000-0000-4000-8000-000000000001',
      date: '2099-11-28',
      start: '09:00',
      end: '09:30',
    });
    const next = slot({ id: '00000000-0000-4000-8000-000000000002', date: '2099-11-28', start: '10:00', end: '10:30' });
    const calls = backend(appointment(), (call) => {
      if (call.url.endsWith('/pass')) return json(200, PASS);
      if (call.url.startsWith('/api/v1/appointments/slots')) {
        return json(200, {
          serviceId: APPT_SERVICE,
          serviceName: '补领',
          cityCode: '440100',
          cityName: '广州',
          slots: [current, next],
        });
      }
      if (call.url.endsWith('/reschedule')) return json(200, moved);
      return undefined;
    });
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`, { city: '440300' });
    await click(await findByTestId('reschedule-appointment'));
    await findByTestId('time-picker');
    expect(byTestId('reschedule-current').textContent).toContain('2099年11月28日 周六 09:00–09:30');
    // The booking's city, not the app's (深圳); its own window is not offered.
    expect(calls.some((c) => c.url === `/api/v1/appointments/slots?serviceId=${APPT_SERVICE}&city=440100`)).toBe(true);
    expect(allByTestId('slot-time').map((b) => b.getAttribute('data-slot-id'))).toEqual([next.id]);
    expect(allByTestId('cancel-appointment')).toHaveLength(0);
    await click(byTestId('slot-time'));
    expect((await findByTestId('reschedule-to')).textContent).toContain('10:00–10:30');
    await click(byTestId('reschedule-submit'));
    await waitFor(() => expect(byTestId('appointment-time').textContent).toBe('2099年11月28日 周六 10:00–10:30'));
    const sent = calls.find((c) => c.url === `/api/v1/me/appointments/${APPOINTMENT_ID}/reschedule`);
    expect(sent?.method).toBe('POST');
    expect(sent?.body).toEqual({ slotId: next.id, submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(allByTestId('reschedule')).toHaveLength(0);
    expect(byTestId('appointment-rescheduled-at').textContent).toContain('2026年11月27日');
  });

  it('改约 shows the holidays of the booking window among the dates as closed, with their names', async () => {
    const next = slot({ id: '00000000-0000-4000-8000-000000000002', date: '2099-09-30', start: '10:00', end: '10:30' });
    const later = slot({
      id: '00000000-0000-4000-8000-000000000003',
      date: '2099-10-08',
      start: '09:00',
      end: '09:30',
    });
    const calls = backend(appointment(), (call) => {
      if (call.url.endsWith('/pass')) return json(200, PASS);
      if (call.url.startsWith('/api/v1/appointments/slots')) {
        return json(200, {
          serviceId: APPT_SERVICE,
          serviceName: '补领',
          cityCode: '440100',
          cityName: '广州',
          slots: [next, later],
        });
      }
      if (call.url.startsWith('/api/v1/work-calendar?')) {
        return json(200, {
          from: '2099-09-29',
          to: '2099-10-12',
          days: [
            { date: '2099-10-01', kind: 'holiday', holidayName: '国庆节', statutory: true, working: false },
            { date: '2099-10-03', kind: 'restday', holidayName: null, statutory: false, working: false },
          ],
          knownYears: [2099],
        });
      }
      return undefined;
    });
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    await click(await findByTestId('reschedule-appointment'));
    await waitFor(() => expect(allByTestId('closed-date')).toHaveLength(1));
    // the window of 补领结婚证/离婚证预约 (14 days from tomorrow), as when booking
    const asked = calls.find((c) => c.url.startsWith('/api/v1/work-calendar?'))?.url ?? '';
    const q = new URLSearchParams(asked.split('?')[1]);
    const days = (Date.parse(q.get('to') ?? '') - Date.parse(q.get('from') ?? '')) / 86_400_000;
    expect(days).toBe(13);
    expect([...byTestId('date-picker').querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      '9月30日 周三可预约',
      '10月1日 周四国庆节休息',
      '10月8日 周四可预约',
    ]);
    const closed = byTestId('closed-date') as HTMLButtonElement;
    expect(closed.disabled).toBe(true);
    expect(closed.getAttribute('aria-label')).toBe('10月1日 周四，国庆节休息');
  });

  it('a window taken meanwhile: says so and shows the slots again', async () => {
    const next = slot({ id: '00000000-0000-4000-8000-000000000002', date: '2099-11-28', start: '10:00', end: '10:30' });
    backend(appointment(), (call) => {
      if (call.url.endsWith('/pass')) return json(200, PASS);
      if (call.url.startsWith('/api/v1/appointments/slots')) {
        return json(200, {
          serviceId: APPT_SERVICE,
          serviceName: '补领',
          cityCode: '440100',
          cityName: '广州',
          slots: [next],
        });
      }
      if (call.url.endsWith('/reschedule')) return problem(409, 'SLOT_FULL', '该时段已约满，请选择其他时段。');
      return undefined;
    });
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    await click(await findByTestId('reschedule-appointment'));
    await click(await findByTestId('slot-time'));
    await click(await findByTestId('reschedule-submit'));
    await waitFor(() => expect(byTestId('reschedule-error').textContent).toBe('该时段已约满，请选择其他时段。'));
    expect(byTestId('appointment-time').textContent).toBe('2099年11月28日 周六 09:00–09:30');
    await click(byTestId('reschedule-back'));
    expect(allByTestId('reschedule-appointment')).toHaveLength(1);
  });

  it('未到: the label and why, no 预约码 and no 改约; 已签到 says when', async () => {
    const calls = backend(
      appointment({
        status: 'no_show',
        statusLabel: '未到',
        statusLabelEn: 'No-show',
        canCancel: false,
        canReschedule: false,
        canShowPass: false,
        noShowAt: '2099-11-28T01:35:00.000Z',
      }),
    );
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    await findByTestId('appointment-head');
    expect(byTestId('appointment-status').textContent).toBe('未到');
    expect(byTestId('no-show-note').textContent).toContain('已记为未到');
    expect(allByTestId('appointment-pass')).toHaveLength(0);
    expect(allByTestId('reschedule-appointment')).toHaveLength(0);
    expect(byTestId('book-again').getAttribute('href')).toBe(`/book/${APPT_SERVICE}`);
    expect(calls.some((c) => c.url.endsWith('/pass'))).toBe(false);
  });

  it('已签到: the label and the time, nothing more to show', async () => {
    backend(
      appointment({
        status: 'checked_in',
        statusLabel: '已签到',
        statusLabelEn: 'Checked in',
        canCancel: false,
        canReschedule: false,
        canShowPass: false,
        checkedInAt: '2099-11-28T00:40:00.000Z',
      }),
    );
    await renderRoute(routes, `/appointments/${APPOINTMENT_ID}`);
    await findByTestId('appointment-head');
    expect(byTestId('appointment-status').textContent).toBe('已签到');
    expect(byTestId('checked-in-note').textContent).toContain('请留意叫号');
    expect(byTestId('appointment-checked-in-at').textContent).toContain('2099年11月28日');
    expect(allByTestId('book-again')).toHaveLength(0);
  });
});

describe('我的预约 (/appointments)', () => {
  it('lists upcoming appointments first, with status tags, time, place and 预约号; filtered by ?service=; refreshes', async () => {
    const past = appointment({
      id: '4c9e2f4a-6b7d-4e8f-9a0b-1c2d3e4f5a6c',
      appointmentNumber: 'YY2026110100002',
      date: '2026-11-01',
      startsAt: '2026-11-01T01:00:00.000Z',
      endsAt: '2026-11-01T01:30:00.000Z',
      canCancel: false,
    });
    const later = appointment({
      id: '5c9e2f4a-6b7d-4e8f-9a0b-1c2d3e4f5a6d',
      appointmentNumber: 'YY2099120100003',
      date: '2099-12-01',
      startsAt: '2099-12-01T01:00:00.000Z',
      endsAt: '2099-12-01T01:30:00.000Z',
    });
    const cancelled = appointment({
      id: '6c9e2f4a-6b7d-4e8f-9a0b-1c2d3e4f5a6e',
      appointmentNumber: 'YY2099120500004',
      date: '2099-12-05',
      startsAt: '2099-12-05T01:00:00.000Z',
      endsAt: '2099-12-05T01:30:00.000Z',
      ...CANCELLED,
    });
    const calls = mockFetch((call) =>
      call.url.startsWith('/api/v1/me/appointments') ? json(200, [past, cancelled, later, appointment()]) : undefined,
    );
    await renderRoute(routes, `/appointments?service=${APPT_SERVICE}`);
    await waitFor(() => expect(allByTestId('appointment-card')).toHaveLength(4));
    expect(calls.some((c) => c.url === `/api/v1/me/appointments?serviceId=${APPT_SERVICE}`)).toBe(true);
    const cards = allByTestId('appointment-card');
    expect(cards.map((c) => c.textContent?.match(/YY\d+/)?.[0])).toEqual([
      'YY2026112800001',
      'YY2099120100003',
      'YY2099120500004',
      'YY2026110100002',
    ]);
    expect(cards[0]?.textContent).toContain('2099年11月28日 周六 09:00–09:30');
    expect(cards[0]?.textContent).toContain('天河区婚姻登记处');
    expect(cards[0]?.textContent).toContain('预约号：YY2026112800001');
    expect(cards[0]?.querySelector('[data-status="booked"]')?.className).toContain('adm-tag');
    expect(cards[2]?.querySelector('[data-status="cancelled"]')?.textContent).toBe('已取消');
    expect(cards[3]?.textContent).toContain('预约时间已过');
    expect(cards[0]?.getAttribute('href')).toBe(`/appointments/${APPOINTMENT_ID}`);
    expect(byTestId('appointments-filter').textContent).toContain('补领结婚证/离婚证预约');

    const before = calls.length;
    await click(byTestId('appointments-refresh'));
    await waitFor(() => expect(calls.length).toBeGreaterThan(before));
  });

  it('shows the empty state with a way to the services', async () => {
    mockFetch((call) => (call.url.startsWith('/api/v1/me/appointments') ? json(200, []) : undefined));
    await renderRoute(routes, '/appointments');
    const link = await findByTestId('appointments-browse');
    expect(link.getAttribute('href')).toBe('/services');
    expect(document.body.textContent).toContain('暂无预约');
  });
});
