import type { ConstructionNature, Sector } from '../../common/projects';
import type { Rng } from './random';

/**
 * Name and content material for demo projects, after the seed report: the "3341" project
 * works of a 河西走廊 county — wind-equipment and solar parks, the 粉煤灰-新型建材 chain,
 * the national modern-agriculture demonstration zone ("一区十园"), water works, schools,
 * hospitals, rural roads and the 丝路公园.
 */

/** Kinds of enterprises that own enterprise projects; each county gets a pool per kind. */
export type EnterpriseKind = 'pv' | 'wind' | 'equipment' | 'material' | 'agri' | 'livestock' | 'food' | 'logistics' | 'ecommerce' | 'tourism' | 'commercial';

/** Company-name words per kind: [industry words in the full name, word in the short name]. */
export const ENTERPRISE_KIND_WORDS: Record<EnterpriseKind, readonly (readonly [string, string])[]> = {
  pv: [['光伏科技', '光伏'], ['新能源科技', '新能源'], ['光电科技', '光电'], ['光热发电', '光热']],
  wind: [['风力发电', '风电'], ['新能源开发', '新能源'], ['清洁能源', '能源']],
  equipment: [['风电装备制造', '风电'], ['电气设备', '电气'], ['线缆', '线缆'], ['智能装备', '装备'], ['储能科技', '储能']],
  material: [['新型建材', '建材'], ['建材科技', '建材'], ['水泥', '水泥'], ['资源循环利用', '循环']],
  agri: [['农业科技发展', '农业'], ['种业', '种业'], ['生态农业', '农业'], ['林果开发', '林果']],
  livestock: [['现代牧业', '牧业'], ['畜牧养殖', '养殖'], ['禽业', '禽业']],
  food: [['果蔬食品', '食品'], ['农产品加工', '农产'], ['食品科技', '食品'], ['酿造', '酒业']],
  logistics: [['商贸物流', '物流'], ['农产品冷链物流', '冷链'], ['仓储物流', '物流']],
  ecommerce: [['电子商务', '电商'], ['网络科技', '网络'], ['数据科技', '数据']],
  tourism: [['文化旅游开发', '文旅'], ['旅游发展', '旅游'], ['酒店管理', '酒店']],
  commercial: [['置业', '置业'], ['商业管理', '商业'], ['汽车贸易', '汽贸']],
};

const BRAND_FIRST = ['鑫', '恒', '祥', '丰', '天', '绿', '瑞', '华', '金', '银', '宏', '盛', '中', '万', '弘', '嘉', '沃', '雪', '亿', '康', '润', '晶', '兴', '荣', '泰', '昌', '隆', '富', '永', '新', '博', '德', '海', '远', '正', '大', '聚', '汇'];
const BRAND_SECOND = ['源', '通', '瑞', '泽', '润', '洲', '丰', '晟', '阳', '穗', '达', '泰', '禾', '毅', '路', '川', '辉', '宇', '邦', '业', '和', '益', '鼎', '信', '远', '峰', '华', '腾', '旺', '安', '诚', '利'];

/** A two-character enterprise brand. */
export function brandName(rng: Rng): string {
  for (;;) {
    const a = rng.pick(BRAND_FIRST);
    const b = rng.pick(BRAND_SECOND);
    if (a !== b) return a + b;
  }
}

/** Which kind an existing demo enterprise (names.ts ENTERPRISE_INDUSTRIES) belongs to. */
export function kindOfIndustry(industry: string): EnterpriseKind {
  if (/风电装备|线缆/.test(industry)) return 'equipment';
  if (/光伏|光热|新能源/.test(industry)) return 'pv';
  if (/建材|环保/.test(industry)) return 'material';
  if (/牧业/.test(industry)) return 'livestock';
  if (/食品|生物/.test(industry)) return 'food';
  if (/冷链|物流/.test(industry)) return 'logistics';
  if (/电子商务/.test(industry)) return 'ecommerce';
  if (/文化旅游/.test(industry)) return 'tourism';
  return 'agri';
}

const RIVERS = ['黑河', '梨园河', '马营河', '丰乐河', '洪水河', '摆浪河', '大都麻河', '童子坝河', '酥油口河', '石灰关河', '红水河', '观山河'];
const RESERVOIRS = ['红山', '双泉', '鸳鸯池', '平易', '大湖湾', '新地', '西营', '马蹄', '黑山', '南湖'];
const ROADS = ['西一路', '北环路', '迎宾大道', '祁连路', '丝路大道', '滨河路', '建设街', '新华街', '东环路', '南关街', '长城路', '文化街', '育才路', '泉湖路', '工业大道', '振兴路'];
const BRIDGES = ['西一桥', '滨河大桥', '北环桥', '丰乐桥', '迎宾桥', '新城桥', '沙河大桥', '黑河二桥'];
const SCENIC = ['大漠风情园', '古韵文化园', '国家湿地公园', '汉长城遗址公园', '丹霞地质公园', '沙漠绿洲生态园', '古城遗址公园', '红柳湾生态旅游区', '烽燧文化旅游区', '胡杨林景区'];
const URBAN_AREAS = ['城北片区', '城南片区', '东关片区', '西关片区', '新城区', '老城区', '火车站片区', '汉唐新区'];
const SCHOOL_KINDS = ['中心小学', '九年制学校', '中学', '中心幼儿园'];
const COUNTY_SCHOOLS = ['第一中学', '第二中学', '第三中学', '第一小学', '第二小学', '第三小学', '第四小学', '北苑学校', '第一幼儿园', '第二幼儿园', '第三幼儿园', '职业中等专业学校', '特殊教育学校'];
const CROPS = ['制种玉米', '高原夏菜', '酿酒葡萄', '枸杞', '红枣', '食用菌', '娃娃菜', '中药材', '甜玉米', '辣椒'];
const FOODS = ['甜玉米', '番茄酱', '脱水蔬菜', '枸杞', '葡萄酒', '速冻玉米', '红枣', '马铃薯全粉', '酱醋', '牛羊肉'];
const LIVESTOCK: readonly (readonly [string, string, number])[] = [
  ['肉牛', '头', 5],
  ['肉羊', '只', 1],
  ['生猪', '头', 2],
  ['奶牛', '头', 8],
  ['蛋鸡', '万只', 300],
];
const MATERIALS: readonly (readonly [string, string])[] = [
  ['粉煤灰蒸压加气混凝土砌块', '万立方米'],
  ['新型墙体材料', '万立方米'],
  ['干混砂浆', '万吨'],
  ['粉煤灰蒸压砖', '亿块'],
  ['商品混凝土', '万立方米'],
  ['矿渣微粉', '万吨'],
  ['岩棉保温材料', '万吨'],
];
const EQUIPMENT: readonly (readonly [string, string])[] = [
  ['风电叶片', '套'],
  ['风电塔筒', '套'],
  ['风电机舱', '台'],
  ['大功率逆变器', '台'],
  ['箱式变压器', '台'],
  ['电力电缆', '千米'],
  ['光伏支架', '万吨'],
  ['储能电池模组', 'MWh'],
];

