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
