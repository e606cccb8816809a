/** Types and small loaders of the project library API (SPEC §2). Money is a 万元 decimal string. */
import { useEffect, useState } from 'react';
import type { ApprovalType } from '../../../common/projects';
import type { UnitKind } from '../../../common/roles';
import { api } from './client';
import type { AuditEntry, Unit } from './types';
import { fetchAllPages } from './lists';

export interface ProjectListItem {
  id: string;
  divisionCode: string;
  code: string | null;
  reserveNo: string;
  name: string;
  ownerUnitId: string;
  ownerUnitName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  townshipId: string | null;
  townshipName: string | null;
  sector: string;
  stage: string;
  totalInvestment: string;
  bands: string[];
  plannedStart: string | null;
  plannedCompletion: string | null;
  leaderName: string | null;
  tags: string[];
  libraryNames: string[];
  version: number;
  updatedAt: string;
}

export interface FundingItem {
  source: string;
  amount: string;
  currency?: string;
  originalAmount?: string | null;
}

export interface YearPlan {
  year: number;
  planned: string;
}

export interface ProjectDetail extends ProjectListItem {
  codeKind: 'national' | 'legacy' | null;
  industryCode: string | null;
  approvalType: string;
  constructionNature: string;
  scaleContent: string | null;
  parkId: string | null;
  parkName: string | null;
  maturity: string;
  actualStart: string | null;
  actualCompletion: string | null;
  longitude: number | null;
  latitude: number | null;
  remarks: string | null;
  funding: FundingItem[];
  yearPlans: YearPlan[];
  libraries: Array<{ id: string; name: string; enteredAt: string }>;
  nextStages: Array<{ stage: string; label: string }>;
  can: { edit: boolean; transition: boolean; requestLibrary: boolean; uploadDocument: boolean; updateProcedures: boolean };
}

/** The body of POST /api/projects (PATCH takes any subset plus `version`). */
export interface ProjectInput {
  name: string;
  code?: string | null;
  ownerUnitId: string;
  departmentId?: string | null;
  townshipId?: string | null;
  parkId?: string | null;
  sector: string;
  industryCode?: string | null;
  approvalType: string;
  constructionNature: string;
  scaleContent?: string | null;
  totalInvestment: string;
  funding?: FundingItem[];
  plannedStart?: string | null;
  plannedCompletion?: string | null;
  maturity: string;
  tags?: string[];
  leaderName?: string | null;
  longitude?: number | null;
  latitude?: number | null;
  remarks?: string | null;
  yearPlans?: YearPlan[];
}

export interface TimelineEntry {
  id: string;
  fromStage: string | null;
  toStage: string;
  reason: string | null;
  actorName: string | null;
  at: string;
}

export interface Procedure {
  id: string;
  key: string;
  name: string;
  sortOrder: number;
  isRequiredForStart: boolean;
  status: string;
  approvingOffice: string | null;
  approvalNo: string | null;
  approvalDate: string | null;
  responsiblePerson: string | null;
  dueDate: string | null;
  blockingProblem: string | null;
  waiverReason: string | null;
  version: number;
}

export interface StuckProcedure {
  id: string;
  projectId: string;
  projectName: string;
  departmentName: string | null;
  key: string;
  name: string;
  status: string;
  dueDate: string | null;
  blockingProblem: string | null;
  responsiblePerson: string | null;
  isOverdue: boolean;
}

export interface StuckAnswer {
  summary: Array<{ key: string; name: string; pending: number; overdue: number }>;
  data: StuckProcedure[];
  total: number;
}

export interface ProjectDocument {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  uploadedByName: string | null;
  uploadedAt: string;
}

export interface Library {
  id: string;
  name: string;
  kind: string;
  ownerUnitId: string | null;
  ownerUnitName: string | null;
  entryCriteria: string | null;
  sortOrder: number;
  isActive: boolean;
  projectCount: number;
  version: number;
}

export interface ReserveRatio {
  reserveCount: number;
  implementedCount: number;
  ratio: string | null;
  target: number;
  isBelowTarget: boolean;
}

export interface LibrariesAnswer {
  data: Library[];
  reserveRatio?: ReserveRatio;
}

export interface LibraryRequest {
  id: string;
  projectId: string;
  projectName: string;
  libraryId: string;
  libraryName: string;
  kind: string;
  status: string;
  reason: string;
  changes: string | null;
  submittedByName: string | null;
  submittedAt: string;
  reviewedByName: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  canReview: boolean;
  version: number;
}

export interface ImportProblem {
  sheet: string;
  row: number;
  column?: string | null;
  field?: string | null;
  message: string;
}

export interface ImportRecord {
  sheet: string;
  row: number;
  action: 'create' | 'update';
  matchedProjectId: string | null;
  values: Record<string, unknown>;
}

export interface ImportPreview {
  fileName: string;
  records: ImportRecord[];
  problems: ImportProblem[];
  canCommit: boolean;
  summary: { create: number; update: number };
}

export interface ImportResult {
  created: number;
  updated: number;
}

export interface SavedFilter {
  id: string;
  name: string;
  query: string;
}

export type { AuditEntry };

/** Units of one kind for a select, as `{value, label}`; empty until loaded or when unavailable. */
export function useUnitOptions(kind: UnitKind | null, isEnabled = true) {
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  useEffect(() => {
    if (!isEnabled) return;
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
  }, [kind, isEnabled]);
  return options;
}

/** The configured libraries (and the reserve ratio), for selects and the settings page. */
export function useLibraries(isEnabled = true) {
  const [answer, setAnswer] = useState<LibrariesAnswer>({ data: [] });
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

/** One item of a 前期手续 checklist template. */
export interface ProcedureTemplateItem {
  key: string;
  name: string;
  office: string;
  isRequiredForStart: boolean;
}

/** The division's checklist template for one approval type (GET /api/procedure-templates). */
export interface ProcedureTemplate {
  approvalType: ApprovalType;
  label: string;
  items: ProcedureTemplateItem[];
  /** No own copy saved yet: the built-in default applies. */
  isDefault: boolean;
  version: number;
}

export interface ProcedureTemplatesAnswer {
  data: ProcedureTemplate[];
}
