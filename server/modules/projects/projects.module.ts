import { projectMetrics } from './projects.metrics';
import { projectRuleSets } from './projects.rules';
import { projectAttachments } from './documents.service';
import { defineModule } from '../../platform/modules/define-module';
import { ledgerRoutes } from './ledger.routes';
import * as procedureTables from './procedures.tables';
import { procedureRoutes } from './procedures.routes';
import { projectsCatalog } from './projects.catalog';
import { projectRoutes } from './projects.routes';
import * as projectTables from './projects.tables';

/** The project record, its stage, 前期手续, attachments, the ledger import/export and saved filters. */
export const projectsModule = defineModule({
  name: 'projects',
  label: '项目库',
  catalog: projectsCatalog,
  tables: { ...projectTables, ...procedureTables },
  referenceTables: ['project_codes'],
  attachmentKinds: [projectAttachments],
  ruleSets: projectRuleSets,
  metrics: projectMetrics,
  // The ledger's fixed paths (/api/projects/import, template.xlsx) go before /api/projects/{id}.
  routes: () => [ledgerRoutes(), projectRoutes(), procedureRoutes()],
  recordKinds: [
    { kind: 'project', scope: 'project', segment: 'projects', pathParams: ['projectId'], bodyFields: ['projectId'], filterFields: ['projectId'] },
    { kind: 'procedure', scope: 'project', segment: 'procedures' },
    { kind: 'document', scope: 'project', segment: 'documents' },
    { kind: 'savedFilter', scope: 'personal', segment: 'saved-filters' },
  ],
});
