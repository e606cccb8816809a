import { describe, expect, it } from 'vitest';
import { bandLabel, bandNoun, countedScopeLabel, type InvestmentThresholdsWan } from './projects';

const defaults: InvestmentThresholdsWan = { countedMinWan: 500, majorMinWan: 10_000, largeMinWan: 100_000 };
const county: InvestmentThresholdsWan = { countedMinWan: 1000, majorMinWan: 15_000, largeMinWan: 200_000 };

describe('band names from thresholds', () => {
  it('names the default bands as the county reports do', () => {
    expect(countedScopeLabel(defaults)).toBe('500万元以上');
    expect(['gte500w', 'gte1yi', 'gte10yi'].map((k) => bandNoun(k, defaults))).toEqual(['500万—1亿元项目', '1亿—10亿元项目', '10亿元以上项目']);
    expect(['gte500w', 'gte1yi', 'gte10yi'].map((k) => bandLabel(k, defaults))).toEqual(['500万元以上', '1亿元以上（重大项目）', '10亿元以上（大项目）']);
  });

  it("follows a division's own thresholds", () => {
    expect(countedScopeLabel(county)).toBe('1000万元以上');
    expect(['gte500w', 'gte1yi', 'gte10yi'].map((k) => bandNoun(k, county))).toEqual(['1000万—1.5亿元项目', '1.5亿—20亿元项目', '20亿元以上项目']);
    expect(bandLabel('gte1yi', county)).toBe('1.5亿元以上（重大项目）');
  });

  it('leaves an unknown band key as it is', () => {
    expect(bandNoun('other', defaults)).toBe('other');
    expect(bandLabel('other', defaults)).toBe('other');
  });
});
