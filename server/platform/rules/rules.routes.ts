import { requireActor } from '../http/middleware';
import { createRouter, defineRoute, errorResponses, jsonBody as body, jsonResponse as json } from '../http/openapi';
import { RuleDivisionQuery, RuleSetList, ruleSetParam, RuleSetView, RuleVersionList, SaveRulesBody } from './rules.schemas';
import { getRuleSet, listRuleSets, listRuleVersions, saveRules } from './rules.service';

function defineRuleRoutes() {
  const RuleSetParam = ruleSetParam();
  return {
  list: defineRoute({
    method: 'get',
    path: '/api/rules',
    tags: ['规则设置'],
    summary: '规则设置（本级生效值及来源：本级、市、省或默认）',
    permission: 'rules.read',
    request: { query: RuleDivisionQuery },
    responses: { 200: json(RuleSetList, '规则集'), ...errorResponses },
  }),
  get: defineRoute({
    method: 'get',
    path: '/api/rules/{ruleSet}',
    tags: ['规则设置'],
    summary: '一个规则集的生效值及来源',
    permission: 'rules.read',
    request: { params: RuleSetParam, query: RuleDivisionQuery },
    responses: { 200: json(RuleSetView, '规则集'), ...errorResponses },
  }),
  versions: defineRoute({
    method: 'get',
    path: '/api/rules/{ruleSet}/versions',
    tags: ['规则设置'],
    summary: '规则集的历史版本（本级）',
    permission: 'rules.read',
    request: { params: RuleSetParam, query: RuleDivisionQuery },
    responses: { 200: json(RuleVersionList, '历史版本'), ...errorResponses },
  }),
  save: defineRoute({
    method: 'put',
    path: '/api/rules/{ruleSet}',
    tags: ['规则设置'],
    summary: '保存本级规则（追加新版本；未设定的项沿用上级或默认值）',
    permission: 'rules.manage',
    request: { params: RuleSetParam, ...body(SaveRulesBody) },
    responses: { 200: json(RuleSetView, '已保存'), ...errorResponses },
  }),
  };
}

/** Rules as data: read the effective rules of a division, save a new version, list versions. */
export function ruleRoutes() {
  const routes = defineRuleRoutes();
  return createRouter()
    .openapi(routes.list, async (c) => c.json(await listRuleSets(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.get, async (c) => c.json(await getRuleSet(c.get('deps').database, requireActor(c), c.req.valid('param').ruleSet, c.req.valid('query')), 200))
    .openapi(routes.versions, async (c) => c.json(await listRuleVersions(c.get('deps').database, requireActor(c), c.req.valid('param').ruleSet, c.req.valid('query')), 200))
    .openapi(routes.save, async (c) => c.json(await saveRules(c.get('deps').database, requireActor(c), c.req.valid('param').ruleSet, c.req.valid('json')), 200));
}
