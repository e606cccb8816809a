import { describe, expect, it } from 'vitest';
import { unitShortName, unitWithSameShortName } from './unit-names';

describe('unitShortName', () => {
  it('drops the division’s name or a leading 县, and spaces', () => {
    expect(unitShortName('河西县农业农村局', '河西县')).toBe('农业农村局');
    expect(unitShortName('县农业农村局', '河西县')).toBe('农业农村局');
    expect(unitShortName(' 河西县 水务局', '河西县')).toBe('水务局');
    expect(unitShortName('农业农村局', '河西县')).toBe('农业农村局');
    // 县城市管理局 is the county's 城市管理局; a district's units may start with 区.
    expect(unitShortName('县城市管理综合执法局', '河西县')).toBe('城市管理综合执法局');
    expect(unitShortName('区农业农村局', '凉州区')).toBe('农业农村局');
    expect(unitShortName('区农业农村局', '河西县')).toBe('区农业农村局');
  });

  it('keeps names the prefix does not lead, and a name that is only the prefix', () => {
    expect(unitShortName('城关镇', '河西县')).toBe('城关镇');
    expect(unitShortName('河西经济开发区管委会', '河西县')).toBe('河西经济开发区管委会');
    expect(unitShortName('河西县', '河西县')).toBe('河西县');
    expect(unitShortName('市场监督管理局', '玉门市')).toBe('市场监督管理局');
  });
});

describe('unitWithSameShortName', () => {
  const units = [
    { id: 'a', name: '河西县农业农村局' },
    { id: 'b', name: '城关镇' },
  ];
  it('finds the unit a new name would be confused with, but not the unit itself', () => {
    expect(unitWithSameShortName(units, '县农业农村局', '河西县')?.name).toBe('河西县农业农村局');
    expect(unitWithSameShortName(units, '县农业农村局', '河西县', 'a')).toBeNull();
    expect(unitWithSameShortName(units, '河西县水务局', '河西县')).toBeNull();
  });
});
