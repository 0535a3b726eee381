/**
 * Checks a storyline (or a lab's drill events) against the scenario it runs on, beyond what a schema
 * can see: times inside the show, and every id naming an object the scenario has, of the right kind.
 * Each problem names the entry, e.g. `events[3] (hostFailure at 600 s): host "esx-9" does not exist`.
 */
import type { EntityKind } from '../api';
import type { Scenario } from '../model/scenario';
import type { StoryEvent } from './types';

export type IdKind = EntityKind;

/** Every id of the scenario with its kind. */
export function scenarioIds(s: Scenario): Map<string, IdKind> {
  const ids = new Map<string, IdKind>();
  const add = (list: readonly { id: string }[], kind: IdKind): void => {
    for (const o of list) ids.set(o.id, kind);
  };
  add(s.datacenters, 'datacenter');
  add(s.clusters, 'cluster');
  add(s.hosts, 'host');
  add(s.datastores, 'datastore');
  add(s.networks, 'network');
  add(s.vms, 'vm');
  add(s.containers, 'container');
  add(s.services, 'service');
  add(s.resourcePools ?? [], 'pool');
  return ids;
}

/** Command fields that name an object, with the kind they must name. */
const COMMAND_REFS: readonly [string, IdKind][] = [
  ['vmId', 'vm'],
  ['hostId', 'host'],
  ['clusterId', 'cluster'],
  ['datastoreId', 'datastore'],
  ['serviceId', 'service'],
  ['containerId', 'container'],
  ['networkId', 'network'],
];

/** The [field, id, kind] references an event makes. */
export function eventRefs(e: StoryEvent): [string, string, IdKind | 'any'][] {
  switch (e.type) {
    case 'caption':
      return [];
    case 'command': {
      const c = e.command as unknown as Record<string, unknown>;
      const refs: [string, string, IdKind][] = [];
      for (const [field, kind] of COMMAND_REFS) {
        const v = c[field];
        if (typeof v === 'string') refs.push([`command.${field}`, v, kind]);
      }
      const spec = c['spec'] as { disks?: { datastoreId?: unknown }[]; networkId?: unknown } | undefined;
      spec?.disks?.forEach((d, i) => {
        if (typeof d.datastoreId === 'string')
          refs.push([`command.spec.disks[${i}].datastoreId`, d.datastoreId, 'datastore']);
      });
      if (typeof spec?.networkId === 'string')
        refs.push(['command.spec.networkId', spec.networkId, 'network']);
      return refs;
    }
    case 'loadSpike':
    case 'growthRamp':
      return [['targetId', e.targetId, 'any']];
    case 'hostFailure':
    case 'maintenance':
      return [['hostId', e.hostId, 'host']];
    case 'datastoreFill':
      return [
        ['datastoreId', e.datastoreId, 'datastore'],
        ['clusterId', e.clusterId, 'cluster'],
      ];
    case 'drs':
    case 'policy':
      return [['clusterId', e.clusterId, 'cluster']];
    default: {
      const never: never = e;
      throw new Error(`unknown story event ${JSON.stringify(never)}`);
    }
  }
}

export function eventLabel(listName: string, i: number, e: { type: string; at: number }): string {
  return `${listName}[${i}] (${e.type} at ${e.at} s)`;
}

/** Problems of a list of events on a scenario; empty when the events can run. */
export function eventProblems(
  events: readonly StoryEvent[],
  scenario: Scenario,
  endSec: number,
  listName = 'events',
): string[] {
  const ids = scenarioIds(scenario);
  const problems: string[] = [];
  events.forEach((e, i) => {
    const label = eventLabel(listName, i, e);
    if (!(e.at >= 0)) problems.push(`${label}: the time must not be negative`);
    else if (e.at > endSec) problems.push(`${label}: the time is after the end (${endSec} s)`);
    for (const [field, id, kind] of eventRefs(e)) {
      const found = ids.get(id);
      if (found === undefined)
        problems.push(`${label}: ${field} "${id}" does not exist in the scenario "${scenario.name}"`);
      else if (kind !== 'any' && found !== kind)
        problems.push(`${label}: ${field} "${id}" is a ${found}, not a ${kind}`);
    }
  });
  return problems;
}

/** Problems of ids listed outside events (e.g. the presenter's chart focus). */
export function idProblems(label: string, list: readonly string[], scenario: Scenario): string[] {
  const ids = scenarioIds(scenario);
  return list
    .filter((id) => !ids.has(id))
    .map((id) => `${label}: "${id}" does not exist in the scenario "${scenario.name}"`);
}
