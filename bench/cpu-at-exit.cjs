// Preloaded (node -r) by bench/cli.bench.ts: writes the process's own CPU time at exit to $VDC_BENCH_CPU_FILE.
'use strict';
process.on('exit', () => {
  const u = process.cpuUsage();
  require('node:fs').writeFileSync(process.env.VDC_BENCH_CPU_FILE, String((u.user + u.system) / 1e6));
});
