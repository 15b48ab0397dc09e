/**
 * Returns `path` when it is a path on this site, or null. Only relative paths that start with a
 * single slash are accepted, so "//evil.example" or "/\\evil.example" (which browsers treat as
 * another host) and absolute URLs can never become a redirect target.
 */
export function safeReturnPath(path: string | undefined | null): string | null {
  if (!path || path.length > 512) return null;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
  // Control characters and backslashes have no place in a path the portal itself makes.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(path)) return null;
  return path;
}
