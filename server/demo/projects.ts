import { nationalCheckDigit } from '../../common/project-code';
import type { ApprovalType, ConstructionNature, FundingSource, LibraryKind, Maturity, ProcedureStatus, Sector, Stage } from '../../common/projects';
import { DEFAULT_PROCEDURE_TEMPLATES } from '../modules/projects/procedure-templates';
import { searchTextOf } from '../modules/projects/search';
import type { DemoDataSet, DemoDivision, DemoUnit, DemoUser } from './generate';
import { officePhone, personName, villageName } from './names';
import {
  BLOCKING_PROBLEMS,
  brandName,
  ENTERPRISE_KIND_WORDS,
  type EnterpriseKind,
  FLAGSHIPS,
  type FlagshipSpec,
  kindOfIndustry,
  PROJECT_TEMPLATES,
  type ProjectTemplate,
  RETURN_REASONS,
  SUSPEND_REASONS,
  TERMINATE_REASONS,
  WAIVER_REASONS,
} from './project-templates';
import { type Rng, rngFor, stableUuid } from './random';

/**
 * The project library of each demo county: the "4+X" libraries, about 2,200 projects for
 * the demo county (others scaled 0.5–1.5) across the lifecycle, their funding, three-year
 * plans, preliminary procedures, stage history, library memberships and a few 入库
 * requests. Figures follow the seed report: 1,281 reserve projects, 729 projects of
 * 500万 and more started or continuing this year, ~100 projects of 1亿 and more.
 *
 * Each county draws from `rngFor(seed, 'projects', countyCode)`, so the organisation data
 * and the other counties are untouched. Dates are relative to `asOf` (the day the data
 * describes, by default today): "this year" is the year of `asOf`.
 */

export interface DemoLibrary {
  id: string;
  divisionCode: string;
  /** Stable key within the division (not stored): '3341', 'central', 'promotion', 'water' … */
  key: string;
  name: string;
  kind: LibraryKind;
  ownerUnitId: string | null;
  entryCriteria: string;
  sortOrder: number;
}

export interface DemoFunding {
  source: FundingSource;
  /** 万元, decimal string. */
  amount: string;
  currency: string;
  /** In units of the original currency (not 万), for foreign money. */
  originalAmount: string | null;
}

export interface DemoYearPlan {
  year: number;
  planned: string;
}

export interface DemoProcedure {
  id: string;
  key: string;
  name: string;
  sortOrder: number;
  isRequiredForStart: boolean;
  status: ProcedureStatus;
  approvingOffice: string;
  approvalNo: string | null;
  approvalDate: string | null;
  responsiblePerson: string | null;
  dueDate: string | null;
  blockingProblem: string | null;
  waiverReason: string | null;
}

export interface DemoTransition {
  id: string;
  fromStage: Stage | null;
  toStage: Stage;
  reason: string | null;
  actorId: string;
  actorName: string;
  /** ISO timestamp. */
  at: string;
}

export interface DemoMembership {
  libraryId: string;
  /** ISO timestamp. */
  enteredAt: string;
}

export interface DemoProject {
  id: string;
  divisionCode: string;
  code: string | null;
  codeKind: 'national' | 'legacy' | null;
  reserveNo: string;
  name: string;
  ownerUnitId: string;
  departmentId: string | null;
  townshipId: string | null;
  parkId: string | null;
  sector: Sector;
  industryCode: string;
  constructionNature: ConstructionNature;
  approvalType: ApprovalType;
  scaleContent: string;
  /** 万元, decimal string. */
  totalInvestment: string;
  plannedStart: string | null;
  plannedCompletion: string | null;
  actualStart: string | null;
  actualCompletion: string | null;
  stage: Stage;
  stageBeforeSuspension: Stage | null;
  maturity: Maturity;
  tags: string[];
  leaderName: string | null;
  leaderUserId: string | null;
  longitude: string;
  latitude: string;
  remarks: string | null;
  /** As the project service computes it: searchTextOf([name, owner unit name, code, 储备编号]); the loader adds the bigrams. */
  searchText: string;
  createdBy: string;
  /** ISO timestamps. */
  createdAt: string;
  updatedAt: string;
  funding: DemoFunding[];
  yearPlans: DemoYearPlan[];
  procedures: DemoProcedure[];
  transitions: DemoTransition[];
  memberships: DemoMembership[];
}

export interface DemoLibraryRequest {
  id: string;
  divisionCode: string;
  projectId: string;
  libraryId: string;
  kind: 'enter';
  status: 'pending' | 'approved' | 'returned';
  reason: string;
  submittedBy: string;
  submittedByName: string;
  submittedUnitId: string | null;
  submittedAt: string;
  reviewedBy: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
}

export interface DemoReserveCounter {
  divisionCode: string;
  year: number;
  last: number;
}

// ---------------------------------------------------------------- libraries

interface LibrarySpec {
  key: string;
  name: string;
  kind: LibraryKind;
  owner: string;
  criteria: string;
}

/** The "4+X" libraries: three comprehensive ones and the sector libraries. */
export const LIBRARY_SPECS: readonly LibrarySpec[] = [
  { key: '3341', name: '"3341"项目库', kind: 'comprehensive', owner: 'drc', criteria: '总投资500万元以上、符合国家产业政策和县“3341”项目工程方向、已完成初步谋划论证的各类项目' },
  { key: 'central', name: '中央预算内投资计划项目库', kind: 'comprehensive', owner: 'drc', criteria: '符合中央预算内投资支持方向、前期工作成熟、已纳入三年滚动投资计划的政府投资项目' },
  { key: 'promotion', name: '招商引资项目库', kind: 'comprehensive', owner: 'commerce', criteria: '拟对外招商或已签约的企业投资项目；内资1亿元以上或利用外资500万美元以上的重点招商项目优先入库' },
  { key: 'agri', name: '农业农村项目库', kind: 'sector', owner: 'dept.agri', criteria: '现代农业示范区“一区十园”、高标准农田、设施农业、农产品加工及美丽乡村建设项目' },
  { key: 'industry', name: '工信项目库', kind: 'sector', owner: 'dept.industry', criteria: '新能源及装备制造、资源综合利用、新型建材等工业项目，单体投资1000万元以上优先' },
  { key: 'water', name: '水务项目库', kind: 'sector', owner: 'dept.water', criteria: '河道治理、水库、高效节水灌溉、城乡供水等水利项目，已完成水资源论证' },
  { key: 'forestry', name: '林草项目库', kind: 'sector', owner: 'dept.forestry', criteria: '三北防护林、公益林、防沙治沙、湿地保护及经济林果等林草项目' },
  { key: 'housing', name: '建设项目库', kind: 'sector', owner: 'dept.housing', criteria: '城市基础设施、棚户区及老旧小区改造、供热、污水垃圾处理等城乡建设项目' },
  { key: 'culture', name: '文旅项目库', kind: 'sector', owner: 'dept.culture', criteria: '景区提升、乡村旅游、文化惠民及文旅融合项目，符合全域旅游规划' },
  { key: 'transport', name: '交通项目库', kind: 'sector', owner: 'dept.transport', criteria: '农村公路、危桥改造、生命防护工程及高速公路配套等交通项目' },
  { key: 'education', name: '教育项目库', kind: 'sector', owner: 'dept.education', criteria: '学校扩容改造、薄弱学校改善及学前教育项目，符合教育布局规划' },
  { key: 'health', name: '卫健项目库', kind: 'sector', owner: 'dept.health', criteria: '医院、乡镇卫生院、疾控及医养结合等卫生服务提升项目' },
];

