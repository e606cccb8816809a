import type { UnitKind } from '../../common/roles';
import type { Rng } from './random';

/**
 * Name material for the demo data: a fictional province in the 河西走廊 style — oasis
 * counties with wind and solar parks, an economic-technical development zone, agricultural
 * parks ("一区十园") and townships named after springs, dams and forts.
 */

/** The fictional province; prefix 99 is not assigned by GB/T 2260, so no code clashes with a real division. */
export const DEMO_PROVINCE = { code: '990000', name: '祁连省' } as const;

/** The demo county modelled on the seed report, and its city. */
export const DEMO_CITY_NAME = '金泉市';
export const DEMO_COUNTY_NAME = '河西县';

/** Further city names, in order (then generated ones). */
export const CITY_NAMES = [
  '凉川市', '雪峰市', '嘉安市', '玉关市', '祁州市', '弱水市', '瀚海市', '鸣沙市', '祁丰市', '天岭市',
  '石羊市', '苍松市', '龙首市', '焉支市', '白亭市', '居延市', '青泉市', '阳关市', '合黎市', '丰乐市',
];

const CITY_FIRST = ['金', '凉', '雪', '嘉', '玉', '祁', '昌', '天', '石', '龙', '青', '阳', '丰', '永', '安', '临', '沙'];
const CITY_SECOND = ['泉', '川', '峰', '安', '州', '宁', '原', '岭', '关', '城', '源', '西', '门', '平'];

const COUNTY_FIRST = [
  '永', '丰', '安', '民', '金', '玉', '高', '临', '祁', '肃', '古', '天', '景', '靖', '定', '宁', '平', '清', '昌',
  '泉', '沙', '红', '黑', '白', '石', '柳', '松', '雪', '疏', '黄', '嘉', '骆', '新', '广', '武', '宣', '明', '镇',
];
const COUNTY_SECOND = [
  '昌', '乐', '丹', '泽', '台', '南', '塔', '门', '浪', '祝', '泰', '远', '勤', '州', '川', '源', '宁', '安',
  '和', '水', '山', '峡', '泉', '原', '河', '城', '西', '凉', '滩', '湖', '坝', '威', '化', '阳',
];

/** Townships of the demo county: the county seat first, the demo `township` account's. */
export const DEMO_TOWNSHIPS = [
  '城关镇', '沙河镇', '新坝镇', '红柳湾镇', '三堡镇', '板桥镇', '明水乡', '黑泉乡', '六坝镇', '南华镇', '骆驼城乡', '合黎乡',
];

const TOWNSHIP_FIRST = [
  '沙', '红柳', '新', '三', '板', '明', '黑', '六', '南华', '骆驼', '合黎', '大', '小', '东', '西', '北', '平', '花',
  '梨园', '鸭', '倪家', '蓼', '巴', '宣化', '罗城', '清', '白', '马', '石', '杨', '十里', '双', '上', '下', '黄',
  '泉', '古', '营', '羊', '芦', '草', '碱', '长', '元', '高',
];
const TOWNSHIP_SECOND = ['河', '坝', '堡', '墩', '渠', '滩', '湖', '泉', '寨', '营', '桥', '庄', '园', '井', '沟', '湾', '口', '屯', '寺', '城'];

/** Fictional brand names for enterprises. */
export const ENTERPRISE_BRANDS = [
  '鑫源', '恒通', '祥瑞', '丰泽', '天润', '绿洲', '瑞丰', '华晟', '锋源', '久阳', '金穗', '银河', '宏达', '盛泰',
  '中盛', '万禾', '弘毅', '嘉禾', '隆基源', '远景', '沃土', '丝路', '驼铃', '雪川', '亿达', '康源', '润泽', '晶辉',
];

