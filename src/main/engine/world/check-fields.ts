/**
 * Field checks of a scenario (and of a restored snapshot's records) that the engine makes itself, so no
 * caller — API, file, CLI, demo — can feed it a value that turns into NaN, negative physics or an
 * unbounded amount of memory. The bounds mirror src/shared/schemas/scenario.ts (which a service checks
 * first, with the same paths); docs/model.md ("Limits") lists them. Every problem names its place:
 * `hosts[3].coreMHz: must be a whole number from 100 to 10000, got 0`.
 */

/** Whole-scenario bounds: a scenario larger than this is refused before anything is built. */
export const SCENARIO_LIMITS = {
  datacenters: 1_000,
  clusters: 10_000,
  hosts: 20_000,
  datastores: 100_000,
  networks: 100_000,
  vms: 200_000,
  containers: 200_000,
  services: 10_000,
  /** Sum of service replicas (and autoscale maxima): each replica is a guest. */
  replicasTotal: 100_000,
  traces: 10_000,
  /** Sum of samples over all traces. */
  traceSamples: 5_000_000,
  rules: 1_000,
  ruleMembers: 10_000,
  idLength: 200,
  nameLength: 200,
} as const;

const PATTERNS = ['constant', 'diurnal', 'weekly', 'bursty', 'randomWalk', 'trace'];
const HOST_STATES = ['connected', 'maintenance', 'standby', 'failed', 'disconnected'];
const POWER_STATES = ['poweredOn', 'poweredOff', 'suspended'];
const HA_PRIORITIES = ['disabled', 'lowest', 'low', 'medium', 'high', 'highest'];
const RESTART = ['always', 'onFailure', 'never'];
const RULE_KINDS = ['keepTogether', 'separate', 'runOnHosts', 'avoidHosts'];
const MEM_MAX = 24 * 1024 * 1024;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Optional tags and custom attributes of a VM or host record (commands/vm-lifecycle.ts). */
function checkAnnotations(c: FieldChecker, p: string, o: Obj): void {
  if (o['tags'] !== undefined && c.list(`${p}.tags`, o['tags'], 100))
    (o['tags'] as unknown[]).forEach((t, i) => c.str(`${p}.tags[${i}]`, t, 80, false, 0));
  if (o['attributes'] !== undefined && c.list(`${p}.attributes`, o['attributes'], 50))
    (o['attributes'] as unknown[]).forEach((a, i) => {
      if (!c.obj(`${p}.attributes[${i}]`, a)) return;
      c.str(`${p}.attributes[${i}].key`, a['key'], 40);
      c.str(`${p}.attributes[${i}].value`, a['value'], 200, false, 0);
    });
}

/** A VM's optional snapshot tree (ops/snapshots.ts): sizes in range, parents that exist, a current one that exists. */
function checkSnapshots(c: FieldChecker, p: string, v: unknown): void {
  if (v === undefined) return;
  if (!c.obj(p, v)) return;
  c.num(`${p}.runningDeltaGiB`, v['runningDeltaGiB'], 0, 1e8);
  c.num(`${p}.orphanGiB`, v['orphanGiB'], 0, 1e8);
  c.int(`${p}.seq`, v['seq'], 1, 1e9);
  if (!c.list(`${p}.list`, v['list'], 32)) return;
  const ids = new Set<string>();
  (v['list'] as unknown[]).forEach((x, i) => {
    const q = `${p}.list[${i}]`;
    if (!c.obj(q, x)) return;
    if (c.str(`${q}.id`, x['id'], 200)) ids.add(x['id'] as string);
    c.str(`${q}.name`, x['name'], 80);
    c.str(`${q}.description`, x['description'], 500, false, 0);
    c.num(`${q}.createdAt`, x['createdAt'], 0, Number.MAX_SAFE_INTEGER);
    c.oneOf(`${q}.power`, x['power'], POWER_STATES);
    c.bool(`${q}.memory`, x['memory']);
    c.num(`${q}.memGiB`, x['memGiB'], 0, 1e8);
    c.num(`${q}.deltaGiB`, x['deltaGiB'], 0, 1e8);
  });
  (v['list'] as unknown[]).forEach((x, i) => {
    if (!isObj(x)) return;
    const parent = x['parentId'];
    if (parent !== null && !(typeof parent === 'string' && ids.has(parent)))
      c.add(`${p}.list[${i}].parentId`, `names no snapshot of this VM (${show(parent)})`);
  });
  const cur = v['currentId'];
  if (cur !== null && !(typeof cur === 'string' && ids.has(cur)))
    c.add(`${p}.currentId`, `names no snapshot of this VM (${show(cur)})`);
}

