import { defineCatalog } from '../../platform/modules/define-module';

/** The in-app inbox: every logged-in user reads their own messages. */
export const inboxCatalog = defineCatalog({
  permissions: {},
  auditActions: {},
  entityLabels: {},
});