// ---------------------------------------------------------------- counts

/** Projects of the demo county per stage slot; other counties are scaled by their factor. */
const DEMO_COUNTS = {
  planning: 130,
  reserve: 650,
  preliminary: 380,
  ready: 140,
  /** 在建, started this year. */
  started: 330,
  /** 在建, started before this year. */
  continuing: 400,
  completed: 70,
  operating: 50,
  suspended: 8,
  terminated: 5,
} as const;
type Slot = keyof typeof DEMO_COUNTS;
/** Projects of 1亿 to 10亿 (the 10亿+ ones are the flagships). */
const DEMO_MAJOR = 96;
const DEMO_ENTERPRISES_PER_KIND: Record<EnterpriseKind, number> = {
  pv: 10, wind: 5, equipment: 10, material: 10, agri: 16, livestock: 8, food: 8, logistics: 7, ecommerce: 4, tourism: 5, commercial: 6,
};

const SECTOR_WEIGHTS: Record<'normal' | 'major', Record<Sector, number>> = {
  normal: { agriculture: 24, industry: 19, services: 14, social: 22, infrastructure: 21 },
  major: { agriculture: 10, industry: 40, services: 16, social: 12, infrastructure: 22 },
};

// ---------------------------------------------------------------- dates

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** A working-hours timestamp (08:00–17:00 Beijing time) on a day. */
const stampOf = (day: number, rng: Rng) => new Date(day * DAY_MS + rng.int(0, 9 * 60 - 1) * 60_000).toISOString();
const yearOf = (day: number) => new Date(day * DAY_MS).getUTCFullYear();
const NATIONAL_CODE_FROM = dayOf('2020-11-01');

/** Today's date (UTC), the default `asOf`. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- money

/** 万元 as a decimal string: integers from 1,000 up, one decimal below. */
function wan(value: number): string {
  return value >= 1000 ? String(Math.round(value)) : (Math.round(value * 10) / 10).toFixed(1).replace(/\.0$/, '');
}
/** Rounds down to the precision `wan` prints, so parts never exceed their whole. */
function floorWan(value: number, whole: number): number {
  return whole >= 1000 ? Math.floor(value) : Math.floor(value * 10) / 10;
}

// ---------------------------------------------------------------- county context

interface CountyContext {
  seed: number;
  rng: Rng;
  county: DemoDivision;
  base: string;
  isDemo: boolean;
  asOfDay: number;
  year: number;
  units: Map<string, DemoUnit>;
  townships: DemoUnit[];
  usersByUnit: Map<string, DemoUser[]>;
  drcUsers: DemoUser[];
  departmentUsers: DemoUser[];
  leaders: DemoUser[];
  enterprises: Map<EnterpriseKind, DemoUnit[]>;
  libraries: Map<string, DemoLibrary>;
  names: Set<string>;
  codes: Set<string>;
  /** Centre of each township (longitude, latitude). */
  places: Map<string, [number, number]>;
}

/** Adds the libraries, projects and library requests of every county to the data set. */
export function addProjects(data: DemoDataSet, counties: DemoDivision[], asOf: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(dayOf(asOf))) throw new Error(`asOf must be YYYY-MM-DD, got ${asOf}`);
  const unitsByDivision = groupBy(data.units, (u) => u.divisionCode);
  const usersByDivision = groupBy(data.users, (u) => u.divisionCode);
  counties.forEach((county, i) => addCountyProjects(data, county, i === 0, dayOf(asOf), unitsByDivision.get(county.code) ?? [], usersByDivision.get(county.code) ?? []));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(item);
  }
  return out;
}

function addCountyProjects(data: DemoDataSet, county: DemoDivision, isDemo: boolean, asOfDay: number, units: DemoUnit[], users: DemoUser[]): void {
  const rng = rngFor(data.seed, 'projects', county.code);
  const factor = isDemo ? 1 : 0.5 + rng.next();
  const byKey = new Map(units.map((u) => [u.key, u]));
  const usersByUnit = groupBy(users.filter((u) => u.unitId), (u) => u.unitId!);
  const ctx: CountyContext = {
    seed: data.seed,
    rng,
    county,
    base: county.name.replace(/县$/, ''),
    isDemo,
    asOfDay,
    year: yearOf(asOfDay),
    units: byKey,
    townships: units.filter((u) => u.kind === 'township'),
    usersByUnit,
    drcUsers: users.filter((u) => u.role === 'drc'),
    departmentUsers: users.filter((u) => u.role === 'department'),
    leaders: users.filter((u) => u.role === 'leader'),
    enterprises: new Map(),
    libraries: new Map(),
    names: new Set(),
    codes: new Set(),
    places: new Map(),
  };
  addLibraries(data, ctx);
  addEnterprises(data, ctx, units, factor);
  placeTownships(ctx);

  // Stage slots, flagships first.
  const slots: Slot[] = [];
  for (const [slot, count] of Object.entries(DEMO_COUNTS) as [Slot, number][]) {
    for (let i = 0; i < Math.round(count * factor); i++) slots.push(slot);
  }
  const flagships = isDemo ? FLAGSHIPS : FLAGSHIPS.filter(() => rng.chance(0.35));
  const projects: DemoProject[] = [];
  for (const spec of flagships) {
    const slot: Slot = spec.stage === 'construction' ? 'continuing' : spec.stage;
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    const p = buildProject(ctx, slot, 'flagship', spec);
    if (p) projects.push(p);
  }
  const shuffled = rng.shuffle(slots);
  let major = Math.round(DEMO_MAJOR * factor) - projects.filter((p) => Number(p.totalInvestment) >= 10_000 && Number(p.totalInvestment) < 100_000).length;
  for (const slot of shuffled) {
    let band: Band = 'normal';
    if (major > 0 && slot !== 'planning') {
      band = 'major';
      major--;
    } else if ((slot === 'planning' || slot === 'reserve' || slot === 'preliminary') && rng.chance(0.08)) band = 'small';
    const p = buildProject(ctx, slot, band);
    if (p) projects.push(p);
  }

  assignReserveNumbers(data, ctx, projects);
  addLibraryRequests(data, ctx, projects);
  for (const p of projects) data.projects.push(p);
}

