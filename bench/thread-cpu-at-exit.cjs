// Preload (node -r bench/thread-cpu-at-exit.cjs): at exit, prints to stderr (or writes to
// $VDC_BENCH_CPU_FILE) the CPU seconds of the process and of each of its threads (Linux /proc), so a
// recording run's tick thread (the main thread: tid = pid) is told apart from the store's writer
// thread and V8's helper threads. A sampler thread reads /proc every 100 ms (the main thread is busy
// running ticks, and a thread that ended before exit is gone from /proc); thread times are in clock
// ticks (10 ms), fine over a run of seconds. Threads are named by /proc (Node's are all "node"): the
// writer thread is the one the run without it lacks.
'use strict';
const fs = require('node:fs');
const { isMainThread, Worker } = require('node:worker_threads');

if (isMainThread) {
  const file = `${require('node:os').tmpdir()}/vdc-bench-threads-${process.pid}.json`;
  const sampler = new Worker(
    `const fs = require('node:fs');
     const { workerData } = require('node:worker_threads');
     const self = fs.readlinkSync('/proc/thread-self').split('/').pop();
     const seen = {};
     const sample = () => {
       for (const tid of fs.readdirSync('/proc/' + workerData.pid + '/task')) {
         if (tid === self) continue;
         try {
           const stat = fs.readFileSync('/proc/' + workerData.pid + '/task/' + tid + '/stat', 'utf8');
           const close = stat.lastIndexOf(')');
           const f = stat.slice(close + 2).split(' ');
           const cpu = (Number(f[11]) + Number(f[12])) / 100;
           if (!seen[tid] || cpu > seen[tid].cpu) seen[tid] = { name: stat.slice(stat.indexOf('(') + 1, close), cpu };
         } catch {}
       }
       fs.writeFileSync(workerData.file, JSON.stringify(seen));
     };
     setInterval(sample, 100);`,
    { eval: true, workerData: { pid: process.pid, file }, execArgv: [] },
  );
  sampler.unref();

  process.on('exit', () => {
    const u = process.cpuUsage();
    const total = (u.user + u.system) / 1e6;
    let seen = {};
    try {
      seen = JSON.parse(fs.readFileSync(file, 'utf8'));
      fs.rmSync(file);
    } catch {
      // the sampler never wrote (a run shorter than 100 ms)
    }
    // The main thread's own figure now (the sampler's last one is up to 100 ms old).
    try {
      const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seen[process.pid] = { name: 'main', cpu: (Number(f[11]) + Number(f[12])) / 100 };
    } catch {
      // not Linux
    }
    const main = seen[process.pid]?.cpu ?? NaN;
    const others = Object.entries(seen)
      .filter(([tid, t]) => Number(tid) !== process.pid && t.cpu >= 0.05)
      .sort((a, b) => b[1].cpu - a[1].cpu)
      .map(([, t]) => t.cpu.toFixed(2))
      .join(' ');
    const line = `cpu total=${total.toFixed(2)} main=${main.toFixed(2)} other threads: ${others}\n`;
    if (process.env.VDC_BENCH_CPU_FILE) fs.writeFileSync(process.env.VDC_BENCH_CPU_FILE, line);
    else process.stderr.write(line);
  });
}
