/**
 * Turns on everything of issue 20 in a scenario (benchmarks and scale tests): a CPU topology on every host
 * (one NUMA node per socket, or two on a single-socket host whose cores divide evenly; hyper-threading
 * on), Storage I/O Control on every datastore, and on a share of the VMs a managed runtime (every 10th),
 * a disk IOPS limit (every 20th), nested virtualization (every 50th) and a passthrough device (every 100th).
 */
import type { Scenario } from '../model/scenario';

export function withResourceDepth(s: Scenario): Scenario {
  return {
    ...s,
    hosts: s.hosts.map((h) => {
      const cores = h.sockets * h.coresPerSocket;
      const numaNodes = h.sockets > 1 ? h.sockets : cores % 2 === 0 ? 2 : 1;
      return { ...h, topology: { numaNodes, threadsPerCore: 2 } };
    }),
    datastores: s.datastores.map((d) => ({ ...d, sioc: { enabled: true, thresholdMs: 30 } })),
    vms: s.vms.map((v, i) => ({
      ...v,
      ...(i % 50 === 7 ? { nested: true } : {}),
      ...(i % 100 === 3 ? { passthrough: ['gpu0'] } : {}),
      workload:
        i % 10 === 1
          ? {
              ...v.workload,
              runtime: { kind: 'jvm' as const, heapMiB: Math.max(256, Math.floor(v.memMiB / 2)) },
            }
          : v.workload,
      disks: v.disks.map((d, k) => (i % 20 === 2 && k === 0 ? { ...d, iopsLimit: 200 } : d)),
    })),
  };
}
