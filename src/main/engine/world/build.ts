/**
 * Builds a World from a Scenario after checking what a schema cannot: unique ids, references that
 * resolve, guests that fit their hosts, containers placed on a host or a container-host VM.
 */
import { engineError, err, ok, type Result } from '../api';
import type { Scenario } from '../model/scenario';
import { canonicalAutoscale, canonicalTemplate, canonicalTrace } from '../model/canonical';
import { parseIsoMs, DEFAULT_START_ISO } from '../time';
import { defaultClusterSettings, mergeClusterSettings } from './defaults';
import { containerRecord, datastoreRecord, hostRecord, vmRecord } from './records';
import { World } from './world';
import { scenarioFieldProblems } from './check-fields';
import { scenarioPoolProblems } from '../pools/checks';
import { applyScenarioPools } from '../pools/records';

export const DEFAULT_TICK_SECONDS = 20;

export interface BuildOptions {
  seed?: number;
  tickSeconds?: number;
}

export function checkScenario(s: Scenario): string[] {
  // Field values first (and alone when any is wrong: the reference checks below read those fields).
  const fieldProblems = scenarioFieldProblems(s);
  if (fieldProblems.length > 0) return fieldProblems;
  const problems: string[] = [];
  const seen = new Set<string>();
  const all = [
    ...s.datacenters,
    ...s.clusters,
    ...s.hosts,
    ...s.datastores,
    ...s.networks,
    ...s.vms,
    ...s.containers,
    ...s.services,
    ...s.traces,
  ];
  for (const o of all) {
    if (seen.has(o.id)) problems.push(`duplicate id "${o.id}"`);
    seen.add(o.id);
  }
  const dcs = new Set(s.datacenters.map((d) => d.id));
  const clusters = new Map(s.clusters.map((c) => [c.id, c]));
  const hosts = new Map(s.hosts.map((h) => [h.id, h]));
  const dss = new Map(s.datastores.map((d) => [d.id, d]));
  const nets = new Set(s.networks.map((n) => n.id));
  const vms = new Map(s.vms.map((v) => [v.id, v]));
  const services = new Set(s.services.map((v) => v.id));
  const traces = new Set(s.traces.map((t) => t.id));
  for (const c of s.clusters)
    if (!dcs.has(c.datacenterId)) problems.push(`cluster ${c.id}: unknown datacenter "${c.datacenterId}"`);
  const vmIds = new Set(s.vms.map((v) => v.id));
  const hostIds = new Set(s.hosts.map((h) => h.id));
  for (const c of s.clusters) {
    for (const r of c.settings?.rules ?? []) {
      for (const v of r.vmIds)
        if (!vmIds.has(v)) problems.push(`cluster ${c.id}: DRS rule "${r.id}" names an unknown VM "${v}"`);
      for (const h of r.hostIds)
        if (!hostIds.has(h))
          problems.push(`cluster ${c.id}: DRS rule "${r.id}" names an unknown host "${h}"`);
    }
    for (const h of c.settings?.ha?.failoverHostIds ?? [])
      if (!hostIds.has(h)) problems.push(`cluster ${c.id}: unknown HA failover host "${h}"`);
  }
  for (const h of s.hosts)
    if (!clusters.has(h.clusterId)) problems.push(`host ${h.id}: unknown cluster "${h.clusterId}"`);
  for (const d of s.datastores) {
    if ((d.clusterId === undefined) === (d.hostId === undefined))
      problems.push(`datastore ${d.id}: give exactly one of clusterId or hostId`);
    if (d.clusterId !== undefined && !clusters.has(d.clusterId))
      problems.push(`datastore ${d.id}: unknown cluster "${d.clusterId}"`);
    if (d.hostId !== undefined && !hosts.has(d.hostId))
      problems.push(`datastore ${d.id}: unknown host "${d.hostId}"`);
  }
  for (const n of s.networks) {
    if (!dcs.has(n.datacenterId)) problems.push(`network ${n.id}: unknown datacenter "${n.datacenterId}"`);
    for (const c of n.clusterIds)
      if (!clusters.has(c)) problems.push(`network ${n.id}: unknown cluster "${c}"`);
  }
  const checkWorkload = (owner: string, traceId: string | undefined, pattern: string): void => {
    if (pattern === 'trace' && (traceId === undefined || !traces.has(traceId)))
      problems.push(`${owner}: workload trace "${traceId ?? ''}" not found`);
  };
  for (const v of s.vms) {
    const h = hosts.get(v.hostId);
    if (!h) problems.push(`vm ${v.id}: unknown host "${v.hostId}"`);
    else {
      if (v.vcpus > h.sockets * h.coresPerSocket)
        problems.push(
          `vm ${v.id}: ${v.vcpus} vCPUs exceed the ${h.sockets * h.coresPerSocket} cores of ${h.id}`,
        );
      if (v.memMiB > h.memMiB) problems.push(`vm ${v.id}: ${v.memMiB} MiB exceed the memory of ${h.id}`);
    }
    for (const d of v.disks) {
      const ds = dss.get(d.datastoreId);
      if (!ds) problems.push(`vm ${v.id}: unknown datastore "${d.datastoreId}"`);
      else if (h && ds.hostId !== h.id && ds.clusterId !== h.clusterId)
        problems.push(`vm ${v.id}: datastore ${ds.id} is not reachable from ${h.id}`);
    }
    if (v.networkId !== undefined && !nets.has(v.networkId))
      problems.push(`vm ${v.id}: unknown network "${v.networkId}"`);
    if (v.serviceId !== undefined && !services.has(v.serviceId))
      problems.push(`vm ${v.id}: unknown service "${v.serviceId}"`);
    checkWorkload(`vm ${v.id}`, v.workload.traceId, v.workload.pattern);
  }
  for (const c of s.containers) {
    if ((c.hostId === undefined) === (c.vmId === undefined))
      problems.push(`container ${c.id}: give exactly one of hostId or vmId`);
    if (c.hostId !== undefined && !hosts.has(c.hostId))
      problems.push(`container ${c.id}: unknown host "${c.hostId}"`);
    if (c.vmId !== undefined) {
      const vm = vms.get(c.vmId);
      if (!vm) problems.push(`container ${c.id}: unknown VM "${c.vmId}"`);
      else if (!vm.containerHost) problems.push(`container ${c.id}: VM ${vm.id} is not a container host`);
    }
    if (c.serviceId !== undefined && !services.has(c.serviceId))
      problems.push(`container ${c.id}: unknown service "${c.serviceId}"`);
    checkWorkload(`container ${c.id}`, c.workload.traceId, c.workload.pattern);
  }
  for (const sv of s.services) {
    if (!clusters.has(sv.clusterId)) problems.push(`service ${sv.id}: unknown cluster "${sv.clusterId}"`);
    checkWorkload(`service ${sv.id}`, sv.template.workload.traceId, sv.template.workload.pattern);
  }
  if (s.startDate !== undefined && parseIsoMs(s.startDate) === null)
    problems.push(`startDate "${s.startDate}" is not an ISO date`);
  problems.push(...scenarioPoolProblems(s));
  return problems;
}

