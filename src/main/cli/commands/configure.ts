/**
 * `vdc configure`: changes one setting of one object in a workspace, as the console does (issue 20: the
 * resource-management settings — resource pools and vApps, a host's NUMA/hyper-threading topology, a VM's
 * virtualization layers, disk IOPS shares and limits, managed runtime, a datastore's Storage I/O Control —
 * and, through `command`, any engine command as JSON). The change is an engine command executed at the
 * workspace's current simulated time and logged in its command log, exactly like a click in the console:
 * the next `vdc simulate --workspace` (or the console) continues with it. A refused change says why and
 * changes nothing.
 */
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeZodError } from '../../../shared/errors';
import { CommandSchema } from '../../../shared/schemas/commands';
import type { Command } from '../../engine';
import { openRecordedRun } from '../../service/headless';
import { UsageError, type CliCommand, type CliIO } from '../command';
import { emitOutput, JSON_OPTION, OUT_OPTION, outputHelp, refuseExistingOutput, toJson } from '../output';

const USAGE = [
  'Usage: vdc configure --workspace FILE.vdc <object> <change> [ID …] [options] [--json] [--out FILE [--force]]',
  '',
  'Changes a setting of one object in a workspace as the console does: a command executed at the',
  "workspace's current simulated time and kept in its command log (the console and the next",
  '`vdc simulate --workspace` continue with it). A refused change says why and changes nothing.',
  '',
  'Resource pools and vApps (ALLOC below):',
  '  pool create --cluster ID [--parent POOL] --name NAME [--vapp] [ALLOC]',
  '  pool set POOL [--name NAME] [ALLOC]',
  '  pool move POOL --to PARENT      PARENT: another pool of its cluster, or the cluster id (its root)',
  '  pool delete POOL                its VMs and child pools move to its parent',
  '  pool add-vm POOL VM             move a VM into the pool (POOL = the cluster id: its root)',
  '  pool power POOL on|off          a vApp: its VMs in start order (off: in reverse)',
  '  ALLOC: --cpu-shares low|normal|high|N  --cpu-reservation MHZ  --cpu-limit MHZ|unlimited',
  '         --cpu-expandable yes|no, and --mem-shares, --mem-reservation MIB, --mem-limit, --mem-expandable',
  'Hosts:',
  '  host topology HOST --numa-nodes N --threads-per-core 1|2    (or --flat; the host must run no VM)',
  'VMs:',
  '  vm layers VM [--nested yes|no] [--passthrough DEV,DEV|none] (the VM must be powered off)',
  '  vm disk-io VM --disk N [--iops-shares low|normal|high|N] [--iops-limit N|none]',
  '  vm runtime VM --runtime jvm|clr|wasm --heap MIB             (or --runtime none)',
  'Datastores:',
  '  datastore sioc DS on|off [--threshold MS]                    (congestion threshold, default 30)',
  'Any engine command (docs/model.md lists them):',
  `  command '{"type":"vm.create","spec":{…},"poolId":"pool-1","powerOn":true}'`,
  '',
  '  --workspace F  the workspace file (.vdc) to change; it must exist',
  outputHelp('json'),
  outputHelp('out'),
  outputHelp('force'),
  '',
  'Exit codes: 0 applied, 1 refused (the message says why) or the workspace cannot be opened, 2 bad usage.',
].join('\n');

const OPTIONS = {
  workspace: { type: 'string' },
  cluster: { type: 'string' },
  parent: { type: 'string' },
  name: { type: 'string' },
  vapp: { type: 'boolean' },
  to: { type: 'string' },
  'cpu-shares': { type: 'string' },
  'cpu-reservation': { type: 'string' },
  'cpu-limit': { type: 'string' },
  'cpu-expandable': { type: 'string' },
  'mem-shares': { type: 'string' },
  'mem-reservation': { type: 'string' },
  'mem-limit': { type: 'string' },
  'mem-expandable': { type: 'string' },
  'numa-nodes': { type: 'string' },
  'threads-per-core': { type: 'string' },
  flat: { type: 'boolean' },
  nested: { type: 'string' },
  passthrough: { type: 'string' },
  disk: { type: 'string' },
  'iops-shares': { type: 'string' },
  'iops-limit': { type: 'string' },
  runtime: { type: 'string' },
  heap: { type: 'string' },
  threshold: { type: 'string' },
  ...JSON_OPTION,
  ...OUT_OPTION,
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

function int(flag: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n))
    throw new UsageError(`--${flag} must be a whole number, got "${raw}"`);
  return n;
}
function yesNo(flag: string, raw: string): boolean {
  if (raw === 'yes' || raw === 'true') return true;
  if (raw === 'no' || raw === 'false') return false;
  throw new UsageError(`--${flag} must be yes or no, got "${raw}"`);
}
function shares(flag: string, raw: string): 'low' | 'normal' | 'high' | number {
  return raw === 'low' || raw === 'normal' || raw === 'high' ? raw : int(flag, raw);
}
const str = (v: Values, k: keyof typeof OPTIONS): string | undefined =>
  typeof v[k] === 'string' ? v[k] : undefined;

