/** The public API of the monthly-reports module: what other modules may import (lint: groundwork/module-boundaries). */
export { REPORTING_STAGES, currentPeriod, cycleSettings } from './monthly-reports.service';
export { monthlyReports } from './monthly-reports.tables';
export { FIGURE_STATUS_LABELS, figureStatusOf, headlinePeriod, periodOf, periodSpec, periodsOfYear, type FigureStatus } from './periods';
export { getSettings, listFigures, saveFigures, saveSettings } from './settings.service';
export { LaggingProject, ReportingCounts, SummaryBreakdownRow, SummaryFigure } from './summary.schemas';
export { getSummary, growthPct } from './summary.service';
export { headlineOf, periodClosureOf, type Headline, type PeriodClosure } from './headline';
export { periodForYear, summaryForYear } from './monthly-reports.metrics';
