/** Builders for hand-computed capacity test cases (used by the tests and the benchmark). */
import type { CapCluster, CapHost, CapVm } from './types';

export function capHost(id: string, clusterId: string, over: Partial<CapHost> = {}): CapHost {
  return {
    id,
    name: id,
    clusterId,
    cores: 10,
    coreMHz: 2000,
    memMiB: 102_400,
    state: 'connected',
    idleW: 100,
    maxW: 300,
    cpuDemandMHz: 0,
    memConsumedMiB: 0,
    memBalloonMiB: 0,
    memSwappedMiB: 0,
    ...over,
  };
}

export function capVm(id: string, hostId: string, clusterId: string, over: Partial<CapVm> = {}): CapVm {
  return {
    id,
    name: id,
    hostId,
    clusterId,
    vcpus: 2,
    memMiB: 4096,
    provisionedGiB: 50,
    usedGiB: 20,
    poweredOn: true,
    cpuResMHz: 0,
    memResMiB: 0,
    cpuDemandMHz: 0,
    memConsumedMiB: 0,
    readyPct: 0,
    ...over,
  };
}

export function capCluster(id: string, over: Partial<CapCluster> = {}): CapCluster {
  return { id, name: id, datacenterId: 'dc-1', haCpuReservePct: 0, haMemReservePct: 0, ...over };
}
