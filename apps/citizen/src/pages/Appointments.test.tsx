// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { APPT_SERVICE, appointment, findByTestId, json, mockFetch, renderRoute, serviceDetail } from '../test/harness';
import { cleanup, waitFor } from '../test/render';
import Appointments from './Appointments';

const routes = [{ path: '/appointments', element: <Appointments /> }];

afterEach(async () => {
  await cleanup();
});

describe('我的预约 (/appointments)', () => {
  it('filtered to a service with no bookings, names the service from the catalog, not its id', async () => {
    mockFetch((call) => {
      if (call.url.startsWith('/api/v1/me/appointments')) return json(200, []);
      if (call.url.startsWith(`/api/v1/services/${APPT_SERVICE}`))
        return json(200, serviceDetail({ id: APPT_SERVICE, name: '补领结婚证/离婚证预约' }));
      return undefined;
    });
    await renderRoute(routes, `/appointments?service=${APPT_SERVICE}`);
    const filter = await findByTestId('appointments-filter');
    await waitFor(() => expect(filter.textContent).toContain('补领结婚证/离婚证预约'));
    expect(filter.textContent).not.toContain(APPT_SERVICE);
  });

  it('marks a booking made for someone else (代办：为 张** 办理)', async () => {
    mockFetch((call) => {
      if (call.url.startsWith('/api/v1/me/appointments'))
        return json(200, [
          appointment({ onBehalf: { role: 'agent', otherNameMasked: '张**', label: '代办：为 张** 办理' } }),
        ]);
      return undefined;
    });
    await renderRoute(routes, '/appointments');
    expect((await findByTestId('on-behalf')).textContent).toBe('代办：为 张** 办理');
  });

  it('shows 未到 on a booking the 未到 job marked (not 预约时间已过)', async () => {
    mockFetch((call) =>
      call.url.startsWith('/api/v1/me/appointments')
        ? json(200, [
            appointment({
              status: 'no_show',
              statusLabel: '未到',
              statusLabelEn: 'No-show',
              startsAt: '2026-11-01T01:00:00.000Z',
              endsAt: '2026-11-01T01:30:00.000Z',
              canCancel: false,
              canReschedule: false,
              canShowPass: false,
              noShowAt: '2026-11-01T01:35:00.000Z',
            }),
          ])
        : undefined,
    );
    await renderRoute(routes, '/appointments');
    const card = await findByTestId('appointment-card');
    expect(card.querySelector('[data-status="no_show"]')?.textContent).toBe('未到');
    expect(card.textContent).not.toContain('预约时间已过');
  });
});