export type OwnerSpec =
  | { kind: 'dept' }
  | { kind: 'township' }
  | { kind: 'units'; keys: string[] }
  | { kind: 'enterprise'; of: EnterpriseKind[] };

/** The parts a template composes a name and content text from. */
export interface NameParts {
  county: string;
  base: string;
  town: string;
  town2: string;
  village: string;
  /** Short name of the owner enterprise (鑫源光伏), or the county name for public projects. */
  owner: string;
  /** Total investment in 万元 (the template sizes its content from it). */
  total: number;
  rng: Rng;
}

export interface ProjectTemplate {
  key: string;
  sector: Sector;
  weight: number;
  /** Range of total investment in 万元. */
  min: number;
  max: number;
  /** government: 审批; enterprise: 备案 mostly, 核准 for some; the others fixed. */
  approval: 'government' | 'filing' | 'approval' | 'enterprise';
  /** Responsible department unit keys, in preference order. */
  depts: string[];
  owner: OwnerSpec;
  /** GB/T 4754 大类. */
  industry: string;
  parks?: string[];
  /** Sector library key (see LIBRARY_SPECS). */
  library?: string;
  /** Mostly in the county seat. */
  urban?: boolean;
  tags?: readonly (readonly [string, number])[];
  natures?: readonly ConstructionNature[];
  /** A name tied to one place that exists once per county (名称 has no township or owner). */
  single?: boolean;
  name(p: NameParts): string;
  scale(p: NameParts): string;
}

const n = (value: number, step = 1) => Math.max(step, Math.round(value / step) * step);
const fix1 = (value: number) => (Math.round(value * 10) / 10).toString();

const GOV = 'government' as const;
const ENT = 'enterprise' as const;
const NEW: readonly ConstructionNature[] = ['new'];
const NEW_OR_EXPAND: readonly ConstructionNature[] = ['new', 'new', 'expansion'];

