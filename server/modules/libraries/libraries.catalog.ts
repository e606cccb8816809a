import { defineCatalog } from '../../platform/modules/define-module';

/** The "4+X" libraries and their 入库/调整/出库 requests. */
export const librariesCatalog = defineCatalog({
  permissions: {
    'library.manage': { label: '管理项目库', roles: ['drc'] },
    'library.request': { label: '提交入库申请', roles: ['drc', 'department', 'commerce', 'township'] },
    'library.review': { label: '审核入库申请', roles: ['drc', 'department'] },
  },
  auditActions: {
    'library.created': '新建项目库',
    'library.updated': '修改项目库',
    'library_request.submitted': '提交入库申请',
    'library_request.approved': '审核通过',
    'library_request.returned': '审核退回',
  },
  entityLabels: { library: '项目库', library_request: '入库申请' },
});
