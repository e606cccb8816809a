/** The public API of the audit module: what other modules may import (lint: groundwork/module-boundaries). */
export { AuditEntry } from './audit.schemas';
export { projectHistory } from './audit.service';
