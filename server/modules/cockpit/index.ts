/** The public API of the cockpit module: nothing other modules may import yet (lint: groundwork/module-boundaries). */
export {};
