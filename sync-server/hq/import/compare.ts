// "Would this write change anything?": documents compared without their timestamps and the
// replication flag, key order ignored, so re-importing the same file is a no-op.
const IGNORED = new Set(['updatedAt', 'createdAt', '_deleted']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const strip = (doc: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(doc).filter(([k]) => !IGNORED.has(k)));
  return JSON.stringify(canonical(strip(a))) === JSON.stringify(canonical(strip(b)));
}
