import { describe, it, expect } from 'vitest';
import {
  formatProjectCode,
  isValidProjectCode,
  mod11_10CheckDigit,
  nationalCheckDigit,
  normalizeProjectCode,
  parseProjectCode,
  type ParsedProjectCode,
} from './project-code';

/** A valid national code built from its first 19 digits with our own check digit. */
function national(first19: string): string {
  const digits = first19.replace(/-/g, '');
  const full = digits + nationalCheckDigit(digits);
  return [full.slice(0, 4), full.slice(4, 10), full.slice(10, 12), full.slice(12, 14), full.slice(14)].join('-');
}

function failure(parsed: ParsedProjectCode) {
  if (parsed.ok) throw new Error(`expected a failure, got ${parsed.code}`);
  return parsed;
}

describe('ISO/IEC 7064 MOD 11,10', () => {
  it('matches the example of the standard itself (0794 → 5)', () => {
    // ISO/IEC 7064 §10.1.2: "0794" carries check digit 5. By hand, P starts at 10:
    //   0: S = (10+0) mod 10 = 0 → 10; P = 20 mod 11 = 9
    //   7: S = (9+7) mod 10 = 6;         P = 12 mod 11 = 1
    //   9: S = (1+9) mod 10 = 0 → 10;    P = 20 mod 11 = 9
    //   4: S = (9+4) mod 10 = 3;         P =  6 mod 11 = 6
    //   C = (11 − 6) mod 10 = 5
    expect(mod11_10CheckDigit('0794')).toBe(5);
  });

  it('matches an independent published user of the algorithm (Croatian OIB 69435151530)', () => {
    expect(mod11_10CheckDigit('6943515153')).toBe(0);
  });

  it('computes the check digit of 2403-620921-01-01-12345 as 4, worked by hand', () => {
    // Hybrid system, M = 10: P = 10; per digit S = (P + d) mod 10 (0 counts as 10),
    // P = 2S mod 11; finally C = (11 − P) mod 10, so that (P + C) mod 10 = 1.
    //  #  d   S = (P + d) mod 10      P = 2S mod 11
    //  1  2   (10 + 2) mod 10 = 2     4 mod 11 = 4
    //  2  4   (4 + 4) mod 10 = 8      16 mod 11 = 5
    //  3  0   (5 + 0) mod 10 = 5      10 mod 11 = 10
    //  4  3   (10 + 3) mod 10 = 3     6 mod 11 = 6
    //  5  6   (6 + 6) mod 10 = 2      4 mod 11 = 4
    //  6  2   (4 + 2) mod 10 = 6      12 mod 11 = 1
    //  7  0   (1 + 0) mod 10 = 1      2 mod 11 = 2
    //  8  9   (2 + 9) mod 10 = 1      2 mod 11 = 2
    //  9  2   (2 + 2) mod 10 = 4      8 mod 11 = 8
    // 10  1   (8 + 1) mod 10 = 9      18 mod 11 = 7
    // 11  0   (7 + 0) mod 10 = 7      14 mod 11 = 3
    // 12  1   (3 + 1) mod 10 = 4      8 mod 11 = 8
    // 13  0   (8 + 0) mod 10 = 8      16 mod 11 = 5
    // 14  1   (5 + 1) mod 10 = 6      12 mod 11 = 1
    // 15  1   (1 + 1) mod 10 = 2      4 mod 11 = 4
    // 16  2   (4 + 2) mod 10 = 6      12 mod 11 = 1
    // 17  3   (1 + 3) mod 10 = 4      8 mod 11 = 8
    // 18  4   (8 + 4) mod 10 = 2      4 mod 11 = 4
    // 19  5   (4 + 5) mod 10 = 9      18 mod 11 = 7
    // C = (11 − 7) mod 10 = 4; check: (7 + 4) mod 10 = 1.
    expect(nationalCheckDigit('2403620921010112345')).toBe(4);
    expect(nationalCheckDigit('2403-620921-01-01-12345')).toBe(4);
    expect(parseProjectCode('2403-620921-01-01-123454').ok).toBe(true);
  });

  it('handles the S = 0 → 10 case and a final P of 10 (C = 1)', () => {
    // "5": S = (10+5) mod 10 = 5, P = 10 mod 11 = 10, C = (11 − 10) mod 10 = 1.
    expect(mod11_10CheckDigit('5')).toBe(1);
    // "0": S = 0 → 10, P = 9, C = 2.
    expect(mod11_10CheckDigit('0')).toBe(2);
  });

  it('gives exactly one valid check digit for every prefix', () => {
    for (const prefix of ['2403620921010112345', '2011110101030200001', '2512330782990188888']) {
      const valid = Array.from({ length: 10 }, (_, c) => c).filter((c) => {
        let p = 10;
        for (const ch of prefix + c) p = (((p + Number(ch)) % 10 || 10) * 2) % 11;
        // Validating the full string: the last S before doubling must be 1, i.e. P = 2.
        return p === 2;
      });
      expect(valid).toEqual([nationalCheckDigit(prefix)]);
    }
  });

  it('rejects anything but 19 digits', () => {
    expect(() => nationalCheckDigit('123')).toThrow();
    expect(() => nationalCheckDigit('240362092101011234A')).toThrow();
  });
});