function addLibraries(data: DemoDataSet, ctx: CountyContext): void {
  LIBRARY_SPECS.forEach((spec, i) => {
    const lib: DemoLibrary = {
      id: stableUuid(ctx.seed, 'library', ctx.county.code, spec.key),
      divisionCode: ctx.county.code,
      key: spec.key,
      name: spec.name,
      kind: spec.kind,
      ownerUnitId: ctx.units.get(spec.owner)?.id ?? ctx.units.get('drc')?.id ?? null,
      entryCriteria: spec.criteria,
      sortOrder: i + 1,
    };
    ctx.libraries.set(spec.key, lib);
    data.libraries.push(lib);
  });
}

/** Project-owning enterprises beyond the few with accounts: new owner units, keys `owner.co.NNN`. */
function addEnterprises(data: DemoDataSet, ctx: CountyContext, units: DemoUnit[], factor: number): void {
  const { rng } = ctx;
  const names = new Set(units.map((u) => u.name));
  for (const u of units) {
    if (!u.key.startsWith('owner.ent.')) continue;
    const kind = kindOfIndustry(u.name);
    const list = ctx.enterprises.get(kind) ?? [];
    list.push(u);
    ctx.enterprises.set(kind, list);
  }
  let sortOrder = units.length;
  let index = 0;
  for (const [kind, perDemo] of Object.entries(DEMO_ENTERPRISES_PER_KIND) as [EnterpriseKind, number][]) {
    const list = ctx.enterprises.get(kind) ?? [];
    for (let i = 0; i < Math.max(2, Math.round(perDemo * factor)); i++) {
      let brand: string;
      let word: readonly [string, string];
      let name: string;
      do {
        brand = brandName(rng);
        word = rng.pick(ENTERPRISE_KIND_WORDS[kind]);
        name = `${ctx.base}${brand}${word[0]}有限公司`;
      } while (names.has(name));
      names.add(name);
      index++;
      const key = `owner.co.${String(index).padStart(3, '0')}`;
      const unit: DemoUnit = {
        id: stableUuid(ctx.seed, 'unit', ctx.county.code, key),
        divisionCode: ctx.county.code,
        key,
        name,
        shortName: `${brand}${word[1]}`,
        kind: 'owner',
        parentId: null,
        contactPerson: personName(rng),
        contactPhone: officePhone(rng),
        sortOrder: ++sortOrder,
      };
      data.units.push(unit);
      ctx.units.set(key, unit);
      list.push(unit);
    }
    ctx.enterprises.set(kind, list);
  }
}

