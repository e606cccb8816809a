/**
 * The name a unit goes by inside its division: the full name without spaces and without the
 * division's name in front (「河西县农业农村局」 → 「农业农村局」) or, failing that, without a
 * leading 「县」 (「县农业农村局」 → 「农业农村局」; 「区」 too in a district). Clerks write a
 * county's offices either way, so two units of one division with the same short name are one
 * office to them: the unit service refuses the second, and the ledger import matches on the
 * short name only when exactly one unit has it.
 */
export function unitShortName(name: string, divisionName: string): string {
  const text = name.replace(/\s+/g, '');
  const division = divisionName.replace(/\s+/g, '');
  if (division && text.length > division.length && text.startsWith(division)) return text.slice(division.length);
  const levels = division.endsWith('区') ? ['县', '区'] : ['县'];
  const level = levels.find((word) => text.length > 1 && text.startsWith(word));
  return level ? text.slice(level.length) : text;
}

/** The unit of a list whose short name equals `name`'s, other than `exceptId`; null when none. */
export function unitWithSameShortName<U extends { id: string; name: string }>(units: readonly U[], name: string, divisionName: string, exceptId?: string): U | null {
  const short = unitShortName(name, divisionName);
  return units.find((u) => u.id !== exceptId && unitShortName(u.name, divisionName) === short) ?? null;
}
