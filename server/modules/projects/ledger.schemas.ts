import { z } from '@hono/zod-openapi';

/** One problem of a ledger workbook, by sheet, row and (when known) column and field. */
export const LedgerProblem = z
  .object({ sheet: z.string(), row: z.number(), column: z.string().optional(), field: z.string().optional(), message: z.string() })
  .openapi('LedgerProblem');

/** One row of the ledger read for import: the ledger column values by field key, as text. */
export const LedgerImportRecord = z
  .object({
    sheet: z.string(),
    row: z.number(),
    action: z.enum(['create', 'update']),
    matchedProjectId: z.string().nullable(),
    values: z.record(z.string(), z.string().nullable()),
  })
  .openapi('LedgerImportRecord');

/** The answer of POST /api/projects/import (preview). */
export const ImportPreview = z
  .object({
    fileName: z.string(),
    records: z.array(LedgerImportRecord),
    problems: z.array(LedgerProblem),
    canCommit: z.boolean(),
    summary: z.object({ create: z.number(), update: z.number(), newOwners: z.number() }),
  })
  .openapi('ImportPreview');

/** The answer of POST /api/projects/import?commit=true. */
export const ImportResult = z.object({ created: z.number(), updated: z.number(), newOwners: z.number() }).openapi('ImportResult');
