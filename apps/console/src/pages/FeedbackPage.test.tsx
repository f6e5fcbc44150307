import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import type { ConsoleFeedbackItem } from '@yss/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, mockApi, on, problem, renderAt, requests } from '../test/harness';
import { grant, POLICE, staffProfile } from '../test/staff';

const desk = staffProfile('wangwu', '王五', [grant('service_desk', POLICE, '440100', '广州')]);
const MASKED_ID = '4e0f8a52-4c2f-4e36-9d0e-5a1f1e7c2a11';
const PLAIN_ID = '5f1f9b63-5d30-4f47-8e1f-6b2a2f8d3b22';
const FULL = '居住证办了一个月还没消息，请回电 138-0013-8000，身份证440106199001011234。';
const item = (over: Partial<ConsoleFeedbackItem>): ConsoleFeedbackItem => ({
  id: MASKED_ID,
  category: 'complaint',
  content: '居住证办了一个月还没消息，请回电 138****8000，身份证440***********1234。',
  contentMasked: true,
  contactMasked: null,
  serviceId: 'shenbao-juzhu-dengji',
  serviceName: '申报居住登记',
  departmentId: POLICE.departmentId,
  departmentName: POLICE.departmentName,
  cityCode: '440100',
  cityName: '广州',
  status: 'new',
  createdAt: '2025-03-01T02:00:00.000Z',
  ...over,
});
const reveals = () => requests.filter((r) => r.method === 'POST' && r.url.pathname.endsWith('/content/reveal'));

beforeEach(() => {
  mockApi(desk);
  on('GET', '/api/v1/cities', () => json([{ code: '440100', name: '广州' }]));
  on('GET', '/api/v1/console/feedback', () =>
    json([item({}), item({ id: PLAIN_ID, content: '希望增加夜间办理时段', contentMasked: false, status: 'read' })]),
  );
});
afterEach(() => vi.restoreAllMocks());

describe('意见反馈: numbers typed in the text', () => {
  it('shows them masked; 显示 fetches the whole text (audited by the server), 隐藏 masks it again', async () => {
    on('POST', `/api/v1/console/feedback/${MASKED_ID}/content/reveal`, () => json({ id: MASKED_ID, content: FULL }));
    await renderAt('/feedback');
    const table = await screen.findByTestId('feedback-table');
    await waitFor(() => expect(within(table).getByTestId('feedback-content').textContent).toBe(item({}).content));
    // the plain one has no button
    expect(within(table).getByText('希望增加夜间办理时段')).toBeTruthy();
    expect(within(table).getAllByRole('button', { name: '显示反馈内容中的号码' })).toHaveLength(1);

    const show = within(table).getByRole('button', { name: '显示反馈内容中的号码' });
    expect(show.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(show);
    await waitFor(() => expect(within(table).getByTestId('feedback-content').textContent).toBe(FULL));
    expect(reveals()).toHaveLength(1);
    const hide = within(table).getByRole('button', { name: '隐藏反馈内容中的号码' });
    expect(hide.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(hide);
    await waitFor(() => expect(within(table).getByTestId('feedback-content').textContent).toBe(item({}).content));
    expect(reveals()).toHaveLength(1);
  });

  it('says why when 显示 is refused, and keeps the text masked', async () => {
    on('POST', `/api/v1/console/feedback/${MASKED_ID}/content/reveal`, () =>
      problem(403, 'FORBIDDEN', '无权限', '您没有权限查看这条反馈。'),
    );
    await renderAt('/feedback');
    const table = await screen.findByTestId('feedback-table');
    fireEvent.click(await within(table).findByRole('button', { name: '显示反馈内容中的号码' }));
    expect((await within(table).findByRole('alert')).textContent).toBe('您没有权限查看这条反馈。');
    expect(within(table).getByTestId('feedback-content').textContent).toBe(item({}).content);
  });
});