/** Industries of project-owning enterprises: the words of the company name and of its short name. */
export const ENTERPRISE_INDUSTRIES: readonly (readonly [string, string])[] = [
  ['风电装备制造', '风电'], ['光伏科技', '光伏'], ['光热发电', '光热'], ['新能源科技', '新能源'], ['新型建材', '建材'],
  ['农业科技发展', '农业'], ['种业', '种业'], ['现代牧业', '牧业'], ['农产品冷链物流', '冷链'], ['果蔬食品', '食品'],
  ['文化旅游开发', '文旅'], ['商贸物流', '物流'], ['电子商务', '电商'], ['线缆', '线缆'], ['节能环保科技', '环保'],
  ['生物科技', '生物'],
];

/** The demo county's first enterprises, after the seed report's wind-equipment and solar-thermal firms. */
export const DEMO_ENTERPRISES: readonly (readonly [string, readonly [string, string]])[] = [
  ['锋源', ['风电装备制造', '风电']],
  ['久阳', ['光热发电', '光热']],
];

/** One department, office or park of a county, as a template. */
export interface UnitTemplate {
  /** Stable key within the county, e.g. `dept.water`; later modules find units by it. */
  key: string;
  /** Name after the county name (`河西县` + `水务局`). */
  suffix: string;
  shortName: string;
  kind: UnitKind;
  /** Present in every county (otherwise drawn at random). */
  isCore: boolean;
}

/** Offices every county has, in display order. */
export const OFFICE_TEMPLATES: UnitTemplate[] = [
  { key: 'gov', suffix: '人民政府', shortName: '县政府', kind: 'government', isCore: true },
  { key: 'gov.office', suffix: '人民政府办公室', shortName: '县政府办', kind: 'government', isCore: true },
  { key: 'drc', suffix: '发展和改革局', shortName: '县发改局', kind: 'drc', isCore: true },
  { key: 'inspector', suffix: '委县政府督查室', shortName: '县督查室', kind: 'inspector', isCore: true },
  { key: 'project-office', suffix: '重大项目建设办公室', shortName: '县项目办', kind: 'inspector', isCore: true },
  { key: 'commerce', suffix: '商务局', shortName: '县商务局', kind: 'commerce', isCore: true },
  { key: 'commerce.promotion', suffix: '投资促进服务中心', shortName: '县投促中心', kind: 'commerce', isCore: false },
];

/** Sector departments (行业主管部门); the core ones own the project sectors. */
export const DEPARTMENT_TEMPLATES: UnitTemplate[] = [
  { key: 'dept.agri', suffix: '农业农村局', shortName: '县农业农村局', kind: 'department', isCore: true },
  { key: 'dept.industry', suffix: '工业和信息化局', shortName: '县工信局', kind: 'department', isCore: true },
  { key: 'dept.water', suffix: '水务局', shortName: '县水务局', kind: 'department', isCore: true },
  { key: 'dept.forestry', suffix: '林业和草原局', shortName: '县林草局', kind: 'department', isCore: true },
  { key: 'dept.housing', suffix: '住房和城乡建设局', shortName: '县住建局', kind: 'department', isCore: true },
  { key: 'dept.culture', suffix: '文化和旅游局', shortName: '县文旅局', kind: 'department', isCore: true },
  { key: 'dept.transport', suffix: '交通运输局', shortName: '县交通运输局', kind: 'department', isCore: true },
  { key: 'dept.education', suffix: '教育局', shortName: '县教育局', kind: 'department', isCore: true },
  { key: 'dept.health', suffix: '卫生健康委员会', shortName: '县卫健委', kind: 'department', isCore: true },
  { key: 'dept.finance', suffix: '财政局', shortName: '县财政局', kind: 'department', isCore: true },
  { key: 'dept.resources', suffix: '自然资源局', shortName: '县自然资源局', kind: 'department', isCore: true },
  { key: 'dept.ecology', suffix: '生态环境局', shortName: '县生态环境局', kind: 'department', isCore: true },
  { key: 'dept.stats', suffix: '统计局', shortName: '县统计局', kind: 'department', isCore: true },
  { key: 'dept.science', suffix: '科学技术局', shortName: '县科技局', kind: 'department', isCore: false },
  { key: 'dept.civil', suffix: '民政局', shortName: '县民政局', kind: 'department', isCore: false },
  { key: 'dept.hr', suffix: '人力资源和社会保障局', shortName: '县人社局', kind: 'department', isCore: false },
  { key: 'dept.emergency', suffix: '应急管理局', shortName: '县应急局', kind: 'department', isCore: false },
  { key: 'dept.market', suffix: '市场监督管理局', shortName: '县市场监管局', kind: 'department', isCore: false },
  { key: 'dept.rural', suffix: '乡村振兴局', shortName: '县乡村振兴局', kind: 'department', isCore: false },
];

