/** The public API of the health module: nothing other modules may import yet (lint: groundwork/module-boundaries). */
export {};
