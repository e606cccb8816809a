import { DEFAULT_SCOPE, type DataScope, type Role, type UnitKind } from '../../common/roles';
import {
  BANK_TEMPLATES,
  CITY_NAMES,
  cityName,
  countyName,
  DEMO_CITY_NAME,
  DEMO_COUNTY_NAME,
  DEMO_ENTERPRISES,
  DEMO_PROVINCE,
  DEMO_TOWNSHIPS,
  DEPARTMENT_TEMPLATES,
  ENTERPRISE_BRANDS,
  ENTERPRISE_INDUSTRIES,
  LEADER_TITLES,
  mobilePhone,
  OFFICE_TEMPLATES,
  officePhone,
  PARK_TEMPLATES,
  personName,
  PUBLIC_OWNER_TEMPLATES,
  surname,
  townshipName,
  type UnitTemplate,
} from './names';
import { addProjects, type DemoLibrary, type DemoLibraryRequest, type DemoProject, type DemoReserveCounter, todayIso } from './projects';
import { type Rng, rngFor, stableUuid } from './random';

/**
 * The demo data set: a fictional province (code 990000 — prefix 99 is unassigned in
 * GB/T 2260, so no demo code can clash with a real division), one city per eight counties
 * (99CC00) and counties 99CC21…99CC28 under them. The first county, 河西县 (990121), is
 * the county of the seed report and carries the fixed demo accounts (`admin`, `drc`,
 * `leader` …); every other account is `<division code>_<role>`.
 *
 * Deterministic: every section draws from its own stream, `rngFor(seed, section, …)`, and
 * every id is a hash of the seed and the record's key. A later module (projects, promotion
 * …) adds its records with its own stream, e.g. `rngFor(seed, 'projects', countyCode)`,
 * and finds units by their `key` (`dept.water`, `township.01`, `owner.ent.01`), without
 * changing a byte of the organisation data below.
 */

export { DEMO_PASSWORD } from './accounts';
/** Counties per generated city. */
export const COUNTIES_PER_CITY = 8;
/** The most counties one data set holds (99 cities × 8 county codes each would be 792). */
export const MAX_COUNTIES = 500;
/** The division code of the demo county. */
export const DEMO_COUNTY_CODE = '990121';

export type DivisionLevel = 'province' | 'city' | 'county';

export interface DemoDivision {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
}

export interface DemoUnit {
  id: string;
  divisionCode: string;
  /** Stable key within the division (not stored); later generators look units up by it. */
  key: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  sortOrder: number;
}

export interface DemoUser {
  id: string;
  divisionCode: string;
  unitId: string | null;
  username: string;
  displayName: string;
  role: Role;
  dataScope: DataScope;
  phone: string | null;
}

export interface DemoDataSet {
  seed: number;
  divisions: DemoDivision[];
  units: DemoUnit[];
  users: DemoUser[];
  /** The "4+X" project libraries of each county. */
  libraries: DemoLibrary[];
  /** Projects, each with its funding, year plans, procedures, stage history and library memberships. */
  projects: DemoProject[];
  libraryRequests: DemoLibraryRequest[];
  /** 储备编号 counters, so the next number the service issues does not collide. */
  reserveCounters: DemoReserveCounter[];
  /** The day the data describes, 'YYYY-MM-DD'. */
  asOf: string;
  /**
   * Whether the monthly cycle (月报, 报送期, figures, milestones, targets) belongs to the set. It is
   * built one county at a time when loading (`monthlyOfCounty` in monthly.ts), not held here.
   */
  monthly: boolean;
}

export interface GenerateOptions {
  seed: number;
  counties: number;
  /** Whether to generate the project library (libraries, projects, requests); default true. */
  projects?: boolean;
  /** The day the data describes, 'YYYY-MM-DD' (default today): "this year" is its year. */
  asOf?: string;
  /**
   * Whether to include two years of monthly reports, periods, figures, milestones and targets
   * (with the projects only); default true. The province bench can turn it off.
   */
  monthly?: boolean;
}

