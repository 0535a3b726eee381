/**
 * Labels of the File › Open recent entries: one entry per path; a name that more than one entry
 * shares is followed by where its file is (the shortest tail of the path that tells them apart).
 */
export interface RecentEntry {
  path: string;
  name: string;
}

const parts = (p: string): string[] => p.split(/[\\/]+/).filter(Boolean);

export function recentLabels(recent: RecentEntry[]): { path: string; label: string }[] {
  const seen = new Set<string>();
  const unique = recent.filter((r) => (seen.has(r.path) ? false : (seen.add(r.path), true)));
  return unique.map((r) => {
    const twins = unique.filter((o) => o.name === r.name);
    if (twins.length === 1) return { path: r.path, label: r.name };
    const mine = parts(r.path);
    let n = 1;
    const tail = (p: string[], k: number): string => p.slice(-k).join('/');
    while (
      n < mine.length &&
      twins.some((o) => o.path !== r.path && tail(parts(o.path), n) === tail(mine, n))
    )
      n++;
    return { path: r.path, label: `${r.name} — ${n < mine.length ? '…/' : ''}${tail(mine, n)}` };
  });
}
