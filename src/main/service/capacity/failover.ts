/**
 * N+1 / N+2 per cluster, two ways:
 *  - estimate: the pure restart-and-measure model (engine/capacity/failover.ts) on peak demand;
 *  - simulate: restore the engine from a snapshot, fail the host(s), let HA restart VMs for a few
 *    simulated minutes, then read what did not restart and the demand left unmet. The live session is
 *    never touched: every case runs on its own copy.
 */
import { restoreEngine, type Engine, type EngineSnapshot } from '../../engine';
import { clusterTolerance, type FailoverCase } from '../../engine/capacity';
import { loadInventory, type CapCtx } from './analysis';

type Case = FailoverCase & { failedHostNames: string[] };

/** `clusterId`: the cluster whose surviving hosts the peak CPU/memory % is read from (its own hosts only). */
export function simulateCase(
  snap: EngineSnapshot,
  failed: string[],
  settleSec: number,
  clusterId: string,
): FailoverCase {
  const restored = restoreEngine(snap);
  if (!restored.ok) throw new Error(restored.error.message);
  const e: Engine = restored.value;
  const before = new Map(snap.vms.map((v) => [v.id, v]));
  const victims = snap.vms.filter((v) => failed.includes(v.hostId) && v.power === 'poweredOn');
  for (const id of failed) e.execute({ type: 'host.fail', hostId: id });
  const ticks = Math.max(1, Math.ceil(settleSec / snap.tickSeconds));
  for (let i = 0; i < ticks; i++) e.step();
  const after = e.snapshot();
  const vmAfter = new Map(after.vms.map((v) => [v.id, v]));
  const notRestarted: FailoverCase['notRestarted'] = [];
  let restarted = 0;
  let unmetCpu = 0;
  let unmetMem = 0;
  for (const v of victims) {
    const a = vmAfter.get(v.id);
    if (a && a.power === 'poweredOn' && !a.haPending && !failed.includes(a.hostId)) restarted++;
    else {
      notRestarted.push({
        id: v.id,
        name: v.name,
        reason: a?.haPending
          ? 'still waiting for an HA restart (no host admits it)'
          : `is ${a?.power ?? 'gone'}`,
      });
      unmetCpu += before.get(v.id)?.cpuDemandMHz ?? 0;
      unmetMem += before.get(v.id)?.memConsumedMiB ?? 0;
    }
  }
  for (const v of after.vms) {
    if (v.power !== 'poweredOn' || v.haPending) continue;
    unmetCpu += Math.max(0, v.cpuDemandMHz - v.cpuUsageMHz);
    unmetMem += Math.max(0, v.memWantMiB - v.memGrantedMiB);
  }
  let peakCpu = 0;
  let peakMem = 0;
  for (const h of after.hosts) {
    if (h.clusterId !== clusterId || h.state !== 'connected') continue;
    const cap = h.sockets * h.coresPerSocket * h.coreMHz;
    peakCpu = Math.max(peakCpu, cap > 0 ? (100 * h.cpuUsageMHz) / cap : 0);
    peakMem = Math.max(peakMem, (100 * h.memConsumedMiB) / h.memMiB);
  }
  return {
    failedHostIds: failed,
    restarted,
    notRestarted,
    unmetCpuMHz: unmetCpu,
    unmetMemMiB: unmetMem,
    peakCpuPct: peakCpu,
    peakMemPct: peakMem,
  };
}

const clean = (c: FailoverCase) => c.notRestarted.length === 0 && c.unmetCpuMHz < 1 && c.unmetMemMiB < 1;
const badness = (c: FailoverCase) => c.notRestarted.length * 1e12 + c.unmetCpuMHz + c.unmetMemMiB;

export function failover(
  ctx: CapCtx,
  o: { clusterId?: string | undefined; method: 'estimate' | 'simulate'; settleMinutes: number },
) {
  const snap = ctx.snapshot;
  const names = new Map(snap.hosts.map((h) => [h.id, h.name]));
  const named = (c: FailoverCase): Case => ({
    ...c,
    failedHostNames: c.failedHostIds.map((id) => names.get(id) ?? id),
  });
  const clusters = [];
  if (o.method === 'estimate') {
    const { inv } = loadInventory(ctx, 86_400, true);
    for (const c of inv.clusters) {
      if (o.clusterId !== undefined && c.id !== o.clusterId) continue;
      const t = clusterTolerance(c.id, inv.hosts, inv.vms);
      clusters.push({
        clusterId: c.id,
        clusterName: c.name,
        hosts: t.single.length,
        method: o.method,
        nPlus1: t.nPlus1,
        nPlus2: t.nPlus2,
        single: t.single.map(named),
        worstPair: t.worstPair ? named(t.worstPair) : null,
      });
    }
    return { clusters };
  }
  const settle = o.settleMinutes * 60;
  for (const c of snap.clusters) {
    if (o.clusterId !== undefined && c.id !== o.clusterId) continue;
    const hosts = snap.hosts.filter((h) => h.clusterId === c.id && h.state === 'connected');
    const single = hosts.map((h) => simulateCase(snap, [h.id], settle, c.id));
    let worstPair: FailoverCase | null = null;
    if (hosts.length >= 3) {
      const worst = [...single]
        .sort((a, b) => badness(b) - badness(a) || b.restarted - a.restarted)
        .slice(0, 2);
      worstPair = simulateCase(
        snap,
        worst.map((w) => w.failedHostIds[0]!),
        settle,
        c.id,
      );
    }
    clusters.push({
      clusterId: c.id,
      clusterName: c.name,
      hosts: hosts.length,
      method: o.method,
      nPlus1: hosts.length >= 2 && single.every(clean),
      nPlus2: worstPair !== null && clean(worstPair) && single.every(clean),
      single: single.map(named),
      worstPair: worstPair ? named(worstPair) : null,
    });
  }
  return { clusters };
}