describe('normalizeProjectCode', () => {
  it('maps full-width digits and dashes, trims and drops inner spaces', () => {
    expect(normalizeProjectCode('  ２４０３－６２０９２１－０１－０１－１２３４５４ ')).toBe('2403-620921-01-01-123454');
    expect(normalizeProjectCode('2403 – 620921 — 01\u3000‐\u300001 − 123454')).toBe('2403-620921-01-01-123454');
  });

  it('treats every dash-like character as a hyphen', () => {
    for (const dash of ['－', '–', '—', '−', '‐', '‑', '‒', '―', '﹣']) {
      expect(normalizeProjectCode(`2403${dash}620921`)).toBe('2403-620921');
    }
  });

  it('does not treat 一 as a dash', () => {
    expect(normalizeProjectCode('2403一620921')).toBe('2403一620921');
  });
});

describe('parseProjectCode — national codes', () => {
  it('accepts a valid code and reads its parts', () => {
    expect(parseProjectCode('2403-620921-01-01-123454')).toEqual({
      ok: true,
      code: '2403-620921-01-01-123454',
      kind: 'national',
      issuedYear: 2024,
      issuedMonth: 3,
      divisionCode: '620921',
      departmentCode: '01',
      typeCode: '01',
      serial: '123454',
      checkDigit: 4,
    });
  });

  it('accepts codes built with the check-digit function across the date range', () => {
    for (const first19 of ['2011-330100-04-01-00000', '2106-510122-89-01-53712', '2512-130181-07-02-99999', '9912-650102-60-03-10101']) {
      const parsed = parseProjectCode(national(first19));
      expect(parsed.ok, first19).toBe(true);
      if (parsed.ok) expect(parsed.kind).toBe('national');
    }
  });

  it('rejects a wrong check digit, naming the expected and the actual digit', () => {
    const parsed = failure(parseProjectCode('2403-620921-01-01-123457'));
    expect(parsed.reason).toBe('check_digit');
    expect(parsed.message).toBe('项目代码校验位错误：应为 4，实际为 7。请核对全国投资项目在线审批监管平台赋予的代码');
  });

  it('catches a single mistyped digit and a swap of neighbours', () => {
    expect(failure(parseProjectCode('2403-620912-01-01-123454')).reason).toBe('check_digit');
    expect(failure(parseProjectCode('2403-620921-01-01-123554')).reason).toBe('check_digit');
  });

  it('accepts full-width input typed in a Chinese IME', () => {
    const parsed = parseProjectCode('２４０３－６２０９２１－０１－０１－１２３４５４');
    expect(parsed.ok && parsed.code).toBe('2403-620921-01-01-123454');
  });

  it('rejects a bad month', () => {
    const parsed = failure(parseProjectCode(national('2413-620921-01-01-12345')));
    expect(parsed.reason).toBe('date');
    expect(parsed.message).toContain('2413');
    expect(failure(parseProjectCode(national('2400-620921-01-01-12345'))).reason).toBe('date');
  });

  it('rejects a national date before November 2020 that is no legacy year either', () => {
    // 2110 is October 2021 (fine); 1912 would be December 2019 — before the national format.
    expect(parseProjectCode(national('2110-620921-01-01-12345')).ok).toBe(true);
    expect(failure(parseProjectCode(national('1812-620921-01-01-12345'))).reason).toBe('date');
  });

  it('rejects a division code starting with 00', () => {
    const parsed = failure(parseProjectCode(national('2403-000921-01-01-12345')));
    expect(parsed.reason).toBe('division');
    expect(parsed.message).toContain('000921');
  });
});

