import { defineCatalog } from '../../platform/modules/define-module';

/** The leaders' cockpit reads with `summary.read`; only the division's map is written. */
export const cockpitCatalog = defineCatalog({
  permissions: {},
  auditActions: { 'map.saved': '上传地图' },
  entityLabels: { map: '地图' },
});
