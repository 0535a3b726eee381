import { describe, expect, it } from 'vitest';
import { builtinScenario, createEngine, restoreEngine } from '../../engine';
import { capCtx } from './analysis';
import { failover } from './failover';

/**
 * "Simulate on snapshots" must report, per cluster, the peak host CPU/memory of that cluster's own
 * surviving hosts — not the datacenter maximum. The edge scenario has a 4-host core cluster and twelve
 * 2-host edge clusters with different loads, so a datacenter-wide maximum shows up as one value
 * repeated in every cluster.
 */
describe('failover simulate: peak host CPU % per cluster', () => {
  it('each cluster reports the peak of its own hosts, checked against an independent replay', () => {
    const created = createEngine(builtinScenario('edge')!, { tickSeconds: 300 });
    if (!created.ok) throw new Error(created.error.message);
    const engine = created.value;
    for (let i = 0; i < 12 * 14; i++) engine.step(); // 14 simulated hours: business hours somewhere
    // Berlin already lost a host: its survivor runs hot, hotter than any host of the other clusters.
    engine.execute({ type: 'host.fail', hostId: 'host-ber-1' });
    for (let i = 0; i < 3; i++) engine.step();
    const snap = engine.snapshot();
    const r = failover(capCtx(engine, null), { method: 'simulate', settleMinutes: 10 });
    expect(r.clusters.length).toBe(snap.clusters.length);
    const settleTicks = Math.ceil(600 / snap.tickSeconds);
    for (const c of r.clusters) {
      const own = new Set(snap.hosts.filter((h) => h.clusterId === c.clusterId).map((h) => h.id));
      for (const s of c.single) {
        // Independent replay: fail the host on a restored copy, settle, and take the maximum over the
        // cluster's own connected hosts.
        const e = restoreEngine(snap);
        if (!e.ok) throw new Error(e.error.message);
        e.value.execute({ type: 'host.fail', hostId: s.failedHostIds[0]! });
        for (let i = 0; i < settleTicks; i++) e.value.step();
        let cpu = 0;
        let mem = 0;
        for (const h of e.value.snapshot().hosts) {
          if (!own.has(h.id) || h.state !== 'connected') continue;
          cpu = Math.max(cpu, (100 * h.cpuUsageMHz) / (h.sockets * h.coresPerSocket * h.coreMHz));
          mem = Math.max(mem, (100 * h.memConsumedMiB) / h.memMiB);
        }
        expect(s.peakCpuPct, `${c.clusterName} without ${s.failedHostNames[0]}`).toBeCloseTo(cpu, 9);
        expect(s.peakMemPct, `${c.clusterName} without ${s.failedHostNames[0]}`).toBeCloseTo(mem, 9);
      }
    }
    // Not one value repeated everywhere: the clusters' peaks differ.
    const peaks = new Set(r.clusters.map((c) => Math.max(...c.single.map((s) => s.peakCpuPct)).toFixed(6)));
    expect(peaks.size).toBeGreaterThan(1);
  });
});