/** Builds the whole demo data set in memory; the same options always give the same data. */
export function generateDemoData(options: GenerateOptions): DemoDataSet {
  const { seed, counties } = options;
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(counties) || counties < 1 || counties > MAX_COUNTIES) {
    throw new Error(`counties must be an integer from 1 to ${MAX_COUNTIES}, got ${counties}`);
  }

  const province: DemoDivision = { code: DEMO_PROVINCE.code, name: DEMO_PROVINCE.name, level: 'province', parentCode: null };
  const cities = buildCities(seed, Math.ceil(counties / COUNTIES_PER_CITY));
  const countyDivisions = buildCounties(seed, counties);

  const data: DemoDataSet = {
    seed,
    divisions: [province, ...cities, ...countyDivisions],
    units: [],
    users: [],
    libraries: [],
    projects: [],
    libraryRequests: [],
    reserveCounters: [],
    asOf: options.asOf ?? todayIso(),
    monthly: options.projects !== false && options.monthly !== false,
  };
  addProvinceOrg(data, province);
  cities.forEach((city, i) => addCityOrg(data, city, i === 0));
  countyDivisions.forEach((county, i) => addCountyOrg(data, county, i === 0));
  // Projects come after the whole organisation, from their own streams; they add owner enterprises (`owner.co.NNN`).
  if (options.projects !== false) addProjects(data, countyDivisions, data.asOf);
  return data;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The code of the `index`-th county (0-based): city 01 holds counties 21…28, city 02 the next eight … */
export function countyCodeAt(index: number): string {
  const city = Math.floor(index / COUNTIES_PER_CITY) + 1;
  return `${DEMO_PROVINCE.code.slice(0, 2)}${pad2(city)}${21 + (index % COUNTIES_PER_CITY)}`;
}

function buildCities(seed: number, count: number): DemoDivision[] {
  // Own stream: how many cities there are never changes a county's name.
  const rng = rngFor(seed, 'cities');
  const used = new Set<string>();
  const out: DemoDivision[] = [];
  for (let i = 0; i < count; i++) {
    let name = i === 0 ? DEMO_CITY_NAME : CITY_NAMES[i - 1];
    while (!name || used.has(name)) name = cityName(rng);
    used.add(name);
    out.push({ code: `${DEMO_PROVINCE.code.slice(0, 2)}${pad2(i + 1)}00`, name, level: 'city', parentCode: DEMO_PROVINCE.code });
  }
  return out;
}

function buildCounties(seed: number, count: number): DemoDivision[] {
  const rng = rngFor(seed, 'counties');
  const used = new Set<string>([DEMO_COUNTY_NAME]);
  const out: DemoDivision[] = [];
  for (let i = 0; i < count; i++) {
    let name = DEMO_COUNTY_NAME;
    if (i > 0) {
      do name = countyName(rng);
      while (used.has(name));
      used.add(name);
    }
    const code = countyCodeAt(i);
    out.push({ code, name, level: 'county', parentCode: `${code.slice(0, 4)}00` });
  }
  return out;
}

// ---------------------------------------------------------------- province and cities

function addProvinceOrg(data: DemoDataSet, province: DemoDivision): void {
  const rng = rngFor(data.seed, 'org', province.code);
  const drc = pushUnit(data, rng, province.code, 'drc', `${province.name}发展和改革委员会`, '省发改委', 'drc', null, 1);
  pushUnit(data, rng, province.code, 'gov.office', `${province.name}人民政府办公厅`, '省政府办公厅', 'government', null, 2);
  pushUser(data, rng, { divisionCode: province.code, unitId: drc.id, username: 'province_admin', role: 'admin', dataScope: 'all' });
  pushUser(data, rng, { divisionCode: province.code, unitId: drc.id, username: 'province_drc', role: 'drc' });
}