/** A host's optional CPU topology (physics/topology.ts): NUMA nodes that divide the cores, 1 or 2 threads per core. */
export function checkTopology(c: FieldChecker, p: string, h: Obj): void {
  const t = h['topology'];
  if (t === undefined) return;
  if (!c.obj(p, t)) return;
  const okNodes = c.int(`${p}.numaNodes`, t['numaNodes'], 1, 64);
  c.int(`${p}.threadsPerCore`, t['threadsPerCore'], 1, 2);
  const cores = (h['sockets'] as number) * (h['coresPerSocket'] as number);
  if (okNodes && Number.isInteger(cores) && cores > 0 && cores % (t['numaNodes'] as number) !== 0)
    c.add(`${p}.numaNodes`, `must divide the host's ${cores} cores, got ${t['numaNodes'] as number}`);
}

/** A VM's optional virtualization layers: nested hypervisor, passed-through devices. */
export function checkLayers(c: FieldChecker, p: string, o: Obj): void {
  c.bool(`${p}.nested`, o['nested'], true);
  const pt = o['passthrough'];
  if (pt !== undefined && c.list(`${p}.passthrough`, pt, 16))
    pt.forEach((d, i) => c.str(`${p}.passthrough[${i}]`, d, 80));
}

/** A datastore's Storage I/O Control (physics/sioc.ts): enabled, threshold 5–100 ms (vSphere's range). */
export function checkSioc(c: FieldChecker, p: string, v: unknown, thresholdOptional: boolean): void {
  if (v === undefined) return;
  if (!c.obj(p, v)) return;
  c.bool(`${p}.enabled`, v['enabled']);
  c.num(`${p}.thresholdMs`, v['thresholdMs'], 5, 100, thresholdOptional);
}

/** Collects problems under a path prefix. */
export class FieldChecker {
  readonly problems: string[] = [];
  constructor(private readonly max = 50) {}

