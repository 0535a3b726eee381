/**
 * Host filters in the style of the OpenStack Nova filter scheduler [O3]: each filter passes or rejects a
 * host with a reason; the first rejecting filter is reported. The chain mirrors Nova's defaults
 * (ComputeFilter, capability/size checks, ServerGroup(Anti)AffinityFilter) plus the allocation-ratio
 * filters (Core/Ram), reservations, datastore and network reachability, vSphere-style VM–host rules and
 * HA admission control. The last filter re-runs the engine's own admission rule (LoadBook.admit), so no
 * policy can ever choose a host the engine would refuse.
 */
import type { LoadBook } from '../../world/admission';
import { vmOverheadMiB } from '../../world/defaults';
import type { DatastoreRec, HostRec } from '../../world/types';
import type { World } from '../../world/world';
import { datastoreFreeGiB, hostCores, hostCpuCapMHz, hostMemCapMiB } from '../capacity';
import type { SchedRequest } from '../explain';
import { haAdmissionProblems } from '../ha/admission';
import { clusterRules, memberHosts, ruleViolation, rulesFor, type AffinityRule } from '../rules';
import { msg, msgText, type Msg } from '../../messages';

/** Everything filters and weighers need, computed once per request. */
export interface FilterInput {
  w: Readonly<World>;
  book: LoadBook;
  req: SchedRequest;
  /** Rules that concern the guest, with the hosts their other members occupy. */
  rules: { rule: AffinityRule; others: Map<string, number> }[];
  /** Dedicated HA failover hosts (closed to everything but HA restarts). */
  failoverHostIds: Set<string>;
  /** Whether HA admission control applies (a power-on of a new guest). */
  checkHa: boolean;
  /** Cache of the HA admission verdict per cluster (it does not depend on the host for %/slots). */
  haCache: Map<string, Msg | null>;
  /** Datastores by the host / cluster that reaches them (built on first use). */
  dsIndex: { byHost: Map<string, DatastoreRec[]>; byCluster: Map<string, DatastoreRec[]> } | null;
}

/** Datastores a host reaches (its local ones, then its cluster's shared ones), via an index built once per request. */
export function reachableDatastores(fi: FilterInput, h: HostRec): DatastoreRec[] {
  if (fi.dsIndex === null) {
    const byHost = new Map<string, DatastoreRec[]>();
    const byCluster = new Map<string, DatastoreRec[]>();
    for (const ds of fi.w.datastores) {
      const [map, key] = ds.hostId !== null ? [byHost, ds.hostId] : [byCluster, ds.clusterId];
      if (key === null) continue;
      const list = map.get(key);
      if (list) list.push(ds);
      else map.set(key, [ds]);
    }
    fi.dsIndex = { byHost, byCluster };
  }
  const local = fi.dsIndex.byHost.get(h.id);
  const shared = fi.dsIndex.byCluster.get(h.clusterId);
  if (!local) return shared ?? [];
  return shared ? [...local, ...shared] : local;
}

/**
 * `planned`: VM positions decided earlier in the same pass (VM id → host id), for rule checks;
 * `ruleCache`: the rules of each cluster, when the caller checks many requests against the same world.
 */
export function prepareInput(
  w: Readonly<World>,
  book: LoadBook,
  req: SchedRequest,
  planned?: ReadonlyMap<string, string>,
  ruleCache?: Map<string, AffinityRule[]>,
): FilterInput {
  const clusterIds = req.clusterId !== null ? [req.clusterId] : w.clusters.map((c) => c.id);
  const rules: FilterInput['rules'] = [];
  const failover = new Set<string>();
  for (const cid of clusterIds) {
    const cl = w.clusterById.get(cid);
    if (cl && cl.settings.ha.enabled && cl.settings.ha.admission === 'failoverHosts')
      for (const id of cl.settings.ha.failoverHostIds) failover.add(id);
  }
  const all: AffinityRule[] = [];
  if (req.guestId !== null) {
    for (const cid of clusterIds) {
      let rs = ruleCache?.get(cid);
      if (!rs) {
        rs = clusterRules(w, cid);
        ruleCache?.set(cid, rs);
      }
      all.push(...rs);
    }
  }
  for (const rule of rulesFor(all, req.guestId, req.rules ?? []))
    rules.push({ rule, others: memberHosts(w, rule, req.guestId, planned) });
  const checkHa =
    req.powerOn !== false && (req.reason === 'initial' || req.reason === 'service') && !req.guest.isContainer;
  return { w, book, req, rules, failoverHostIds: failover, checkHa, haCache: new Map(), dsIndex: null };
}

