/** Handlers of the demo and training methods (see src/shared/contract-demo.ts and src/main/service/demo). */
import { dirname, join } from 'node:path';
import type { ParsedParams } from '../../shared/contract';
import type { demoContract } from '../../shared/contract-demo';
import type { HandlersOf } from './handlers';
import { apiErr, apiOk, type ApiResult } from '../../shared/errors';
import type { Lab } from '../engine/labs';
import type { Storyline } from '../engine/storyline';
import type { VdcService } from './vdc-service';
import { builtinLab, builtinLabs, builtinStoryline, builtinStorylines } from './demo/builtin';
import { DemoController } from './demo/controller';
import { readLive, runLiveTaskJob } from './live-state';
import { loadLab, loadStoryline } from './demo/load';
import { recordingToStoryline } from './demo/recording';
import { labInfo, storylineInfo } from './demo/views';
import { freeWorkspacePath, workspaceDisplayName } from './workspaces';
import { deliver, fileTarget } from './files/targets';
import type { DownloadRef } from '../../shared/files';

type P<M extends 'storyline.start' | 'lab.start' | 'recording.export'> = ParsedParams<M>;

export function makeDemoHandlers(svc: VdcService): HandlersOf<keyof typeof demoContract> {
  const demo = new DemoController(svc);

  const storylineStart = (p: P<'storyline.start'>) => {
    const input: unknown = p.id !== undefined ? builtinStoryline(p.id) : p.storyline;
    if (input === undefined)
      return apiErr(
        'NOT_FOUND',
        `There is no built-in storyline "${p.id}" (known: ${builtinStorylines()
          .map((s) => s.id)
          .join(', ')}).`,
      );
    const loaded = loadStoryline(input, p.id ?? 'the storyline');
    if (!loaded.ok) return loaded;
    return demo.startStoryline(
      loaded.value.storyline as Storyline,
      loaded.value.scenario,
      p.speed,
      p.play ?? true,
    );
  };

  const labStart = (p: P<'lab.start'>) => {
    const input: unknown = p.id !== undefined ? builtinLab(p.id) : p.lab;
    if (input === undefined)
      return apiErr(
        'NOT_FOUND',
        `There is no built-in lab "${p.id}" (known: ${builtinLabs()
          .map((l) => l.id)
          .join(', ')}).`,
      );
    const loaded = loadLab(input, p.id ?? 'the lab');
    if (!loaded.ok) return loaded;
    return demo.startLab(loaded.value.lab as Lab, loaded.value.scenario, p.speed, p.play ?? true);
  };

  const recording = () => {
    const s = svc.session;
    if (!s?.workspace)
      return apiErr('NO_WORKSPACE', 'Recordings live in a workspace file; open or create one first.');
    s.flush();
    const meta = s.workspace.meta();
    const commands = s.workspace.commandsAfter(0).map((c) => ({ tick: c.tick, command: c.command }));
    return apiOk({ meta, commands, engine: s.engine });
  };

  return {
    'storyline.list': () => apiOk(builtinStorylines().map(storylineInfo)),
    'storyline.start': (_c: string, p: P<'storyline.start'>) => storylineStart(p),
    'storyline.control': (_c: string, p: ParsedParams<'storyline.control'>) => demo.control(p.action),
    'storyline.state': () => apiOk(demo.storylineState()),
    'lab.list': () => apiOk(builtinLabs().map(labInfo)),
    'lab.start': (_c: string, p: P<'lab.start'>) => labStart(p),
    'lab.state': () => apiOk(demo.labState()),
    'lab.hint': () => demo.hint(),
    'recording.export': (
      _c: string,
      p: P<'recording.export'>,
    ): ApiResult<{
      storyline: unknown;
      commandCount: number;
      path: string | null;
      download?: DownloadRef;
    }> => {
      const r = recording();
      if (!r.ok) return r;
      const target = fileTarget(svc, p, 'recording', 'recording.export');
      if (!target.ok) return target;
      const { meta, commands, engine } = r.value;
      const name = workspaceDisplayName(svc.session!.workspace!.path);
      const storyline = recordingToStoryline(
        {
          scenario: meta.scenario,
          seed: meta.seed,
          tickSeconds: meta.tickSeconds,
          endTime: engine.time,
          commands,
        },
        {
          id: 'recording',
          ...(p.title
            ? { title: { en: p.title } }
            : { title: { en: `Recording of ${name}`, 'zh-CN': `${name} 的录制` } }),
        },
      );
      // The title is data inside JSON (JSON.stringify escapes it); nothing ever runs it.
      if (target.value.kind === 'inline')
        return apiOk({ storyline, commandCount: commands.length, path: null });
      const written = deliver(
        svc,
        target.value,
        `${name}.storyline.json`,
        `${JSON.stringify(storyline, null, 2)}\n`,
        'application/json; charset=utf-8',
        'recording.export',
      );
      if (!written.ok) return written;
      return apiOk({ storyline, commandCount: commands.length, ...written.value });
    },
    'recording.verify': () => {
      const session = svc.session;
      const ws = session?.workspace;
      if (!session || !ws)
        return apiErr('NO_WORKSPACE', 'Recordings live in a workspace file; open or create one first.');
      // The live run's hash is read in slices with the clock held (its state the same throughout), then
      // the replay builds and runs a whole engine in a thread of its own: the service never waits on
      // either. The live run goes on after the hash: the replay compares with the state at that point.
      return runLiveTaskJob<
        {
          liveHash: string;
          ticks: number;
          scenario: unknown;
          seed: number;
          commands: { tick: number; command: unknown }[];
        },
        { runHash: string }
      >(
        svc.jobs,
        'recording.verify',
        'Reading the live simulation',
        () =>
          readLive(
            session,
            'Hashing the live simulation',
            (engine) => engine.runHashSteps(),
            (liveHash, engine) => {
              // Commands are written to the file as they are accepted: the log matches this state.
              const meta = ws.meta();
              const commands = ws.commandsAfter(0).map((c) => ({ tick: c.tick, command: c.command }));
              return apiOk({
                liveHash,
                ticks: engine.tick,
                scenario: meta.scenario,
                seed: meta.seed,
                commands,
              });
            },
            () => svc.session === session,
          ),
        (live) => ({
          label: `Replaying ${live.commands.length} command(s) over ${live.ticks} ticks`,
          task: {
            kind: 'replay',
            scenario: live.scenario,
            seed: live.seed,
            commands: live.commands,
            untilTick: live.ticks,
          },
        }),
      ).then((r) =>
        r.ok
          ? apiOk({
              identical: r.value.prepared.liveHash === r.value.result.runHash,
              liveHash: r.value.prepared.liveHash,
              replayHash: r.value.result.runHash,
              commandCount: r.value.prepared.commands.length,
              ticks: r.value.prepared.ticks,
            })
          : r,
      );
    },
    'demo.reset': () => demo.reset(),
    'demo.branch': () => {
      const ws = svc.session?.workspace;
      if (!ws) return apiErr('NO_WORKSPACE', 'Branching needs a workspace file; open or create one first.');
      const base = workspaceDisplayName(ws.path).replace(/ branch( \d+)?$/, '');
      return demo.branch(freeWorkspacePath(join(dirname(ws.path)), `${base} branch`));
    },
    'demo.return': () => demo.returnFromBranch(),
  };
}