function addCityOrg(data: DemoDataSet, city: DemoDivision, isDemoCity: boolean): void {
  const rng = rngFor(data.seed, 'org', city.code);
  const drc = pushUnit(data, rng, city.code, 'drc', `${city.name}发展和改革委员会`, '市发改委', 'drc', null, 1);
  pushUnit(data, rng, city.code, 'commerce', `${city.name}商务局`, '市商务局', 'commerce', null, 2);
  pushUser(data, rng, { divisionCode: city.code, unitId: drc.id, username: isDemoCity ? 'city_drc' : `${city.code}_drc`, role: 'drc' });
}

// ---------------------------------------------------------------- counties

/** The units of one county as generated, by key. */
type UnitsByKey = Map<string, DemoUnit>;

function addCountyOrg(data: DemoDataSet, county: DemoDivision, isDemo: boolean): void {
  const rng = rngFor(data.seed, 'org', county.code);
  const base = county.name.replace(/县$/, '');
  const units: UnitsByKey = new Map();
  const add = (key: string, name: string, shortName: string, kind: UnitKind, parentKey: string | null = null) => {
    const parentId = parentKey ? (units.get(parentKey)?.id ?? null) : null;
    units.set(key, pushUnit(data, rng, county.code, key, name, shortName, kind, parentId, units.size + 1));
  };
  // The demo county has every optional unit; others draw theirs.
  const keep = (t: UnitTemplate, p: number) => t.isCore || isDemo || rng.chance(p);

  for (const t of OFFICE_TEMPLATES) {
    if (keep(t, 0.5)) add(t.key, `${county.name}${t.suffix}`, t.shortName, t.kind, t.key.includes('.') ? t.key.split('.')[0] : null);
  }
  for (const t of DEPARTMENT_TEMPLATES) if (keep(t, 0.4)) add(t.key, `${county.name}${t.suffix}`, t.shortName, t.kind);
  for (const t of PARK_TEMPLATES) if (keep(t, 0.45)) add(t.key, `${base}${t.suffix}`, t.shortName, t.kind);

  const townships = isDemo ? DEMO_TOWNSHIPS : countyTownships(rng);
  townships.forEach((name, i) => add(`township.${pad2(i + 1)}`, name, name, 'township'));

  // Enterprises first: the first one is the demo `owner` account's.
  const fixed = isDemo ? DEMO_ENTERPRISES : [];
  const fixedBrands = fixed.map(([brand]) => brand);
  const brands = rng.sample(
    ENTERPRISE_BRANDS.filter((b) => !fixedBrands.includes(b)),
    (isDemo ? 8 : rng.int(4, 8)) - fixed.length,
  );
  const enterprises = [...fixed, ...brands.map((brand) => [brand, rng.pick(ENTERPRISE_INDUSTRIES)] as const)];
  enterprises.forEach(([brand, [industry, short]], i) => {
    add(`owner.ent.${pad2(i + 1)}`, `${base}${brand}${industry}有限公司`, `${brand}${short}`, 'owner');
  });
  for (const t of PUBLIC_OWNER_TEMPLATES) if (keep(t, 0.5)) add(t.key, `${county.name}${t.suffix}`, t.shortName, t.kind);

  const banks = isDemo ? BANK_TEMPLATES.slice(0, 3) : rng.sample(BANK_TEMPLATES, rng.int(2, 3));
  for (const b of banks) add(b.key, b.name(county.name, base), b.shortName, 'other');

  addCountyUsers(data, rng, county, units, isDemo);
}

