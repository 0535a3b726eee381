/**
 * `npm run bench [-- name ...]`: runs every bench/*.bench.ts (or the named ones) and prints a table.
 * Each bench module exports `run(): Promise<BenchResult[]>`. Figures go to docs/benchmarks.md by hand,
 * with the date and the machine; `--json FILE` also writes them to a file.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jsonIdx = args.indexOf('--json');
  const jsonOut = jsonIdx >= 0 ? args[jsonIdx + 1] : undefined;
  const names = args.filter((a, i) => !a.startsWith('--') && (jsonIdx < 0 || i !== jsonIdx + 1));
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => names.length === 0 || names.some((n) => f.startsWith(n)))
    .sort();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`VDC Studio benchmarks — ${new Date().toISOString()} — ${machine}`);
  const all: (BenchResult & { bench: string })[] = [];
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { run?: () => Promise<BenchResult[]> };
    if (typeof mod.run !== 'function') continue;
    console.log(`\n## ${file}`);
    const results = await mod.run();
    for (const r of results) {
      all.push({ ...r, bench: file });
      const value = Number.isInteger(r.value)
        ? r.value.toLocaleString('en-US')
        : r.value.toFixed(r.value < 10 ? 3 : 1);
      console.log(
        `  ${r.name.padEnd(58)} ${value.padStart(14)} ${r.unit.padEnd(10)} ${r.goal ? `goal ${r.goal}` : ''}${r.note ? `  (${r.note})` : ''}`,
      );
    }
  }
  if (jsonOut)
    writeFileSync(
      jsonOut,
      JSON.stringify({ date: new Date().toISOString(), machine, results: all }, null, 2),
    );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
