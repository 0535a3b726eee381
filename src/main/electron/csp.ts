/**
 * The Content-Security-Policy of the desktop console. Pure (no electron import) so it can be unit tested.
 * The same policy is delivered as a response header by the main process (security.ts) and as a <meta> tag
 * in src/renderer/index.html (owned by the front end): the header also covers the dev server and any
 * request Chromium routes through webRequest; the meta tag covers file:// pages.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [directive: string, sources: readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  // Naive UI injects <style> elements at runtime (css-render), so inline styles are needed; inline scripts are not.
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['font-src', ["'self'", 'data:']],
  ['connect-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  // Not in the minimum asked for, but the console posts no forms; matches the meta tag in index.html.
  ['form-action', ["'none'"]],
];

/** The policy as one header value: `directive source source; directive source; ...`. */
export function contentSecurityPolicy(): string {
  return CSP_DIRECTIVES.map(([directive, sources]) => `${directive} ${sources.join(' ')}`).join('; ');
}

/** Parses a policy string back into directive → sources (used by tests and to compare with the meta tag). */
export function parseContentSecurityPolicy(policy: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const [directive, ...sources] = tokens;
    if (directive && !result.has(directive.toLowerCase())) result.set(directive.toLowerCase(), sources);
  }
  return result;
}

/**
 * Returns response headers with our policy set, replacing any Content-Security-Policy the response carried
 * (header names are case-insensitive, so every spelling is removed first).
 */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [contentSecurityPolicy()];
  return out;
}