/** Parks and zones (园区); their names use the county name without 县. */
export const PARK_TEMPLATES: UnitTemplate[] = [
  { key: 'park.edz', suffix: '经济技术开发区管理委员会', shortName: '经开区管委会', kind: 'park', isCore: true },
  { key: 'park.pv', suffix: '光电产业园区管理委员会', shortName: '光电园区管委会', kind: 'park', isCore: false },
  { key: 'park.agri', suffix: '现代农业示范区管理委员会', shortName: '农业示范区管委会', kind: 'park', isCore: false },
  { key: 'park.logistics', suffix: '农产品物流加工园区管理委员会', shortName: '物流加工园区管委会', kind: 'park', isCore: false },
  { key: 'park.energy', suffix: '新能源综合利用示范区管理委员会', shortName: '新能源示范区管委会', kind: 'park', isCore: false },
];

/** State-owned owners and public institutions that carry county projects. */
export const PUBLIC_OWNER_TEMPLATES: UnitTemplate[] = [
  { key: 'owner.urban', suffix: '城乡建设投资有限公司', shortName: '县城投公司', kind: 'owner', isCore: true },
  { key: 'owner.water', suffix: '水务投资有限公司', shortName: '县水投公司', kind: 'owner', isCore: true },
  { key: 'owner.hospital', suffix: '人民医院', shortName: '县人民医院', kind: 'owner', isCore: true },
  { key: 'owner.agri', suffix: '农业产业化投资发展有限公司', shortName: '县农投公司', kind: 'owner', isCore: false },
  { key: 'owner.tourism', suffix: '文化旅游投资有限公司', shortName: '县文旅投公司', kind: 'owner', isCore: false },
  { key: 'owner.school', suffix: '第一中学', shortName: '县一中', kind: 'owner', isCore: false },
  { key: 'owner.tcm', suffix: '中医医院', shortName: '县中医院', kind: 'owner', isCore: false },
];

/** Financial institutions (kind `other`), which later post funding offers on the portal. */
export const BANK_TEMPLATES: { key: string; name: (countyName: string, baseName: string) => string; shortName: string }[] = [
  { key: 'bank.abc', name: (c) => `中国农业银行股份有限公司${c}支行`, shortName: '农行县支行' },
  { key: 'bank.rural', name: (_c, b) => `${b}农村商业银行股份有限公司`, shortName: '县农商银行' },
  { key: 'bank.ccb', name: (c) => `中国建设银行股份有限公司${c}支行`, shortName: '建行县支行' },
  { key: 'bank.psbc', name: (c) => `中国邮政储蓄银行股份有限公司${c}支行`, shortName: '邮储县支行' },
];

