/**
 * Scheduling benchmarks: a DRS pass over a 64-host / 2,000-VM cluster (goal ≤ 50 ms), a placement with its
 * full explanation over 1,000 hosts (goal ≤ 5 ms) for each policy, an HA restart plan and a DPM pass.
 * Worlds are built with the engine's own buildWorld; demand is set deterministically (skewed so DRS has
 * work to do). Run: npm run bench -- scheduling   (or: npx tsx bench/scheduling.bench.ts)
 */
import { performance } from 'node:perf_hooks';
import { LoadBook } from '../src/main/engine/world/admission';
import type { World } from '../src/main/engine/world/world';
import { drsPass } from '../src/main/engine/scheduling/drs/recommendations';
import { dpmPass } from '../src/main/engine/scheduling/dpm';
import { planHaRestarts } from '../src/main/engine/scheduling/ha/restart';
import { PLACEMENT_POLICIES } from '../src/main/engine/scheduling/policies';
import { host, request, scenario, vm, world } from '../src/main/engine/scheduling/testing/fixture';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(runs: number, fn: () => void, warmup = 30): number {
  for (let i = 0; i < warmup; i++) fn(); // warm up (JIT): the figures are for a running engine
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

/** `hosts` hosts of 32 cores / 512 GiB and `vms` VMs spread round robin, with deterministic skewed demand. */
function cluster(hosts: number, vms: number, settings = {}): World {
  const hs = Array.from({ length: hosts }, (_, i) =>
    host(i + 1, { cores: 32, coreMHz: 2600, memMiB: 524288 }),
  );
  const vs = Array.from({ length: vms }, (_, i) =>
    vm(`vm-${i + 1}`, `host-${(i % hosts) + 1}`, {
      vcpus: 1 + (i % 4),
      memMiB: 2048 * (1 + (i % 4)),
      ...(i % 10 === 0 ? { cpuResMHz: 500, memResMiB: 1024 } : {}),
    }),
  );
  const w = world(scenario(hs, vs, settings));
  // Hosts in the first quarter run hot: their VMs demand 3× as much.
  for (const h of w.hosts) h.cpuDemandMHz = 0;
  w.vms.forEach((v, i) => {
    const idx = w.hostIndex.get(v.hostId)!;
    v.cpuDemandMHz = (300 + ((i * 7919) % 900)) * (idx < hosts / 4 ? 3 : 1);
    v.memActiveMiB = v.memMiB * 0.3;
    w.hosts[idx]!.cpuDemandMHz += v.cpuDemandMHz;
  });
  return w;
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const drsWorld = cluster(64, 2000, { drs: { enabled: true, automation: 'full', threshold: 3 } });
  const first = drsPass(drsWorld, 'cluster-1');
  out.push({
    name: 'DRS pass, 64 hosts / 2,000 VMs (threshold 3)',
    value: time(15, () => drsPass(drsWorld, 'cluster-1')),
    unit: 'ms',
    goal: '≤ 50 ms',
    note: `${first.recommendations.length} moves, σ ${first.imbalance.toFixed(3)} → ${first.imbalanceAfter.toFixed(3)}`,
  });
  const aggressive = drsPass(drsWorld, 'cluster-1', { threshold: 5, maxMoves: 200 });
  out.push({
    name: 'DRS pass, 64 hosts / 2,000 VMs (threshold 5, ≤ 200 moves)',
    value: time(7, () => drsPass(drsWorld, 'cluster-1', { threshold: 5, maxMoves: 200 }), 10),
    unit: 'ms',
    note: `${aggressive.recommendations.length} moves, σ → ${aggressive.imbalanceAfter.toFixed(3)}`,
  });
  const big = cluster(1000, 4000);
  const book = new LoadBook(big);
  const req = request({ vcpus: 4, memMiB: 8192, cpuResMHz: 1000 });
  for (const [name, policy] of Object.entries(PLACEMENT_POLICIES)) {
    const d = policy({ world: big, book }, req);
    out.push({
      name: `placement with explanation, 1,000 hosts: ${name}`,
      value: time(30, () => policy({ world: big, book }, req)),
      unit: 'ms',
      goal: name === 'nova' ? '≤ 5 ms' : undefined,
      note: `chose ${d.hostId}, ${d.verdicts.length} verdicts`,
    });
  }
  out.push({
    name: 'LoadBook build, 1,000 hosts / 4,000 VMs (per placement round)',
    value: time(30, () => new LoadBook(big)),
    unit: 'ms',
  });
  const haWorld = cluster(64, 2000);
  const failed = haWorld.hosts[0]!;
  failed.state = 'failed';
  const down = haWorld.vms.filter((v) => v.hostId === failed.id).map((v) => v.id);
  for (const id of down) haWorld.vmById.get(id)!.haPending = true;
  out.push({
    name: `HA restart plan, ${down.length} VMs of a failed host (64 hosts)`,
    value: time(10, () => planHaRestarts(haWorld, new LoadBook(haWorld), down)),
    unit: 'ms',
  });
  const dpmWorld = cluster(64, 600, {
    dpm: { enabled: true },
    ha: {
      enabled: false,
      admission: 'disabled',
      cpuReservePct: 0,
      memReservePct: 0,
      failoverHostIds: [],
      restartDelaySec: 30,
    },
  });
  dpmWorld.tick = 1000;
  out.push({
    name: 'DPM pass, 64 hosts / 600 VMs',
    value: time(10, () => dpmPass(dpmWorld, 'cluster-1')),
    unit: 'ms',
    note: dpmPass(dpmWorld, 'cluster-1').summary,
  });
  return out;
}

if (process.argv[1]?.endsWith('scheduling.bench.ts')) {
  void run().then((r) => {
    for (const x of r)
      console.log(
        `${x.name.padEnd(64)} ${x.value.toFixed(3).padStart(10)} ${x.unit} ${x.goal ?? ''} ${x.note ?? ''}`,
      );
  });
}