/** A pool allocation from --cpu-… or --mem-… (undefined when none is given). */
function alloc(v: Values, r: 'cpu' | 'mem'): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const s = str(v, `${r}-shares`);
  if (s !== undefined) out['shares'] = shares(`${r}-shares`, s);
  const res = str(v, `${r}-reservation`);
  if (res !== undefined) out['reservation'] = int(`${r}-reservation`, res);
  const lim = str(v, `${r}-limit`);
  if (lim !== undefined) out['limit'] = lim === 'unlimited' ? null : int(`${r}-limit`, lim);
  const ex = str(v, `${r}-expandable`);
  if (ex !== undefined) out['expandable'] = yesNo(`${r}-expandable`, ex);
  return Object.keys(out).length > 0 ? out : undefined;
}

function need(flag: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`--${flag} is required here`);
  return value;
}
function ids(pos: string[], count: number, what: string): string[] {
  if (pos.length !== count) throw new UsageError(`give ${what}`);
  return pos;
}

/** The engine command a `<object> <change> …` line asks for (not yet validated by the schema). */
export function commandOf(positionals: string[], v: Values): unknown {
  const [object, change, ...rest] = positionals;
  const key = `${object ?? ''} ${change ?? ''}`;
  switch (key) {
    case 'pool create':
      ids(rest, 0, 'no id to pool create (it takes --cluster and --name)');
      return {
        type: 'pool.create',
        clusterId: need('cluster', str(v, 'cluster')),
        ...(str(v, 'parent') !== undefined ? { parentId: str(v, 'parent') } : {}),
        name: need('name', str(v, 'name')),
        ...(alloc(v, 'cpu') ? { cpu: alloc(v, 'cpu') } : {}),
        ...(alloc(v, 'mem') ? { mem: alloc(v, 'mem') } : {}),
        ...(v.vapp === true ? { vapp: true } : {}),
      };
    case 'pool set': {
      const [poolId] = ids(rest, 1, 'the pool: pool set POOL');
      return {
        type: 'pool.configure',
        poolId,
        ...(str(v, 'name') !== undefined ? { name: str(v, 'name') } : {}),
        ...(alloc(v, 'cpu') ? { cpu: alloc(v, 'cpu') } : {}),
        ...(alloc(v, 'mem') ? { mem: alloc(v, 'mem') } : {}),
      };
    }
    case 'pool move': {
      const [poolId] = ids(rest, 1, 'the pool: pool move POOL --to PARENT');
      return { type: 'pool.move', poolId, parentId: need('to', str(v, 'to')) };
    }
    case 'pool delete': {
      const [poolId] = ids(rest, 1, 'the pool: pool delete POOL');
      return { type: 'pool.delete', poolId };
    }
    case 'pool add-vm': {
      const [poolId, vmId] = ids(rest, 2, 'the pool and the VM: pool add-vm POOL VM');
      return { type: 'pool.moveVm', vmId, poolId };
    }
    case 'pool power': {
      const [poolId, action] = ids(rest, 2, 'the vApp and on or off: pool power POOL on|off');
      if (action !== 'on' && action !== 'off')
        throw new UsageError(`pool power takes on or off, got "${action}"`);
      return { type: 'pool.power', poolId, action };
    }
    case 'host topology': {
      const [hostId] = ids(rest, 1, 'the host: host topology HOST');
      if (v.flat === true) {
        if (str(v, 'numa-nodes') !== undefined || str(v, 'threads-per-core') !== undefined)
          throw new UsageError('give --flat or --numa-nodes/--threads-per-core, not both');
        return { type: 'host.topology', hostId, topology: null };
      }
      return {
        type: 'host.topology',
        hostId,
        topology: {
          numaNodes: int('numa-nodes', need('numa-nodes', str(v, 'numa-nodes'))),
          threadsPerCore: int('threads-per-core', need('threads-per-core', str(v, 'threads-per-core'))),
        },
      };
    }
    case 'vm layers': {
      const [vmId] = ids(rest, 1, 'the VM: vm layers VM');
      const nested = str(v, 'nested');
      const pass = str(v, 'passthrough');
      if (nested === undefined && pass === undefined) throw new UsageError('give --nested or --passthrough');
      return {
        type: 'vm.layers',
        vmId,
        ...(nested !== undefined ? { nested: yesNo('nested', nested) } : {}),
        ...(pass !== undefined
          ? { passthrough: pass === 'none' ? [] : pass.split(',').map((d) => d.trim()) }
          : {}),
      };
    }
    case 'vm disk-io': {
      const [vmId] = ids(rest, 1, 'the VM: vm disk-io VM --disk N');
      const sh = str(v, 'iops-shares');
      const lim = str(v, 'iops-limit');
      if (sh === undefined && lim === undefined) throw new UsageError('give --iops-shares or --iops-limit');
      return {
        type: 'vm.disk.io',
        vmId,
        index: int('disk', need('disk', str(v, 'disk'))),
        ...(sh !== undefined ? { iopsShares: shares('iops-shares', sh) } : {}),
        ...(lim !== undefined ? { iopsLimit: lim === 'none' ? null : int('iops-limit', lim) } : {}),
      };
    }
    case 'vm runtime': {
      const [vmId] = ids(rest, 1, 'the VM: vm runtime VM --runtime KIND --heap MIB');
      const kind = need('runtime', str(v, 'runtime'));
      if (kind === 'none') return { type: 'vm.runtime', vmId, runtime: null };
      return {
        type: 'vm.runtime',
        vmId,
        runtime: { kind, heapMiB: int('heap', need('heap', str(v, 'heap'))) },
      };
    }
    case 'datastore sioc': {
      const [datastoreId, onOff] = ids(rest, 2, 'the datastore and on or off: datastore sioc DS on|off');
      if (onOff !== 'on' && onOff !== 'off')
        throw new UsageError(`datastore sioc takes on or off, got "${onOff}"`);
      const th = str(v, 'threshold');
      return {
        type: 'datastore.sioc',
        datastoreId,
        enabled: onOff === 'on',
        ...(th !== undefined ? { thresholdMs: int('threshold', th) } : {}),
      };
    }
    default:
      if (object === 'command') {
        const [json] = ids(positionals.slice(1), 1, 'one command as JSON: command \'{"type":…}\'');
        try {
          return JSON.parse(json!) as unknown;
        } catch (e) {
          throw new UsageError(`command: not JSON (${e instanceof Error ? e.message : String(e)})`);
        }
      }
      throw new UsageError(
        object === undefined
          ? 'say what to change: e.g. vdc configure --workspace lab.vdc pool set pool-1 --cpu-shares high'
          : `unknown change "${key.trim()}"`,
      );
  }
}

