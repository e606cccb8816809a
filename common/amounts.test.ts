import { describe, expect, it } from 'vitest';
import { compareWan, formatThresholdWan, formatWan, formatYi, parseAmountWan, sumWan } from './amounts';

describe('parseAmountWan', () => {
  it.each([
    ['12000', '12000'],
    ['12,000', '12000'],
    ['１２，０００', '12000'],
    ['1.2亿', '12000'],
    ['1.2亿元', '12000'],
    ['3500万', '3500'],
    ['3500万元', '3500'],
    [' 12 000 ', '12000'],
    ['0.5', '0.5'],
    ['.5', '0.5'],
    ['12,000.50', '12000.5'],
    ['0', '0'],
    ['-0', '0'],
    ['1.23456789亿', '12345.6789'],
  ])('%s → %s 万元', (input, wan) => {
    expect(parseAmountWan(input)).toEqual({ ok: true, wan });
  });

  it('converts a bare number with the unit of the column or sheet', () => {
    expect(parseAmountWan('800', '元')).toEqual({ ok: true, wan: '0.08' });
    expect(parseAmountWan('12,345,678', '元')).toEqual({ ok: true, wan: '1234.5678' });
    expect(parseAmountWan('2.5', '亿元')).toEqual({ ok: true, wan: '25000' });
  });

  it('lets a unit written in the text win over the column unit', () => {
    expect(parseAmountWan('800元', '万元')).toEqual({ ok: true, wan: '0.08' });
    expect(parseAmountWan('1.2亿', '元')).toEqual({ ok: true, wan: '12000' });
  });

  it('refuses negatives, text and fractions of a 元', () => {
    expect(parseAmountWan('-5')).toEqual({ ok: false, message: '金额不能为负数' });
    expect(parseAmountWan('－5万元')).toEqual({ ok: false, message: '金额不能为负数' });
    expect(parseAmountWan(-5)).toEqual({ ok: false, message: '金额不能为负数' });
    expect(parseAmountWan('待定')).toEqual({ ok: false, message: '无法识别的金额：待定' });
    expect(parseAmountWan('12,5')).toEqual({ ok: false, message: '无法识别的金额：12,5' });
    expect(parseAmountWan('1.2.3')).toEqual({ ok: false, message: '无法识别的金额：1.2.3' });
    expect(parseAmountWan('0.00001')).toEqual({ ok: false, message: '金额精确到元（万元下最多四位小数）' });
    expect(parseAmountWan('0.5', '元')).toEqual({ ok: false, message: '金额精确到元（万元下最多四位小数）' });
    expect(parseAmountWan('')).toEqual({ ok: false, message: '金额为空' });
  });

  it('reads Excel numbers through their shortest decimal form', () => {
    expect(parseAmountWan(0.1 + 0.2)).toEqual({ ok: true, wan: '0.3' });
    expect(parseAmountWan(12000)).toEqual({ ok: true, wan: '12000' });
    expect(parseAmountWan(1234.5678)).toEqual({ ok: true, wan: '1234.5678' });
    // 1.15 × 10000 元 in floats is 11499.999999999998; still exactly 1.15 万元 of 元.
    expect(parseAmountWan(11500, '元')).toEqual({ ok: true, wan: '1.15' });
    expect(parseAmountWan(1.00001)).toEqual({ ok: false, message: '金额精确到元（万元下最多四位小数）' });
    expect(parseAmountWan(Number.NaN).ok).toBe(false);
  });
});

describe('formatting and arithmetic', () => {
  it('formats 万元 with separators and trimmed decimals', () => {
    expect(formatWan('12000')).toBe('12,000');
    expect(formatWan('1234567.5')).toBe('1,234,567.5');
    expect(formatWan('0.0800')).toBe('0.08');
    expect(formatWan('999')).toBe('999');
    expect(formatWan('0')).toBe('0');
  });

  it('formats 亿元 with one decimal', () => {
    expect(formatYi('2629000')).toBe('262.9亿元');
    expect(formatYi('1000000')).toBe('100亿元');
    expect(formatYi('2629049')).toBe('262.9亿元');
    expect(formatYi('2629500')).toBe('263亿元');
    expect(formatYi('12000')).toBe('1.2亿元');
    expect(formatYi('500')).toBe('0.1亿元');
    expect(formatYi('400')).toBe('0亿元');
    expect(formatYi('123456789')).toBe('12,345.7亿元');
  });

  it('sums exactly where floats would drift', () => {
    expect(sumWan(['0.1', '0.2'])).toBe('0.3');
    expect(sumWan(['12000', null, undefined, '', '0.0001'])).toBe('12000.0001');
    expect(sumWan([])).toBe('0');
  });

  it('compares', () => {
    expect(compareWan('10000', '9999.9999')).toBe(1);
    expect(compareWan('0.30', '0.3')).toBe(0);
    expect(compareWan('1', '2')).toBe(-1);
  });
});

describe('formatThresholdWan', () => {
  it.each([
    [500, '500万元'],
    [1000, '1000万元'],
    [5000, '5000万元'],
    [10_000, '1亿元'],
    [15_000, '1.5亿元'],
    [100_000, '10亿元'],
    [12_345, '1.2345亿元'],
  ])('%d → %s', (wan, text) => {
    expect(formatThresholdWan(wan)).toBe(text);
  });
});
