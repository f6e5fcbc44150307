import { describe, expect, it } from 'vitest';
import { changeMessage } from './present.js';

const change = (item: string, summary: string) => ({
  uscc: '91440604DEM000030D',
  name: '佛山示范餐饮管理有限公司',
  version: 2,
  changedAt: '2026-03-01T10:00:00+08:00',
  item,
  summary,
});

describe('信用信息变更提醒 (the inbox message of a credit change)', () => {
  it('quotes a penalty, keyed by entity and version, linking to the entity', () => {
    const m = changeMessage(
      'acc',
      change('行政处罚', '佛山市市场监督管理局：未按规定公示年度报告，警告并罚款2000元。'),
    );
    expect(m).toMatchObject({
      accountId: 'acc',
      kind: 'credit-change',
      dedupeKey: 'credit:91440604DEM000030D:2',
      title: '信用信息变更提醒：佛山示范餐饮管理有限公司',
      link: '/credit/91440604DEM000030D',
    });
    expect(m.body).toBe(
      '您订阅的信用主体“佛山示范餐饮管理有限公司”有新的信用信息。变更事项：行政处罚。佛山市市场监督管理局：未按规定公示年度报告，警告并罚款2000元。详情请查看信用主体信息。',
    );
    expect(m.occurredAt?.toISOString()).toBe('2026-03-01T02:00:00.000Z');
  });

  it('never quotes a summary that may name people (法定代表人, unknown items)', () => {
    const rep = changeMessage('acc', change('法定代表人', '法定代表人由黄志明变更为李小红'));
    expect(rep.body).not.toContain('黄志明');
    expect(rep.body).not.toContain('李小红');
    expect(rep.body).toContain('变更事项：法定代表人。');
    expect(changeMessage('acc', change('股东', '张三退出')).body).not.toContain('张三');
  });

  it('keeps messages within the inbox limits', () => {
    const m = changeMessage('acc', { ...change('行政处罚', '罚'.repeat(2000)), name: '名'.repeat(300) });
    expect(Array.from(m.title).length).toBeLessThanOrEqual(100);
    expect(Array.from(m.body).length).toBeLessThanOrEqual(1000);
  });
});