  get full(): boolean {
    return this.problems.length >= this.max;
  }
  add(path: string, message: string): void {
    if (!this.full) this.problems.push(`${path}: ${message}`);
  }
  obj(path: string, v: unknown): v is Obj {
    if (isObj(v)) return true;
    this.add(path, 'must be an object');
    return false;
  }
  list(path: string, v: unknown, max: number, opts: { min?: number; length?: number } = {}): v is unknown[] {
    if (!Array.isArray(v)) {
      this.add(path, 'must be a list');
      return false;
    }
    if (v.length > max) this.add(path, `must have at most ${max} entries, got ${v.length}`);
    else if (opts.min !== undefined && v.length < opts.min)
      this.add(path, `must have at least ${opts.min} entries`);
    else if (opts.length !== undefined && v.length !== opts.length)
      this.add(path, `must have exactly ${opts.length} entries, got ${v.length}`);
    else return true;
    return false;
  }
  int(path: string, v: unknown, min: number, max: number, optional = false): boolean {
    if (v === undefined && optional) return true;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.add(path, `must be a number, got ${show(v)}`);
    else if (!Number.isInteger(v)) this.add(path, `must be a whole number, got ${v}`);
    else if (v < min || v > max) this.add(path, `must be a whole number from ${min} to ${max}, got ${v}`);
    else return true;
    return false;
  }
  num(path: string, v: unknown, min: number, max: number, optional = false): boolean {
    if (v === undefined && optional) return true;
    if (typeof v !== 'number' || !Number.isFinite(v))
      this.add(path, `must be a finite number, got ${show(v)}`);
    else if (v < min || v > max) this.add(path, `must be from ${min} to ${max}, got ${v}`);
    else return true;
    return false;
  }
  /** A number that may also be null (e.g. "no limit"). */
  intOrNull(path: string, v: unknown, min: number, max: number): void {
    if (v === null || v === undefined) return;
    this.int(path, v, min, max);
  }
  str(path: string, v: unknown, maxLen: number, optional = false, minLen = 1): boolean {
    if (v === undefined && optional) return true;
    if (typeof v !== 'string') this.add(path, `must be a text, got ${show(v)}`);
    else if (v.length < minLen) this.add(path, 'must not be empty');
    else if (v.length > maxLen) this.add(path, `must be at most ${maxLen} characters, got ${v.length}`);
    else return true;
    return false;
  }
  oneOf(path: string, v: unknown, options: readonly string[], optional = false): boolean {
    if (v === undefined && optional) return true;
    if (typeof v === 'string' && options.includes(v)) return true;
    this.add(path, `must be one of ${options.join(', ')}, got ${show(v)}`);
    return false;
  }
  bool(path: string, v: unknown, optional = false): boolean {
    if ((v === undefined && optional) || typeof v === 'boolean') return true;
    this.add(path, `must be true or false, got ${show(v)}`);
    return false;
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'a list' : typeof v;
}

export function checkWorkloadFields(c: FieldChecker, p: string, w: unknown): void {
  if (!c.obj(p, w)) return;
  c.oneOf(`${p}.pattern`, w['pattern'], PATTERNS);
  c.num(`${p}.cpuBasePct`, w['cpuBasePct'], 0, 100);
  c.num(`${p}.cpuPeakPct`, w['cpuPeakPct'], 0, 100);
  c.num(`${p}.memActivePct`, w['memActivePct'], 0, 200);
  c.num(`${p}.memPeakPct`, w['memPeakPct'], 0, 200, true);
  c.num(`${p}.memCachePct`, w['memCachePct'], 0, 100, true);
  c.num(`${p}.noisePct`, w['noisePct'], 0, 100, true);
  c.num(`${p}.growthPctPerMonth`, w['growthPctPerMonth'], -50, 100, true);
  c.num(`${p}.iopsPeak`, w['iopsPeak'], 0, 1_000_000, true);
  c.num(`${p}.netPeakMbps`, w['netPeakMbps'], 0, 400_000, true);
  c.num(`${p}.newDataPct`, w['newDataPct'], 0, 100, true);
  c.num(`${p}.dirtyPctPerSec`, w['dirtyPctPerSec'], 0, 100, true);
  c.num(`${p}.phaseHours`, w['phaseHours'], -24, 24, true);
  c.num(`${p}.burstChancePctPerHour`, w['burstChancePctPerHour'], 0, 100, true);
  c.num(`${p}.burstMinutes`, w['burstMinutes'], 0, 1440, true);
  c.str(`${p}.traceId`, w['traceId'], SCENARIO_LIMITS.idLength, true);
  c.num(`${p}.traceOffsetSec`, w['traceOffsetSec'], 0, 1e9, true);
  const rt = w['runtime'];
  if (rt !== undefined && c.obj(`${p}.runtime`, rt)) {
    c.oneOf(`${p}.runtime.kind`, rt['kind'], ['jvm', 'clr', 'wasm']);
    c.int(`${p}.runtime.heapMiB`, rt['heapMiB'], 16, MEM_MAX);
  }
}

export function checkShares(c: FieldChecker, p: string, v: unknown): void {
  if (v === undefined || v === 'low' || v === 'normal' || v === 'high') return;
  c.int(p, v, 1, 1_000_000);
}

function checkHostConfig(c: FieldChecker, p: string, h: Obj, power: unknown, pp: string): void {
  c.int(`${p}.sockets`, h['sockets'], 1, 16);
  c.int(`${p}.coresPerSocket`, h['coresPerSocket'], 1, 256);
  c.int(`${p}.coreMHz`, h['coreMHz'], 100, 10_000);
  c.int(`${p}.memMiB`, h['memMiB'], 1024, 64 * 1024 * 1024);
  c.int(`${p}.nicMbps`, h['nicMbps'], 100, 800_000);
  c.int(`${p}.cpuGeneration`, h['cpuGeneration'], 0, 100);
  if (!c.obj(pp, power)) return;
  const okIdle = c.num(`${pp}.idleW`, power['idleW'], 0, 100_000);
  const okMax = c.num(`${pp}.maxW`, power['maxW'], 0, 100_000);
  if (okIdle && okMax && (power['idleW'] as number) > (power['maxW'] as number))
    c.add(`${pp}.idleW`, 'must not exceed maxW');
  const table = power['tableW'];
  if (table !== undefined && table !== null && c.list(`${pp}.tableW`, table, 11, { length: 11 })) {
    table.forEach((x, i) => c.num(`${pp}.tableW[${i}]`, x, 0, 100_000));
  }
}

function checkDiskList(c: FieldChecker, p: string, disks: unknown): void {
  if (!c.list(p, disks, 60)) return;
  disks.forEach((d, i) => {
    const q = `${p}[${i}]`;
    if (!c.obj(q, d)) return;
    c.str(`${q}.datastoreId`, d['datastoreId'], SCENARIO_LIMITS.idLength);
    c.int(`${q}.sizeGiB`, d['sizeGiB'], 1, 65536);
    c.bool(`${q}.thin`, d['thin']);
    c.num(`${q}.usedGiB`, d['usedGiB'], 0, 65536, true);
    checkShares(c, `${q}.iopsShares`, d['iopsShares']);
    c.intOrNull(`${q}.iopsLimit`, d['iopsLimit'], 1, 10_000_000);
  });
}

function checkRules(c: FieldChecker, p: string, rules: unknown): void {
  if (!c.list(p, rules, SCENARIO_LIMITS.rules)) return;
  rules.forEach((r, i) => {
    const q = `${p}[${i}]`;
    if (!c.obj(q, r)) return;
    c.str(`${q}.id`, r['id'], SCENARIO_LIMITS.idLength);
    c.str(`${q}.name`, r['name'], SCENARIO_LIMITS.nameLength);
    c.oneOf(`${q}.kind`, r['kind'], RULE_KINDS);
    c.bool(`${q}.mandatory`, r['mandatory']);
    c.bool(`${q}.enabled`, r['enabled'], true);
    c.str(`${q}.vmGroupId`, r['vmGroupId'], SCENARIO_LIMITS.idLength, true);
    c.str(`${q}.hostGroupId`, r['hostGroupId'], SCENARIO_LIMITS.idLength, true);
    for (const k of ['vmIds', 'hostIds'] as const) {
      const ids = r[k];
      if (c.list(`${q}.${k}`, ids, SCENARIO_LIMITS.ruleMembers))
        ids.forEach((id, j) => c.str(`${q}.${k}[${j}]`, id, SCENARIO_LIMITS.idLength));
    }
  });
}

/** A cluster settings patch (scenario clusters[].settings, cluster.configure). */
export function checkSettingsFields(c: FieldChecker, p: string, s: unknown): void {
  if (s === undefined) return;
  if (!c.obj(p, s)) return;
  c.str(`${p}.placementPolicy`, s['placementPolicy'], 100, true);
  const group = (k: string): Obj | null => {
    const g = s[k];
    if (g === undefined) return null;
    return c.obj(`${p}.${k}`, g) ? g : null;
  };
  const drs = group('drs');
  if (drs) {
    c.bool(`${p}.drs.enabled`, drs['enabled'], true);
    c.oneOf(`${p}.drs.automation`, drs['automation'], ['manual', 'partial', 'full'], true);
    c.int(`${p}.drs.threshold`, drs['threshold'], 1, 5, true);
  }
  const ha = group('ha');
  if (ha) {
    c.bool(`${p}.ha.enabled`, ha['enabled'], true);
    c.oneOf(`${p}.ha.admission`, ha['admission'], ['disabled', 'percentage', 'slots', 'failoverHosts'], true);
    c.int(`${p}.ha.cpuReservePct`, ha['cpuReservePct'], 0, 100, true);
    c.int(`${p}.ha.memReservePct`, ha['memReservePct'], 0, 100, true);
    c.int(`${p}.ha.restartDelaySec`, ha['restartDelaySec'], 0, 3600, true);
    c.int(`${p}.ha.failuresToTolerate`, ha['failuresToTolerate'], 1, 31, true);
    c.bool(`${p}.ha.hostMonitoring`, ha['hostMonitoring'], true);
    c.oneOf(`${p}.ha.restartPriority`, ha['restartPriority'], HA_PRIORITIES, true);
    const fo = ha['failoverHostIds'];
    if (fo !== undefined && c.list(`${p}.ha.failoverHostIds`, fo, SCENARIO_LIMITS.ruleMembers))
      fo.forEach((id, j) => c.str(`${p}.ha.failoverHostIds[${j}]`, id, SCENARIO_LIMITS.idLength));
  }
  const dpm = group('dpm');
  if (dpm) {
    c.bool(`${p}.dpm.enabled`, dpm['enabled'], true);
    c.oneOf(`${p}.dpm.automation`, dpm['automation'], ['manual', 'automatic'], true);
  }
  c.num(`${p}.cpuAllocationRatio`, s['cpuAllocationRatio'], 0, 64, true);
  c.num(`${p}.memAllocationRatio`, s['memAllocationRatio'], 0, 16, true);
  const mig = group('migration');
  if (mig) {
    c.int(`${p}.migration.downtimeTargetMs`, mig['downtimeTargetMs'], 1, 60_000, true);
    c.int(`${p}.migration.maxRounds`, mig['maxRounds'], 1, 1000, true);
    c.int(`${p}.migration.maxConcurrentPerHost`, mig['maxConcurrentPerHost'], 1, 8, true);
  }
  if (s['rules'] !== undefined) checkRules(c, `${p}.rules`, s['rules']);
  for (const k of ['vmGroups', 'hostGroups'] as const)
    if (s[k] !== undefined) checkGroups(c, `${p}.${k}`, s[k]);
}

function checkGroups(c: FieldChecker, p: string, groups: unknown): void {
  if (!c.list(p, groups, SCENARIO_LIMITS.rules)) return;
  groups.forEach((g, i) => {
    const q = `${p}[${i}]`;
    if (!c.obj(q, g)) return;
    c.str(`${q}.id`, g['id'], SCENARIO_LIMITS.idLength);
    c.str(`${q}.name`, g['name'], SCENARIO_LIMITS.nameLength);
    const ids = g['memberIds'];
    if (c.list(`${q}.memberIds`, ids, SCENARIO_LIMITS.ruleMembers))
      ids.forEach((id, j) => c.str(`${q}.memberIds[${j}]`, id, SCENARIO_LIMITS.idLength));
  });
}

function checkTemplate(c: FieldChecker, p: string, t: unknown): void {
  if (!c.obj(p, t)) return;
  if (t['kind'] === 'vm') {
    c.int(`${p}.vcpus`, t['vcpus'], 1, 768);
    c.int(`${p}.memMiB`, t['memMiB'], 4, MEM_MAX);
    c.int(`${p}.diskGiB`, t['diskGiB'], 1, 65536);
    c.bool(`${p}.thin`, t['thin']);
    c.str(`${p}.networkId`, t['networkId'], SCENARIO_LIMITS.idLength, true);
    c.str(`${p}.guestOS`, t['guestOS'], 200, true, 0);
  } else if (t['kind'] === 'container') {
    checkContainerSizing(c, p, t);
  } else {
    c.add(`${p}.kind`, `must be vm or container, got ${show(t['kind'])}`);
  }
  checkWorkloadFields(c, `${p}.workload`, t['workload']);
}

function checkContainerSizing(c: FieldChecker, p: string, o: Obj): void {
  c.int(`${p}.cpuRequestMilli`, o['cpuRequestMilli'], 1, 1_000_000);
  c.intOrNull(`${p}.cpuLimitMilli`, o['cpuLimitMilli'], 1, 1_000_000);
  c.int(`${p}.memRequestMiB`, o['memRequestMiB'], 1, MEM_MAX);
  c.intOrNull(`${p}.memLimitMiB`, o['memLimitMiB'], 1, MEM_MAX);
  c.int(`${p}.imageMiB`, o['imageMiB'], 0, 1_000_000);
}

/**
 * Every field of a scenario, with its place. Answers [] for a scenario the engine can run. Robust to any
 * input (this runs before anything reads the scenario's fields).
 */
export function scenarioFieldProblems(raw: unknown, max = 50): string[] {
  const c = new FieldChecker(max);
  if (!c.obj('scenario', raw)) return c.problems;
  const s = raw;
  if (s['version'] !== 1) c.add('version', `must be 1, got ${show(s['version'])}`);
  c.str('name', s['name'], SCENARIO_LIMITS.nameLength);
  c.str('description', s['description'], 2000, true, 0);
  c.int('seed', s['seed'], 0, 0xffffffff, true);
  c.int('tickSeconds', s['tickSeconds'], 1, 3600, true);
  c.str('startDate', s['startDate'], 40, true);
  const L = SCENARIO_LIMITS;
  const each = (key: keyof typeof L & string, fn: (p: string, o: Obj) => void): void => {
    const list = s[key];
    if (!c.list(key, list, L[key])) return;
    for (let i = 0; i < list.length && !c.full; i++) {
      const p = `${key}[${i}]`;
      const o = list[i];
      if (!c.obj(p, o)) continue;
      c.str(`${p}.id`, o['id'], L.idLength);
      c.str(`${p}.name`, o['name'], L.nameLength);
      fn(p, o);
    }
  };
  each('datacenters', (p, o) => c.str(`${p}.location`, o['location'], 200, true, 0));
  each('clusters', (p, o) => {
    c.str(`${p}.datacenterId`, o['datacenterId'], L.idLength);
    checkSettingsFields(c, `${p}.settings`, o['settings']);
  });
  each('hosts', (p, o) => {
    c.str(`${p}.clusterId`, o['clusterId'], L.idLength);
    checkHostConfig(c, p, o, o['power'], `${p}.power`);
    c.str(`${p}.cpuModel`, o['cpuModel'], L.nameLength);
    c.oneOf(`${p}.cpuVendor`, o['cpuVendor'], ['intel', 'amd']);
    c.oneOf(`${p}.state`, o['state'], HOST_STATES, true);
    checkTopology(c, `${p}.topology`, o);
  });
  each('datastores', (p, o) => {
    c.str(`${p}.clusterId`, o['clusterId'], L.idLength, true);
    c.str(`${p}.hostId`, o['hostId'], L.idLength, true);
    c.num(`${p}.capacityGiB`, o['capacityGiB'], 1, 1e8);
    c.num(`${p}.maxIops`, o['maxIops'], 1, 1e8);
    c.num(`${p}.baseLatencyMs`, o['baseLatencyMs'], 0.01, 1000, true);
    c.num(`${p}.copyMiBps`, o['copyMiBps'], 1, 1e6, true);
    checkSioc(c, `${p}.sioc`, o['sioc'], true);
  });
  each('networks', (p, o) => {
    c.str(`${p}.datacenterId`, o['datacenterId'], L.idLength);
    c.int(`${p}.vlanId`, o['vlanId'], 0, 4095, true);
    const ids = o['clusterIds'];
    if (c.list(`${p}.clusterIds`, ids, L.clusters))
      ids.forEach((id, j) => c.str(`${p}.clusterIds[${j}]`, id, L.idLength));
  });
  each('vms', (p, o) => {
    c.str(`${p}.hostId`, o['hostId'], L.idLength);
    c.int(`${p}.vcpus`, o['vcpus'], 1, 768);
    const memOk = c.int(`${p}.memMiB`, o['memMiB'], 4, MEM_MAX);
    checkDiskList(c, `${p}.disks`, o['disks']);
    c.str(`${p}.networkId`, o['networkId'], L.idLength, true);
    const cpu = o['cpu'];
    if (cpu !== undefined && c.obj(`${p}.cpu`, cpu)) {
      checkShares(c, `${p}.cpu.shares`, cpu['shares']);
      c.int(`${p}.cpu.reservationMHz`, cpu['reservationMHz'], 0, 10_000_000, true);
      c.intOrNull(`${p}.cpu.limitMHz`, cpu['limitMHz'], 1, 10_000_000);
      if (
        typeof cpu['limitMHz'] === 'number' &&
        typeof cpu['reservationMHz'] === 'number' &&
        cpu['reservationMHz'] > cpu['limitMHz']
      )
        c.add(`${p}.cpu.reservationMHz`, 'must not exceed cpu.limitMHz');
    }
    const mem = o['mem'];
    if (mem !== undefined && c.obj(`${p}.mem`, mem)) {
      checkShares(c, `${p}.mem.shares`, mem['shares']);
      c.int(
        `${p}.mem.reservationMiB`,
        mem['reservationMiB'],
        0,
        memOk ? (o['memMiB'] as number) : MEM_MAX,
        true,
      );
      c.intOrNull(`${p}.mem.limitMiB`, mem['limitMiB'], 1, MEM_MAX);
      if (
        typeof mem['limitMiB'] === 'number' &&
        typeof mem['reservationMiB'] === 'number' &&
        mem['reservationMiB'] > mem['limitMiB']
      )
        c.add(`${p}.mem.reservationMiB`, 'must not exceed mem.limitMiB');
    }
    c.oneOf(`${p}.power`, o['power'], POWER_STATES, true);
    c.str(`${p}.guestOS`, o['guestOS'], 200, true, 0);
    const tags = o['tags'];
    if (tags !== undefined && c.list(`${p}.tags`, tags, 100))
      tags.forEach((t, j) => c.str(`${p}.tags[${j}]`, t, 80, false, 0));
    for (const k of ['hotAddCpu', 'hotAddMem', 'containerHost']) c.bool(`${p}.${k}`, o[k], true);
    checkWorkloadFields(c, `${p}.workload`, o['workload']);
    c.str(`${p}.serviceId`, o['serviceId'], L.idLength, true);
    c.oneOf(`${p}.haRestartPriority`, o['haRestartPriority'], HA_PRIORITIES, true);
    checkLayers(c, p, o);
  });
  each('containers', (p, o) => {
    c.str(`${p}.hostId`, o['hostId'], L.idLength, true);
    c.str(`${p}.vmId`, o['vmId'], L.idLength, true);
    checkContainerSizing(c, p, o);
    c.oneOf(`${p}.restartPolicy`, o['restartPolicy'], RESTART, true);
    checkWorkloadFields(c, `${p}.workload`, o['workload']);
    c.str(`${p}.serviceId`, o['serviceId'], L.idLength, true);
  });
  let replicas = 0;
  each('services', (p, o) => {
    c.str(`${p}.clusterId`, o['clusterId'], L.idLength);
    if (c.int(`${p}.replicas`, o['replicas'], 0, 1000)) replicas += o['replicas'] as number;
    c.bool(`${p}.antiAffinity`, o['antiAffinity']);
    checkTemplate(c, `${p}.template`, o['template']);
    const a = o['autoscale'];
    if (a !== undefined && c.obj(`${p}.autoscale`, a)) {
      const okMin = c.int(`${p}.autoscale.minReplicas`, a['minReplicas'], 0, 1000);
      const okMax = c.int(`${p}.autoscale.maxReplicas`, a['maxReplicas'], 1, 1000);
      c.int(`${p}.autoscale.targetCpuPct`, a['targetCpuPct'], 1, 100);
      if (okMin && okMax && (a['minReplicas'] as number) > (a['maxReplicas'] as number))
        c.add(`${p}.autoscale.minReplicas`, 'must not exceed maxReplicas');
      if (okMax) replicas += Math.max(0, (a['maxReplicas'] as number) - ((o['replicas'] as number) || 0));
    }
  });
  if (replicas > L.replicasTotal)
    c.add('services', `ask for ${replicas} replicas in all; at most ${L.replicasTotal} are allowed`);
  let samples = 0;
  each('traces', (p, o) => {
    c.num(`${p}.stepSec`, o['stepSec'], 0.001, 1e7);
    const cpu = o['cpuPct'];
    if (c.list(`${p}.cpuPct`, cpu, 1_000_000, { min: 1 })) {
      samples += cpu.length;
      for (let j = 0; j < cpu.length; j++) if (!c.num(`${p}.cpuPct[${j}]`, cpu[j], 0, 100)) break;
    }
    const mem = o['memPct'];
    if (mem !== undefined && c.list(`${p}.memPct`, mem, 1_000_000)) {
      samples += mem.length;
      for (let j = 0; j < mem.length; j++) if (!c.num(`${p}.memPct[${j}]`, mem[j], 0, 100)) break;
    }
    const times = o['timesSec'];
    if (times !== undefined && c.list(`${p}.timesSec`, times, 1_000_000)) {
      samples += times.length;
      for (let j = 0; j < times.length; j++) if (!c.num(`${p}.timesSec[${j}]`, times[j], 0, 1e12)) break;
    }
  });
  if (samples > L.traceSamples)
    c.add('traces', `hold ${samples} samples in all; at most ${L.traceSamples} are allowed`);
  return c.problems;
}

/** Any number in `v` (depth-limited) that is not finite: JSON.parse reads 1e999 as Infinity. */
function finiteScan(c: FieldChecker, p: string, v: unknown, depth = 0): void {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) c.add(p, `must be a finite number, got ${v}`);
    return;
  }
  if (depth > 4 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && !c.full; i++) finiteScan(c, `${p}[${i}]`, v[i], depth + 1);
    return;
  }
  for (const [k, x] of Object.entries(v)) finiteScan(c, `${p}.${k}`, x, depth + 1);
}

