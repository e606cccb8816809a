import { describe, it, expect } from 'vitest';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, findIndustry, industryLabel } from './industry-classes';

// GB/T 4754-2017: which 大类 codes each 门类 spans.
const RANGES: Record<string, [number, number]> = {
  A: [1, 5], B: [6, 12], C: [13, 43], D: [44, 46], E: [47, 50], F: [51, 52], G: [53, 60],
  H: [61, 62], I: [63, 65], J: [66, 69], K: [70, 70], L: [71, 72], M: [73, 75], N: [76, 79],
  O: [80, 82], P: [83, 83], Q: [84, 85], R: [86, 90], S: [91, 96], T: [97, 97],
};

describe('GB/T 4754-2017 tables', () => {
  it('has exactly 20 门类 A–T in order', () => {
    expect(INDUSTRY_SECTIONS).toHaveLength(20);
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
  });

  it('has exactly 97 大类, 01–97 in order with no gap or duplicate', () => {
    expect(INDUSTRY_DIVISIONS).toHaveLength(97);
    expect(INDUSTRY_DIVISIONS.map((d) => d.code)).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('puts every 大类 in the 门类 whose range holds it', () => {
    for (const division of INDUSTRY_DIVISIONS) {
      const [from, to] = RANGES[division.section];
      const n = Number(division.code);
      expect(n >= from && n <= to, `${division.code} ${division.name} in ${division.section}`).toBe(true);
    }
    for (const [section, [from, to]] of Object.entries(RANGES)) {
      expect(INDUSTRY_DIVISIONS.filter((d) => d.section === section)).toHaveLength(to - from + 1);
    }
  });

  it('has unique, non-empty names without stray spaces', () => {
    for (const list of [INDUSTRY_SECTIONS, INDUSTRY_DIVISIONS]) {
      const names = list.map((x) => x.name);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[\u4e00-\u9fa5、]+$/);
    }
  });

  it.each([
    ['01', '农业'],
    ['05', '农、林、牧、渔专业及辅助性活动'],
    ['11', '开采专业及辅助性活动'],
    ['13', '农副食品加工业'],
    ['25', '石油、煤炭及其他燃料加工业'],
    ['36', '汽车制造业'],
    ['38', '电气机械和器材制造业'],
    ['44', '电力、热力生产和供应业'],
    ['48', '土木工程建筑业'],
    ['54', '道路运输业'],
    ['58', '多式联运和运输代理业'],
    ['77', '生态保护和环境治理业'],
    ['78', '公共设施管理业'],
    ['83', '教育'],
    ['84', '卫生'],
    ['87', '广播、电视、电影和录音制作业'],
    ['88', '文化艺术业'],
    ['96', '基层群众自治组织及其他组织'],
    ['97', '国际组织'],
  ])('names 大类 %s %s', (code, name) => {
    expect(INDUSTRY_DIVISIONS.find((d) => d.code === code)?.name).toBe(name);
  });

  it.each([
    ['A', '农、林、牧、渔业'],
    ['D', '电力、热力、燃气及水生产和供应业'],
    ['I', '信息传输、软件和信息技术服务业'],
    ['N', '水利、环境和公共设施管理业'],
    ['S', '公共管理、社会保障和社会组织'],
  ])('names 门类 %s %s', (code, name) => {
    expect(INDUSTRY_SECTIONS.find((s) => s.code === code)?.name).toBe(name);
  });
});

describe('findIndustry', () => {
  const division38 = { level: 'division', division: { code: '38', name: '电气机械和器材制造业', section: 'C' }, section: { code: 'C', name: '制造业' } };
  const sectionC = { level: 'section', section: { code: 'C', name: '制造业' } };

  it.each(['38', 'C38', 'c38', 'C 38', 'C-38', '电气机械和器材制造业', '38 电气机械和器材制造业', 'C38电气机械和器材制造业', 'Ｃ３８', ' 38 '])(
    'finds 大类 38 from %j',
    (text) => {
      expect(findIndustry(text)).toEqual(division38);
    },
  );

  it.each(['C', 'c', '制造业', 'C 制造业', 'C制造业', 'Ｃ　制造业'])('finds 门类 C from %j', (text) => {
    expect(findIndustry(text)).toEqual(sectionC);
  });

  it('pads a single digit and reads 中类/小类 codes as their 大类', () => {
    expect(findIndustry('1')).toMatchObject({ level: 'division', division: { code: '01', name: '农业' } });
    expect(findIndustry('C3811')).toMatchObject({ level: 'division', division: { code: '38' } });
    expect(findIndustry('381 电机制造')).toMatchObject({ level: 'division', division: { code: '38' } });
  });

  it('prefers the 大类 where a name is both a 门类 and a 大类', () => {
    expect(findIndustry('教育')).toMatchObject({ level: 'division', division: { code: '83' }, section: { code: 'P' } });
    expect(findIndustry('P')).toMatchObject({ level: 'section', section: { code: 'P', name: '教育' } });
  });

  it('returns null for unknown or contradictory input', () => {
    for (const text of ['', '   ', '00', '98', 'U', 'D38', '38 汽车制造业', 'C 建筑业', '电气机械', 'X制造业', '制造']) {
      expect(findIndustry(text), text).toBeNull();
    }
  });
});

describe('industryLabel', () => {
  it('labels 大类 and 门类 codes and passes unknown codes through', () => {
    expect(industryLabel('38')).toBe('C38 电气机械和器材制造业');
    expect(industryLabel('N78')).toBe('N78 公共设施管理业');
    expect(industryLabel('C')).toBe('C 制造业');
    expect(industryLabel('Z99')).toBe('Z99');
  });
});
