/**
 * RVTools vHost / vCluster / vDatastore rows → datacenters, clusters, hosts and datastores of a scenario.
 * Every row that cannot be used is reported with its sheet, row, column and why.
 */
import type { ClusterSpec, DatacenterSpec, DatastoreSpec, HostSpec } from '../../engine';
import { mapColumns } from './columns';
import type { ImportProblem, SheetTable } from './types';
import { RowReader } from './values';

export const LIMITS = {
  hostCores: 1024,
  hostMemMiB: 64 * 1024 * 1024,
  hostSpeedMHz: 10_000,
  vmVcpus: 768,
  vmMemMiB: 24 * 1024 * 1024,
  vmDiskMiB: 1024 * 1024 * 1024,
  datastoreMiB: 10 * 1024 * 1024 * 1024,
};

/** Power model estimate from the core count (a SPECpower-like ballpark; see docs/capacity.md). */
export function estimatePower(cores: number): { idleW: number; maxW: number } {
  return { idleW: Math.round(60 + 3 * cores), maxW: Math.round(150 + 12 * cores) };
}

export interface HostExtra {
  cpuUsagePct: number | null;
  memUsagePct: number | null;
}

export interface Infra {
  datacenters: DatacenterSpec[];
  clusters: ClusterSpec[];
  hosts: HostSpec[];
  datastores: DatastoreSpec[];
  hostByName: Map<string, HostSpec>;
  hostExtra: Map<string, HostExtra>;
  datastoreByName: Map<string, DatastoreSpec>;
}

export class InfraBuilder {
  readonly infra: Infra = {
    datacenters: [],
    clusters: [],
    hosts: [],
    datastores: [],
    hostByName: new Map(),
    hostExtra: new Map(),
    datastoreByName: new Map(),
  };
  private dcByName = new Map<string, DatacenterSpec>();
  private clusterByName = new Map<string, ClusterSpec>();

  constructor(private readonly problems: ImportProblem[]) {}

  datacenter(name: string | null): DatacenterSpec {
    const n = name ?? 'Datacenter';
    let dc = this.dcByName.get(n);
    if (!dc) {
      dc = { id: `dc-${this.dcByName.size + 1}`, name: n };
      this.dcByName.set(n, dc);
      this.infra.datacenters.push(dc);
    }
    return dc;
  }

  cluster(name: string, dcName: string | null): ClusterSpec {
    let cl = this.clusterByName.get(name);
    if (!cl) {
      cl = { id: `cluster-${this.clusterByName.size + 1}`, name, datacenterId: this.datacenter(dcName).id };
      this.clusterByName.set(name, cl);
      this.infra.clusters.push(cl);
    }
    return cl;
  }

  clusters(t: SheetTable | undefined, dcOfCluster: Map<string, string>): void {
    if (!t) return;
    const r = new RowReader(t.name, mapColumns('vCluster', t.headers), this.problems);
    for (const { row, cells } of t.rows) {
      const name = r.text(row, cells, 'name', true);
      if (name === null) continue;
      if (this.clusterByName.has(name)) {
        r.problem(row, 'name', `cluster "${name}" appears twice; the first row is used`, 'warning');
        continue;
      }
      const cl = this.cluster(name, r.text(row, cells, 'datacenter') ?? dcOfCluster.get(name) ?? null);
      const ha = r.bool(row, cells, 'haEnabled') ?? false;
      const admission = r.bool(row, cells, 'admission') ?? ha;
      const numHosts = r.num(row, cells, 'numHosts', { min: 0, max: 10_000 }) ?? 0;
      const level = r.num(row, cells, 'failoverLevel', { min: 0, max: 64 }) ?? 1;
      // vSphere derives the percentage reserve from the failures to tolerate: level / hosts [V7].
      const pct = numHosts > 0 ? Math.min(50, Math.round((100 * level) / numHosts)) : 25;
      cl.settings = {
        drs: { enabled: r.bool(row, cells, 'drsEnabled') ?? false, automation: 'full', threshold: 3 },
        ha: {
          enabled: ha,
          admission: ha && admission ? 'percentage' : 'disabled',
          cpuReservePct: ha && admission ? pct : 0,
          memReservePct: ha && admission ? pct : 0,
          failoverHostIds: [],
          restartDelaySec: 30,
        },
        dpm: { enabled: r.bool(row, cells, 'dpmEnabled') ?? false },
      };
    }
  }