export const PROJECT_TEMPLATES: readonly ProjectTemplate[] = [
  // ------------------------------------------------------------------ 农业
  {
    key: 'farmland', sector: 'agriculture', weight: 9, min: 600, max: 6000, approval: GOV, depts: ['dept.agri'], owner: { kind: 'dept' },
    industry: '01', library: 'agri', natures: NEW,
    name: (p) => `${p.county}${p.town}${p.rng.pick(['', '', '2025年度', '2026年度', '2027年度'])}高标准农田建设项目`,
    scale: (p) => `建设高标准农田${fix1(p.total / 2500)}万亩，配套建设渠道${n(p.total / 60)}公里、机井${n(p.total / 150)}眼、田间道路${n(p.total / 80)}公里及农田防护林。`,
  },
  {
    key: 'greenhouse', sector: 'agriculture', weight: 7, min: 500, max: 4000, approval: ENT, depts: ['dept.agri'], owner: { kind: 'enterprise', of: ['agri'] },
    industry: '01', parks: ['park.agri'], library: 'agri', natures: NEW_OR_EXPAND,
    name: (p) => `${p.owner}${p.town}${p.village}设施农业（日光温室）建设项目`,
    scale: (p) => `新建日光温室${n(p.total / 12)}座、钢架大棚${n(p.total / 8)}座，配套建设保鲜库、水肥一体化灌溉等设施，种植${p.rng.pick(CROPS)}。`,
  },
  {
    key: 'crop-base', sector: 'agriculture', weight: 5, min: 500, max: 5000, approval: ENT, depts: ['dept.agri'], owner: { kind: 'enterprise', of: ['agri'] },
    industry: '01', parks: ['park.agri'], library: 'agri', tags: [['互联网+', 0.2]],
    name: (p) => `${p.owner}${p.town}${n(p.total / 500)}万亩${p.rng.pick(CROPS)}标准化种植基地建设项目`,
    scale: (p) => `建设标准化种植基地${n(p.total / 500)}万亩，配套滴灌、智能监测及田间道路等设施。`,
  },
  {
    key: 'livestock', sector: 'agriculture', weight: 7, min: 500, max: 15000, approval: ENT, depts: ['dept.agri'], owner: { kind: 'enterprise', of: ['livestock'] },
    industry: '03', parks: ['park.agri'], library: 'agri', natures: NEW_OR_EXPAND,
    name: (p) => {
      const [animal, unit, cost] = p.rng.pick(LIVESTOCK);
      return `${p.owner}${p.town}${n(p.total / cost / (unit === '万只' ? 1 : 1), unit === '万只' ? 1 : 100)}${unit}${animal}标准化养殖${p.rng.pick(['场', '基地', '小区'])}建设项目`;
    },
    scale: (p) => `新建标准化圈舍${n(p.total / 40)}栋、饲草料库及青贮池，配套粪污资源化利用设施。`,
  },
  {
    key: 'food', sector: 'agriculture', weight: 6, min: 800, max: 30000, approval: ENT, depts: ['dept.agri', 'dept.industry'], owner: { kind: 'enterprise', of: ['food'] },
    industry: '13', parks: ['park.logistics', 'park.agri', 'park.edz'], library: 'agri', tags: [['一带一路', 0.15], ['消费工程', 0.2]], natures: NEW_OR_EXPAND,
    name: (p) => `${p.owner}年产${n(p.total / 3000, 0.5)}万吨${p.rng.pick(FOODS)}精深加工项目`,
    scale: (p) => `新建生产车间${n(p.total / 800)}座${n(p.total / 8) * 10}平方米，购置生产线${n(p.total / 2500)}条，配套冷库及污水处理设施。`,
  },
  {
    key: 'coldchain', sector: 'agriculture', weight: 4, min: 600, max: 8000, approval: ENT, depts: ['dept.agri', 'commerce'], owner: { kind: 'enterprise', of: ['logistics'] },
    industry: '59', parks: ['park.logistics'], library: 'agri', tags: [['一带一路', 0.2], ['消费工程', 0.3]],
    name: (p) => `${p.owner}${p.town}${n(p.total / 2, 100)}吨农产品冷链物流仓储项目`,
    scale: (p) => `建设气调保鲜库${n(p.total / 4, 100)}吨及分拣包装车间、冷链配送中心。`,
  },
  {
    key: 'seed', sector: 'agriculture', weight: 3, min: 800, max: 12000, approval: ENT, depts: ['dept.agri'], owner: { kind: 'enterprise', of: ['agri'] },
    industry: '05', parks: ['park.agri'], library: 'agri',
    name: (p) => `${p.owner}年加工${n(p.total / 1000)}万吨玉米种子生产线建设项目`,
    scale: (p) => `新建种子加工车间、晒场及仓储库房，购置果穗烘干、精选包衣生产线${n(p.total / 2500)}条。`,
  },
  {
    key: 'agri-park', sector: 'agriculture', weight: 2, min: 1500, max: 9000, approval: GOV, depts: ['park.agri', 'dept.agri'], owner: { kind: 'units', keys: ['owner.agri', 'dept.agri'] },
    industry: '01', parks: ['park.agri'], library: 'agri', tags: [['7+4工程包', 0.2]],
    name: (p) => `${p.base}现代农业示范区${p.rng.pick(['种植业', '养殖业', '农产品加工', '设施蔬菜', '制种', '休闲观光'])}园区基础设施建设项目`,
    scale: (p) => `建设园区道路${n(p.total / 300)}公里，给排水管网${n(p.total / 200)}公里，配套供电、通信等基础设施。`,
  },
  {
    key: 'eco-park', sector: 'agriculture', weight: 3, min: 500, max: 6000, approval: ENT, depts: ['dept.agri', 'dept.culture'], owner: { kind: 'enterprise', of: ['agri', 'tourism'] },
    industry: '01', library: 'agri', tags: [['消费工程', 0.5]],
    name: (p) => `${p.owner}${p.town}休闲观光农业生态园建设项目`,
    scale: (p) => `建设采摘园${n(p.total / 20)}亩、农耕体验区及游客服务中心，配套停车场、道路等设施。`,
  },
  {
    key: 'water-saving', sector: 'agriculture', weight: 5, min: 500, max: 8000, approval: GOV, depts: ['dept.water'], owner: { kind: 'units', keys: ['owner.water', 'dept.water'] },
    industry: '76', library: 'water', tags: [['7+4工程包', 0.4]],
    name: (p) => `${p.county}${p.town}高效节水灌溉示范项目`,
    scale: (p) => `发展高效节水灌溉面积${fix1(p.total / 1500)}万亩，新建首部枢纽${n(p.total / 300)}座、铺设输配水管网${n(p.total / 40)}公里。`,
  },
  {
    key: 'beautiful-village', sector: 'agriculture', weight: 5, min: 500, max: 2500, approval: GOV, depts: ['dept.rural', 'dept.agri'], owner: { kind: 'township' },
    industry: '01', library: 'agri', tags: [['新型城镇化', 0.3]],
    name: (p) => `${p.county}${p.town}${p.village}美丽乡村建设项目`,
    scale: (p) => `实施村庄道路硬化${n(p.total / 100)}公里、巷道改造、庭院美化、公共厕所及垃圾收集设施建设。`,
  },
  {
    key: 'forest', sector: 'agriculture', weight: 4, min: 500, max: 5000, approval: GOV, depts: ['dept.forestry'], owner: { kind: 'dept' },
    industry: '02', library: 'forestry', tags: [['一带一路', 0.1]],
    name: (p) => `${p.county}${p.town}${p.rng.pick(['三北防护林工程', '重点公益林建设工程', '防沙治沙综合示范工程', '退化林分修复工程', '国土绿化工程'])}`,
    scale: (p) => `营造防护林${fix1(p.total / 500)}万亩，配套灌溉管网及围栏等设施。`,
  },
  {
    key: 'orchard', sector: 'agriculture', weight: 3, min: 500, max: 4000, approval: ENT, depts: ['dept.forestry', 'dept.agri'], owner: { kind: 'enterprise', of: ['agri'] },
    industry: '01', library: 'forestry',
    name: (p) => `${p.owner}${p.town}${n(p.total / 400)}千亩${p.rng.pick(['红枣', '枸杞', '酿酒葡萄', '李广杏', '苹果'])}经济林基地建设项目`,
    scale: (p) => `新建经济林基地${n(p.total / 400)}千亩，配套滴灌、林下经济及果品分拣设施。`,
  },
  // ------------------------------------------------------------------ 工业
  {
    key: 'pv-plant', sector: 'industry', weight: 6, min: 4000, max: 60000, approval: 'filing', depts: ['dept.industry', 'park.pv'], owner: { kind: 'enterprise', of: ['pv'] },
    industry: '44', parks: ['park.pv', 'park.energy'], library: 'industry', tags: [['一带一路', 0.3], ['7+4工程包', 0.4]], natures: NEW,
    name: (p) => `${p.owner}${n(p.total / 400, 10)}兆瓦光伏发电项目`,
    scale: (p) => `建设${n(p.total / 400, 10)}兆瓦光伏电站，配套建设110千伏升压站${p.total > 20000 ? '及储能设施' : ''}。`,
  },
  {
    key: 'wind-farm', sector: 'industry', weight: 3, min: 8000, max: 90000, approval: 'approval', depts: ['dept.industry', 'park.energy'], owner: { kind: 'enterprise', of: ['wind'] },
    industry: '44', parks: ['park.energy'], library: 'industry', tags: [['一带一路', 0.3], ['7+4工程包', 0.5]], natures: NEW,
    name: (p) => `${p.owner}${n(p.total / 700, 10)}兆瓦风电项目`,
    scale: (p) => `安装单机容量${p.rng.pick(['3.0', '4.5', '5.0', '6.25'])}兆瓦风电机组，总装机${n(p.total / 700, 10)}兆瓦，配套建设330千伏升压站及集电线路。`,
  },
  {
    key: 'equipment', sector: 'industry', weight: 6, min: 1000, max: 40000, approval: ENT, depts: ['dept.industry'], owner: { kind: 'enterprise', of: ['equipment'] },
    industry: '38', parks: ['park.edz'], library: 'industry', tags: [['一带一路', 0.2]], natures: NEW_OR_EXPAND,
    name: (p) => {
      const [item, unit] = p.rng.pick(EQUIPMENT);
      return `${p.owner}年产${n(p.total / 30, 10)}${unit}${item}生产线建设项目`;
    },
    scale: (p) => `新建联合厂房${n(p.total / 5, 100)}平方米，购置生产及检测设备${n(p.total / 60)}台（套）。`,
  },
  {
    key: 'material', sector: 'industry', weight: 6, min: 1000, max: 25000, approval: ENT, depts: ['dept.industry'], owner: { kind: 'enterprise', of: ['material'] },
    industry: '30', parks: ['park.energy', 'park.edz'], library: 'industry', tags: [['7+4工程包', 0.1]], natures: NEW_OR_EXPAND,
    name: (p) => {
      const [item, unit] = p.rng.pick(MATERIALS);
      return `${p.owner}年产${n(p.total / 400)}${unit}${item}生产线项目`;
    },
    scale: () => `以电厂粉煤灰、脱硫石膏为主要原料，新建生产车间、原料库、成品堆场及配套设施，形成“粉煤灰-新型建材”资源综合利用产业链。`,
  },
  {
    key: 'ash', sector: 'industry', weight: 3, min: 1500, max: 20000, approval: ENT, depts: ['dept.industry'], owner: { kind: 'enterprise', of: ['material'] },
    industry: '42', parks: ['park.energy', 'park.edz'], library: 'industry',
    name: (p) => `${p.owner}${n(p.total / 150)}万吨粉煤灰及工业固废综合利用项目`,
    scale: (p) => `建设粉煤灰分选、储存及深加工生产线${n(p.total / 5000)}条，年消纳工业固废${n(p.total / 150)}万吨。`,
  },
  {
    key: 'pv-module', sector: 'industry', weight: 2, min: 5000, max: 60000, approval: ENT, depts: ['dept.industry'], owner: { kind: 'enterprise', of: ['pv', 'equipment'] },
    industry: '38', parks: ['park.edz', 'park.pv'], library: 'industry', tags: [['一带一路', 0.3]],
    name: (p) => `${p.owner}${n(p.total / 50, 10)}兆瓦光伏组件生产线项目`,
    scale: (p) => `建设光伏组件生产车间及配套用房${n(p.total / 3, 100)}平方米，购置串焊、层压、EL检测等设备。`,
  },
  {
    key: 'storage', sector: 'industry', weight: 2, min: 4000, max: 40000, approval: 'filing', depts: ['dept.industry'], owner: { kind: 'enterprise', of: ['pv', 'wind', 'equipment'] },
    industry: '44', parks: ['park.energy', 'park.pv'], library: 'industry', tags: [['7+4工程包', 0.3]],
    name: (p) => `${p.owner}${n(p.total / 200, 10)}兆瓦/${n(p.total / 100, 10)}兆瓦时储能电站项目`,
    scale: () => `建设磷酸铁锂电化学储能系统、升压站及智能微电网控制系统，促进电能就地消纳。`,
  },
  {
    key: 'upgrade', sector: 'industry', weight: 5, min: 500, max: 8000, approval: 'filing', depts: ['dept.industry'], owner: { kind: 'enterprise', of: ['equipment', 'material', 'food'] },
    industry: '30', parks: ['park.edz'], library: 'industry', natures: ['upgrade'],
    name: (p) => `${p.owner}${p.rng.pick(['智能化', '节能降耗', '绿色化', '数字化', '生产线'])}技术改造项目`,
    scale: (p) => `对现有生产线进行技术改造，购置先进设备${n(p.total / 50)}台（套），改造后年新增产值${n(p.total / 500) * 1000}万元。`,
  },
  {
    key: 'incubator', sector: 'industry', weight: 1, min: 2000, max: 12000, approval: GOV, depts: ['park.edz', 'dept.industry'], owner: { kind: 'units', keys: ['owner.urban'] },
    industry: '75', parks: ['park.edz'], library: 'industry', single: false,
    name: (p) => `${p.base}${p.rng.pick(['中小企业创业孵化基地', '标准化厂房', '科技创新服务中心', '双创示范基地'])}${p.rng.pick(['', '二期', '三期'])}建设项目`,
    scale: (p) => `建设标准化厂房及孵化用房${n(p.total / 3, 100)}平方米，配套道路、给排水等设施。`,
  },
  {
    key: 'datacenter', sector: 'industry', weight: 1, min: 5000, max: 50000, approval: 'filing', depts: ['dept.industry'], owner: { kind: 'enterprise', of: ['ecommerce'] },
    industry: '65', parks: ['park.energy', 'park.edz'], library: 'industry', tags: [['互联网+', 0.8]],
    name: (p) => `${p.owner}绿色算力大数据中心建设项目`,
    scale: (p) => `建设数据中心机房${n(p.total / 10, 100)}平方米，部署标准机柜${n(p.total / 20, 10)}个，利用新能源电力就近消纳。`,
  },
  // ------------------------------------------------------------------ 三产服务业
  {
    key: 'ecommerce-station', sector: 'services', weight: 3, min: 500, max: 1500, approval: GOV, depts: ['commerce'], owner: { kind: 'units', keys: ['commerce'] },
    industry: '51', tags: [['互联网+', 0.9], ['消费工程', 0.3]],
    name: (p) => `${p.county}${p.town}农村电子商务服务站点建设项目`,
    scale: (p) => `建设乡镇电子商务服务中心1处、村级服务站点${n(p.total / 40)}个，配套物流配送及网货展销设施。`,
  },
  {
    key: 'scenic', sector: 'services', weight: 5, min: 1000, max: 30000, approval: GOV, depts: ['dept.culture'], owner: { kind: 'units', keys: ['owner.tourism', 'owner.urban'] },
    industry: '78', library: 'culture', tags: [['消费工程', 0.7], ['一带一路', 0.2]], natures: NEW_OR_EXPAND,
    name: (p) => `${p.county}${p.rng.pick(SCENIC)}${p.rng.pick(['基础设施建设项目', '提升改造项目', '游客服务中心建设项目', '4A级景区创建项目', '智慧旅游建设项目'])}`,
    scale: (p) => `建设游客服务中心${n(p.total / 3, 100)}平方米、景区道路${fix1(p.total / 600)}公里、停车场及旅游厕所等配套设施。`,
  },
  {
    key: 'rural-tourism', sector: 'services', weight: 4, min: 500, max: 3000, approval: GOV, depts: ['dept.culture'], owner: { kind: 'township' },
    industry: '78', library: 'culture', tags: [['消费工程', 0.6]],
    name: (p) => `${p.county}${p.town}${p.village}乡村旅游示范村建设项目`,
    scale: () => `建设农家乐集群、民宿及乡村旅游服务设施，实施村容村貌提升。`,
  },
  {
    key: 'hotel', sector: 'services', weight: 3, min: 3000, max: 40000, approval: 'filing', depts: ['commerce', 'dept.culture'], owner: { kind: 'enterprise', of: ['tourism', 'commercial'] },
    industry: '61', urban: true, library: 'culture', tags: [['消费工程', 0.8]],
    name: (p) => `${p.owner}${p.rng.pick(['星级酒店', '文旅度假酒店', '温泉度假村', '民宿集群', '房车营地'])}建设项目`,
    scale: (p) => `建设客房${n(p.total / 50, 10)}间及餐饮、会议、康养等配套设施，总建筑面积${n(p.total / 2, 100)}平方米。`,
  },
  {
    key: 'commercial', sector: 'services', weight: 4, min: 3000, max: 50000, approval: 'filing', depts: ['commerce'], owner: { kind: 'enterprise', of: ['commercial'] },
    industry: '52', urban: true, tags: [['消费工程', 0.7], ['新型城镇化', 0.3]],
    name: (p) => `${p.owner}${p.rng.pick(['商业综合体', '商贸城', '汽车城', '建材家居市场', '步行街改造', '农贸市场'])}建设项目`,
    scale: (p) => `总建筑面积${n(p.total / 0.4, 100)}平方米，建设商业、餐饮、仓储及地下停车场等。`,
  },
  {
    key: 'logistics', sector: 'services', weight: 4, min: 1000, max: 30000, approval: 'filing', depts: ['commerce'], owner: { kind: 'enterprise', of: ['logistics'] },
    industry: '58', parks: ['park.logistics'], tags: [['一带一路', 0.4], ['互联网+', 0.2]],
    name: (p) => `${p.owner}${p.rng.pick(['物流配送中心', '农产品批发市场', '公铁联运物流园', '城乡共同配送中心', '快递物流分拨中心'])}建设项目`,
    scale: (p) => `建设仓储库房${n(p.total / 2, 100)}平方米、交易大厅及信息平台，配套停车场和道路。`,
  },
  {
    key: 'ecommerce', sector: 'services', weight: 2, min: 800, max: 12000, approval: 'filing', depts: ['commerce'], owner: { kind: 'enterprise', of: ['ecommerce'] },
    industry: '64', tags: [['互联网+', 0.9]],
    name: (p) => `${p.owner}${p.rng.pick(['直播电商基地', '跨境电商服务中心', '农村电商运营中心', '数字农业服务平台'])}建设项目`,
    scale: () => `建设电商孵化、直播、仓储分拣用房及线上运营平台。`,
  },
  // ------------------------------------------------------------------ 社会民生
  {
    key: 'school-town', sector: 'social', weight: 7, min: 500, max: 5000, approval: GOV, depts: ['dept.education'], owner: { kind: 'units', keys: ['dept.education'] },
    industry: '83', library: 'education', tags: [['新型城镇化', 0.1]], natures: ['new', 'expansion', 'renovation'],
    name: (p) => `${p.county}${p.town}${p.rng.pick(SCHOOL_KINDS)}${p.rng.pick(['扩容改造项目', '教学楼建设项目', '学生宿舍楼建设项目', '综合楼建设项目', '运动场建设项目'])}`,
    scale: (p) => `新建（改扩建）校舍${n(p.total / 0.35, 100)}平方米，配套运动场、围墙及附属设施。`,
  },
  {
    key: 'school-county', sector: 'social', weight: 3, min: 1500, max: 15000, approval: GOV, depts: ['dept.education'], owner: { kind: 'units', keys: ['dept.education'] },
    industry: '83', urban: true, library: 'education', tags: [['新型城镇化', 0.3]],
    name: (p) => `${p.county}${p.rng.pick(COUNTY_SCHOOLS)}${p.rng.pick(['扩容改造项目', '新校区建设项目', '教学综合楼建设项目', '学生公寓建设项目', '风雨操场建设项目'])}`,
    scale: (p) => `新建教学及辅助用房${n(p.total / 0.4, 100)}平方米，新增学位${n(p.total / 3, 10)}个。`,
  },
  {
    key: 'hospital', sector: 'social', weight: 2, min: 3000, max: 40000, approval: GOV, depts: ['dept.health'], owner: { kind: 'units', keys: ['owner.hospital', 'owner.tcm'] },
    industry: '84', urban: true, library: 'health', tags: [['消费工程', 0.2]],
    name: (p) => `${p.county}${p.rng.pick(['人民医院门诊综合楼', '人民医院住院部', '中医医院康复楼', '妇幼保健院', '疾病预防控制中心', '人民医院传染病区', '医疗急救指挥中心'])}建设项目`,
    scale: (p) => `新建业务用房${n(p.total / 0.45, 100)}平方米，新增床位${n(p.total / 60, 10)}张，购置医疗设备。`,
  },
  {
    key: 'clinic', sector: 'social', weight: 5, min: 500, max: 2000, approval: GOV, depts: ['dept.health'], owner: { kind: 'units', keys: ['dept.health'] },
    industry: '84', library: 'health',
    name: (p) => `${p.county}${p.town}卫生院${p.rng.pick(['业务用房建设项目', '卫生服务能力提升项目', '周转宿舍建设项目', '医养结合中心建设项目'])}`,
    scale: (p) => `新建业务用房${n(p.total / 0.3, 10)}平方米，配套购置医疗设备。`,
  },
  {
    key: 'elderly', sector: 'social', weight: 3, min: 500, max: 6000, approval: GOV, depts: ['dept.civil', 'dept.health'], owner: { kind: 'units', keys: ['dept.civil', 'dept.health'] },
    industry: '85', library: 'health', tags: [['消费工程', 0.5]],
    name: (p) => `${p.county}${p.town}${p.rng.pick(['养老服务中心', '农村互助幸福院', '敬老院改扩建', '社区日间照料中心'])}建设项目`,
    scale: (p) => `建设养老服务用房${n(p.total / 0.3, 10)}平方米，设置床位${n(p.total / 15, 10)}张。`,
  },
  {
    key: 'shantytown', sector: 'social', weight: 4, min: 2000, max: 40000, approval: GOV, depts: ['dept.housing'], owner: { kind: 'units', keys: ['owner.urban'] },
    industry: '47', urban: true, library: 'housing', tags: [['新型城镇化', 0.9], ['专项建设债券', 0.3]],
    name: (p) => `${p.county}${p.rng.pick(URBAN_AREAS)}${p.rng.pick(['棚户区改造项目', '老旧小区改造项目', '城市更新项目', '保障性租赁住房项目'])}`,
    scale: (p) => `改造住户${n(p.total / 8, 10)}户，建筑面积${n(p.total / 0.3, 100)}平方米，配套改造水、电、暖、气管网。`,
  },
  {
    key: 'energy-retrofit', sector: 'social', weight: 2, min: 800, max: 8000, approval: GOV, depts: ['dept.housing'], owner: { kind: 'units', keys: ['owner.urban', 'dept.housing'] },
    industry: '48', urban: true, library: 'housing', tags: [['新型城镇化', 0.5]], natures: ['renovation'],
    name: (p) => `${p.county}${p.rng.pick(URBAN_AREAS)}既有建筑节能改造项目`,
    scale: (p) => `对${n(p.total / 0.025, 1000)}平方米既有居住建筑实施外墙保温、门窗更换及供热计量改造。`,
  },
  {
    key: 'rural-housing', sector: 'social', weight: 3, min: 500, max: 3000, approval: GOV, depts: ['dept.housing', 'dept.rural'], owner: { kind: 'township' },
    industry: '47', library: 'housing',
    name: (p) => `${p.county}${p.town}农村危旧房改造项目`,
    scale: (p) => `改造农村危旧房${n(p.total / 6)}户，配套建设抗震设施。`,
  },
  {
    key: 'culture-station', sector: 'social', weight: 3, min: 500, max: 2500, approval: GOV, depts: ['dept.culture'], owner: { kind: 'units', keys: ['dept.culture'] },
    industry: '88', library: 'culture', tags: [['消费工程', 0.2]],
    name: (p) => `${p.county}${p.town}${p.rng.pick(['综合文化站', '文化惠民工程', '全民健身中心', '新时代文明实践所'])}建设项目`,
    scale: (p) => `新建文化活动用房${n(p.total / 0.35, 10)}平方米，配套室外健身广场。`,
  },
  {
    key: 'county-culture', sector: 'social', weight: 1, min: 2000, max: 20000, approval: GOV, depts: ['dept.culture'], owner: { kind: 'units', keys: ['owner.urban', 'dept.culture'] },
    industry: '88', urban: true, library: 'culture', tags: [['消费工程', 0.4]],
    name: (p) => `${p.county}${p.rng.pick(['文化艺术中心', '体育馆', '图书馆', '博物馆', '全民健身中心', '青少年活动中心'])}建设项目`,
    scale: (p) => `总建筑面积${n(p.total / 0.5, 100)}平方米，建设场馆主体及配套设施。`,
  },
  {
    key: 'environment', sector: 'social', weight: 4, min: 500, max: 5000, approval: GOV, depts: ['dept.ecology', 'dept.housing'], owner: { kind: 'township' },
    industry: '77', tags: [['新型城镇化', 0.3]],
    name: (p) => `${p.county}${p.town}${p.rng.pick(['农村环境连片整治项目', '农村生活污水治理项目', '农村人居环境整治项目', '垃圾收运体系建设项目'])}`,
    scale: (p) => `建设污水收集管网${n(p.total / 50)}公里、垃圾收集点${n(p.total / 20)}处，购置环卫设备。`,
  },
  {
    key: 'greening', sector: 'social', weight: 2, min: 800, max: 8000, approval: GOV, depts: ['dept.housing', 'dept.forestry'], owner: { kind: 'units', keys: ['owner.urban'] },
    industry: '78', urban: true, library: 'housing', tags: [['新型城镇化', 0.6]],
    name: (p) => `${p.county}${p.rng.pick(['城区园林绿化工程', '城市公园建设项目', '滨河生态廊道建设项目', '城区口袋公园建设项目'])}${p.rng.pick(['', '（一期）', '（二期）'])}`,
    scale: (p) => `新增绿地${n(p.total / 1.5, 100)}平方米，建设园路、景观小品及灌溉设施。`,
  },
  // ------------------------------------------------------------------ 基础设施
  {
    key: 'rural-road', sector: 'infrastructure', weight: 9, min: 500, max: 6000, approval: GOV, depts: ['dept.transport'], owner: { kind: 'units', keys: ['dept.transport'] },
    industry: '48', library: 'transport', tags: [['7+4工程包', 0.2]],
    name: (p) => `${p.county}${p.town}至${p.town2}${p.rng.pick(['农村公路', '县乡道路', '通村公路', '旅游公路'])}${p.rng.pick(['建设工程', '改建工程', '提升改造工程'])}`,
    scale: (p) => `新建（改建）${p.rng.pick(['三级', '四级', '二级'])}公路${fix1(p.total / 120)}公里，路基宽${p.rng.pick(['6.5', '7.5', '8.5', '10'])}米，配套桥涵及交通安全设施。`,
  },
  {
    key: 'bridge', sector: 'infrastructure', weight: 3, min: 500, max: 4000, approval: GOV, depts: ['dept.transport'], owner: { kind: 'units', keys: ['dept.transport'] },
    industry: '48', library: 'transport',
    name: (p) => `${p.county}${p.town}${p.rng.pick(['危桥改造工程', '公路生命防护工程', '农村公路安全提升工程'])}`,
    scale: (p) => `改造危桥${n(p.total / 300)}座，实施公路安全防护${n(p.total / 20)}公里。`,
  },
  {
    key: 'river', sector: 'infrastructure', weight: 5, min: 800, max: 12000, approval: GOV, depts: ['dept.water'], owner: { kind: 'units', keys: ['owner.water', 'dept.water'] },
    industry: '76', library: 'water', tags: [['7+4工程包', 0.4]],
    name: (p) => `${p.county}${p.rng.pick(RIVERS)}${p.town}段河道治理工程`,
    scale: (p) => `治理河道${fix1(p.total / 500)}公里，新建堤防${fix1(p.total / 700)}公里、护岸及穿堤建筑物。`,
  },
  {
    key: 'reservoir', sector: 'infrastructure', weight: 2, min: 2000, max: 30000, approval: GOV, depts: ['dept.water'], owner: { kind: 'units', keys: ['owner.water'] },
    industry: '76', library: 'water', tags: [['7+4工程包', 0.6]],
    name: (p) => `${p.county}${p.rng.pick(RESERVOIRS)}水库${p.rng.pick(['除险加固工程', '扩容改造工程', '建设工程', '灌区续建配套与节水改造工程'])}`,
    scale: (p) => `水库总库容${fix1(p.total / 1500)}百万立方米，实施坝体加固、溢洪道改造及灌区配套。`,
  },
  {
    key: 'water-supply', sector: 'infrastructure', weight: 4, min: 800, max: 15000, approval: GOV, depts: ['dept.water'], owner: { kind: 'units', keys: ['owner.water'] },
    industry: '46', library: 'water', tags: [['新型城镇化', 0.3], ['专项建设债券', 0.2]],
    name: (p) => `${p.county}${p.town}${p.rng.pick(['农村饮水安全巩固提升工程', '城乡供水一体化工程', '供水管网改造工程'])}`,
    scale: (p) => `新建（改造）供水管网${n(p.total / 30)}公里、蓄水池${n(p.total / 500)}座，受益人口${n(p.total * 3, 100)}人。`,
  },
  {
    key: 'urban-road', sector: 'infrastructure', weight: 4, min: 1000, max: 20000, approval: GOV, depts: ['dept.housing'], owner: { kind: 'units', keys: ['owner.urban'] },
    industry: '48', urban: true, library: 'housing', tags: [['新型城镇化', 0.8], ['专项建设债券', 0.2]], natures: ['new', 'renovation', 'expansion'],
    name: (p) => `${p.county}${p.rng.pick(ROADS)}${p.rng.pick(['道路改造工程', '道路及配套管网工程', '东延段建设工程', '西延段建设工程', '北延段建设工程', '提升改造工程'])}`,
    scale: (p) => `道路全长${fix1(p.total / 3000)}公里，红线宽${p.rng.pick(['24', '30', '36', '40'])}米，配套雨污水、照明、绿化工程。`,
  },
  {
    key: 'urban-bridge', sector: 'infrastructure', weight: 1, min: 2000, max: 15000, approval: GOV, depts: ['dept.housing', 'dept.transport'], owner: { kind: 'units', keys: ['owner.urban'] },
    industry: '48', urban: true, library: 'housing', tags: [['新型城镇化', 0.6]],
    name: (p) => `${p.county}${p.rng.pick(BRIDGES)}${p.rng.pick(['建设工程', '改造工程'])}`,
    scale: (p) => `桥梁全长${n(p.total / 30)}米，宽${p.rng.pick(['24', '30', '36'])}米，配套引道及照明。`,
  },
  {
    key: 'sewage', sector: 'infrastructure', weight: 3, min: 1000, max: 15000, approval: GOV, depts: ['dept.housing', 'dept.ecology'], owner: { kind: 'units', keys: ['owner.urban', 'owner.water'] },
    industry: '46', library: 'housing', tags: [['新型城镇化', 0.5], ['专项建设债券', 0.3]],
    name: (p) => `${p.county}${p.town}${p.rng.pick(['污水处理厂提标改造工程', '污水处理及再生水利用工程', '生活垃圾无害化处理工程', '雨污分流改造工程'])}`,
    scale: (p) => `新增处理规模${n(p.total / 2, 100)}立方米/日，铺设管网${n(p.total / 200)}公里。`,
  },
  {
    key: 'heating', sector: 'infrastructure', weight: 2, min: 2000, max: 25000, approval: GOV, depts: ['dept.housing'], owner: { kind: 'units', keys: ['owner.urban'] },
    industry: '44', urban: true, library: 'housing', tags: [['新型城镇化', 0.6], ['专项建设债券', 0.3]],
    name: (p) => `${p.county}${p.rng.pick(['新城区', '城北片区', '城南片区', '老城区'])}${p.rng.pick(['集中供热热源建设工程', '供热管网改造工程', '清洁能源供暖工程'])}${p.rng.pick(['', '（二期）', '（三期）'])}`,
    scale: (p) => `新增供热面积${n(p.total / 0.02, 1000)}平方米，建设热源厂及一级管网${fix1(p.total / 800)}公里。`,
  },
  {
    key: 'park-infra', sector: 'infrastructure', weight: 3, min: 1000, max: 20000, approval: GOV, depts: ['park.edz', 'park.pv', 'park.logistics', 'dept.industry'], owner: { kind: 'units', keys: ['owner.urban'] },
    industry: '48', parks: ['park.edz', 'park.pv', 'park.logistics', 'park.energy'], library: 'industry', tags: [['7+4工程包', 0.2], ['专项建设债券', 0.3]],
    name: (p) => `${p.base}${p.rng.pick(['光电产业园区', '经济技术开发区', '农产品物流加工园区', '新能源综合利用示范区'])}${p.rng.pick(['A', 'B', 'C', 'D', 'E'])}区${p.rng.pick(['道路及给排水工程', '供水供电基础设施工程', '绿化亮化工程', '综合管网工程'])}`,
    scale: (p) => `建设园区道路${fix1(p.total / 800)}公里，配套供水、电力、通信管线及绿化。`,
  },
  {
    key: 'power-grid', sector: 'infrastructure', weight: 2, min: 1500, max: 20000, approval: 'approval', depts: ['dept.industry'], owner: { kind: 'enterprise', of: ['wind', 'pv'] },
    industry: '44', parks: ['park.energy', 'park.pv'], library: 'industry', tags: [['7+4工程包', 0.6]],
    name: (p) => `${p.owner}${p.town}${p.rng.pick(['110千伏输变电工程', '330千伏汇集站工程', '智能微电网工程', '35千伏送出线路工程'])}`,
    scale: (p) => `新建变电站1座，主变容量${n(p.total / 20, 10)}兆伏安，架设线路${fix1(p.total / 300)}公里。`,
  },
];

