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
});