  hosts(t: SheetTable): void {
    const r = new RowReader(t.name, mapColumns('vHost', t.headers), this.problems);
    for (const { row, cells } of t.rows) {
      const before = this.problems.length;
      const name = r.text(row, cells, 'host', true);
      const speed = r.num(row, cells, 'speed', {
        required: true,
        min: 100,
        max: LIMITS.hostSpeedMHz,
        unit: 'MHz',
      });
      const memMiB = r.num(row, cells, 'memMiB', {
        required: true,
        min: 1024,
        max: LIMITS.hostMemMiB,
        unit: 'MiB',
      });
      let sockets = r.num(row, cells, 'sockets', { min: 1, max: 16 });
      const perCpu = r.num(row, cells, 'coresPerCpu', { min: 1, max: 512 });
      let cores = r.num(row, cells, 'cores', { min: 1, max: LIMITS.hostCores });
      if (cores === null && sockets !== null && perCpu !== null) cores = sockets * perCpu;
      if (cores === null && !this.problems.slice(before).some((p) => p.column === r.col('cores'))) {
        r.problem(row, 'cores', `no core count: give "${r.col('cores')}" or "# CPU" × "Cores per CPU"`);
      }
      if (name !== null && this.infra.hostByName.has(name))
        r.problem(row, 'host', `host "${name}" appears twice; only the first row is used`);
      if (
        this.problems.slice(before).some((p) => p.severity !== 'warning') ||
        name === null ||
        speed === null ||
        memMiB === null ||
        cores === null
      )
        continue;
      if (sockets === null || cores % sockets !== 0)
        sockets = perCpu !== null && cores % perCpu === 0 ? cores / perCpu : 1;
      const dcName = r.text(row, cells, 'datacenter');
      const clName = r.text(row, cells, 'cluster') ?? `${name} (standalone)`;
      const cl = this.cluster(clName, dcName);
      const model = r.text(row, cells, 'cpuModel') ?? 'Unknown CPU';
      const maintenance = r.bool(row, cells, 'maintenance') ?? false;
      const h: HostSpec = {
        id: `host-${this.infra.hosts.length + 1}`,
        name,
        clusterId: cl.id,
        sockets,
        coresPerSocket: cores / sockets,
        coreMHz: Math.round(speed),
        memMiB: Math.round(memMiB),
        nicMbps: 10_000,
        cpuModel: model,
        cpuVendor: /amd|epyc|opteron/i.test(model) ? 'amd' : 'intel',
        cpuGeneration: 1,
        power: estimatePower(cores),
        ...(maintenance ? { state: 'maintenance' as const } : {}),
      };
      this.infra.hosts.push(h);
      this.infra.hostByName.set(name, h);
      this.infra.hostExtra.set(h.id, {
        cpuUsagePct: r.num(row, cells, 'cpuUsagePct', { min: 0, max: 100 }),
        memUsagePct: r.num(row, cells, 'memUsagePct', { min: 0, max: 100 }),
      });
    }
  }

  datastores(t: SheetTable | undefined): void {
    if (!t) return;
    const r = new RowReader(t.name, mapColumns('vDatastore', t.headers), this.problems);
    if (!r.has('capacityMiB') && !r.has('capacityGiB')) {
      this.problems.push({
        severity: 'fatal',
        sheet: t.name,
        row: 1,
        column: 'Capacity MiB',
        message: 'the sheet has no "Capacity MiB" column',
      });
      return;
    }
    for (const { row, cells } of t.rows) {
      const before = this.problems.length;
      const name = r.text(row, cells, 'name', true);
      const capMiB = r.has('capacityMiB')
        ? r.num(row, cells, 'capacityMiB', { required: true, min: 1, max: LIMITS.datastoreMiB, unit: 'MiB' })
        : mul(
            r.num(row, cells, 'capacityGiB', {
              required: true,
              min: 0.001,
              max: LIMITS.datastoreMiB / 1024,
              unit: 'GiB',
            }),
            1024,
          );
      if (name !== null && this.infra.datastoreByName.has(name))
        r.problem(row, 'name', `datastore "${name}" appears twice; only the first row is used`);
      if (
        this.problems.slice(before).some((p) => p.severity !== 'warning') ||
        name === null ||
        capMiB === null
      )
        continue;
      const clusterName = r.text(row, cells, 'clusterName');
      const hostNames = (r.text(row, cells, 'hosts') ?? '').split(/[,;]\s*/).filter(Boolean);
      const hosts = hostNames
        .map((n) => this.infra.hostByName.get(n))
        .filter((h): h is HostSpec => h !== undefined);
      let place: { clusterId: string } | { hostId: string } | null = null;
      const cl = clusterName ? this.clusterByName.get(clusterName) : undefined;
      if (cl) place = { clusterId: cl.id };
      else if (hosts.length === 1 && hostNames.length === 1) place = { hostId: hosts[0]!.id };
      else if (hosts.length > 0) place = { clusterId: hosts[0]!.clusterId };
      else if (this.infra.clusters[0]) {
        place = { clusterId: this.infra.clusters[0].id };
        r.problem(
          row,
          'hosts',
          `no known host or cluster mounts it; attached to cluster "${this.infra.clusters[0].name}"`,
          'warning',
        );
      }
      if (!place) {
        r.problem(row, 'name', 'no cluster or host to attach it to');
        continue;
      }
      const ds: DatastoreSpec = {
        id: `ds-${this.infra.datastores.length + 1}`,
        name,
        ...place,
        capacityGiB: Math.max(1, Math.round(capMiB / 1024)),
        maxIops: 20_000,
      };
      this.infra.datastores.push(ds);
      this.infra.datastoreByName.set(name, ds);
    }
  }
}

export function mul(v: number | null, k: number): number | null {
  return v === null ? null : v * k;
}