/** A 河西走廊 county: centre within 39.5–40.8 N, 95.0–97.5 E; townships around it. */
function placeTownships(ctx: CountyContext): void {
  const { rng } = ctx;
  const lon = ctx.isDemo ? 96.35 : 95.35 + rng.next() * 1.8;
  const lat = ctx.isDemo ? 40.12 : 39.8 + rng.next() * 0.7;
  ctx.townships.forEach((t, i) => {
    const place: [number, number] = i === 0 ? [lon, lat] : [clamp(lon + (rng.next() - 0.5) * 0.6, 95.05, 97.45), clamp(lat + (rng.next() - 0.5) * 0.5, 39.55, 40.75)];
    ctx.places.set(t.id, place);
  });
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

// ---------------------------------------------------------------- one project

type Band = 'small' | 'normal' | 'major' | 'flagship';
const BAND_RANGE: Record<Exclude<Band, 'flagship'>, [number, number]> = { small: [200, 499], normal: [500, 9_990], major: [10_000, 90_000] };
const TEMPLATE_BY_KEY = new Map(PROJECT_TEMPLATES.map((t) => [t.key, t]));

function pickTemplate(rng: Rng, band: Exclude<Band, 'flagship'>): ProjectTemplate {
  const [lo, hi] = BAND_RANGE[band];
  const sector = rng.weighted(Object.entries(SECTOR_WEIGHTS[band === 'major' ? 'major' : 'normal']) as [Sector, number][]);
  const fits = (t: ProjectTemplate) => (band === 'small' ? t.min <= 1500 : t.min <= hi && t.max >= lo);
  let candidates = PROJECT_TEMPLATES.filter((t) => t.sector === sector && fits(t));
  if (!candidates.length) candidates = PROJECT_TEMPLATES.filter(fits);
  return rng.weighted(candidates.map((t) => [t, t.weight] as const));
}

function drawTotal(rng: Rng, t: ProjectTemplate, band: Exclude<Band, 'flagship'>): number {
  const [blo, bhi] = BAND_RANGE[band];
  const lo = band === 'small' ? blo : Math.max(t.min, blo);
  const hi = band === 'small' ? bhi : Math.min(t.max, bhi);
  const v = lo * Math.pow(hi / lo, Math.pow(rng.next(), 1.4));
  if (v >= 10_000) return Math.round(v / 10) * 10;
  if (v >= 1000) return Math.round(v);
  return Math.round(v * 10) / 10;
}

function firstUnit(ctx: CountyContext, keys: readonly string[]): DemoUnit | undefined {
  for (const k of keys) {
    const u = ctx.units.get(k);
    if (u) return u;
  }
  return undefined;
}

function pickUnit(ctx: CountyContext, keys: readonly string[]): DemoUnit | undefined {
  const present = keys.map((k) => ctx.units.get(k)).filter((u): u is DemoUnit => !!u);
  return present.length ? (ctx.rng.chance(0.75) ? present[0] : ctx.rng.pick(present)) : undefined;
}

interface Timeline {
  created: number;
  reserve: number | null;
  preliminary: number | null;
  ready: number | null;
  start: number | null;
  completion: number | null;
  operating: number | null;
  side: number | null;
  sideStage: 'suspended' | 'terminated' | null;
  before: Stage | null;
  fromPlanning: boolean;
}

function buildProject(ctx: CountyContext, slot: Slot, band: Band, flagship?: FlagshipSpec): DemoProject | null {
  const { rng } = ctx;
  const template = flagship ? TEMPLATE_BY_KEY.get(flagship.template)! : pickTemplate(rng, band as Exclude<Band, 'flagship'>);
  const total = flagship ? flagship.total : drawTotal(rng, template, band as Exclude<Band, 'flagship'>);

  // Units.
  const department = firstUnit(ctx, template.depts) ?? ctx.units.get('drc')!;
  const township = template.urban && rng.chance(0.7) ? ctx.townships[0] : rng.pick(ctx.townships);
  let owner: DemoUnit;
  switch (template.owner.kind) {
    case 'dept':
      owner = department;
      break;
    case 'township':
      owner = township;
      break;
    case 'units':
      owner = pickUnit(ctx, template.owner.keys) ?? department;
      break;
    case 'enterprise': {
      const fixed = flagship?.owner ? ctx.units.get(flagship.owner) : undefined;
      const pool = template.owner.of.flatMap((k) => ctx.enterprises.get(k) ?? []);
      owner = fixed ?? rng.pick(pool);
      break;
    }
  }
  const isEnterprise = template.owner.kind === 'enterprise';
  let park: DemoUnit | undefined;
  if (template.parks && (template.sector === 'industry' || template.key === 'park-infra' || rng.chance(0.5))) {
    park = pickUnit(ctx, template.parks) ?? (template.sector === 'industry' ? ctx.units.get('park.edz') : undefined);
  }
  if (department.kind === 'park' && !park) park = department;

  // Name, unique within the county.
  const town2 = rng.pick(ctx.townships.filter((t) => t.id !== township.id));
  const parts = { county: ctx.county.name, base: ctx.base, town: township.name, town2: town2.name, village: villageName(rng), owner: owner.shortName ?? owner.name, total, rng };
  let name = flagship ? flagship.name(ctx.county.name, ctx.base, parts.owner) : template.name(parts);
  for (let attempt = 0; ctx.names.has(name) && attempt < 12; attempt++) {
    parts.village = villageName(rng);
    name = template.name(parts);
  }
  if (ctx.names.has(name)) {
    const stem = name.replace(/(项目|工程)$/, '');
    const suffix = name.slice(stem.length);
    for (const phase of ['（二期）', '（三期）', '（四期）', '（五期）', '（六期）']) {
      if (!ctx.names.has(`${stem}${phase}${suffix}`)) {
        name = `${stem}${phase}${suffix}`;
        break;
      }
    }
  }
  if (ctx.names.has(name)) return null;
  ctx.names.add(name);

  const approvalType: ApprovalType =
    template.approval === 'government' ? 'government' : template.approval === 'enterprise' ? (rng.chance(0.12) ? 'approval' : 'filing') : template.approval;
  const nature: ConstructionNature = slot === 'continuing' && rng.chance(0.3) ? 'continued' : rng.pick<ConstructionNature>(template.natures ?? ['new', 'new', 'new', 'expansion', 'renovation']);

  // Dates and stage.
  const tl = timeline(ctx, slot, total);
  const stage: Stage = tl.sideStage ?? stageOfSlot(slot);
  const months = Math.round(clamp(8 + 7 * Math.log10(Math.max(total, 200) / 500), 6, 48));
  let plannedStart: number | null = null;
  let plannedCompletion: number | null = null;
  if (tl.start !== null) {
    plannedStart = tl.start + rng.int(-45, 30);
    plannedCompletion = tl.completion !== null ? tl.completion + rng.int(-40, 60) : Math.max(tl.start + months * 30, ctx.asOfDay + rng.int(45, 400));
  } else if (slot !== 'planning' || rng.chance(0.5)) {
    const startYear = ctx.year + rng.weighted([[0, slot === 'ready' ? 6 : 2], [1, 5], [2, 2]] as const);
    plannedStart = Math.max(dayOf(`${startYear}-03-01`) + rng.int(0, 200), ctx.asOfDay + rng.int(10, 120));
    plannedCompletion = plannedStart + months * 30 + rng.int(-20, 20);
  }
  if (plannedStart !== null && plannedCompletion !== null && plannedCompletion <= plannedStart) plannedCompletion = plannedStart + 180;

  // Code, once the project is past 储备.
  const codeDay = tl.preliminary ?? (stage === 'reserve' && rng.chance(0.03) ? tl.reserve : null);
  const wantsCode = codeDay !== null && rng.chance(stage === 'preliminary' ? 0.7 : stage === 'reserve' ? 1 : stage === 'ready' ? 0.95 : 0.98);
  const code = wantsCode ? projectCode(ctx, codeDay, template.industry, approvalType) : null;

  const funding = fundingOf(rng, total, isEnterprise, stage, template);
  const tags = new Set<string>(flagship?.tags ?? []);
  for (const [tag, p] of template.tags ?? []) if (rng.chance(p)) tags.add(tag);
  if (funding.some((f) => f.source === 'special_bond')) tags.add('专项建设债券');

  const leader = ctx.leaders.length && rng.chance(total >= 10_000 ? 0.75 : 0.11) ? rng.pick(ctx.leaders) : null;
  const [tlon, tlat] = ctx.places.get(township.id)!;
  const id = stableUuid(ctx.seed, 'project', ctx.county.code, name);

  const transitions = transitionsOf(ctx, tl, stage, { department, township, owner });
  const procedures = proceduresOf(ctx, approvalType, stage, tl, template, nature, flagship?.problem ?? null);
  const maturity: Maturity =
    stage === 'planning' ? 'concept' : stage === 'reserve' ? (rng.chance(0.2) ? 'preliminary' : 'concept') : tl.ready !== null ? 'ready' : tl.preliminary !== null ? 'preliminary' : 'concept';

  return {
    id,
    divisionCode: ctx.county.code,
    code: code?.code ?? null,
    codeKind: code?.kind ?? null,
    reserveNo: '',
    name,
    ownerUnitId: owner.id,
    departmentId: department.id,
    townshipId: township.id,
    parkId: park?.id ?? null,
    sector: template.sector,
    industryCode: template.industry,
    constructionNature: nature,
    approvalType,
    scaleContent: flagship ? flagship.scale : template.scale(parts),
    totalInvestment: wan(total),
    plannedStart: plannedStart === null ? null : isoOf(plannedStart),
    plannedCompletion: plannedCompletion === null ? null : isoOf(plannedCompletion),
    actualStart: tl.start === null ? null : isoOf(tl.start),
    actualCompletion: tl.completion === null ? null : isoOf(tl.completion),
    stage,
    stageBeforeSuspension: stage === 'suspended' ? tl.before : null,
    maturity,
    tags: [...tags],
    leaderName: leader?.displayName ?? null,
    leaderUserId: leader?.id ?? null,
    longitude: (tlon + (rng.next() - 0.5) * 0.06).toFixed(6),
    latitude: (tlat + (rng.next() - 0.5) * 0.05).toFixed(6),
    remarks: stage === 'suspended' || stage === 'terminated' ? transitions[transitions.length - 1].reason : null,
    searchText: '',
    createdBy: transitions[0].actorId,
    createdAt: transitions[0].at,
    updatedAt: transitions[transitions.length - 1].at,
    funding,
    yearPlans: yearPlansOf(ctx, total, stage, tl, plannedStart, plannedCompletion),
    procedures,
    transitions,
    memberships: membershipsOf(ctx, stage, total, template, approvalType, funding, transitions),
  };
}

function stageOfSlot(slot: Slot): Stage {
  return slot === 'started' || slot === 'continuing' ? 'construction' : (slot as Stage);
}

/** The days of a project's history, working back from its current stage. */
function timeline(ctx: CountyContext, slot: Slot, total: number): Timeline {
  const { rng, asOfDay, year } = ctx;
  const tl: Timeline = { created: 0, reserve: null, preliminary: null, ready: null, start: null, completion: null, operating: null, side: null, sideStage: null, before: null, fromPlanning: rng.chance(0.6) };
  const yearStart = dayOf(`${year}-01-01`);
  const backFromStart = (start: number) => {
    tl.start = start;
    tl.ready = start - rng.int(10, 90);
    backFromReady(tl.ready);
  };
  const backFromReady = (ready: number) => {
    tl.ready = ready;
    tl.preliminary = ready - rng.int(45, total >= 10_000 ? 420 : 300);
    backFromPreliminary(tl.preliminary);
  };
  const backFromPreliminary = (preliminary: number) => {
    tl.preliminary = preliminary;
    tl.reserve = preliminary - rng.int(20, 300);
    tl.created = tl.fromPlanning ? tl.reserve - rng.int(5, 90) : tl.reserve;
  };
  const duration = () => Math.round(clamp(8 + 7 * Math.log10(total / 500), 6, 40) * 30 * (0.7 + rng.next() * 0.6));
  switch (slot) {
    case 'planning':
      tl.fromPlanning = true;
      tl.created = asOfDay - rng.int(1, 240);
      break;
    case 'reserve':
      tl.reserve = asOfDay - rng.int(3, 700);
      tl.created = tl.fromPlanning ? tl.reserve - rng.int(5, 90) : tl.reserve;
      break;
    case 'preliminary':
      backFromPreliminary(asOfDay - rng.int(5, 540));
      break;
    case 'ready':
      backFromReady(asOfDay - rng.int(3, 240));
      break;
    case 'started':
      backFromStart(yearStart + rng.int(0, Math.max(0, asOfDay - yearStart)));
      break;
    case 'continuing':
      // A few long-running works from before the national code format (2020-11).
      backFromStart(rng.chance(0.04) ? dayOf(`${rng.int(2018, 2020)}-03-01`) + rng.int(0, 200) : yearStart - rng.int(1, 900));
      break;
    case 'completed':
    case 'operating': {
      const completion = asOfDay - rng.int(slot === 'operating' ? 60 : 5, 725);
      tl.completion = completion;
      backFromStart(completion - duration());
      if (slot === 'operating') tl.operating = completion + rng.int(5, Math.min(120, asOfDay - completion));
      break;
    }
    case 'suspended': {
      const before = rng.weighted([['preliminary', 4], ['ready', 2], ['construction', 4]] as const);
      tl.before = before;
      tl.side = asOfDay - rng.int(20, 400);
      if (before === 'construction') backFromStart(tl.side - rng.int(60, 500));
      else if (before === 'ready') backFromReady(tl.side - rng.int(30, 300));
      else backFromPreliminary(tl.side - rng.int(30, 400));
      tl.sideStage = 'suspended';
      break;
    }
    case 'terminated': {
      const before = rng.weighted([['reserve', 1], ['preliminary', 2]] as const);
      tl.before = before;
      tl.side = asOfDay - rng.int(20, 700);
      if (before === 'preliminary') backFromPreliminary(tl.side - rng.int(30, 400));
      else {
        tl.reserve = tl.side - rng.int(30, 400);
        tl.created = tl.fromPlanning ? tl.reserve - rng.int(5, 90) : tl.reserve;
      }
      tl.sideStage = 'terminated';
      break;
    }
  }
  if (tl.created === tl.reserve) tl.fromPlanning = false;
  return tl;
}

function projectCode(ctx: CountyContext, day: number, industry: string, approvalType: ApprovalType): { code: string; kind: 'national' | 'legacy' } {
  const { rng } = ctx;
  const type = approvalType === 'government' ? '01' : approvalType === 'approval' ? '02' : '03';
  for (;;) {
    let code: string;
    let kind: 'national' | 'legacy';
    if (day >= NATIONAL_CODE_FROM) {
      const iso = isoOf(day);
      const head = `${iso.slice(2, 4)}${iso.slice(5, 7)}-${ctx.county.code}-${industry}-${type}-${rng.digits(5)}`;
      code = `${head}${nationalCheckDigit(head)}`;
      kind = 'national';
    } else {
      code = `${yearOf(day)}-${ctx.county.code}-${industry}-${type}-${rng.digits(6)}`;
      kind = 'legacy';
    }
    if (!ctx.codes.has(code)) {
      ctx.codes.add(code);
      return { code, kind };
    }
  }
}

interface Shares {
  [source: string]: number;
}

function fundingOf(rng: Rng, total: number, isEnterprise: boolean, stage: Stage, template: ProjectTemplate): DemoFunding[] {
  const coverage = stage === 'planning' ? 0.4 + rng.next() * 0.5 : stage === 'reserve' ? 0.6 + rng.next() * 0.4 : 0.85 + rng.next() * 0.15;
  const shares: Shares = {};
  let foreignUsd = 0;
  if (isEnterprise) {
    if (total >= 3000 && rng.chance(0.025)) {
      // 外资: dollars converted at 7.1; the rest raised by the enterprise.
      foreignUsd = Math.round((total * coverage * (0.4 + rng.next() * 0.5) * 10_000) / 7.1 / 10_000) * 10_000;
    }
    if (rng.chance(0.35)) shares.attracted = 0.4 + rng.next() * 0.6;
    shares.self_raised = 0.3 + rng.next() * 0.5;
    if (rng.chance(0.6)) shares.bank_loan = 0.2 + rng.next() * 0.5;
  } else {
    const publicWorks = ['water', 'agri', 'education', 'health', 'transport', 'forestry'].includes(template.library ?? '');
    if (publicWorks ? rng.chance(0.7) : rng.chance(0.3)) shares.central = 0.2 + rng.next() * 0.5;
    if (rng.chance(0.5)) shares.provincial = 0.05 + rng.next() * 0.2;
    if (rng.chance(0.25)) shares.city = 0.03 + rng.next() * 0.1;
    if (total >= 2000 && rng.chance(0.25)) shares.special_bond = 0.2 + rng.next() * 0.5;
    if (template.owner.kind === 'units' && template.owner.keys.some((k) => k === 'owner.urban' || k === 'owner.water') && rng.chance(0.3)) shares.bank_loan = 0.1 + rng.next() * 0.3;
    shares.county = 0.05 + rng.next() * 0.3;
  }
  const out: DemoFunding[] = [];
  let left = total * coverage;
  if (foreignUsd > 0) {
    const amount = floorWan(Math.min((foreignUsd * 7.1) / 10_000, left), total);
    if (amount > 0) {
      out.push({ source: 'foreign', amount: wan(amount), currency: 'USD', originalAmount: foreignUsd.toFixed(2) });
      left -= amount;
    }
  }
  const sum = Object.values(shares).reduce((a, b) => a + b, 0);
  for (const [source, share] of Object.entries(shares)) {
    const amount = floorWan((left * share) / sum, total);
    if (amount > 0) out.push({ source: source as FundingSource, amount: wan(amount), currency: 'CNY', originalAmount: null });
  }
  return out;
}

function yearPlansOf(ctx: CountyContext, total: number, stage: Stage, tl: Timeline, plannedStart: number | null, plannedCompletion: number | null): DemoYearPlan[] {
  const { year, rng } = ctx;
  if (stage === 'planning' || stage === 'suspended' || stage === 'terminated' || stage === 'operating') return [];
  if (stage === 'completed') {
    if (tl.completion === null || yearOf(tl.completion) !== year) return [];
    return [{ year, planned: wan(floorWan(total * (0.1 + rng.next() * 0.3), total)) }];
  }
  if (plannedStart === null || plannedCompletion === null) return [];
  const first = Math.max(year, yearOf(tl.start ?? plannedStart));
  const last = Math.max(first, yearOf(plannedCompletion));
  // Invested before this year (continuing works), spread evenly over the remaining years.
  const done = tl.start !== null && yearOf(tl.start) < year ? Math.min(0.8, (year - yearOf(tl.start)) / (last - yearOf(tl.start) + 1)) : 0;
  const remaining = total * (1 - done);
  const years = last - first + 1;
  const out: DemoYearPlan[] = [];
  for (let y = first; y <= Math.min(last, year + 2); y++) {
    const amount = floorWan(remaining / years, total);
    if (amount > 0) out.push({ year: y, planned: wan(amount) });
  }
  return out;
}

interface Parties {
  department: DemoUnit;
  township: DemoUnit;
  owner: DemoUnit;
}

function userOf(ctx: CountyContext, unit: DemoUnit): DemoUser | undefined {
  return ctx.usersByUnit.get(unit.id)?.[0];
}

function transitionsOf(ctx: CountyContext, tl: Timeline, stage: Stage, parties: Parties): DemoTransition[] {
  const { rng } = ctx;
  const drc = () => rng.pick(ctx.drcUsers);
  const dept = () => userOf(ctx, parties.department) ?? rng.pick(ctx.departmentUsers);
  const creator = rng.weighted([
    [userOf(ctx, parties.department), 5],
    [userOf(ctx, parties.township), 2.5],
    [userOf(ctx, parties.owner), 1],
    [undefined, 1.5],
  ] as const) ?? dept();
  const out: DemoTransition[] = [];
  const push = (day: number, from: Stage | null, to: Stage, user: DemoUser, reason: string | null) => {
    let at = stampOf(day, rng);
    const prev = out[out.length - 1];
    if (prev && at <= prev.at) at = new Date(Date.parse(prev.at) + 60_000).toISOString();
    out.push({ id: rng.uuid(), fromStage: from, toStage: to, reason, actorId: user.id, actorName: user.displayName, at });
  };
  push(tl.created, null, tl.fromPlanning ? 'planning' : 'reserve', creator, '新建项目');
  let current: Stage = tl.fromPlanning ? 'planning' : 'reserve';
  const step = (day: number | null, to: Stage, user: DemoUser, reason: string | null = null) => {
    if (day === null) return;
    push(day, current, to, user, reason);
    current = to;
  };
  if (tl.fromPlanning) step(tl.reserve, 'reserve', drc(), '入库审核通过');
  step(tl.preliminary, 'preliminary', rng.chance(0.6) ? dept() : drc());
  step(tl.ready, 'ready', dept());
  step(tl.start, 'construction', rng.chance(0.5) ? dept() : drc());
  step(tl.completion, 'completed', dept());
  step(tl.operating, 'operating', dept());
  if (tl.sideStage) step(tl.side, tl.sideStage, drc(), rng.pick(tl.sideStage === 'suspended' ? SUSPEND_REASONS : TERMINATE_REASONS));
  if (current !== stage) throw new Error(`demo timeline ended at ${current}, expected ${stage}`);
  return out;
}

const FIRST_KEYS = new Set(['proposal', 'approval', 'filing']);

function approvalNo(ctx: CountyContext, key: string, day: number): string {
  const { rng } = ctx;
  const a = ctx.county.name[0];
  const y = yearOf(day);
  const no = rng.int(1, 260);
  const serial = `${ctx.county.code}${y}${String(rng.int(1, 999)).padStart(4, '0')}`;
  switch (key) {
    case 'proposal':
    case 'feasibility':
      return `${a}发改审批〔${y}〕${no}号`;
    case 'preliminary_design':
      return `${a}发改投资〔${y}〕${no}号`;
    case 'approval':
      return `${a}发改核准〔${y}〕${no}号`;
    case 'filing':
      return `${a}发改备〔${y}〕${no}号`;
    case 'site_selection':
      return `选字第${serial}号`;
    case 'land_pre_review':
      return `${a}自然资预审字〔${y}〕${no}号`;
    case 'eia':
      return `${a}环审〔${y}〕${no}号`;
    case 'safety':
      return `${a}应急安评〔${y}〕${no}号`;
    case 'energy':
      return `${a}发改能审〔${y}〕${no}号`;
    case 'planning_permit':
      return `建字第${serial}号`;
    default:
      return `${ctx.county.code}${isoOf(day).replace(/-/g, '')}${String(rng.int(1, 99)).padStart(2, '0')}01`;
  }
}

function sortedDays(rng: Rng, count: number, lo: number, hi: number): number[] {
  const days: number[] = [];
  for (let i = 0; i < count; i++) days.push(hi > lo ? rng.int(lo, hi) : lo);
  return days.sort((a, b) => a - b);
}

function proceduresOf(
  ctx: CountyContext,
  approvalType: ApprovalType,
  stage: Stage,
  tl: Timeline,
  template: ProjectTemplate,
  nature: ConstructionNature,
  problem: string | null,
): DemoProcedure[] {
  const { rng, asOfDay } = ctx;
  const items = DEFAULT_PROCEDURE_TEMPLATES[approvalType];
  const out: DemoProcedure[] = items.map((item, i) => ({
    id: rng.uuid(),
    key: item.key,
    name: item.name,
    sortOrder: i,
    isRequiredForStart: item.isRequiredForStart,
    status: 'not_started',
    approvingOffice: item.office,
    approvalNo: null,
    approvalDate: null,
    responsiblePerson: null,
    dueDate: null,
    blockingProblem: null,
    waiverReason: null,
  }));
  const reached: Stage = stage === 'suspended' || stage === 'terminated' ? (tl.before ?? 'reserve') : stage;
  const approve = (p: DemoProcedure, day: number) => {
    p.status = 'approved';
    p.approvalDate = isoOf(day);
    p.approvalNo = approvalNo(ctx, p.key, day);
    p.responsiblePerson = personName(rng);
  };
  const waive = (p: DemoProcedure) => {
    p.status = 'not_required';
    p.waiverReason = WAIVER_REASONS[p.key] ?? '按规定无需办理';
  };
  const waivable = (p: DemoProcedure): boolean => {
    if (FIRST_KEYS.has(p.key) && p.key !== 'proposal') return false;
    switch (p.key) {
      case 'proposal':
        return rng.chance(0.1);
      case 'preliminary_design':
        return rng.chance(0.15);
      case 'site_selection':
      case 'land_pre_review':
        return nature !== 'new' && rng.chance(0.6);
      case 'planning_permit':
        return (nature === 'upgrade' || nature === 'renovation') && rng.chance(0.7);
      case 'construction_permit':
        return ['01', '02', '03', '76'].includes(template.industry) && rng.chance(0.6);
      case 'energy':
        return rng.chance(0.3);
      case 'eia':
        return rng.chance(0.05);
      case 'safety':
        return rng.chance(0.5);
      default:
        return false;
    }
  };

  if (reached === 'ready' || reached === 'construction' || reached === 'completed' || reached === 'operating') {
    // Everything required is approved or waived before the start (or the ready date).
    const lo = tl.preliminary ?? tl.created;
    const hi = Math.max(lo, (tl.start ?? tl.ready ?? asOfDay) - 1);
    const days = sortedDays(rng, out.length, lo, hi);
    out.forEach((p, i) => {
      if (waivable(p)) waive(p);
      else if (reached === 'ready' && p.key === 'construction_permit' && rng.chance(0.4)) {
        p.status = 'in_progress';
        p.responsiblePerson = personName(rng);
        p.dueDate = isoOf(asOfDay + rng.int(10, 90));
      } else if (!p.isRequiredForStart && rng.chance(0.15)) {
        // left 未启动: not needed to start
      } else approve(p, days[i]);
    });
  } else if (reached === 'preliminary') {
    // A mix: the first few approved, one or two under way (some overdue, some blocked), the rest not started.
    const lo = tl.preliminary!;
    const end = stage === 'preliminary' ? asOfDay : (tl.side ?? asOfDay);
    const done = rng.int(0, out.length - 2);
    const days = sortedDays(rng, done, lo, Math.max(lo, end - 1));
    let k = 0;
    let open = 0;
    const openCount = rng.int(1, 2);
    for (const p of out) {
      if (k < done) {
        if (!FIRST_KEYS.has(p.key) && waivable(p)) waive(p);
        else approve(p, days[k]);
        k++;
      } else if (open < openCount) {
        open++;
        p.status = 'in_progress';
        p.responsiblePerson = personName(rng);
        p.dueDate = isoOf(asOfDay + rng.int(-90, 120));
        if (problem && open === 1) p.blockingProblem = problem;
        else if (p.dueDate < isoOf(asOfDay) ? rng.chance(0.7) : rng.chance(0.2)) p.blockingProblem = rng.pick(BLOCKING_PROBLEMS);
      }
    }
  } else if (reached === 'reserve' && rng.chance(0.15)) {
    const p = out[0];
    p.status = 'in_progress';
    p.responsiblePerson = personName(rng);
    p.dueDate = isoOf(asOfDay + rng.int(15, 150));
  }
  return out;
}

function membershipsOf(
  ctx: CountyContext,
  stage: Stage,
  total: number,
  template: ProjectTemplate,
  approvalType: ApprovalType,
  funding: DemoFunding[],
  transitions: DemoTransition[],
): DemoMembership[] {
  if (stage === 'planning' || stage === 'terminated') return [];
  const entered = (transitions.find((t) => t.toStage === 'reserve') ?? transitions[0]).at;
  const keys: string[] = [];
  if (total >= 500) keys.push('3341');
  if (approvalType === 'government' && funding.some((f) => f.source === 'central')) keys.push('central');
  if (funding.some((f) => f.source === 'attracted' || f.source === 'foreign')) keys.push('promotion');
  if (template.library) keys.push(template.library);
  return keys.map((k) => ({ libraryId: ctx.libraries.get(k)!.id, enteredAt: entered }));
}

// ---------------------------------------------------------------- numbering and requests

/** 储备编号 CB-<year>-<division>-<NNNN> in order of creation, and the counters after them. */
function assignReserveNumbers(data: DemoDataSet, ctx: CountyContext, projects: DemoProject[]): void {
  const order = projects.map((p, i) => ({ p, i })).sort((a, b) => (a.p.createdAt < b.p.createdAt ? -1 : a.p.createdAt > b.p.createdAt ? 1 : a.i - b.i));
  const counters = new Map<number, number>();
  const names = new Map([...ctx.units.values()].map((u) => [u.id, u.name]));
  for (const { p } of order) {
    const year = Number(p.createdAt.slice(0, 4));
    const last = (counters.get(year) ?? 0) + 1;
    counters.set(year, last);
    p.reserveNo = `CB-${year}-${ctx.county.code}-${String(last).padStart(4, '0')}`;
    p.searchText = searchTextOf([p.name, names.get(p.ownerUnitId), p.code, p.reserveNo]);
  }
  for (const [year, last] of [...counters].sort((a, b) => a[0] - b[0])) data.reserveCounters.push({ divisionCode: ctx.county.code, year, last });
}

/** ~15 pending 入库 requests for the 发改局's 待办, ~10 approved and ~5 returned (demo county; others scaled). */
function addLibraryRequests(data: DemoDataSet, ctx: CountyContext, projects: DemoProject[]): void {
  const { rng } = ctx;
  const scale = (n: number) => (ctx.isDemo ? n : Math.max(1, Math.round(n * (projects.length / 2150))));
  const drc = ctx.drcUsers[0];
  const submitterOf = (p: DemoProject) => {
    const own = p.departmentId ? ctx.usersByUnit.get(p.departmentId)?.find((u) => u.role === 'department') : undefined;
    return own ?? rng.pick(ctx.departmentUsers);
  };
  const libraryFor = (p: DemoProject) => (Number(p.totalInvestment) >= 500 ? ctx.libraries.get('3341')! : ctx.libraries.get(SECTOR_LIBRARY[p.sector])!);
  const request = (
    p: DemoProject,
    library: DemoLibrary,
    status: DemoLibraryRequest['status'],
    submitDay: number,
    reviewAt: string | null,
    comment: string | null,
    reviewer: { id: string; name: string } = { id: drc.id, name: drc.displayName },
  ) => {
    const user = submitterOf(p);
    const r: DemoLibraryRequest = {
      id: rng.uuid(),
      divisionCode: ctx.county.code,
      projectId: p.id,
      libraryId: library.id,
      kind: 'enter',
      status,
      reason: rng.pick(['项目已完成谋划论证，建设内容和投资规模基本明确，申请入库', '项目符合入库条件，已编制项目建议书，申请纳入项目库管理', '项目已列入行业三年滚动投资计划，申请入库储备', '项目单位投资意向明确，已完成选址踏勘，申请入库']),
      submittedBy: user.id,
      submittedByName: user.displayName,
      submittedUnitId: user.unitId,
      submittedAt: stampOf(submitDay, rng),
      reviewedBy: reviewAt ? reviewer.id : null,
      reviewedByName: reviewAt ? reviewer.name : null,
      reviewedAt: reviewAt,
      reviewComment: comment,
    };
    if (reviewAt && r.submittedAt >= reviewAt) r.submittedAt = new Date(Date.parse(reviewAt) - 3 * 3_600_000).toISOString();
    if (r.submittedAt <= p.createdAt) r.submittedAt = new Date(Date.parse(p.createdAt) + 3_600_000).toISOString();
    data.libraryRequests.push(r);
  };

  const planning = rng.shuffle(projects.filter((p) => p.stage === 'planning'));
  for (const p of planning.slice(0, scale(15))) {
    const created = dayOf(p.createdAt.slice(0, 10));
    request(p, libraryFor(p), 'pending', Math.min(ctx.asOfDay, created + rng.int(1, 30)), null, null);
  }
  for (const p of planning.slice(scale(15), scale(15) + scale(5))) {
    const created = dayOf(p.createdAt.slice(0, 10));
    const submitted = Math.min(ctx.asOfDay - 1, created + rng.int(1, 20));
    const reviewed = stampOf(Math.min(ctx.asOfDay, submitted + rng.int(1, 10)), rng);
    request(p, libraryFor(p), 'returned', submitted, reviewed, rng.pick(RETURN_REASONS));
  }
  // Approved: projects that came from 谋划 into the 3341 library; the review is the 谋划 → 储备 step.
  const lib3341 = ctx.libraries.get('3341')!;
  const approved = rng
    .shuffle(projects.filter((p) => p.stage === 'reserve' && p.transitions[1]?.fromStage === 'planning' && p.memberships.some((m) => m.libraryId === lib3341.id)))
    .slice(0, scale(10));
  for (const p of approved) {
    const step = p.transitions[1];
    const created = dayOf(p.createdAt.slice(0, 10));
    const reviewedDay = dayOf(step.at.slice(0, 10));
    request(p, lib3341, 'approved', Math.max(created, reviewedDay - rng.int(1, 10)), step.at, rng.pick(['同意入库', '符合入库条件，同意', '同意纳入“3341”项目库，请抓紧开展前期工作']), {
      id: step.actorId,
      name: step.actorName,
    });
  }
}

const SECTOR_LIBRARY: Record<Sector, string> = {
  agriculture: 'agri',
  industry: 'industry',
  services: 'culture',
  social: 'housing',
  infrastructure: 'transport',
};
