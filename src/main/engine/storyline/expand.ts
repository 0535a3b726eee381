/**
 * Turns a due timeline step into engine commands, reading the engine's current state where needed
 * (which VMs a spike hits and what their demand is now). A spike remembers the workloads it replaced
 * so its end step puts exactly those back.
 */
import type { Command } from '../model/commands';
import type { ClusterSettings, WorkloadSpec } from '../model/scenario';
import type { TimelineStep } from './timeline';
import type { SimEngine, StoryEvent } from './types';
import { vmsOfTarget, workloadOfVm } from './world-view';

/** Workloads replaced by running spikes, per event index: restored by the spike's end step. */
export type SpikeMemo = Map<number, { vmId: string; workload: WorkloadSpec }[]>;

const cap = (pct: number): number => Math.min(100, Math.round(pct * 100) / 100);

function spikeStart(
  engine: SimEngine,
  e: Extract<StoryEvent, { type: 'loadSpike' }>,
  index: number,
  memo: SpikeMemo,
): Command[] {
  const saved: { vmId: string; workload: WorkloadSpec }[] = [];
  const commands: Command[] = [];
  for (const vmId of vmsOfTarget(engine, e.targetId)) {
    const workload = workloadOfVm(engine, vmId);
    if (!workload) continue;
    saved.push({ vmId, workload });
    commands.push({
      type: 'vm.configure',
      vmId,
      workload: {
        ...workload,
        cpuBasePct: cap(workload.cpuBasePct * e.factor),
        cpuPeakPct: cap(workload.cpuPeakPct * e.factor),
      },
    });
  }
  memo.set(index, saved);
  return commands;
}

function growth(engine: SimEngine, e: Extract<StoryEvent, { type: 'growthRamp' }>): Command[] {
  const commands: Command[] = [];
  for (const vmId of vmsOfTarget(engine, e.targetId)) {
    const workload = workloadOfVm(engine, vmId);
    if (workload)
      commands.push({
        type: 'vm.configure',
        vmId,
        workload: { ...workload, growthPctPerMonth: e.growthPctPerMonth },
      });
  }
  return commands;
}

/** The commands a step issues, in order. */
export function commandsOf(engine: SimEngine, e: StoryEvent, step: TimelineStep, memo: SpikeMemo): Command[] {
  const start = step.phase === 'start';
  switch (e.type) {
    case 'caption':
      return [];
    case 'command':
      return start ? [e.command] : [];
    case 'loadSpike': {
      if (start) return spikeStart(engine, e, step.index, memo);
      const saved = memo.get(step.index) ?? [];
      memo.delete(step.index);
      return saved.map(({ vmId, workload }) => ({ type: 'vm.configure', vmId, workload }));
    }
    case 'growthRamp':
      return start ? growth(engine, e) : [];
    case 'hostFailure':
      return [start ? { type: 'host.fail', hostId: e.hostId } : { type: 'host.repair', hostId: e.hostId }];
    case 'datastoreFill':
      return start
        ? [
            {
              type: 'vm.create',
              clusterId: e.clusterId,
              powerOn: false,
              spec: {
                name: e.name ?? `fill-${e.datastoreId}-${e.at}`,
                vcpus: 1,
                memMiB: 512,
                disks: [{ sizeGiB: e.sizeGiB, thin: false, datastoreId: e.datastoreId }],
                workload: { pattern: 'constant', cpuBasePct: 0, cpuPeakPct: 0, memActivePct: 0 },
              },
            },
          ]
        : [];
    case 'maintenance':
      return [{ type: 'host.maintenance', hostId: e.hostId, enter: start }];
    case 'drs':
      return start
        ? [
            {
              type: 'cluster.configure',
              clusterId: e.clusterId,
              // The engine merges a settings patch field by field: unspecified DRS fields keep their values.
              settings: {
                drs: {
                  enabled: e.enabled,
                  ...(e.automation ? { automation: e.automation } : {}),
                  ...(e.threshold ? { threshold: e.threshold } : {}),
                } as ClusterSettings['drs'],
              },
            },
          ]
        : [];
    case 'policy':
      return start ? [{ type: 'cluster.configure', clusterId: e.clusterId, settings: e.settings }] : [];
    default: {
      const never: never = e;
      throw new Error(`unknown story event ${JSON.stringify(never)}`);
    }
  }
}
