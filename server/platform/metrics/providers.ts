import { libraryMetrics } from '../../modules/libraries/libraries.metrics';
import { monthlyReportMetrics } from '../../modules/monthly-reports/monthly-reports.metrics';
import { projectMetrics } from '../../modules/projects/projects.metrics';
import { targetMetrics } from '../../modules/targets/targets.metrics';
import { createMetricRegistry } from './define-metric';

/**
 * The one registry of computed figures that targets, the cockpit, the Word report and (later)
 * assessment read. Each module exports its providers from `<m>.metrics.ts`; this list gathers
 * them until the module manifests do.
 */
export const metrics = createMetricRegistry([...projectMetrics, ...libraryMetrics, ...monthlyReportMetrics, ...targetMetrics]);
