import { describe, expect, it } from 'vitest';
import { CITIES } from './cities.js';
import { addressInCity, CITY_DISTRICTS, districtNamed } from './districts.js';

describe('addressInCity (开锁服务支持当前市区范围)', () => {
  it('places an address by its district, with or without the province and city in front', () => {
    for (const address of [
      '广州市天河区天河北路233号',
      '广东省广州市越秀区东风中路2号',
      '番禺区市桥街1号',
      '广州 海珠区 江南大道 1 号',
    ])
      expect(addressInCity(address, '440100'), address).toEqual({ inCity: true });
  });

  it('says which city an address elsewhere is in: by the city’s name, or by one of its districts', () => {
    expect(addressInCity('深圳市南山区科技园', '440100')).toEqual({
      inCity: false,
      reason: 'other-city',
      cityName: '深圳',
    });
    expect(addressInCity('佛山南海区桂城街道', '440100')).toMatchObject({ reason: 'other-city', cityName: '佛山' });
    expect(addressInCity('顺德区大良街道', '440100')).toMatchObject({ reason: 'other-city', cityName: '佛山' });
    expect(addressInCity('东莞市南城街道', '440100')).toMatchObject({ reason: 'other-city', cityName: '东莞' });
  });

  it('asks for the district where none is named, and is not misled by street names', () => {
    expect(addressInCity('天河北路233号', '440100')).toEqual({ inCity: false, reason: 'not-placed' });
    expect(addressInCity('广州市某某路1号', '440100')).toEqual({ inCity: false, reason: 'not-placed' });
    // 中山大道 and 老城区 are streets and words, not 中山市 nor 汕尾's 城区
    expect(addressInCity('天河区中山大道西1号', '440100')).toEqual({ inCity: true });
    expect(addressInCity('越秀区老城区北京路1号', '440100')).toEqual({ inCity: true });
    // outside Guangdong: nothing this list knows
    expect(addressInCity('长沙市岳麓区', '440100')).toEqual({ inCity: false, reason: 'not-placed' });
    // 汕尾's 城区 is not the tail of 清远's 清城区
    expect(addressInCity('清城区某街1号', '441500')).toMatchObject({ reason: 'other-city', cityName: '清远' });
    expect(addressInCity('汕尾市城区香洲街道1号', '441500')).toEqual({ inCity: true });
  });

  it('places 东莞 and 中山 addresses, which have towns under the city and no districts, by the city', () => {
    expect(addressInCity('东莞市南城街道鸿福路1号', '441900')).toEqual({ inCity: true });
    expect(addressInCity('中山市石岐街道1号', '442000')).toEqual({ inCity: true });
    expect(addressInCity('南城街道鸿福路1号', '441900')).toEqual({ inCity: false, reason: 'not-placed' });
  });

  it('lists every city, and no division in two cities', () => {
    expect(Object.keys(CITY_DISTRICTS).sort()).toEqual(CITIES.map((c) => c.code).sort());
    const all = Object.values(CITY_DISTRICTS).flat();
    expect(new Set(all).size).toBe(all.length);
    // every city with districts: each city's own districts place an address in it and in no other
    for (const c of CITIES)
      for (const d of CITY_DISTRICTS[c.code]) {
        expect(addressInCity(`${d}某街1号`, c.code), `${c.name} ${d}`).toEqual({ inCity: true });
      }
  });

  it('names the district a service point or an address is in', () => {
    expect(districtNamed('天河区保险箱开锁上门服务', '440100')).toBe('天河区');
    expect(districtNamed('广州市番禺区 市桥街1号', '440100')).toBe('番禺区');
    expect(districtNamed('广州市某某路1号', '440100')).toBeNull();
    expect(districtNamed('东莞市南城街道', '441900')).toBeNull();
  });
});
