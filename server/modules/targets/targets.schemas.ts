import { z } from '@hono/zod-openapi';
import { TARGET_KEYS, TARGET_UNITS } from './target-keys';

/** A target figure as a decimal string: a count, 万元 or a percentage (checked per unit by the service). */
const Amount = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,4})?$/, '应为不小于 0 的数字（最多四位小数）')
  .openapi({ example: '600' });

const divisionCode = z
  .string()
  .regex(/^\d{6}$/, '行政区划代码应为 6 位数字')
  .optional();

export const YearParam = z.object({ year: z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效') });
export const IdParam = z.object({ id: z.string().uuid('编号格式不正确') });

export const TargetsQuery = z.object({
  year: z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效').optional(),
  divisionCode,
});
export type TargetsFilters = z.infer<typeof TargetsQuery>;

export const SaveTargetsBody = z
  .object({
    divisionCode,
    targets: z
      .array(
        z
          .object({
            key: z.enum(TARGET_KEYS),
            value: Amount,
            /** The version read; required when the target already exists. */
            version: z.number().int().positive().optional(),
          })
          .strict(),
      )
      .min(1, '至少填写一项目标')
      .max(TARGET_KEYS.length),
  })
  .strict()
  .openapi('SaveTargetsBody');
export type SaveTargetsInput = z.infer<typeof SaveTargetsBody>;

export const SaveAllocationsBody = z
  .object({
    version: z.number().int().positive(),
    allocations: z.array(z.object({ unitId: z.string().uuid('单位无效'), value: Amount }).strict()).max(500),
  })
  .strict()
  .openapi('SaveAllocationsBody');
export type SaveAllocationsInput = z.infer<typeof SaveAllocationsBody>;

export const Allocation = z
  .object({
    unitId: z.string(),
    unitName: z.string().nullable(),
    unitKind: z.string().nullable(),
    value: z.string(),
    /** Computed from the unit's projects (responsible department or township); null when pending. */
    progress: z.string().nullable(),
    progressPct: z.string().nullable(),
  })
  .openapi('TargetAllocation');

export const Target = z
  .object({
    id: z.string().nullable(),
    year: z.number(),
    key: z.enum(TARGET_KEYS),
    label: z.string(),
    unit: z.enum(TARGET_UNITS),
    unitLabel: z.string(),
    /** Null until the 发改局 sets it; `defaultValue` is the county report's figure. */
    value: z.string().nullable(),
    defaultValue: z.string(),
    version: z.number().nullable(),
    source: z.enum(['computed', 'pending']),
    basis: z.string(),
    progress: z.string().nullable(),
    progressPct: z.string().nullable(),
    /** Progress is the summary's figure of `TargetList.figuresOf` (shown with its period and 初步/正式 label); otherwise counted today. */
    ofPeriod: z.boolean(),
    allocations: z.array(Allocation),
    allocatedTotal: z.string().nullable(),
    updatedByName: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('Target');

/** The period the year's period figures (增速) are stated for: the summary's headline period and its status. */
export const TargetFiguresOf = z
  .object({
    period: z.string(),
    periodLabel: z.string(),
    cumulativeLabel: z.string(),
    figureStatus: z.enum(['final', 'preliminary']),
    figureNote: z.string().openapi({ example: '初步 · 报送期未关闭，已报 61%' }),
  })
  .openapi('TargetFiguresOf');

export const TargetList = z
  .object({ year: z.number(), divisionCode: z.string(), figuresOf: TargetFiguresOf.nullable(), data: z.array(Target), canManage: z.boolean() })
  .openapi('TargetList');
