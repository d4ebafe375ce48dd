/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members left
 * out (as JSON.stringify does). Two equal values always give the same text, so
 * a signature over it survives a round trip through IndexedDB or a zip file.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value ?? null);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The canonical JSON of an object without one of its members (the signature it carries). */
export function canonicalWithout(value: object, member: string): string {
  const { [member]: _omitted, ...rest } = value as Record<string, unknown>;
  return canonicalJson(rest);
}
