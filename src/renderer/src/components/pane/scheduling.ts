/**
 * The DRS / HA / DPM status of a cluster, read from its describe answer. The engine puts it in a
 * `scheduling` field; older backends only have the cluster settings (drsAutomation, drsThreshold,
 * haAdmission … in `properties`). Both shapes are read leniently: every field may be missing.
 */
import type { EntityDetailView } from '@shared/schemas/views';

export const PLACEMENT_POLICIES = ['nova', 'nova-stack', 'first-fit', 'best-fit', 'worst-fit', 'round-robin'] as const;
export type PlacementPolicyName = (typeof PLACEMENT_POLICIES)[number];

export interface DrsMove {
  vmId: string;
  vmName: string;
  fromHostId: string;
  fromHostName: string | null;
  toHostId: string;
  toHostName: string | null;
  /** 1 = mandatory … 5 = slight improvement. */
  priority: number;
  reason: string;
  /** Predicted host loads after the move, in percent (null when the backend does not say). */
  sourceLoadPct: number | null;
  targetLoadPct: number | null;
}

export interface SchedulingView {
  /** False when only the settings are known (no `scheduling` field): no recommendations to show. */
  live: boolean;
  placementPolicy: string | null;
  drs: { enabled: boolean; automation: string | null; threshold: number | null; moves: DrsMove[]; summary: string | null };
  ha: { enabled: boolean; policy: string | null; cpuFailoverPct: number | null; memFailoverPct: number | null; failoverLevel: number | null; satisfied: boolean | null; summary: string | null };
  dpm: { enabled: boolean; standbyHostIds: string[]; plan: { hostId: string; hostName: string | null; enter: boolean; reason: string }[]; summary: string | null };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const numOr = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A load given as a fraction (0..1) or a percentage, whichever field is there. */
const pct = (o: Obj, pctKey: string, nested: Obj | null, fracKey: string): number | null => {
  const p = numOr(o[pctKey]);
  if (p !== null) return p;
  const f = nested ? numOr(nested[fracKey]) : null;
  return f === null ? null : f * 100;
};

function move(v: unknown): DrsMove | null {
  const o = obj(v);
  if (!o) return null;
  const vmId = str(o.vmId);
  const fromHostId = str(o.fromHostId);
  const toHostId = str(o.toHostId);
  if (!vmId || !fromHostId || !toHostId) return null;
  const predicted = obj(o.predicted);
  return {
    vmId,
    vmName: str(o.vmName) ?? vmId,
    fromHostId,
    fromHostName: str(o.fromHostName),
    toHostId,
    toHostName: str(o.toHostName),
    priority: numOr(o.priority) ?? 5,
    reason: str(o.reason) ?? '',
    sourceLoadPct: pct(o, 'predictedSourceLoadPct', predicted, 'sourceAfter'),
    targetLoadPct: pct(o, 'predictedTargetLoadPct', predicted, 'targetAfter'),
  };
}

/** The HA admission policy's name, whether given as a string or as { kind | type | name }. */
function policyName(v: unknown): string | null {
  const o = obj(v);
  return str(v) ?? (o ? (str(o.kind) ?? str(o.type) ?? str(o.name) ?? str(o.policy)) : null);
}

export function schedulingOf(d: EntityDetailView | null): SchedulingView | null {
  if (!d || d.kind !== 'cluster') return null;
  const p = obj((d as Obj).properties) ?? {};
  const s = obj((d as Obj).scheduling);
  const drs = obj(s?.drs) ?? {};
  const ha = obj(s?.ha) ?? {};
  const dpm = obj(s?.dpm) ?? {};
  const fc = obj(ha.failoverCapacity) ?? ha;
  const haPolicy = policyName(ha.admissionPolicy) ?? policyName(ha.policy) ?? str(p.haAdmission);
  const dpmPlan = [...arr(dpm.plan), ...(obj(dpm.action) ? [dpm.action] : [])]
    .map(obj)
    .filter((a): a is Obj => !!a && typeof a.hostId === 'string')
    .map((a) => ({ hostId: a.hostId as string, hostName: str(a.hostName), enter: bool(a.enter) ?? true, reason: str(a.reason) ?? '' }));
  return {
    live: s !== null,
    placementPolicy: str(s?.placementPolicy) ?? str(p.placementPolicy),
    drs: {
      enabled: bool(drs.enabled) ?? bool(p.drsEnabled) ?? false,
      automation: str(drs.automation) ?? str(p.drsAutomation),
      threshold: numOr(drs.threshold) ?? numOr(p.drsThreshold),
      moves: arr(drs.recommendations)
        .map(move)
        .filter((m): m is DrsMove => m !== null)
        .sort((a, b) => a.priority - b.priority || a.vmName.localeCompare(b.vmName)),
      summary: str(drs.summary),
    },
    ha: {
      enabled: bool(ha.enabled) ?? bool(p.haEnabled) ?? haPolicy !== null,
      policy: haPolicy,
      cpuFailoverPct: numOr(fc.cpuFailoverPct) ?? numOr(ha.failoverCapacity),
      memFailoverPct: numOr(fc.memFailoverPct),
      failoverLevel: numOr(fc.failoverLevel),
      satisfied: bool(fc.satisfied),
      summary: str(fc.summary) ?? str(ha.summary),
    },
    dpm: {
      enabled: bool(dpm.enabled) ?? bool(p.dpmEnabled) ?? false,
      standbyHostIds: arr(dpm.standbyHostIds).filter((x): x is string => typeof x === 'string'),
      plan: dpmPlan,
      summary: str(dpm.summary),
    },
  };
}

/** Whether the console may offer Apply: DRS waits for approval in manual and partially automated clusters. */
export function canApply(v: SchedulingView): boolean {
  return v.live && v.drs.moves.length > 0 && (v.drs.automation === 'manual' || v.drs.automation === 'partial');
}

export function isPlacementPolicy(name: string): name is PlacementPolicyName {
  return (PLACEMENT_POLICIES as readonly string[]).includes(name);
}
