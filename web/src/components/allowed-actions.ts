/** The buttons a record shows: the actions the server says it will accept on that record. */

/**
 * The actions allowed on a record: the first `allowedActions` list the server sent among
 * `records` (e.g. a grid row, then its report), else what `fallback` computes from the role
 * (until every API sends the list).
 */
export function allowedActionsOf<A extends string>(records: ReadonlyArray<object | null | undefined>, fallback: () => readonly A[]): ReadonlySet<string> {
  for (const record of records) {
    const sent: unknown = record && 'allowedActions' in record ? record.allowedActions : undefined;
    if (Array.isArray(sent)) return new Set(sent.filter((action): action is string => typeof action === 'string'));
  }
  return new Set<string>(fallback());
}
