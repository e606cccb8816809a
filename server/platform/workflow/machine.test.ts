import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../common/permissions';
import { AppError } from '../http/errors';
import { defineMachine } from './machine';

type State = 'draft' | 'submitted' | 'approved' | 'returned';
interface Facts {
  submittedBy: string | null;
  actorId: string;
}
interface Move {
  comment?: string | null;
}

const log: string[] = [];
const machine = defineMachine<State, Facts, Move, { note: string }>({
  kind: 'test_record',
  states: ['draft', 'submitted', 'approved', 'returned'],
  labels: { draft: '草稿', submitted: '待审核', approved: '已通过', returned: '已退回' },
  transitions: [
    { from: null, to: 'draft', action: 'create', label: '新建', permission: 'report.fill' },
    { from: ['draft', 'returned'], to: 'submitted', action: 'submit', label: '提交', permission: 'report.fill', refused: '只有草稿可以提交' },
    {
      from: 'submitted',
      to: 'approved',
      action: 'approve',
      label: '审核通过',
      permission: 'report.review',
      guards: [(f) => (f.submittedBy === f.actorId ? '不能审核自己提交的记录' : null)],
      effects: [async ({ context, from, to }) => void log.push(`${context.note}:${from}->${to}`)],
    },
    {
      from: 'submitted',
      to: 'returned',
      action: 'return',
      label: '退回',
      permission: 'report.review',
      requires: [(f) => (f.comment?.trim() ? null : '退回须填写意见')],
    },
  ],
});

const filler = { permissions: ['report.fill'] as Permission[] };
const reviewer = { permissions: ['report.review'] as Permission[] };
const facts = (over: Partial<Facts & Move> = {}): Facts & Move => ({ submittedBy: 'u1', actorId: 'u2', ...over });

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('defineMachine', () => {
  it('allows a move in the table for an actor holding its permission', () => {
    expect(machine.check('draft', { action: 'submit' }, filler, facts())).toMatchObject({ refusal: null, problems: [], transition: { to: 'submitted' } });
    expect(machine.assert('returned', { action: 'submit' }, filler, facts()).to).toBe('submitted');
    expect(machine.assert(null, { to: 'draft' }, filler, facts()).action).toBe('create');
  });

  it('refuses a move the table does not have, with a 409 and a Chinese message', () => {
    const error = refusal(() => machine.assert('approved', { action: 'submit' }, filler, facts()));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('只有草稿可以提交');
    expect(machine.check('draft', { to: 'approved' }, reviewer, facts()).problems).toEqual(['不能从「草稿」直接转为「已通过」']);
    expect(machine.check('approved', { action: 'return' }, reviewer, facts()).problems).toEqual(['「已通过」状态下不能退回']);
  });

  it('refuses an actor without the permission with a 403', () => {
    const error = refusal(() => machine.assert('submitted', { action: 'approve' }, filler, facts()));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('审核通过');
  });

  it('runs guards on the record and requires on what the action brings', () => {
    expect(refusal(() => machine.assert('submitted', { action: 'approve' }, reviewer, facts({ actorId: 'u1' }))).message).toBe('不能审核自己提交的记录');
    expect(refusal(() => machine.assert('submitted', { action: 'return' }, reviewer, facts())).message).toBe('退回须填写意见');
    expect(machine.check('submitted', { action: 'return' }, reviewer, facts({ comment: '数据有误' })).refusal).toBeNull();
  });

  it('offers exactly the moves the actor may take: permission and record guards, not input checks', () => {
    expect(machine.allowedTransitions('submitted', reviewer, facts())).toEqual([
      { action: 'approve', to: 'approved', label: '审核通过' },
      { action: 'return', to: 'returned', label: '退回' },
    ]);
    // The submitter sees no 审核通过 button on their own record.
    expect(machine.allowedTransitions('submitted', reviewer, facts({ actorId: 'u1' })).map((t) => t.action)).toEqual(['return']);
    expect(machine.allowedTransitions('submitted', filler, facts())).toEqual([]);
    expect(machine.allowedTransitions('approved', { permissions: ['report.fill', 'report.review'] }, facts())).toEqual([]);
  });

  it('runs the effects of a transition with what the caller hands through', async () => {
    const approve = machine.assert('submitted', { action: 'approve' }, reviewer, facts());
    await machine.runEffects(approve, { context: { note: 'tx' }, divisionCode: '620921', recordId: 'r1', from: 'submitted', to: 'approved', action: 'approve', facts: facts() });
    expect(log).toEqual(['tx:submitted->approved']);
  });

  it('refuses to define a transition to a state it does not know', () => {
    expect(() =>
      defineMachine<'a' | 'b'>({ kind: 'bad', states: ['a', 'b'], labels: { a: '甲', b: '乙' }, transitions: [{ from: 'a', to: 'c' as 'b', action: 'go', permission: 'report.fill' }] }),
    ).toThrow(/unknown state c/);
  });
});