/**
 * The configuration fields of a restored snapshot's records (a checkpoint read from a file that may have
 * been edited or damaged), with the same bounds as a scenario, and every number finite.
 */
export function snapshotRecordProblems(snap: Record<string, unknown>, max = 50): string[] {
  const c = new FieldChecker(max);
  const scenarioProblems = scenarioFieldProblems(snap['scenario'], max);
  for (const p of scenarioProblems) c.problems.push(`scenario.${p}`);
  c.int('tickSeconds', snap['tickSeconds'], 1, 3600);
  c.int('tick', snap['tick'], 0, Number.MAX_SAFE_INTEGER);
  c.int('seed', snap['seed'], 0, 0xffffffff);
  const L = SCENARIO_LIMITS;
  const each = (
    key: 'clusters' | 'hosts' | 'datastores' | 'vms' | 'containers' | 'services',
    fn: (p: string, o: Obj) => void,
  ): void => {
    const list = snap[key];
    if (!c.list(key, list, L[key])) return;
    for (let i = 0; i < list.length && !c.full; i++) {
      const p = `${key}[${i}]`;
      const o = list[i];
      if (!c.obj(p, o)) continue;
      c.str(`${p}.id`, o['id'], L.idLength);
      finiteScan(c, p, o);
      fn(p, o);
    }
  };
  each('clusters', (p, o) => checkSettingsFields(c, `${p}.settings`, o['settings']));
  each('hosts', (p, o) => {
    checkHostConfig(c, p, o, o, p);
    c.oneOf(`${p}.state`, o['state'], HOST_STATES);
    checkAnnotations(c, p, o);
    checkTopology(c, `${p}.topology`, o);
  });
  each('datastores', (p, o) => {
    c.num(`${p}.capacityGiB`, o['capacityGiB'], 1, 1e8);
    c.num(`${p}.maxIops`, o['maxIops'], 1, 1e8);
    c.num(`${p}.baseLatencyMs`, o['baseLatencyMs'], 0.01, 1000);
    c.num(`${p}.copyMiBps`, o['copyMiBps'], 1, 1e6);
    c.num(`${p}.usedGiB`, o['usedGiB'], 0, 1e12);
    checkSioc(c, `${p}.sioc`, o['sioc'], false);
  });
  each('vms', (p, o) => {
    c.int(`${p}.vcpus`, o['vcpus'], 1, 768);
    c.int(`${p}.memMiB`, o['memMiB'], 4, MEM_MAX);
    checkDiskList(c, `${p}.disks`, o['disks']);
    c.num(`${p}.cpuShares`, o['cpuShares'], 1, 1e9);
    c.num(`${p}.memShares`, o['memShares'], 1, 1e12);
    c.num(`${p}.cpuResMHz`, o['cpuResMHz'], 0, 10_000_000);
    if (o['cpuLimitMHz'] !== null) c.num(`${p}.cpuLimitMHz`, o['cpuLimitMHz'], 1, 10_000_000);
    c.num(`${p}.memResMiB`, o['memResMiB'], 0, MEM_MAX);
    if (o['memLimitMiB'] !== null) c.num(`${p}.memLimitMiB`, o['memLimitMiB'], 1, MEM_MAX);
    c.oneOf(`${p}.power`, o['power'], POWER_STATES);
    checkWorkloadFields(c, `${p}.workload`, o['workload']);
    c.bool(`${p}.template`, o['template'], true);
    checkAnnotations(c, p, o);
    checkSnapshots(c, `${p}.snap`, o['snap']);
    checkLayers(c, p, o);
  });
  each('containers', (p, o) => {
    checkContainerSizing(c, p, o);
    checkWorkloadFields(c, `${p}.workload`, o['workload']);
  });
  let replicas = 0;
  each('services', (p, o) => {
    if (c.int(`${p}.replicas`, o['replicas'], 0, 1000)) replicas += o['replicas'] as number;
    checkTemplate(c, `${p}.template`, o['template']);
    c.int(`${p}.loadReplicas`, o['loadReplicas'], 0, 1000, true);
    c.int(`${p}.activeReplicas`, o['activeReplicas'], 0, 1000, true);
  });
  if (replicas > L.replicasTotal)
    c.add('services', `ask for ${replicas} replicas in all; at most ${L.replicasTotal} are allowed`);
  return c.problems;
}
