/** The public API of the projects module: what other modules may import (lint: groundwork/module-boundaries). */
export { uploadDocument } from './documents.service';
export { columnLetter } from './ledger-parser';
export { projectFacts, projectPolicy, projectScope } from './projects.policy';
export { filterCondition } from './projects.repository';
export { bandMinimums, investmentThresholds } from './projects.rules';
export { Wan } from './projects.schemas';
export { loadProject, loadProjectFor, plainWan } from './projects.service';
export { projectYearPlans, projects } from './projects.tables';
export { normalizeSearch } from './search';
