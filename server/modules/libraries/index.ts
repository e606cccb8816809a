/** The public API of the libraries module: what other modules may import (lint: groundwork/module-boundaries). */
export { ReserveRatio } from './libraries.schemas';
export { libraries, libraryMemberships } from './libraries.tables';
