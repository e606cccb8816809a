/** The public API of the targets module (lint: groundwork/module-boundaries). */
export { TARGET_DEFINITIONS } from './target-keys';