export const configureCommand: CliCommand = {
  name: 'configure',
  summary:
    'change a setting of one object in a workspace (pools, host topology, VM layers, disk I/O, SIOC, …)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    const raw = commandOf(positionals, values as Values);
    const parsed = CommandSchema.safeParse(raw);
    if (!parsed.success) throw new UsageError(`the change is not valid: ${describeZodError(parsed.error)}`);
    const command = parsed.data as Command;
    refuseExistingOutput(io, values);
    const file = need('workspace', values.workspace);
    const path = resolve(io.cwd, file);
    if (!path.endsWith('.vdc')) throw new UsageError(`--workspace must name a .vdc file, got "${file}"`);
    if (!existsSync(path)) {
      io.err(
        `vdc configure: ${path} does not exist (create it with vdc simulate --workspace or the console)`,
      );
      return 1;
    }
    const run = openRecordedRun({ path, scenario: null });
    if (!run.ok) {
      io.err(`vdc configure: ${run.error.message}`);
      return 1;
    }
    const session = run.value.session;
    const time = session.engine.time;
    const r = session.execute(command);
    const done = run.value.finish();
    if (!r.ok) {
      io.err(`vdc configure: refused, nothing changed: ${r.error.message}`);
      return 1;
    }
    if (!done.ok) {
      io.err(`vdc configure: the change could not be saved in ${path}: ${done.error.message}`);
      return 1;
    }
    const result = { workspace: path, time, command, ...r.value };
    const text = [
      `${command.type} applied to ${path} at ${(time / 3600).toFixed(2)} h simulated`,
      ...(r.value.createdId !== undefined ? [`created ${r.value.createdId}`] : []),
      ...(r.value.taskId !== undefined
        ? [`task ${r.value.taskId} (it runs when the simulation continues)`]
        : []),
    ].join('\n');
    return emitOutput(io, 'configure', values, values.json ? toJson(result) : text);
  },
};
