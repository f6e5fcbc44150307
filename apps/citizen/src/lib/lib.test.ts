import type { CatalogEntry } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { availableFirst, FREQUENT_SERVICE_NAMES, findByNames } from './catalog';
import { fieldOfPath } from './fields';
import { splitMatches } from './highlight';

function entry(id: string, name: string, available = true): CatalogEntry {
  return {
    id,
    name,
    nameEn: id,
    group: 'shebao',
    zones: [],
    kind: 'query',
    featureIds: [],
    departmentId: 'd',
    whoMayAct: 'self',
    requiresVerification: true,
    available,
    unavailableReason: available ? null : '暂仅支持广州',
    unavailableReasonEn: available ? null : 'Guangzhou only',
  };
}

describe('findByNames', () => {
  it('prefers the exact name, else the closest containing name, without duplicates', () => {
    const catalog = [
      entry('a', '社保缴费明细查询'),
      entry('b', '社保缴费明细'),
      entry('c', '车辆违法查询'),
      entry('d', '燃气缴费', false),
    ];
    expect(findByNames(catalog, ['社保缴费明细', '违法查询', '燃气缴费', '不存在']).map((s) => s.id)).toEqual([
      'b',
      'c',
      'd',
    ]);
    expect(FREQUENT_SERVICE_NAMES).toHaveLength(8);
  });

  it('puts available services first, keeping order', () => {
    const list = [entry('x', 'x', false), entry('y', 'y'), entry('z', 'z', false), entry('w', 'w')];
    expect(availableFirst(list).map((s) => s.id)).toEqual(['y', 'w', 'x', 'z']);
  });
});

describe('splitMatches', () => {
  it('marks every occurrence of the query', () => {
    expect(splitMatches('社保缴费明细', '社保')).toEqual([
      { text: '社保', match: true },
      { text: '缴费明细', match: false },
    ]);
    expect(splitMatches('Housing fund', 'FUND')).toEqual([
      { text: 'Housing ', match: false },
      { text: 'fund', match: true },
    ]);
  });

  it('falls back to the Chinese characters of a query that does not match whole', () => {
    expect(
      splitMatches('公积金缴存信息', '公积 缴存')
        .filter((p) => p.match)
        .map((p) => p.text),
    ).toEqual(['公积', '缴存']);
    expect(splitMatches('公积金缴存信息', 'gjj')).toEqual([{ text: '公积金缴存信息', match: false }]);
  });
});

describe('fieldOfPath', () => {
  it('maps problem paths to the feedback form fields', () => {
    expect(fieldOfPath('content')).toBe('content');
    expect(fieldOfPath('body.content')).toBe('content');
    expect(fieldOfPath('/contact')).toBe('contact');
    expect(fieldOfPath('serviceId')).toBeNull();
    expect(fieldOfPath('')).toBeNull();
  });
});
