/**
 * Types and small loaders of the project library API (SPEC §2). Money is a 万元 decimal string.
 * The types are derived from the server's zod schemas (type-only imports: no server code reaches the bundle).
 */
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { UnitKind } from '../../../common/roles';
import type { Attachment } from '../../../server/platform/attachments/attachments.schemas';
import type {
  Library as LibrarySchema,
  LibraryList,
  LibraryRequest as LibraryRequestSchema,
  ReserveRatio as ReserveRatioSchema,
} from '../../../server/modules/libraries/libraries.schemas';
import type {
  ImportPreview as ImportPreviewSchema,
  ImportResult as ImportResultSchema,
  LedgerImportRecord,
  LedgerProblem,
} from '../../../server/modules/projects/ledger.schemas';
import type {
  Procedure as ProcedureSchema,
  ProcedureTemplate as ProcedureTemplateSchema,
  ProcedureTemplateItem as ProcedureTemplateItemSchema,
  ProcedureTemplates,
  SavedFilter as SavedFilterSchema,
  StuckAnswer as StuckAnswerSchema,
  StuckProcedure as StuckProcedureSchema,
} from '../../../server/modules/projects/procedures.schemas';
import type {
  CreateProjectBody,
  FundingItem as FundingItemSchema,
  ProjectDetail as ProjectDetailSchema,
  ProjectListItem as ProjectListItemSchema,
  TimelineEntry as TimelineEntrySchema,
  YearPlan as YearPlanSchema,
} from '../../../server/modules/projects/projects.schemas';
import { useSession } from '../auth/session';
import { api } from './client';
import type { AuditEntry, Unit } from './types';
import { fetchAllPages } from './lists';

export type ProjectListItem = z.output<typeof ProjectListItemSchema>;
/** A funding line as a form edits it (the currency defaults to CNY). */
export type FundingItem = z.input<typeof FundingItemSchema>;
export type YearPlan = z.output<typeof YearPlanSchema>;
export type ProjectDetail = z.output<typeof ProjectDetailSchema>;
/** The body of POST /api/projects (PATCH takes any subset plus `version`). */
export type ProjectInput = z.input<typeof CreateProjectBody>;
export type TimelineEntry = z.output<typeof TimelineEntrySchema>;
export type Procedure = z.output<typeof ProcedureSchema>;
export type StuckProcedure = z.output<typeof StuckProcedureSchema>;
export type StuckAnswer = z.output<typeof StuckAnswerSchema>;
export type ProjectDocument = z.output<typeof Attachment>;
export type Library = z.output<typeof LibrarySchema>;
export type ReserveRatio = z.output<typeof ReserveRatioSchema>;
export type LibrariesAnswer = z.output<typeof LibraryList>;
export type LibraryRequest = z.output<typeof LibraryRequestSchema>;
export type ImportProblem = z.output<typeof LedgerProblem>;
export type ImportRecord = z.output<typeof LedgerImportRecord>;
export type ImportPreview = z.output<typeof ImportPreviewSchema>;
export type ImportResult = z.output<typeof ImportResultSchema>;
export type SavedFilter = z.output<typeof SavedFilterSchema>;
/** One item of a 前期手续 checklist template. */
export type ProcedureTemplateItem = z.output<typeof ProcedureTemplateItemSchema>;
/** The division's checklist template for one approval type (GET /api/procedure-templates). */
export type ProcedureTemplate = z.output<typeof ProcedureTemplateSchema>;
export type ProcedureTemplatesAnswer = z.output<typeof ProcedureTemplates>;

export type { AuditEntry };

/**
 * Units of one kind for a select, as `{value, label}`; empty until loaded, and never asked for
 * when the caller lacks `org.read` (a 项目单位 user) — check that permission to hide the select.
 */
export function useUnitOptions(kind: UnitKind | null, isEnabled = true) {
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  const { can } = useSession();
  const mayLoad = isEnabled && can('org.read');
  useEffect(() => {
    if (!mayLoad) return;
    let isCurrent = true;
    fetchAllPages<Unit>('/api/units', kind ? { kind } : {})
      .then((units) => {
        if (isCurrent) setOptions(units.filter((u) => u.isActive).map((u) => ({ value: u.id, label: u.name })));
      })
      .catch(() => {
        // A lookup list is a convenience; the page's own request reports errors.
      });
    return () => {
      isCurrent = false;
    };
  }, [kind, mayLoad]);
  return options;
}

/** The configured libraries (and the reserve ratio), for selects and the settings page. */
export function useLibraries(isEnabled = true) {
  // Until loaded: no libraries and no reserve ratio.
  const [answer, setAnswer] = useState<Omit<LibrariesAnswer, 'reserveRatio'> & Partial<Pick<LibrariesAnswer, 'reserveRatio'>>>({ data: [] });
  useEffect(() => {
    if (!isEnabled) return;
    let isCurrent = true;
    api<LibrariesAnswer>('/api/libraries')
      .then((next) => {
        if (isCurrent) setAnswer(next);
      })
      .catch(() => {
        // Lookup only.
      });
    return () => {
      isCurrent = false;
    };
  }, [isEnabled]);
  return answer;
}
