import { describe, expect, it } from 'vitest';
import { checkTransition, nextStages, type TransitionFacts } from './lifecycle';

const facts = (overrides: Partial<TransitionFacts> = {}): TransitionFacts => ({
  stage: 'ready',
  stageBeforeSuspension: null,
  actualStart: null,
  actualCompletion: null,
  procedures: [],
  reason: null,
  ...overrides,
});

const procedure = (name: string, status: string, waiverReason: string | null = null, isRequiredForStart = true) => ({ name, status, waiverReason, isRequiredForStart });

describe('stage transitions', () => {
  it('lets a project walk the main line 储备 → 前期 → 具备开工条件', () => {
    expect(checkTransition(facts({ stage: 'reserve' }), 'preliminary')).toEqual([]);
    expect(checkTransition(facts({ stage: 'preliminary' }), 'ready')).toEqual([]);
  });

  it('refuses jumps the table does not allow', () => {
    expect(checkTransition(facts({ stage: 'reserve' }), 'construction')[0]).toContain('不能从「储备」直接转为「在建」');
    expect(checkTransition(facts({ stage: 'terminated' }), 'reserve')).toHaveLength(1);
    expect(checkTransition(facts({ stage: 'construction' }), 'operating')).toHaveLength(1);
  });

  it('requires an actual start date and every required procedure approved or waived with a reason for 在建', () => {
    const open = facts({ procedures: [procedure('用地预审', 'in_progress'), procedure('施工许可', 'not_required'), procedure('安全评价', 'not_started', null, false)] });
    const problems = checkTransition(open, 'construction');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('实际开工日期');
    expect(problems[1]).toContain('用地预审');
    expect(problems[1]).toContain('施工许可');
    expect(problems[1]).not.toContain('安全评价');

    const done = facts({ actualStart: '2025-04-01', procedures: [procedure('用地预审', 'approved'), procedure('施工许可', 'not_required', '改建项目不涉及新增建筑')] });
    expect(checkTransition(done, 'construction')).toEqual([]);
  });

  it('requires an actual completion date, not before the start, for 竣工', () => {
    expect(checkTransition(facts({ stage: 'construction', actualStart: '2025-04-01' }), 'completed')[0]).toContain('实际竣工日期');
    expect(checkTransition(facts({ stage: 'construction', actualStart: '2025-04-01', actualCompletion: '2025-03-01' }), 'completed')[0]).toContain('不能早于');
    expect(checkTransition(facts({ stage: 'construction', actualStart: '2025-04-01', actualCompletion: '2026-06-30' }), 'completed')).toEqual([]);
  });

  it('requires a reason for 暂缓 and 终止, and resumes to the stage left', () => {
    expect(checkTransition(facts({ stage: 'construction' }), 'suspended')[0]).toContain('原因');
    expect(checkTransition(facts({ stage: 'construction', reason: '资金未到位，暂停施工' }), 'suspended')).toEqual([]);
    const suspended = facts({ stage: 'suspended', stageBeforeSuspension: 'construction' });
    expect(nextStages('suspended', 'construction')).toEqual(['construction', 'terminated']);
    expect(checkTransition(suspended, 'construction')).toEqual(['恢复须填写原因']);
    expect(checkTransition({ ...suspended, reason: '资金已落实，恢复施工' }, 'construction')).toEqual([]);
    expect(checkTransition(suspended, 'completed')).toHaveLength(1);
  });
});