export interface HostFilter {
  name: string;
  /** Reason the host is rejected (text, or a message code for the console's languages), or null. */
  check(fi: FilterInput, host: HostRec): string | Msg | null;
}

const computeFilter: HostFilter = {
  name: 'ComputeFilter',
  check: (_fi, h) =>
    h.state === 'connected' ? null : msg('filter.hostState', { state: msg(`hostState.${h.state}` as const) }),
};

const ignoreHostsFilter: HostFilter = {
  name: 'IgnoreHostsFilter',
  check: (fi, h) => (fi.req.excludeHostIds.includes(h.id) ? msg('filter.excluded') : null),
};

const failoverHostFilter: HostFilter = {
  name: 'FailoverHostFilter',
  check: (fi, h) =>
    fi.req.reason !== 'ha' && fi.failoverHostIds.has(h.id) ? msg('filter.failoverHost') : null,
};

const sizeFilter: HostFilter = {
  name: 'SizeFilter',
  check: (fi, h) => {
    const g = fi.req.guest;
    if (g.vcpus > hostCores(h)) return msg('filter.vcpus', { vcpus: g.vcpus, cores: hostCores(h) });
    const cap = hostMemCapMiB(h);
    if (!g.isContainer && g.memMiB > cap)
      return msg('filter.mem', {
        mem: msg('unit.MiB', { v: g.memMiB }),
        cap: msg('unit.MiB', { v: Math.floor(cap) }),
      });
    return null;
  },
};

const coreFilter: HostFilter = {
  name: 'CoreFilter',
  check: (fi, h) => {
    const ratio = fi.w.clusterById.get(h.clusterId)?.settings.cpuAllocationRatio ?? 0;
    if (ratio <= 0) return null;
    const used = fi.book.load(h.id).vcpus;
    const limit = hostCores(h) * ratio;
    return used + fi.req.guest.vcpus > limit
      ? msg('filter.coreRatio', { used, vcpus: fi.req.guest.vcpus, ratio, cores: hostCores(h), limit })
      : null;
  },
};

const ramFilter: HostFilter = {
  name: 'RamFilter',
  check: (fi, h) => {
    const ratio = fi.w.clusterById.get(h.clusterId)?.settings.memAllocationRatio ?? 0;
    if (ratio <= 0 || fi.req.guest.isContainer) return null;
    const used = fi.book.load(h.id).memMiB;
    const limit = hostMemCapMiB(h) * ratio;
    return used + fi.req.guest.memMiB > limit
      ? msg('filter.ramRatio', {
          used: msg('unitBare.MiB', { v: used }),
          mem: msg('unit.MiB', { v: fi.req.guest.memMiB }),
          ratio,
          limit: msg('unit.MiB', { v: Math.floor(limit) }),
        })
      : null;
  },
};

const reservationFilter: HostFilter = {
  name: 'ReservationFilter',
  check: (fi, h) => {
    const g = fi.req.guest;
    const l = fi.book.load(h.id);
    const cpuCap = hostCpuCapMHz(h);
    const needCpu =
      l.reservedCpuMHz + g.cpuReservationMHz + ((g.requestMilli + l.requestMilli) / 1000) * h.coreMHz;
    if (needCpu > cpuCap + 1e-6)
      return msg('filter.cpuReservations', {
        need: msg('unitBare.MHz', { v: Math.ceil(needCpu) }),
        cap: msg('unit.MHz', { v: cpuCap }),
      });
    const memCap = hostMemCapMiB(h);
    const needMem =
      l.reservedMemMiB + g.memReservationMiB + (g.isContainer ? 0 : vmOverheadMiB(g.memMiB, g.vcpus));
    if (needMem > memCap + 1e-6)
      return msg('filter.memReservations', {
        need: msg('unitBare.MiB', { v: Math.ceil(needMem) }),
        cap: msg('unit.MiB', { v: Math.floor(memCap) }),
      });
    return null;
  },
};

