import { defineCatalog } from '../../platform/modules/define-module';

/** The project record, its stage, 前期手续, attachments, the ledger and saved filters. */
export const projectsCatalog = defineCatalog({
  permissions: {
    'project.read': { label: '查看项目', roles: ['leader', 'drc', 'department', 'commerce', 'township', 'owner', 'inspector'] },
    'project.create': { label: '新建项目', roles: ['drc', 'department', 'commerce', 'township'] },
    'project.update': { label: '修改项目', roles: ['drc', 'department', 'commerce', 'township', 'owner'] },
    'project.transition': { label: '变更项目阶段', roles: ['drc', 'department'] },
    'project.import': { label: '导入项目台账', roles: ['drc', 'department'] },
    'procedure.update': { label: '更新前期手续', roles: ['drc', 'department', 'township', 'owner'] },
    'document.upload': { label: '上传附件', roles: ['drc', 'department', 'commerce', 'township', 'owner'] },
  },
  auditActions: {
    'project.created': '新建项目',
    'project.updated': '修改项目',
    'project.stage_changed': '阶段变更',
    'project.imported': '导入台账',
    'procedure.updated': '更新前期手续',
    'procedure_template.saved': '修改前期手续模板',
    'document.uploaded': '上传附件',
    'filter.saved': '保存筛选',
    'filter.deleted': '删除筛选',
  },
  entityLabels: { project: '项目', procedure: '前期手续', procedure_template: '前期手续模板', document: '附件', saved_filter: '筛选条件' },
});
