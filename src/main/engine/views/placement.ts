/** explainPlacement: where a guest would go and why each host is or is not eligible. */
import { engineError, err, ok, type Result } from '../api';
import { commandsIntProblems } from './query-checks';
import type { PlacementExplanation, PlacementQuery } from '../model/views';
import type { PlacementDecision } from '../scheduling';
import { chooseContainerTarget } from '../ops/container-place';
import { freshBook, place, vmRequest } from '../ops/requests';
import type { World } from '../world/world';

export function explainPlacement(
  w: World,
  q: PlacementQuery | Record<string, unknown>,
): Result<PlacementExplanation> {
  if (!q || typeof q !== 'object')
    return err(
      engineError(
        'INVALID_ARGUMENT',
        'A placement query is an object: { vmId } or { kind: "vm", vcpus, memMiB } or { kind: "container", cpuRequestMilli, memRequestMiB }.',
      ),
    );
  const book = freshBook(w);
  if ('vmId' in q) {
    const vm = w.vmById.get(String(q.vmId));
    if (!vm) return err(engineError('NOT_FOUND', `No VM with id "${String(q.vmId)}" exists.`));
    const exclude = Array.isArray(q.excludeHostIds) ? q.excludeHostIds.map(String) : [vm.hostId];
    const d = place(w, book, vmRequest(w, vm, 'migrate', exclude));
    return ok(explained(w, d));
  }
  const kind = (q as { kind?: unknown }).kind;
  const clusterId =
    typeof (q as { clusterId?: unknown }).clusterId === 'string'
      ? (q as { clusterId: string }).clusterId
      : w.clusters.length === 1
        ? w.clusters[0]!.id
        : null;
  if (clusterId !== null && !w.clusterById.has(clusterId))
    return err(engineError('NOT_FOUND', `No cluster with id "${clusterId}" exists.`));
  if (kind === 'vm') {
    const v = q as {
      vcpus?: unknown;
      memMiB?: unknown;
      cpuReservationMHz?: unknown;
      memReservationMiB?: unknown;
      datastoreIds?: unknown;
      networkId?: unknown;
    };
    const problems = commandsIntProblems({
      vcpus: [v.vcpus, 1, 768],
      memMiB: [v.memMiB, 4, 24 * 1024 * 1024],
      cpuReservationMHz: [v.cpuReservationMHz ?? 0, 0, 1e7],
      memReservationMiB: [v.memReservationMiB ?? 0, 0, 24 * 1024 * 1024],
    });
    if (problems.length > 0) return err(engineError('INVALID_ARGUMENT', problems.join('; ')));
    const d = place(w, book, {
      guest: {
        vcpus: v.vcpus as number,
        memMiB: v.memMiB as number,
        cpuReservationMHz: (v.cpuReservationMHz as number) ?? 0,
        memReservationMiB: (v.memReservationMiB as number) ?? 0,
        requestMilli: 0,
        isContainer: false,
      },
      cpuDemandMHz: 0,
      guestId: null,
      datastoreIds: Array.isArray(v.datastoreIds) ? v.datastoreIds.map(String) : [],
      networkId: typeof v.networkId === 'string' ? v.networkId : null,
      clusterId,
      excludeHostIds: [],
      antiAffinityServiceId: null,
      reason: 'initial',
    });
    return ok(explained(w, d));
  }
  if (kind === 'container') {
    const c = q as { cpuRequestMilli?: unknown; memRequestMiB?: unknown };
    const problems = commandsIntProblems({
      cpuRequestMilli: [c.cpuRequestMilli, 1, 1e6],
      memRequestMiB: [c.memRequestMiB, 1, 24 * 1024 * 1024],
    });
    if (problems.length > 0) return err(engineError('INVALID_ARGUMENT', problems.join('; ')));
    if (clusterId === null)
      return err(engineError('INVALID_ARGUMENT', 'give a clusterId: the inventory has several clusters'));
    const r = chooseContainerTarget(
      w,
      {
        cpuRequestMilli: c.cpuRequestMilli as number,
        memRequestMiB: c.memRequestMiB as number,
        clusterId,
        antiAffinityServiceId: null,
      },
      book,
    );
    const target = r.target === null ? null : 'hostId' in r.target ? r.target.hostId : r.target.vmId;
    const where =
      r.target === null
        ? ''
        : 'hostId' in r.target
          ? (w.hostById.get(r.target.hostId)?.name ?? r.target.hostId)
          : `container-host VM ${w.vmById.get(r.target.vmId)?.name ?? r.target.vmId}`;
    return ok({
      chosenHostId: target,
      policy: 'containers',
      summary: r.target === null ? `No target: ${r.why}` : `The container would run on ${where}.`,
      hosts:
        r.target === null
          ? [
              {
                hostId: '',
                hostName: '',
                eligible: false,
                score: 0,
                reasons: [r.why],
                rejectedBy: 'ContainerFit',
                weights: [],
              },
            ]
          : [],
    });
  }
  return err(engineError('INVALID_ARGUMENT', 'kind must be "vm" or "container", or give a vmId.'));
}

/** The scheduler's decision as the view shows it: every verdict with its filter or weights, and a summary. */
function explained(w: World, d: PlacementDecision): PlacementExplanation {
  const chosen = d.hostId !== null ? (w.hostById.get(d.hostId)?.name ?? d.hostId) : null;
  const eligible = d.verdicts.filter((v) => v.eligible).length;
  const summary =
    d.summary ??
    (chosen !== null
      ? `${chosen} was chosen among ${eligible} eligible host(s) by ${d.policy}.`
      : `No host qualified (${d.verdicts.length} checked).`);
  return {
    chosenHostId: d.hostId,
    policy: d.policy,
    summary,
    ...(d.summary !== undefined && d.summaryMsg ? { summaryMsg: d.summaryMsg } : {}),
    hosts: d.verdicts.map((v) => ({
      hostId: v.hostId,
      hostName: v.hostName,
      eligible: v.eligible,
      score: v.score,
      reasons: v.reasons,
      rejectedBy: v.eligible ? null : (v.rejectedBy ?? null),
      weights: (v.weights ?? []).map((x) => ({ ...x })),
      ...(v.reasonMsgs ? { reasonMsgs: v.reasonMsgs } : {}),
    })),
  };
}
