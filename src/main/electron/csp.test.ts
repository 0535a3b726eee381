import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, parseContentSecurityPolicy, withContentSecurityPolicy } from './csp';

describe('content security policy', () => {
  it('is the strict policy the desktop shell promises, directive by directive', () => {
    const policy = parseContentSecurityPolicy(contentSecurityPolicy());
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('never allows inline or eval scripts, or remote hosts anywhere', () => {
    const text = contentSecurityPolicy();
    expect(text).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
    expect(parseContentSecurityPolicy(text).get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('is a well-formed header value: "directive sources; directive sources"', () => {
    expect(contentSecurityPolicy()).toMatch(/^[a-z-]+( [^ ;]+)+(; [a-z-]+( [^ ;]+)+)*$/);
    expect(contentSecurityPolicy().startsWith("default-src 'self'; script-src 'self'; ")).toBe(true);
  });

  it('replaces a policy sent by the response in any header spelling and keeps other headers', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ['default-src *'],
      'CONTENT-SECURITY-POLICY': ["script-src 'unsafe-eval'"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [contentSecurityPolicy()],
    });
  });

  it('adds the policy when the response carried no headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({
      'Content-Security-Policy': [contentSecurityPolicy()],
    });
  });

  it('parses the first occurrence of a repeated directive, case-insensitively (as browsers do)', () => {
    const parsed = parseContentSecurityPolicy("Script-Src 'self'; script-src *;  ; img-src data:");
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('img-src')).toEqual(['data:']);
    expect(parsed.size).toBe(2);
  });
});
