/** Text search over Chinese names: lower-cased text and its character bigrams. */

/** The text a project is searched by. */
export function searchTextOf(parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => normalizeSearch(p))
    .join(' ');
}

/** Lower-case, full-width to half-width, whitespace removed. */
export function normalizeSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '');
}

/** Distinct two-character substrings (code points, so CJK characters count as one). */
export function bigrams(text: string): string[] {
  const chars = Array.from(text);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i] + chars[i + 1];
    if (!gram.includes(' ')) grams.add(gram);
  }
  return [...grams];
}
