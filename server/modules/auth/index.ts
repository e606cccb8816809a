/** The public API of the auth module: nothing other modules may import yet (lint: groundwork/module-boundaries). */
export {};
