// Origin checks for navigation, IPC senders and external links. Origins are compared exactly
// (scheme + host + port); a prefix test would let https://shop.example.evil pass for https://shop.example.

/** "scheme://host[:port]" in lower case, or null when the text is not an absolute URL. */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // WHATWG gives custom schemes (app://) an opaque "null" origin, so build it from the parts.
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** Normalises configured origins ("https://Shop.Example/" → "https://shop.example"); refuses paths and credentials. */
export function normaliseOrigin(origin: string): string {
  const parsed = new URL(origin);
  if (
    parsed.username ||
    parsed.password ||
    (parsed.pathname !== '/' && parsed.pathname !== '') ||
    parsed.search ||
    parsed.hash
  ) {
    throw new Error(`"${origin}" is not a bare origin: write it as scheme://host[:port] with nothing after it.`);
  }
  const normalised = originOf(origin);
  if (!normalised) throw new Error(`"${origin}" is not an absolute URL.`);
  return normalised;
}

export function isTrustedUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  if (origin === null) return false;
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return false;
  return trustedOrigins.includes(origin);
}
