/** The public API of the org module: what other modules may import (lint: groundwork/module-boundaries). */
export { likePattern } from './org.repository';
export { requireCountyActor } from './org.service';
export { divisions, orgUnits, users } from './org.tables';
export { unitShortName } from './unit-names';
