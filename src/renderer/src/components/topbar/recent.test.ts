import { describe, expect, it } from 'vitest';
import { recentLabels } from './recent';

describe('Open recent labels (issue 12, item 8: duplicate names without paths)', () => {
  it('tells entries with the same name apart by their path, once per path', () => {
    const labels = recentLabels([
      { path: '/home/u/a/lab.vdc', name: 'lab' },
      { path: '/home/u/b/lab.vdc', name: 'lab' },
      { path: '/home/u/a/lab.vdc', name: 'lab' },
      { path: '/home/u/prod.vdc', name: 'prod' },
    ]);
    expect(labels.map((l) => l.path)).toEqual(['/home/u/a/lab.vdc', '/home/u/b/lab.vdc', '/home/u/prod.vdc']);
    expect(new Set(labels.map((l) => l.label)).size).toBe(3);
    expect(labels[0]!.label).toBe('lab — …/a/lab.vdc');
    expect(labels[1]!.label).toBe('lab — …/b/lab.vdc');
    expect(labels[2]!.label).toBe('prod');
  });
  it('same file name in different folders on Windows paths', () => {
    const labels = recentLabels([
      { path: 'C:\\w\\x\\s.vdc', name: 's' },
      { path: 'C:\\w\\y\\s.vdc', name: 's' },
    ]);
    expect(labels.map((l) => l.label)).toEqual(['s — …/x/s.vdc', 's — …/y/s.vdc']);
  });
});
