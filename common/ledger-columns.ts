/**
 * The columns of a project ledger (项目台账) as county offices keep them: the key the
 * importer produces, the header the template and the export write, the header variants
 * found in real ledgers, and the kind of value. One list for import, template and export.
 */
export type LedgerValueKind = 'text' | 'amount' | 'date' | 'integer' | 'decimal' | 'list';

export interface LedgerColumn {
  key: string;
  header: string;
  aliases: readonly string[];
  kind: LedgerValueKind;
  required?: boolean;
}

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'seq', header: '序号', aliases: ['编号', 'No', '序'], kind: 'integer' },
  { key: 'code', header: '项目代码', aliases: ['项目编码', '国家项目代码', '项目统一代码', '赋码', '在线平台代码'], kind: 'text' },
  { key: 'reserveNo', header: '储备编号', aliases: ['库内编号', '入库编号'], kind: 'text' },
  { key: 'name', header: '项目名称', aliases: ['项目', '名称', '建设项目名称'], kind: 'text', required: true },
  { key: 'ownerUnit', header: '建设单位', aliases: ['项目单位', '业主单位', '项目业主', '实施单位', '责任单位（业主）'], kind: 'text', required: true },
  { key: 'department', header: '行业主管部门', aliases: ['主管部门', '责任部门', '牵头部门', '行业部门'], kind: 'text' },
  { key: 'sector', header: '产业类别', aliases: ['类别', '项目类别', '领域', '行业类别', '产业分类'], kind: 'text' },
  { key: 'industry', header: '国民经济行业分类', aliases: ['行业分类', '国标行业', '行业代码'], kind: 'text' },
  { key: 'township', header: '建设地点', aliases: ['所在乡镇', '乡镇', '建设地址', '项目地点', '地点'], kind: 'text' },
  { key: 'park', header: '所属园区', aliases: ['园区'], kind: 'text' },
  { key: 'nature', header: '建设性质', aliases: ['性质'], kind: 'text' },
  { key: 'scale', header: '建设规模及内容', aliases: ['建设内容及规模', '建设内容', '主要建设内容', '建设规模', '规模及内容'], kind: 'text' },
  { key: 'totalInvestment', header: '总投资（万元）', aliases: ['总投资', '计划总投资', '估算总投资', '项目总投资', '投资总额'], kind: 'amount', required: true },
  { key: 'fundCentral', header: '中央资金', aliases: ['中央投资', '中央预算内投资'], kind: 'amount' },
  { key: 'fundProvincial', header: '省级资金', aliases: ['省级投资', '省资金'], kind: 'amount' },
  { key: 'fundCity', header: '市级资金', aliases: ['市级投资', '市资金'], kind: 'amount' },
  { key: 'fundCounty', header: '县级财政', aliases: ['县级资金', '县财政', '县级配套'], kind: 'amount' },
  { key: 'fundSpecialBond', header: '专项债券', aliases: ['专项债', '地方政府专项债券'], kind: 'amount' },
  { key: 'fundBankLoan', header: '银行贷款', aliases: ['贷款', '银行融资'], kind: 'amount' },
  { key: 'fundSelfRaised', header: '企业自筹', aliases: ['自筹资金', '自筹', '单位自筹'], kind: 'amount' },
  { key: 'fundAttracted', header: '招商引资', aliases: ['招商引资资金', '引资'], kind: 'amount' },
  { key: 'plannedStart', header: '计划开工时间', aliases: ['开工时间', '计划开工', '拟开工时间'], kind: 'date' },
  { key: 'plannedCompletion', header: '计划竣工时间', aliases: ['竣工时间', '计划竣工', '建成时间', '计划建成时间', '拟竣工时间'], kind: 'date' },
  { key: 'actualStart', header: '实际开工时间', aliases: ['实际开工'], kind: 'date' },
  { key: 'actualCompletion', header: '实际竣工时间', aliases: ['实际竣工', '实际建成时间'], kind: 'date' },
  { key: 'stage', header: '项目阶段', aliases: ['阶段', '进展阶段', '项目状态'], kind: 'text' },
  { key: 'maturity', header: '成熟度', aliases: ['项目成熟度'], kind: 'text' },
  { key: 'annualPlan', header: '年度计划投资（万元）', aliases: ['年度计划投资', '本年计划投资', '年度投资计划', '当年计划投资'], kind: 'amount' },
  { key: 'leader', header: '包抓领导', aliases: ['县级领导', '联系领导', '责任领导'], kind: 'text' },
  { key: 'tags', header: '政策标签', aliases: ['标签', '政策类别'], kind: 'list' },
  { key: 'longitude', header: '经度', aliases: [], kind: 'decimal' },
  { key: 'latitude', header: '纬度', aliases: [], kind: 'decimal' },
  { key: 'remarks', header: '备注', aliases: ['说明'], kind: 'text' },
];