const datastoreFilter: HostFilter = {
  name: 'DatastoreFilter',
  check: (fi, h) => {
    const w = fi.w;
    for (const dsId of fi.req.datastoreIds) {
      const ds = w.datastoreById.get(dsId);
      if (ds && !w.hostCanReach(h, ds)) return msg('filter.dsUnreachable', { ds: ds.name });
    }
    const need = fi.req.diskGiB ?? 0;
    if (need > 0 && fi.req.datastoreIds.length === 0) {
      let best = -1;
      for (const ds of reachableDatastores(fi, h)) best = Math.max(best, datastoreFreeGiB(ds));
      if (best < 0) return msg('filter.noDatastore');
      if (best < need) return msg('filter.dsFree', { need, best: Math.floor(best) });
    }
    return null;
  },
};

const networkFilter: HostFilter = {
  name: 'NetworkFilter',
  check: (fi, h) => {
    if (fi.req.networkId === null) return null;
    const net = fi.w.networkById.get(fi.req.networkId);
    return net && !fi.w.hostHasNetwork(h, net) ? msg('filter.network', { net: net.name }) : null;
  },
};

const serviceAntiAffinityFilter: HostFilter = {
  name: 'ServerGroupAntiAffinityFilter',
  check: (fi, h) => {
    const sid = fi.req.antiAffinityServiceId;
    return sid !== null && fi.book.load(h.id).services.has(sid)
      ? msg('filter.replicaHere', { service: fi.w.serviceById.get(sid)?.name ?? sid })
      : null;
  },
};

const affinityRuleFilter: HostFilter = {
  name: 'AffinityRuleFilter',
  check: (fi, h) => {
    for (const { rule, others } of fi.rules) {
      if (!rule.mandatory) continue;
      const v = ruleViolation(rule, h.id, others);
      if (v !== null) return v;
    }
    return null;
  },
};

const haAdmissionFilter: HostFilter = {
  name: 'HaAdmissionFilter',
  check: (fi, h) => {
    if (!fi.checkHa) return null;
    const cl = fi.w.clusterById.get(h.clusterId);
    if (cl && cl.settings.ha.admission === 'failoverHosts')
      return haAdmissionProblems(fi.w, fi.book, h, fi.req.guest)[0] ?? null;
    const cached = fi.haCache.get(h.clusterId);
    if (cached !== undefined) return cached;
    const v = haAdmissionProblems(fi.w, fi.book, h, fi.req.guest)[0] ?? null;
    fi.haCache.set(h.clusterId, v);
    return v;
  },
};

const admissionFilter: HostFilter = {
  name: 'AdmissionFilter',
  check: (fi, h) => fi.book.admit(h, fi.req.guest)[0] ?? null,
};

export const FILTERS: Record<string, HostFilter> = Object.fromEntries(
  [
    computeFilter,
    ignoreHostsFilter,
    failoverHostFilter,
    sizeFilter,
    coreFilter,
    ramFilter,
    reservationFilter,
    datastoreFilter,
    networkFilter,
    serviceAntiAffinityFilter,
    affinityRuleFilter,
    haAdmissionFilter,
    admissionFilter,
  ].map((f) => [f.name, f]),
);

/** The default chain, in evaluation order. AdmissionFilter always runs last, whatever the configuration. */
export const DEFAULT_FILTERS: readonly string[] = Object.keys(FILTERS);

/** Runs the chain; returns the first rejection or null when the host passes. */
export function runFilters(
  fi: FilterInput,
  host: HostRec,
  names: readonly string[] = DEFAULT_FILTERS,
): FilterRejection | null {
  for (const name of names) {
    const f = FILTERS[name];
    if (!f) continue;
    const r = f.check(fi, host);
    if (r !== null) return rejection(f.name, r);
  }
  if (names[names.length - 1] !== 'AdmissionFilter') {
    const r = admissionFilter.check(fi, host);
    if (r !== null) return rejection(admissionFilter.name, r);
  }
  return null;
}

/** The first filter that rejected a host: its name, why in English, and why as a message code. */
export interface FilterRejection {
  filter: string;
  reason: string;
  reasonMsg: Msg;
}

function rejection(filter: string, r: string | Msg): FilterRejection {
  return typeof r === 'string'
    ? { filter, reason: r, reasonMsg: msg('filter.text', { text: r }) }
    : { filter, reason: msgText(r), reasonMsg: r };
}

/** Hosts a request may consider, in inventory (id) order. */
export function hostsInScope(w: Readonly<World>, req: SchedRequest): HostRec[] {
  return req.clusterId === null ? w.hosts : w.hosts.filter((h) => h.clusterId === req.clusterId);
}
