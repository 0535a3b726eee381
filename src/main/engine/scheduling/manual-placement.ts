/**
 * DRS automation "manual" and initial placement [V4]: in a manual cluster vCenter does not place a new or
 * powered-on VM by itself — it presents placement recommendations and the user picks the host (partially
 * and fully automated clusters place automatically). So vm.create and container.create (directly on a
 * host) in a manual cluster without an explicit host are refused with PLACEMENT_CHOICE_REQUIRED: the
 * message names the top recommended hosts, and `details.recommendations` carries every eligible host,
 * best first, as the same placement scorer ranked it (the explanation `explainPlacement` shows), so a
 * client can offer them and send the command again with the chosen `hostId`. Nothing changes on refusal.
 *
 * Automatic controllers are not user placements and stay automatic in a manual cluster: HA restarts
 * (vSphere HA restarts VMs whatever the DRS level [V7]), service replicas and autoscaling (the service
 * controller owns its replicas, like the solutions that deploy agent VMs), and maintenance-mode
 * evacuation (docs/scheduling.md 2.4 explains this deviation from vSphere, where a manual cluster shows
 * evacuation recommendations instead).
 */
import { engineError, type EngineError } from '../api';
import type { World } from '../world/world';
import type { PlacementDecision } from './types';

export const PLACEMENT_CHOICE_REQUIRED = 'PLACEMENT_CHOICE_REQUIRED' as const;
/** Hosts named in the error message; `details.recommendations` holds up to MAX_RECOMMENDATIONS. */
export const TOP_IN_MESSAGE = 3;
export const MAX_RECOMMENDATIONS = 10;

export interface PlacementRecommendation {
  /** 1 = the host the placement policy would choose. */
  rank: number;
  hostId: string;
  hostName: string;
  /** The policy's score (higher is better). */
  score: number;
  /** How the score came about. */
  reasons: string[];
}

/** `details` of a PLACEMENT_CHOICE_REQUIRED error. */
export interface PlacementChoiceDetails {
  clusterId: string;
  clusterName: string;
  automation: 'manual';
  policy: string;
  recommendations: PlacementRecommendation[];
  /** Hosts the filters rejected. */
  rejectedHosts: number;
}

/** True when the cluster's DRS is enabled in manual mode: new guests need an explicit host. */
export function requiresPlacementChoice(w: Readonly<World>, clusterId: string): boolean {
  const drs = w.clusterById.get(clusterId)?.settings.drs;
  return drs !== undefined && drs.enabled && drs.automation === 'manual';
}

/** The eligible hosts of a decision, best first: the chosen one, then by score, ties in inventory order. */
export function rankedRecommendations(
  d: PlacementDecision,
  max = MAX_RECOMMENDATIONS,
): PlacementRecommendation[] {
  const eligible = d.verdicts.map((v, i) => ({ v, i })).filter((x) => x.v.eligible);
  eligible.sort(
    (a, b) =>
      Number(b.v.hostId === d.hostId) - Number(a.v.hostId === d.hostId) || b.v.score - a.v.score || a.i - b.i,
  );
  return eligible.slice(0, max).map((x, k) => ({
    rank: k + 1,
    hostId: x.v.hostId,
    hostName: x.v.hostName,
    score: x.v.score,
    reasons: [...x.v.reasons],
  }));
}

/** The refusal for a guest (`what`, e.g. `VM "web-1"`) that the policy could place (d.hostId set). */
export function placementChoiceError(
  w: Readonly<World>,
  clusterId: string,
  d: PlacementDecision,
  what: string,
): EngineError {
  const cl = w.clusterById.get(clusterId);
  const recs = rankedRecommendations(d);
  const top = recs
    .slice(0, TOP_IN_MESSAGE)
    .map((r) => `${r.rank}. ${r.hostName}`)
    .join(', ');
  const details: PlacementChoiceDetails = {
    clusterId,
    clusterName: cl?.name ?? clusterId,
    automation: 'manual',
    policy: d.policy,
    recommendations: recs,
    rejectedHosts: d.verdicts.filter((v) => !v.eligible).length,
  };
  return engineError(
    PLACEMENT_CHOICE_REQUIRED,
    `Cluster ${details.clusterName} is in manual DRS mode: choose the host for ${what}. Recommended: ${top}. Send the command again with a hostId.`,
    details as unknown as Record<string, unknown>,
  );
}
