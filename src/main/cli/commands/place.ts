/**
 * `vdc place`: where would a VM go, and why? Loads a scenario (or the last checkpoint of a workspace),
 * optionally lets it run for a while so hosts have measured load, asks the engine's placement for the
 * given VM size (or for an existing VM's next host), and prints the explanation per host: the filter
 * that rejected it, or its score per weigher and the total.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  createEngine,
  PLACEMENT_POLICY_NAMES as POLICY_NAMES,
  restoreEngine,
  type Engine,
} from '../../engine';
import { openWorkspaceFile } from '../../service/workspaces';
import { UsageError, type CliCommand, type CliIO } from '../command';
import { emitOutput, JSON_OPTION, OUT_OPTION, outputHelp, toJson } from '../output';
import { loadScenario, parseDurationSec } from './simulate';

const USAGE = [
  'Usage: vdc place (--scenario NAME|FILE.json | --workspace FILE.vdc) (--vm-spec JSON | --vm ID)',
  '                 [--policy P] [--cluster ID] [--after DURATION] [--json] [--out FILE [--force]]',
  '',
  'Explains a placement decision: for every host, the filter that rejected it or its score per weigher.',
  '',
  '  --scenario S    a built-in scenario or a scenario file (default small-lab)',
  '  --workspace F   use the last checkpoint of a workspace file instead',
  '  --vm-spec JSON  the new VM: {"vcpus":4,"memMiB":8192,"cpuReservationMHz":0,"memReservationMiB":0,',
  '                  "clusterId":"…","datastoreIds":["…"],"networkId":"…"} (vcpus and memMiB required)',
  '  --vm ID         explain where an existing VM would move instead',
  `  --policy P      placement policy for this question: ${POLICY_NAMES.join(', ')} (default: the cluster's)`,
  '  --cluster ID    the cluster to place in (needed when the inventory has several; overrides the spec)',
  '  --after D       simulate this long first so hosts have measured load (default 1m; 0 = none)',
  outputHelp('json', 18).replace('the result', 'the explanation'),
  outputHelp('out', 18),
  outputHelp('force', 18),
  '',
  'Exit codes: 0 a host was chosen, 1 no host qualifies or the input cannot be loaded, 2 bad arguments.',
].join('\n');

const VmSpecSchema = z
  .object({
    vcpus: z.number().int().min(1).max(768),
    memMiB: z
      .number()
      .int()
      .min(4)
      .max(24 * 1024 * 1024),
    cpuReservationMHz: z.number().int().min(0).optional(),
    memReservationMiB: z.number().int().min(0).optional(),
    clusterId: z.string().min(1).optional(),
    datastoreIds: z.array(z.string().min(1)).optional(),
    networkId: z.string().min(1).optional(),
  })
  .strict();

interface WeightRow {
  weigher: string;
  raw: number;
  weighted: number;
}
interface HostRow {
  hostId: string;
  hostName: string;
  eligible: boolean;
  score: number;
  reasons: string[];
  rejectedBy?: string | null;
  weights?: WeightRow[];
}

function loadEngine(
  values: { scenario?: string; workspace?: string },
  cwd: string,
): { ok: true; engine: Engine; from: string } | { ok: false; message: string } {
  if (values.workspace !== undefined) {
    const path = resolve(cwd, values.workspace);
    const ws = openWorkspaceFile(path);
    if (!ws.ok) return { ok: false, message: ws.error.message };
    try {
      const snap = ws.value.latestSnapshot();
      const engineSnap = (snap?.snapshot as { engine?: unknown } | null | undefined)?.engine;
      if (!snap || engineSnap === undefined)
        return { ok: false, message: `${path} has no engine checkpoint` };
      const r = restoreEngine(engineSnap);
      return r.ok
        ? { ok: true, engine: r.value, from: `${path} (checkpoint at tick ${snap.tick})` }
        : { ok: false, message: r.error.message };
    } finally {
      ws.value.close();
    }
  }
  const s = loadScenario(values.scenario ?? 'small-lab', cwd);
  if (!s.ok) return s;
  const e = createEngine(s.scenario);
  return e.ok
    ? { ok: true, engine: e.value, from: `scenario ${s.scenario.name}` }
    : { ok: false, message: e.error.message };
}

export function formatExplanation(
  chosen: string | null,
  policy: string,
  hosts: HostRow[],
  summary: string | undefined,
): string {
  const names: string[] = [];
  for (const h of hosts)
    for (const w of h.weights ?? []) if (!names.includes(w.weigher)) names.push(w.weigher);
  const header = ['', 'host', 'verdict', ...names, 'total'];
  const rows = hosts.map((h) => {
    const mark = h.hostId === chosen ? '*' : '';
    if (!h.eligible)
      return [
        mark,
        h.hostName,
        `rejected${h.rejectedBy ? ` by ${h.rejectedBy}` : ''}: ${(h.reasons[0] ?? '').replace(/^[A-Za-z]+Filter: /, '')}`,
        ...names.map(() => ''),
        '',
      ];
    const cells = names.map((n) => {
      const w = (h.weights ?? []).find((x) => x.weigher === n);
      return w
        ? `${w.weighted.toFixed(3)} (${Math.abs(w.raw) >= 100 ? w.raw.toFixed(0) : w.raw.toFixed(2)})`
        : '';
    });
    return [mark, h.hostName, 'eligible', ...cells, h.score.toFixed(3)];
  });
  const widths = header.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const chosenName = hosts.find((h) => h.hostId === chosen)?.hostName;
  const tail = summary ?? (chosenName ? `${policy} chose ${chosenName}` : `${policy}: no host qualifies`);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    tail,
    'weigher cells: weighted score (raw measure)',
  ].join('\n');
}

export const placeCommand: CliCommand = {
  name: 'place',
  summary: 'explain where a VM would be placed and why (filters and weighers per host)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values } = parseArgs({
      args,
      options: {
        scenario: { type: 'string' },
        workspace: { type: 'string' },
        'vm-spec': { type: 'string' },
        vm: { type: 'string' },
        policy: { type: 'string' },
        cluster: { type: 'string' },
        after: { type: 'string' },
        ...JSON_OPTION,
        ...OUT_OPTION,
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.scenario !== undefined && values.workspace !== undefined)
      throw new UsageError('give --scenario or --workspace, not both');
    if ((values['vm-spec'] === undefined) === (values.vm === undefined))
      throw new UsageError('give exactly one of --vm-spec JSON or --vm ID');
    if (values.policy !== undefined && !(POLICY_NAMES as readonly string[]).includes(values.policy))
      throw new UsageError(`unknown --policy "${values.policy}"; valid: ${POLICY_NAMES.join(', ')}`);
    let spec: z.infer<typeof VmSpecSchema> | null = null;
    if (values['vm-spec'] !== undefined) {
      let raw: unknown;
      try {
        raw = JSON.parse(values['vm-spec']);
      } catch (e) {
        throw new UsageError(`--vm-spec is not JSON: ${e instanceof Error ? e.message : String(e)}`);
      }
      const parsed = VmSpecSchema.safeParse(raw);
      if (!parsed.success)
        throw new UsageError(
          `--vm-spec: ${parsed.error.issues
            .slice(0, 4)
            .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
            .join('; ')}`,
        );
      spec = parsed.data;
    }
    const afterSec =
      values.after === undefined ? 60 : values.after === '0' ? 0 : parseDurationSec(values.after, '--after');
    const loaded = loadEngine(values, io.cwd);
    if (!loaded.ok) {
      io.err(`vdc place: ${loaded.message}`);
      return 1;
    }
    const engine = loaded.engine;
    const ticks = Math.ceil(afterSec / engine.tickSeconds);
    for (let i = 0; i < ticks; i++) engine.step();
    const clusterId = values.cluster ?? spec?.clusterId;
    if (values.policy !== undefined) {
      const clusters =
        clusterId !== undefined
          ? [clusterId]
          : engine
              .inventory()
              .flatMap((dc) => (dc.children ?? []).filter((c) => c.kind === 'cluster').map((c) => c.id));
      for (const id of clusters) {
        const r = engine.execute({
          type: 'cluster.configure',
          clusterId: id,
          settings: { placementPolicy: values.policy },
        });
        if (!r.ok) {
          io.err(`vdc place: ${r.error.message}`);
          return 1;
        }
      }
    }
    const query =
      spec !== null
        ? { kind: 'vm' as const, ...spec, ...(clusterId !== undefined ? { clusterId } : {}) }
        : { vmId: values.vm! };
    const r = engine.explainPlacement(query);
    if (!r.ok) {
      io.err(`vdc place: ${r.error.message}`);
      return 1;
    }
    const x = r.value as typeof r.value & { summary?: string };
    const text = values.json
      ? toJson({ from: loaded.from, atSec: engine.time, ...x })
      : `Placement in ${loaded.from} at ${engine.time} s, policy ${x.policy}:\n\n${formatExplanation(x.chosenHostId, x.policy, x.hosts as HostRow[], x.summary)}`;
    if (emitOutput(io, 'place', values, text, 'the explanation') !== 0) return 1;
    return x.chosenHostId !== null ? 0 : 1;
  },
};