// Surnames with rough frequencies for the north-west (马 and 魏 more common than nationally).
const SURNAMES: [string, number][] = [
  ['王', 90], ['张', 85], ['李', 80], ['刘', 55], ['陈', 35], ['杨', 40], ['赵', 35], ['马', 35], ['何', 18],
  ['黄', 15], ['周', 18], ['吴', 14], ['徐', 14], ['孙', 16], ['朱', 12], ['胡', 14], ['郭', 16], ['高', 14],
  ['罗', 10], ['魏', 14], ['郑', 8], ['谢', 8], ['韩', 10], ['唐', 8], ['冯', 8], ['于', 6], ['董', 8], ['程', 6],
  ['曹', 7], ['袁', 6], ['邓', 5], ['许', 6], ['傅', 4], ['沈', 4], ['彭', 5], ['吕', 5], ['苏', 6], ['蒋', 4],
  ['贾', 6], ['丁', 5], ['任', 6], ['姚', 5], ['雷', 4], ['闫', 6], ['牛', 5], ['蔺', 3], ['祁', 3], ['安', 4],
  ['常', 4], ['达', 2], ['鲁', 3], ['岳', 3], ['段', 4], ['白', 4], ['窦', 2], ['柴', 3],
];

const GIVEN_MALE = [
  '建国', '建军', '国强', '志刚', '永军', '海军', '晓东', '文斌', '立新', '学军', '振华', '俊杰', '伟', '强',
  '军', '磊', '斌', '鹏', '涛', '亮', '辉', '勇', '波', '明', '刚', '杰', '宏伟', '国栋', '兴旺', '玉龙', '天福',
  '有福', '万军', '忠', '继红', '生荣', '廷军', '占东', '正虎', '世雄', '德林', '子健', '浩然', '博文', '宇航',
];
const GIVEN_FEMALE = [
  '丽', '芳', '静', '敏', '燕', '娟', '霞', '红梅', '玉兰', '秀英', '晓燕', '丽娟', '海燕', '春花', '桂兰', '雪梅',
  '慧', '婷', '洁', '琳', '佳怡', '欣怡', '雅琴', '小红', '文静', '艳萍', '瑞', '颖', '嘉', '梦瑶',
];

/** A person's full name. */
export function personName(rng: Rng): string {
  const surname = rng.weighted(SURNAMES);
  return surname + (rng.chance(0.62) ? rng.pick(GIVEN_MALE) : rng.pick(GIVEN_FEMALE));
}

/** A surname alone (leaders are shown as 王县长). */
export function surname(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

/** County leaders' titles, in order; the first is the demo `leader`. */
export const LEADER_TITLES = [
  { title: '县长', short: '县长' },
  { title: '县委书记', short: '书记' },
  { title: '常务副县长', short: '副县长' },
  { title: '副县长', short: '副县长' },
  { title: '副县长', short: '副县长' },
];

/** A generated city name (after the fixed list runs out). */
export function cityName(rng: Rng): string {
  return `${rng.pick(CITY_FIRST)}${rng.pick(CITY_SECOND)}市`;
}

/** A generated county name. */
export function countyName(rng: Rng): string {
  for (;;) {
    const a = rng.pick(COUNTY_FIRST);
    const b = rng.pick(COUNTY_SECOND);
    if (a !== b) return `${a}${b}县`;
  }
}

/** A generated township name (about 60 % 镇, the rest 乡). */
export function townshipName(rng: Rng): string {
  const first = rng.pick(TOWNSHIP_FIRST);
  let second = rng.pick(TOWNSHIP_SECOND);
  while (first.endsWith(second)) second = rng.pick(TOWNSHIP_SECOND);
  return `${first}${second}${rng.chance(0.6) ? '镇' : '乡'}`;
}

/** An office telephone number under the area code 0900, which no city in China is known to use. */
export function officePhone(rng: Rng): string {
  return `0900-6${rng.digits(6)}`;
}

/**
 * A mobile number in one easily recognised block (170-0000-xxxx). It is not guaranteed to be
 * unassigned: a demo deployment must not have a live SMS sender.
 */
export function mobilePhone(rng: Rng): string {
  return `1700000${rng.digits(4)}`;
}

/** A generated village name (行政村), from the same parts as township names. */
export function villageName(rng: Rng): string {
  const first = rng.pick(TOWNSHIP_FIRST);
  let second = rng.pick(TOWNSHIP_SECOND);
  while (first.endsWith(second)) second = rng.pick(TOWNSHIP_SECOND);
  return `${first}${second}村`;
}