export function buildWorld(s: Scenario, opts: BuildOptions = {}): Result<World> {
  const problems = checkScenario(s);
  if (problems.length > 0) {
    return err(
      engineError(
        'INVALID_ARGUMENT',
        `The scenario "${String(s.name).slice(0, 200)}" has ${problems.length} problem(s): ${problems.slice(0, 5).join('; ')}`,
        { problems },
      ),
    );
  }
  const seed = (opts.seed ?? s.seed ?? 1) >>> 0;
  const tickSeconds = opts.tickSeconds ?? s.tickSeconds ?? DEFAULT_TICK_SECONDS;
  if (!Number.isInteger(tickSeconds) || tickSeconds < 1 || tickSeconds > 3600) {
    return err(
      engineError('INVALID_ARGUMENT', `tickSeconds must be an integer from 1 to 3600, got ${tickSeconds}`),
    );
  }
  const start = parseIsoMs(s.startDate ?? DEFAULT_START_ISO) ?? 0;
  const w = new World(seed, tickSeconds, start);
  w.datacenters = s.datacenters.map((d) => ({ id: d.id, name: d.name, location: d.location ?? null }));
  w.clusters = s.clusters.map((c) => ({
    id: c.id,
    name: c.name,
    datacenterId: c.datacenterId,
    settings: mergeClusterSettings(defaultClusterSettings(), c.settings),
  }));
  w.hosts = s.hosts.map((h) => hostRecord(h, 0));
  w.datastores = s.datastores.map(datastoreRecord);
  w.networks = s.networks.map((n) => ({
    id: n.id,
    name: n.name,
    datacenterId: n.datacenterId,
    vlanId: n.vlanId ?? null,
    clusterIds: [...n.clusterIds],
  }));
  w.vms = s.vms.map((v) => vmRecord(v, w.nextSeq(), 0));
  w.containers = s.containers.map((c) => containerRecord(c, w.nextSeq(), 0));
  w.services = s.services.map((sv) => ({
    id: sv.id,
    name: sv.name,
    clusterId: sv.clusterId,
    replicas: sv.replicas,
    antiAffinity: sv.antiAffinity,
    template: canonicalTemplate(sv.template),
    autoscale: sv.autoscale ? canonicalAutoscale(sv.autoscale) : null,
    nextOrdinal: 1 + [...s.vms, ...s.containers].filter((g) => g.serviceId === sv.id).length,
    loadReplicas: Math.max(1, sv.replicas),
    activeReplicas: Math.max(1, sv.replicas),
    lastScaleAt: 0,
  }));
  w.traces = s.traces.map(canonicalTrace);
  applyScenarioPools(w, s);
  // VMs on a failed host start down; HA treats them at the first tick.
  w.reindex();
  for (const vm of w.vms) {
    const h = w.hostById.get(vm.hostId);
    if (h && h.state === 'failed' && vm.power === 'poweredOn') vm.haPending = true;
  }
  return ok(w);
}
