import type { ApprovalType } from '../../../common/projects';

/** One item of a preliminary-procedure checklist template. */
export interface ProcedureTemplateItem {
  key: string;
  name: string;
  /** The office that usually approves it. */
  office: string;
  /** Must be 已批复 or waived (不需办理 with a reason) before 开工. */
  isRequiredForStart: boolean;
}

const item = (key: string, name: string, office: string, isRequiredForStart = true): ProcedureTemplateItem => ({ key, name, office, isRequiredForStart });

const SITE_AND_LAND = [
  item('site_selection', '规划选址', '自然资源局'),
  item('land_pre_review', '用地预审', '自然资源局'),
  item('eia', '环境影响评价', '生态环境局'),
  item('safety', '安全评价', '应急管理局', false),
  item('energy', '节能审查', '发展和改革局'),
  item('planning_permit', '建设工程规划许可', '自然资源局'),
  item('construction_permit', '施工许可', '住房和城乡建设局'),
];

/**
 * The default checklists, by approval type; a division may change its own copy
 * (`procedure_templates`). Government projects go through 审批, enterprise projects
 * through 核准 or 备案.
 */
export const DEFAULT_PROCEDURE_TEMPLATES: Record<ApprovalType, ProcedureTemplateItem[]> = {
  government: [
    item('proposal', '项目建议书', '发展和改革局'),
    item('feasibility', '可行性研究报告', '发展和改革局'),
    item('preliminary_design', '初步设计及概算', '发展和改革局'),
    ...SITE_AND_LAND,
  ],
  approval: [item('approval', '项目核准', '发展和改革局'), ...SITE_AND_LAND],
  filing: [item('filing', '项目备案', '发展和改革局'), ...SITE_AND_LAND.filter((i) => i.key !== 'land_pre_review' && i.key !== 'site_selection')],
};
