import { describe, expect, it } from 'vitest';
import { downloadUrlFor, wsUrlFor } from './transport-ws';

describe('browser transport URLs', () => {
  it("fetches a prepared download from the page's own server with the page's token", () => {
    expect(downloadUrlFor({ search: '?token=a+b/c' }, '/download/dl-0123')).toBe(
      '/download/dl-0123?token=a%20b%2Fc',
    );
    expect(downloadUrlFor({ search: '' }, '/download/dl-1')).toBe('/download/dl-1?token=');
    expect(wsUrlFor({ protocol: 'http:', host: '127.0.0.1:5170', search: '?token=xyz' })).toBe(
      'ws://127.0.0.1:5170/ws?token=xyz',
    );
  });
});
