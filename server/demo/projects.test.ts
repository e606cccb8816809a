import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parseProjectCode } from '../../common/project-code';
import { SECTORS, type Stage } from '../../common/projects';
import { DEFAULT_PROCEDURE_TEMPLATES } from '../modules/projects/procedure-templates';
import { searchTextOf } from '../modules/projects/search';
import { DEMO_COUNTY_CODE, generateDemoData } from './generate';
import { LIBRARY_SPECS } from './projects';

const AS_OF = '2026-11-24';
const YEAR = 2026;

describe('demo projects', () => {
  const data = generateDemoData({ seed: 1, counties: 3, asOf: AS_OF });
  const demo = data.projects.filter((p) => p.divisionCode === DEMO_COUNTY_CODE);
  const count = (pred: (p: (typeof demo)[number]) => boolean) => demo.filter(pred).length;
  const within = (actual: number, expected: number) => {
    expect(actual).toBeGreaterThanOrEqual(Math.floor(expected * 0.9));
    expect(actual).toBeLessThanOrEqual(Math.ceil(expected * 1.1));
  };
  const inStage = (...stages: Stage[]) => (p: (typeof demo)[number]) => stages.includes(p.stage);

  it('is deterministic: the same seed and day give identical data', () => {
    const again = generateDemoData({ seed: 1, counties: 3, asOf: AS_OF });
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    const other = generateDemoData({ seed: 2, counties: 1, asOf: AS_OF });
    expect(other.projects.map((p) => p.name)).not.toEqual(demo.map((p) => p.name));
  });

  it('keeps the first counties unchanged when more are generated', () => {
    const small = generateDemoData({ seed: 1, counties: 1, asOf: AS_OF });
    expect(JSON.stringify(small.projects)).toBe(JSON.stringify(demo));
    expect(JSON.stringify(small.units)).toBe(JSON.stringify(data.units.filter((u) => small.units.some((s) => s.id === u.id))));
  });

  it('has the seed report’s figures in the demo county (±10 %)', () => {
    within(count(inStage('planning', 'reserve', 'preliminary', 'ready')), 1300);
    within(count((p) => p.stage === 'construction' && new Decimal(p.totalInvestment).gte(500)), 730);
    within(count(inStage('completed', 'operating')), 120);
    within(count((p) => new Decimal(p.totalInvestment).gte(10_000)), 100);
    expect(count((p) => new Decimal(p.totalInvestment).gte(100_000))).toBeGreaterThanOrEqual(3);
    expect(count(inStage('suspended'))).toBeGreaterThan(0);
    expect(count(inStage('terminated'))).toBeGreaterThan(0);
    // 在建: started this year or continuing from earlier years.
    const construction = demo.filter(inStage('construction'));
    expect(construction.some((p) => p.actualStart!.startsWith(String(YEAR)))).toBe(true);
    expect(construction.some((p) => p.actualStart! < `${YEAR}-01-01`)).toBe(true);
    for (const sector of SECTORS) expect(count((p) => p.sector === sector) / demo.length).toBeGreaterThan(0.1);
    within(count((p) => !!p.leaderName), demo.length * 0.15);
  });

  it('has unique names per county and money within its limits', () => {
    for (const county of new Set(data.projects.map((p) => p.divisionCode))) {
      const names = data.projects.filter((p) => p.divisionCode === county).map((p) => p.name);
      expect(new Set(names).size).toBe(names.length);
    }
    const units = data.units.map((u) => `${u.divisionCode}/${u.name}`);
    expect(new Set(units).size).toBe(units.length);
    for (const p of data.projects) {
      expect(p.totalInvestment).toMatch(/^\d+(\.\d)?$/);
      const total = new Decimal(p.totalInvestment);
      const funded = p.funding.reduce((sum, f) => sum.plus(f.amount), new Decimal(0));
      expect(funded.lte(total), p.name).toBe(true);
      for (const f of p.funding) {
        expect(f.amount).toMatch(/^\d+(\.\d)?$/);
        if (f.currency !== 'CNY') expect(f.originalAmount).toBeTruthy();
      }
      expect(new Set(p.funding.map((f) => f.source)).size).toBe(p.funding.length);
      const planned = p.yearPlans.reduce((sum, y) => sum.plus(y.planned), new Decimal(0));
      expect(planned.lte(total)).toBe(true);
      for (const y of p.yearPlans) expect(y.year >= YEAR && y.year <= YEAR + 2).toBe(true);
      expect(p.name.length).toBeLessThanOrEqual(200);
      const lat = Number(p.latitude);
      const lon = Number(p.longitude);
      expect(lat > 39.4 && lat < 40.9 && lon > 94.9 && lon < 97.6).toBe(true);
    }
    expect(data.projects.some((p) => p.funding.some((f) => f.currency === 'USD'))).toBe(true);
  });

  it('gives valid, unique national codes past 储备 and never to 谋划', () => {
    const codes = data.projects.filter((p) => p.code).map((p) => p.code!);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of data.projects.filter((x) => x.code)) {
      const parsed = parseProjectCode(p.code!);
      expect(parsed.ok, p.code!).toBe(true);
      if (parsed.ok) {
        expect(parsed.code).toBe(p.code);
        expect(parsed.kind).toBe(p.codeKind);
        expect(parsed.divisionCode).toBe(p.divisionCode);
      }
    }
    expect(demo.filter((p) => p.stage === 'planning').every((p) => !p.code)).toBe(true);
    const past = demo.filter(inStage('construction', 'completed', 'operating'));
    expect(past.filter((p) => p.code).length / past.length).toBeGreaterThan(0.9);
    expect(demo.some((p) => p.codeKind === 'legacy')).toBe(true);
  });

  it('numbers 储备编号 uniquely per division, with counters past the last number', () => {
    for (const county of new Set(data.projects.map((p) => p.divisionCode))) {
      const numbers = data.projects.filter((p) => p.divisionCode === county).map((p) => p.reserveNo);
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const no of numbers) {
        const m = /^CB-(\d{4})-(\d{6})-(\d{4,})$/.exec(no);
        expect(m, no).not.toBeNull();
        expect(m![2]).toBe(county);
        const counter = data.reserveCounters.find((c) => c.divisionCode === county && c.year === Number(m![1]));
        expect(counter!.last).toBeGreaterThanOrEqual(Number(m![3]));
      }
    }
  });

  it('computes the search text as the project service does', () => {
    const unitName = new Map(data.units.map((u) => [u.id, u.name]));
    for (const p of demo) expect(p.searchText).toBe(searchTextOf([p.name, unitName.get(p.ownerUnitId), p.code, p.reserveNo]));
  });

  it('gives each project its template checklist, consistent with its stage', () => {
    const open = (x: { status: string; isRequiredForStart: boolean; waiverReason: string | null }) =>
      x.isRequiredForStart && x.status !== 'approved' && !(x.status === 'not_required' && x.waiverReason);
    for (const p of data.projects) {
      const template = DEFAULT_PROCEDURE_TEMPLATES[p.approvalType];
      expect(p.procedures.map((x) => [x.key, x.name, x.sortOrder, x.isRequiredForStart, x.approvingOffice])).toEqual(
        template.map((t, i) => [t.key, t.name, i, t.isRequiredForStart, t.office]),
      );
      if (['construction', 'completed', 'operating'].includes(p.stage) || p.stageBeforeSuspension === 'construction') {
        expect(p.procedures.filter(open), p.name).toEqual([]);
        for (const x of p.procedures.filter((y) => y.status === 'approved')) {
          expect(x.approvalNo).toBeTruthy();
          expect(x.approvalDate! < p.actualStart!).toBe(true);
        }
      }
      if (p.stage === 'planning') expect(p.procedures.every((x) => x.status === 'not_started')).toBe(true);
      if (p.stage === 'completed' || p.stage === 'operating') expect(p.actualCompletion! >= p.actualStart!).toBe(true);
      if (p.stage === 'construction') {
        expect(p.actualStart! <= AS_OF).toBe(true);
        expect(p.actualCompletion).toBeNull();
      }
      for (const x of p.procedures.filter((y) => y.status === 'not_required')) expect(x.waiverReason).toBeTruthy();
    }
    const preliminary = demo.filter(inStage('preliminary'));
    expect(preliminary.some((p) => p.procedures.some((x) => x.blockingProblem?.includes('用地审批难')))).toBe(true);
    expect(preliminary.some((p) => p.procedures.some((x) => x.status === 'in_progress' && x.dueDate! < AS_OF))).toBe(true);
    expect(preliminary.some((p) => p.procedures.some((x) => x.status === 'approved'))).toBe(true);
  });

  it('has a stage history that ends in the current stage, by demo users, in order', () => {
    const userIds = new Set(data.users.map((u) => u.id));
    for (const p of data.projects) {
      expect(p.transitions[0].fromStage).toBeNull();
      for (let i = 1; i < p.transitions.length; i++) {
        expect(p.transitions[i].fromStage).toBe(p.transitions[i - 1].toStage);
        expect(p.transitions[i].at > p.transitions[i - 1].at).toBe(true);
      }
      const last = p.transitions[p.transitions.length - 1];
      expect(last.toStage).toBe(p.stage);
      expect(last.at <= `${AS_OF}T23:59:59Z`).toBe(true);
      for (const t of p.transitions) expect(userIds.has(t.actorId)).toBe(true);
      expect(userIds.has(p.createdBy)).toBe(true);
      if (p.leaderUserId) expect(data.users.find((u) => u.id === p.leaderUserId)?.displayName).toBe(p.leaderName);
      if (p.stage === 'suspended' || p.stage === 'terminated') expect(last.reason).toBeTruthy();
    }
  });

  it('fills the "4+X" libraries by the rules', () => {
    const libs = data.libraries.filter((l) => l.divisionCode === DEMO_COUNTY_CODE);
    expect(libs.map((l) => l.name)).toEqual(LIBRARY_SPECS.map((s) => s.name));
    expect(libs.filter((l) => l.kind === 'comprehensive')).toHaveLength(3);
    const units = new Map(data.units.map((u) => [u.id, u]));
    expect(units.get(libs.find((l) => l.key === 'promotion')!.ownerUnitId!)?.name).toBe('河西县商务局');
    expect(units.get(libs.find((l) => l.key === 'water')!.ownerUnitId!)?.name).toBe('河西县水务局');
    const lib3341 = libs.find((l) => l.key === '3341')!.id;
    for (const p of demo) {
      const ids = p.memberships.map((m) => m.libraryId);
      expect(new Set(ids).size).toBe(ids.length);
      if (p.stage === 'planning' || p.stage === 'terminated') expect(ids).toEqual([]);
      else if (new Decimal(p.totalInvestment).gte(500)) expect(ids).toContain(lib3341);
    }
    for (const key of ['central', 'promotion', 'agri', 'water', 'education', 'health']) {
      const id = libs.find((l) => l.key === key)!.id;
      expect(demo.filter((p) => p.memberships.some((m) => m.libraryId === id)).length, key).toBeGreaterThan(10);
    }
  });

  it('has pending, approved and returned 入库 requests by department users', () => {
    const requests = data.libraryRequests.filter((r) => r.divisionCode === DEMO_COUNTY_CODE);
    const byStatus = (s: string) => requests.filter((r) => r.status === s);
    expect(byStatus('pending')).toHaveLength(15);
    expect(byStatus('approved')).toHaveLength(10);
    expect(byStatus('returned')).toHaveLength(5);
    const users = new Map(data.users.map((u) => [u.id, u]));
    const projects = new Map(demo.map((p) => [p.id, p]));
    const pending = new Set<string>();
    for (const r of requests) {
      expect(users.get(r.submittedBy)?.role).toBe('department');
      const p = projects.get(r.projectId)!;
      expect(r.submittedAt > p.createdAt).toBe(true);
      expect(r.submittedAt <= `${AS_OF}T23:59:59Z`).toBe(true);
      const member = p.memberships.some((m) => m.libraryId === r.libraryId);
      if (r.status === 'approved') {
        expect(member).toBe(true);
        expect(users.get(r.reviewedBy!)?.role).toBe('drc');
        expect(r.reviewedAt! > r.submittedAt).toBe(true);
      } else expect(member).toBe(false);
      if (r.status === 'returned') expect(r.reviewComment).toBeTruthy();
      if (r.status === 'pending') {
        expect(pending.has(`${r.projectId}/${r.libraryId}`)).toBe(false);
        pending.add(`${r.projectId}/${r.libraryId}`);
      }
    }
  });
});