/** A flagship project of the seed report; every county gets a version of some of them. */
export interface FlagshipSpec {
  key: string;
  template: string;
  name: (county: string, base: string, owner: string) => string;
  scale: string;
  total: number;
  stage: 'preliminary' | 'ready' | 'construction' | 'completed' | 'operating' | 'suspended' | 'reserve';
  /** Owner enterprise key in the county (owner.ent.01 is the demo owner account's). */
  owner?: string;
  tags?: string[];
  problem?: string;
}

export const FLAGSHIPS: readonly FlagshipSpec[] = [
  { key: 'pv500', template: 'pv-plant', name: (_c, _b, o) => `${o}500兆瓦光伏发电项目`, scale: '建设500兆瓦光伏电站，配套建设330千伏升压站、储能电站及送出线路。', total: 236_000, stage: 'construction', tags: ['一带一路', '7+4工程包'] },
  { key: 'wind-equip', template: 'equipment', owner: 'owner.ent.01', name: (_c, b) => `${b}400万千瓦风电装备制造产业园建设项目`, scale: '建设风电叶片、塔筒、机舱及轮毂生产线，形成年配套400万千瓦风电装备制造能力。', total: 152_000, stage: 'construction', tags: ['一带一路'] },
  { key: 'energy-zone', template: 'park-infra', name: (_c, b) => `${b}新能源综合利用示范区基础设施建设项目`, scale: '建设示范区道路、供排水、区域智能微电网及标准化厂房，打造可再生能源就近消纳试点区。', total: 118_000, stage: 'preliminary', tags: ['7+4工程包', '专项建设债券'], problem: '用地审批难' },
  { key: 'csp50', template: 'pv-plant', owner: 'owner.ent.02', name: (_c, _b, o) => `${o}50兆瓦槽式太阳能光热发电示范项目`, scale: '建设50兆瓦槽式太阳能光热电站，配置9小时熔盐储热系统。', total: 168_000, stage: 'ready', tags: ['一带一路', '7+4工程包'] },
  { key: 'cement', template: 'material', name: (_c, _b, o) => `${o}年产200万吨干法水泥及粉煤灰综合利用项目`, scale: '建设2×5000吨/日新型干法水泥熟料生产线，年消纳粉煤灰等工业固废80万吨。', total: 112_000, stage: 'construction' },
  { key: 'expressway', template: 'rural-road', name: (c) => `${c}高速公路连接线及附属设施工程`, scale: '新建一级公路连接线28公里，配套互通立交、服务区及附属设施。', total: 126_000, stage: 'construction', tags: ['7+4工程包', '专项建设债券'] },
  { key: 'smart-agri', template: 'agri-park', name: (c) => `${c}智慧农业博览中心建设项目`, scale: '建设智慧农业展示馆、智能温室及农业物联网数据中心，总建筑面积4.2万平方米。', total: 32_000, stage: 'operating', tags: ['互联网+'] },
  { key: 'sweetcorn', template: 'food', name: (_c, _b, o) => `${o}年产4万吨甜玉米生产项目`, scale: '建设甜玉米加工车间、速冻冷库及真空包装生产线，年加工甜玉米4万吨。', total: 12_600, stage: 'operating', tags: ['一带一路'] },
  { key: 'ecommerce-park', template: 'ecommerce', name: (c) => `${c}电子商务产业园建设项目`, scale: '建设电商孵化中心、仓储物流中心及直播基地，总建筑面积3.6万平方米。', total: 15_800, stage: 'completed', tags: ['互联网+', '消费工程'] },
  { key: 'silk-park', template: 'greening', name: (c) => `${c}丝路公园建设项目`, scale: '建设丝路文化主题公园580亩，含景观水系、文化广场、园路及配套设施。', total: 28_500, stage: 'construction', tags: ['一带一路', '新型城镇化'] },
  { key: 'hot-spring', template: 'hotel', name: (_c, b) => `${b}雨露温泉水世界建设项目`, scale: '建设室内温泉水世界、康养酒店及配套商业，总建筑面积6.8万平方米。', total: 35_000, stage: 'preliminary', tags: ['消费工程'], problem: '融资难' },
  { key: 'cell', template: 'pv-module', name: (_c, _b, o) => `${o}太阳能电池组件生产项目`, scale: '建设1吉瓦高效太阳能电池组件生产线及配套厂房。', total: 46_000, stage: 'preliminary', tags: ['一带一路'], problem: '环评批复待市局审查' },
  { key: 'desert', template: 'scenic', name: (c) => `${c}大漠风情园建设项目`, scale: '建设大漠风情体验区、驼队营地、沙漠越野赛道及游客服务中心。', total: 22_000, stage: 'reserve', tags: ['消费工程', '一带一路'] },
];

