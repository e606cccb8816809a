import { describe, expect, it } from 'vitest';
import { parseLedgerDate } from './cn-dates';

const day = (date: string) => ({ ok: true, date, precision: 'day' });
const month = (date: string) => ({ ok: true, date, precision: 'month' });
const year = (date: string) => ({ ok: true, date, precision: 'year' });

describe('parseLedgerDate', () => {
  it('takes the UTC calendar day of an Excel Date', () => {
    expect(parseLedgerDate(new Date(Date.UTC(2024, 2, 1)), 'start')).toEqual(day('2024-03-01'));
    expect(parseLedgerDate(new Date(Date.UTC(2025, 11, 31)), 'end')).toEqual(day('2025-12-31'));
  });

  it('reads Excel serial numbers, including the 1900 leap-year bug', () => {
    expect(parseLedgerDate(45352, 'start')).toEqual(day('2024-03-01'));
    expect(parseLedgerDate(45292, 'start')).toEqual(day('2024-01-01'));
    expect(parseLedgerDate(45352.75, 'start')).toEqual(day('2024-03-01'));
    expect(parseLedgerDate(61, 'start')).toEqual(day('1900-03-01'));
    expect(parseLedgerDate(59, 'start')).toEqual(day('1900-02-28'));
    expect(parseLedgerDate(1, 'start')).toEqual(day('1900-01-01'));
  });

  it('reads a year or year.month typed as a number', () => {
    expect(parseLedgerDate(2024, 'start')).toEqual(year('2024-01-01'));
    expect(parseLedgerDate(2024, 'end')).toEqual(year('2024-12-31'));
    expect(parseLedgerDate(2024.3, 'start')).toEqual(month('2024-03-01'));
    expect(parseLedgerDate(2024.11, 'end')).toEqual(month('2024-11-30'));
  });

  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024.3.1', '2024-03-01'],
    ['2024年3月1日', '2024-03-01'],
    ['２０２４年３月１日', '2024-03-01'],
    ['20240301', '2024-03-01'],
    ['2024-03-01 00:00:00', '2024-03-01'],
    ['2024-02-29', '2024-02-29'],
  ])('%s is the day %s', (input, expected) => {
    expect(parseLedgerDate(input, 'start')).toEqual(day(expected));
    expect(parseLedgerDate(input, 'end')).toEqual(day(expected));
  });

  it.each([
    ['2024.3', '2024-03-01', '2024-03-31'],
    ['2024-03', '2024-03-01', '2024-03-31'],
    ['2024/2', '2024-02-01', '2024-02-29'],
    ['2024年3月', '2024-03-01', '2024-03-31'],
    ['2023年2月', '2023-02-01', '2023-02-28'],
    ['2025年上半年', '2025-01-01', '2025-06-30'],
    ['2025年下半年', '2025-07-01', '2025-12-31'],
    ['2025年一季度', '2025-01-01', '2025-03-31'],
    ['2025年第一季度', '2025-01-01', '2025-03-31'],
    ['2025年三季度', '2025-07-01', '2025-09-30'],
    ['2025年第4季度', '2025-10-01', '2025-12-31'],
    ['2025Q2', '2025-04-01', '2025-06-30'],
  ])('%s starts %s and ends %s', (input, start, end) => {
    expect(parseLedgerDate(input, 'start')).toEqual(month(start));
    expect(parseLedgerDate(input, 'end')).toEqual(month(end));
  });

  it('reads a bare year as its first or last day', () => {
    expect(parseLedgerDate('2024年', 'start')).toEqual(year('2024-01-01'));
    expect(parseLedgerDate('2024', 'end')).toEqual(year('2024-12-31'));
  });

  it('reads 年底 / 年末 / 年初 whatever the role', () => {
    expect(parseLedgerDate('2025年底', 'start')).toEqual(month('2025-12-31'));
    expect(parseLedgerDate('2025年末', 'end')).toEqual(month('2025-12-31'));
    expect(parseLedgerDate('2025年底前', 'end')).toEqual(month('2025-12-31'));
    expect(parseLedgerDate('2025年初', 'end')).toEqual(month('2025-01-01'));
  });

  it('reads month ends and 旬', () => {
    expect(parseLedgerDate('2024年6月底', 'start')).toEqual(day('2024-06-30'));
    expect(parseLedgerDate('2024年2月下旬', 'start')).toEqual(day('2024-02-21'));
    expect(parseLedgerDate('2024年2月下旬', 'end')).toEqual(day('2024-02-29'));
    expect(parseLedgerDate('2024年5月上旬', 'end')).toEqual(day('2024-05-10'));
  });

  it('explains what is wrong in Chinese', () => {
    expect(parseLedgerDate('2024年13月', 'start')).toEqual({ ok: false, message: '月份无效：2024年13月' });
    expect(parseLedgerDate('2024-02-30', 'start')).toEqual({ ok: false, message: '日期无效：2024-02-30（2024年2月只有29天）' });
    expect(parseLedgerDate('2023-02-29', 'start')).toEqual({ ok: false, message: '日期无效：2023-02-29（2023年2月只有28天）' });
    expect(parseLedgerDate('待定', 'start')).toEqual({ ok: false, message: '无法识别的日期：待定' });
    expect(parseLedgerDate('三季度', 'end')).toEqual({ ok: false, message: '日期缺少年份：三季度' });
    expect(parseLedgerDate('1850年', 'start')).toEqual({ ok: false, message: '年份超出范围：1850年' });
    expect(parseLedgerDate('', 'start')).toEqual({ ok: false, message: '日期为空' });
    expect(parseLedgerDate(new Date(Number.NaN), 'start').ok).toBe(false);
    expect(parseLedgerDate(-3, 'start').ok).toBe(false);
  });
});
