// @vitest-environment happy-dom
import type { MoveCarRequest, MoveCarResult } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, type Call, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, typeInto, waitFor } from '../test/render';
import MoveCar from './MoveCar';
import PoliceCall from './PoliceCall';

const routes = [
  { path: '/tools/move-car', element: <MoveCar /> },
  { path: '/tools/police-call', element: <PoliceCall /> },
];
const URL = '/api/v1/me/move-car-requests';
const path = (c: Call) => c.url.split('?')[0];

afterEach(cleanup);

const sent: MoveCarRequest = {
  id: '0b7f2a1c-3d4e-4f50-8a6b-7c8d9e0f1a2b',
  plateMasked: '粤AD****8',
  place: '体育西路191号B2层',
  reason: 'blocking',
  reasonLabel: '阻挡出入口或通道',
  contactPhoneMasked: '138****8000',
  sentAt: '2026-03-02T02:00:00.000Z',
};

async function fill() {
  await typeInto(await findByTestId('move-car-plate'), '粤AD52618');
  await typeInto(byTestId('move-car-phone'), '13800138000');
  await typeInto(byTestId('move-car-place'), '体育西路191号B2层');
  await click(byTestId('move-car-reason-blocking'));
}

describe('一键移车 (/tools/move-car)', () => {
  it('asks for every field before sending anything, each error on its field', async () => {
    const calls = mockFetch((call) => (path(call) === URL && call.method === 'GET' ? json(200, []) : undefined));
    await renderRoute(routes, '/tools/move-car');
    await click(await findByTestId('move-car-submit'));
    expect(byTestId('move-car-plate-error').textContent).toBe('请填写需要移动的车辆的车牌号码');
    expect(byTestId('move-car-phone-error').textContent).toBe('请填写您的联系电话');
    expect(byTestId('move-car-place-error').textContent).toBe('请填写车辆所在位置');
    expect(byTestId('move-car-reason-error').textContent).toBe('请选择移车原因');
    expect(byTestId('move-car-plate').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => path(c) === URL && c.method === 'POST')).toBe(false);
  });

  it('sends the request with the city and shows the masked plate, what is left today and the history', async () => {
    let history: MoveCarRequest[] = [];
    const calls = mockFetch((call) => {
      if (path(call) === URL && call.method === 'GET') return json(200, history);
      if (path(call) === URL && call.method === 'POST') {
        history = [sent];
        return json(201, { request: sent, remainingToday: 4 } satisfies MoveCarResult);
      }
      return undefined;
    });
    await renderRoute(routes, '/tools/move-car');
    await fill();
    await click(byTestId('move-car-submit'));
    const done = await findByTestId('move-car-sent');
    expect(done.textContent).toContain('已向车牌 粤AD****8 的车主发送提醒短信');
    expect(byTestId('move-car-remaining').textContent).toBe('今日还可发送 4 次');
    const post = calls.find((c) => path(c) === URL && c.method === 'POST');
    expect(post?.body).toEqual({
      plate: '粤AD52618',
      contactPhone: '13800138000',
      place: '体育西路191号B2层',
      reason: 'blocking',
      city: '440100',
    });
    const item = await findByTestId('move-car-item');
    expect(item.textContent).toContain('粤AD****8');
    expect(item.textContent).toContain('2026-03-02 10:00');
    await click(byTestId('move-car-another'));
    expect(byTestId<HTMLInputElement>('move-car-plate').value).toBe('');
  });

  it('shows the server’s words: a limit reached, and a field error on its field', async () => {
    let answer = problem(
      429,
      'MOVE_CAR_LIMITED',
      '移车提醒过于频繁',
      '该车辆的车主在10分钟内已收到移车提醒，请耐心等待车主处理；如仍未移车，请在7分钟后再试。',
    );
    mockFetch((call) => {
      if (path(call) === URL && call.method === 'GET') return json(200, []);
      if (path(call) === URL && call.method === 'POST') return answer;
      return undefined;
    });
    await renderRoute(routes, '/tools/move-car');
    await fill();
    await click(byTestId('move-car-submit'));
    expect((await findByTestId('move-car-problem')).textContent).toContain('请在7分钟后再试');

    answer = problem(400, 'VALIDATION_FAILED', '输入有误', '车辆所在位置请只填写地点，不要填写网址或电话号码', [
      { path: 'body.place', message: '车辆所在位置请只填写地点，不要填写网址或电话号码' },
    ]);
    await click(byTestId('move-car-submit'));
    await waitFor(() => expect(byTestId('move-car-place-error').textContent).toContain('不要填写网址或电话号码'));
  });
});

describe('一键报警 (/tools/police-call)', () => {
  it('hands 110 to the phone’s dialler and says what to tell the police', async () => {
    mockFetch(() => undefined, null);
    await renderRoute(routes, '/tools/police-call');
    const call = await findByTestId('call-110');
    expect(call.getAttribute('href')).toBe('tel:110');
    expect(call.getAttribute('aria-label')).toBe('拨打 110 报警电话');
    expect(byTestId('call-122').getAttribute('href')).toBe('tel:122');
    expect(document.body.textContent).toContain('在哪里：所在的道路、路口、门牌号或明显的参照物');
    expect(document.querySelector('h1')?.textContent).toBe('一键报警');
  });
});