/** Blocking problems of preliminary procedures, as the seed report names them. */
export const BLOCKING_PROBLEMS = [
  '用地审批难，用地指标尚未落实',
  '融资难，项目资本金尚未足额到位',
  '环评批复待市局审查',
  '规划选址与国土空间规划衔接未完成',
  '林地占用手续待省林草局审批',
  '征地拆迁补偿尚未完成',
  '可研评审意见待修改完善',
  '配套资金未落实',
  '电网接入方案待批复',
  '水土保持方案待审查',
  '安评手续办理周期长',
];

/** Why a procedure is not needed, by checklist key. */
export const WAIVER_REASONS: Record<string, string> = {
  proposal: '已列入县级“十四五”规划，按规定直接审批可行性研究报告',
  preliminary_design: '可行性研究报告与初步设计合并审批',
  site_selection: '利用原有建设用地，不涉及新增选址',
  land_pre_review: '不新增建设用地，无需办理用地预审',
  eia: '按《建设项目环境影响评价分类管理名录》无需编制环评文件，已填报登记表',
  safety: '不属于高危行业，无需单独开展安全评价',
  energy: '年综合能源消费量不足1000吨标准煤，不单独进行节能审查',
  planning_permit: '不涉及新建建（构）筑物，无需办理建设工程规划许可',
  construction_permit: '属于农业、水利类工程，由行业主管部门实施质量安全监督，不办理施工许可',
};

/** Reasons of 暂缓 and 终止. */
export const SUSPEND_REASONS = ['企业融资困难，资金未落实，暂缓建设', '用地指标未落实，暂缓实施', '市场行情变化，企业调整投资计划', '环评手续未获批复，暂停施工', '冬季停工后未能按期复工，业主资金链紧张'];
export const TERMINATE_REASONS = ['项目选址与生态保护红线冲突，终止实施', '投资方撤资，招商协议解除', '建设内容已由其他项目实施，终止立项', '产业政策调整，项目不再符合准入条件'];

/** 入库 returned for these reasons. */
export const RETURN_REASONS = [
  '前期工作深度不够，可行性研究报告未编制，请补充后重新申报',
  '总投资测算依据不足，请补充投资估算明细',
  '建设内容与已入库项目重复，请核实后合并申报',
  '资金来源不明确，请落实项目资本金后再申报',
  '项目选址未征求自然资源部门意见，请补充',
];
