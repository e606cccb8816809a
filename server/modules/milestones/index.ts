/** The public API of the milestones module: what other modules may import (lint: groundwork/module-boundaries). */
export { addDays, beijingToday, daysBetween } from './milestone-status';
export { milestones } from './milestones.tables';
