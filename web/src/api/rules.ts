import type { z } from 'zod';
import type { RuleField, RuleSetList, RuleSetView, RuleValue, RuleVersionList, SaveRulesBody } from '../../../server/platform/rules/rules.schemas';
import { api } from './client';

/** The types of the rules API, derived from the server's zod schemas. */
export type RuleValueData = z.infer<typeof RuleValue>;
export type RuleFieldData = z.infer<typeof RuleField>;
export type RuleSetData = z.infer<typeof RuleSetView>;
export type RuleSetListData = z.infer<typeof RuleSetList>;
export type RuleVersionListData = z.infer<typeof RuleVersionList>;
export type SaveRulesData = z.input<typeof SaveRulesBody>;

/** 规则设置: the effective rules of a division, saving the caller's own, and the versions. */
export const rulesApi = {
  list: (divisionCode?: string, signal?: AbortSignal) => api<RuleSetListData>('/api/rules', { query: { divisionCode }, signal }),
  versions: (ruleSet: string, divisionCode?: string, signal?: AbortSignal) =>
    api<RuleVersionListData>(`/api/rules/${encodeURIComponent(ruleSet)}/versions`, { query: { divisionCode }, signal }),
  save: (ruleSet: string, body: SaveRulesData) => api<RuleSetData>(`/api/rules/${encodeURIComponent(ruleSet)}`, { method: 'PUT', body }),
};
