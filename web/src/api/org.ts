/**
 * Calls of the 区划管理 page (counties under a province or city, 新增县区). The types are
 * derived from the server's zod schemas (type-only imports: no server code reaches the bundle).
 */
import type { z } from 'zod';
import type { County as CountySchema, CreateCountyBody, CreatedCounty as CreatedCountySchema } from '../../../server/modules/org/org.schemas';
import { api } from './client';
import type { Page } from './client';

export type County = z.output<typeof CountySchema>;
export type CreateCountyInput = z.input<typeof CreateCountyBody>;
export type CreatedCounty = z.output<typeof CreatedCountySchema>;

/** Counties within the caller's region, and 新增县区. */
export const countiesApi = {
  list: (query: Record<string, string | number | boolean | undefined>) => api<Page<County>>('/api/counties', { query }),
  create: (body: CreateCountyInput) => api<CreatedCounty>('/api/counties', { method: 'POST', body }),
};