describe('parseProjectCode — legacy codes', () => {
  it('accepts a legacy code and reads its parts', () => {
    expect(parseProjectCode('2017-620921-48-01-000123')).toEqual({
      ok: true,
      code: '2017-620921-48-01-000123',
      kind: 'legacy',
      issuedYear: 2017,
      issuedMonth: null,
      divisionCode: '620921',
      departmentCode: '48',
      typeCode: '01',
      serial: '000123',
      checkDigit: null,
    });
  });

  it('accepts the years 1990 to 2020 and nothing outside', () => {
    expect(parseProjectCode('1990-110101-01-01-000001').ok).toBe(true);
    expect(parseProjectCode('2020-110101-01-01-000001').ok).toBe(true);
    expect(failure(parseProjectCode('1989-110101-01-01-000001')).reason).toBe('date');
  });

  it('reads 2011/2012 as legacy unless the last digit is a valid national check digit', () => {
    const asNational = national('2011-620921-01-01-12345');
    const parsedNational = parseProjectCode(asNational);
    expect(parsedNational.ok && parsedNational.kind).toBe('national');
    expect(parsedNational.ok && parsedNational.issuedMonth).toBe(11);

    const lastDigit = Number(asNational.slice(-1));
    const asLegacy = `${asNational.slice(0, -1)}${(lastDigit + 1) % 10}`;
    const parsedLegacy = parseProjectCode(asLegacy);
    expect(parsedLegacy.ok && parsedLegacy.kind).toBe('legacy');
    expect(parsedLegacy.ok && parsedLegacy.issuedYear).toBe(2011);
  });
});

describe('parseProjectCode — shape errors', () => {
  const formatMessage = '项目代码格式不正确：应为 YYMM-AAAAAA-DD-TT-RRRRRC（2020年11月起）或 YYYY-AAAAAA-II-TT-NNNNNN（旧版）';

  it.each([
    ['empty', ''],
    ['too short', '2403-620921-01-01-12345'],
    ['too long', '2403-620921-01-01-1234545'],
    ['letters', '2403-62O921-01-01-123454'],
    ['一 instead of a dash', '2403一620921一01一01一123454'],
    ['dashes in the wrong places', '240-3620921-01-01-123454'],
    ['dashes in some places only', '2403-62092101-01-123454'],
    ['19 digits without dashes', '2403620921010112345'],
  ])('rejects %s', (_label, input) => {
    const parsed = failure(parseProjectCode(input));
    expect(parsed.reason).toBe('format');
    expect(parsed.message).toBe(formatMessage);
  });
});

describe('parseProjectCode — without dashes', () => {
  it('reads 20 digits as national when the check digit is valid', () => {
    const parsed = parseProjectCode('24036209210101123454');
    expect(parsed.ok && parsed.kind).toBe('national');
    expect(parsed.ok && parsed.code).toBe('2403-620921-01-01-123454');
  });

  it('reads 20 digits as legacy when they start with a year 1990–2020', () => {
    const parsed = parseProjectCode('20176209214801000123');
    expect(parsed.ok && parsed.kind).toBe('legacy');
    expect(parsed.ok && parsed.code).toBe('2017-620921-48-01-000123');
  });

  it('reports a wrong check digit when the head can only be a national YYMM', () => {
    expect(failure(parseProjectCode('24036209210101123457')).reason).toBe('check_digit');
  });

  it('reports the date when the head is neither', () => {
    expect(failure(parseProjectCode('19856209214801000123')).reason).toBe('date');
  });

  it('accepts spaces and full-width digits in a dashless code', () => {
    expect(parseProjectCode('２４０３ ６２０９２１ ０１ ０１ １２３４５４').ok).toBe(true);
  });
});

describe('formatProjectCode and isValidProjectCode', () => {
  it('formats a valid code canonically and leaves an invalid one as typed (normalised)', () => {
    expect(formatProjectCode(' 24036209210101123454 ')).toBe('2403-620921-01-01-123454');
    expect(formatProjectCode('2403－620921－01－01－12345')).toBe('2403-620921-01-01-12345');
  });

  it('tells valid from invalid', () => {
    expect(isValidProjectCode('2403-620921-01-01-123454')).toBe(true);
    expect(isValidProjectCode('2403-620921-01-01-123450')).toBe(false);
  });
});
