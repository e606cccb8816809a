import { z } from '@hono/zod-openapi';

/** Any JSON value, spelled out (not `unknown`), so the OpenAPI document describes it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The schema of a JSON value: for snapshots whose shape is the record they were taken of (audit before/after). */
export const JsonValue: z.ZodType<JsonValue> = z
  .lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]))
  .openapi('JsonValue');