function countyTownships(rng: Rng): string[] {
  const count = rng.int(8, 14);
  const names = ['城关镇'];
  while (names.length < count) {
    const name = townshipName(rng);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function addCountyUsers(data: DemoDataSet, rng: Rng, county: DemoDivision, units: UnitsByKey, isDemo: boolean): void {
  // Demo county: `drc`, `drc_2`, `dept_water` …; elsewhere `990122_drc`, `990122_drc_2` …
  const username = (suffix: string) => (isDemo ? suffix : `${county.code}_${suffix}`);
  const counters = new Map<Role, number>();
  const next = (role: Role) => {
    const n = (counters.get(role) ?? 0) + 1;
    counters.set(role, n);
    return username(n === 1 ? role : `${role}_${n}`);
  };
  const unit = (key: string) => {
    const u = units.get(key);
    if (!u) throw new Error(`demo county ${county.code} lacks unit ${key}`);
    return u;
  };
  const add = (role: Role, unitKey: string, name: string, displayName?: string) =>
    pushUser(data, rng, { divisionCode: county.code, unitId: unit(unitKey).id, username: name, role, displayName });

  // Leaders are shown by surname and title (王县长), so their surnames differ.
  const leaderCount = isDemo ? LEADER_TITLES.length : rng.int(3, LEADER_TITLES.length);
  const surnames = new Set<string>();
  for (let i = 0; i < leaderCount; i++) {
    let s = isDemo && i === 0 ? '王' : surname(rng);
    while (surnames.has(s)) s = surname(rng);
    surnames.add(s);
    add('leader', 'gov', next('leader'), `${s}${LEADER_TITLES[i].short}`);
  }

  add('admin', 'drc', next('admin'));
  add('auditor', 'gov.office', next('auditor'));
  const drcCount = isDemo ? 3 : rng.int(2, 3);
  for (let i = 0; i < drcCount; i++) add('drc', 'drc', next('drc'));
  add('inspector', 'inspector', next('inspector'));
  add('inspector', 'project-office', next('inspector'));
  add('commerce', 'commerce', next('commerce'));
  add('commerce', units.has('commerce.promotion') ? 'commerce.promotion' : 'commerce', next('commerce'));

  // One account per sector department and park, named after it: dept_water, park_edz …
  for (const u of units.values()) {
    if (u.kind === 'department') add('department', u.key, username(`dept_${u.key.slice('dept.'.length)}`));
  }
  for (const u of units.values()) {
    if (u.kind === 'park') add('department', u.key, username(`park_${u.key.slice('park.'.length)}`));
  }
  for (const u of units.values()) if (u.kind === 'township') add('township', u.key, next('township'));
  for (const u of units.values()) if (u.kind === 'owner') add('owner', u.key, next('owner'));
}

// ---------------------------------------------------------------- records

function pushUnit(
  data: DemoDataSet,
  rng: Rng,
  divisionCode: string,
  key: string,
  name: string,
  shortName: string | null,
  kind: UnitKind,
  parentId: string | null,
  sortOrder: number,
): DemoUnit {
  const unit: DemoUnit = {
    id: stableUuid(data.seed, 'unit', divisionCode, key),
    divisionCode,
    key,
    name,
    shortName,
    kind,
    parentId,
    contactPerson: personName(rng),
    contactPhone: officePhone(rng),
    sortOrder,
  };
  data.units.push(unit);
  return unit;
}

interface UserInput {
  divisionCode: string;
  unitId: string | null;
  username: string;
  role: Role;
  dataScope?: DataScope;
  displayName?: string;
}

function pushUser(data: DemoDataSet, rng: Rng, input: UserInput): DemoUser {
  // Drawn even when a display name is given, so that naming one account never shifts the rest.
  const generatedName = personName(rng);
  const user: DemoUser = {
    id: stableUuid(data.seed, 'user', input.username),
    divisionCode: input.divisionCode,
    unitId: input.unitId,
    username: input.username,
    displayName: input.displayName ?? generatedName,
    role: input.role,
    dataScope: input.dataScope ?? DEFAULT_SCOPE[input.role],
    phone: mobilePhone(rng),
  };
  data.users.push(user);
  return user;
}
