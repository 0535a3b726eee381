/** API views of the running storyline and lab (shapes in src/shared/contract-demo.ts). */
import type {
  CaptionView,
  LabInfoView,
  LabStateView,
  StorylineStateView,
} from '../../../shared/contract-demo';
import type { Lab, LabProgress } from '../../engine/labs';
import type { StoryShow, Storyline } from '../../engine/storyline';
import type { Session } from '../session';

export function storylineInfo(s: Storyline) {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    durationSec: s.durationSec,
    eventCount: s.events.length,
  };
}

export function labInfo(l: Lab): LabInfoView {
  return {
    id: l.id,
    order: l.order,
    level: l.level,
    title: l.title,
    goal: l.goal,
    durationSec: l.durationSec,
    hintCount: l.hints.length,
  };
}

export function storylineState(
  s: Storyline,
  show: StoryShow,
  caption: CaptionView | null,
  session: Session,
): StorylineStateView {
  const time = session.engine.time;
  const finished = time >= s.durationSec;
  return {
    storylineId: s.id,
    title: s.title,
    status: finished ? 'finished' : session.clock.running ? 'playing' : 'paused',
    time,
    durationSec: s.durationSec,
    nextEventAt: show.cursor.nextEventAt(time),
    events: s.events.map((e, index) => ({ index, at: e.at, type: e.type, caption: e.caption ?? null })),
    fired: show.fired.filter((f) => f.phase === 'start').map((f) => f.index),
    caption,
    focus: s.focus ?? null,
  };
}

/** Keys of a command that name objects, in the order they read ("web-01 → esx-02"). */
const OBJECT_KEYS = ['vmId', 'containerId', 'serviceId', 'hostId', 'clusterId', 'datastoreId'] as const;

/** The names of the objects a command acts on (a new object by its name), for a readable action list. */
export function commandObjects(command: object, nameOf: (id: string) => string): string[] {
  const c = command as Record<string, unknown>;
  const out: string[] = [];
  const spec = c['spec'];
  const created =
    typeof c['name'] === 'string'
      ? c['name']
      : spec !== null &&
          typeof spec === 'object' &&
          typeof (spec as Record<string, unknown>)['name'] === 'string'
        ? (spec as Record<string, string>)['name']
        : undefined;
  for (const k of OBJECT_KEYS) if (typeof c[k] === 'string') out.push(nameOf(c[k]));
  if (created !== undefined && c['type'] !== 'vm.configure') out.push(created);
  return out;
}

export function labState(
  lab: Lab,
  p: LabProgress,
  hintsShown: number,
  nameOf: (id: string) => string = (id) => id,
): LabStateView {
  return {
    lab: labInfo(lab),
    status: p.status,
    time: p.time,
    passedAt: p.passedAt,
    failedAt: p.failedAt,
    failure: p.failure,
    checks: p.checks,
    actions: p.actions.map((a) => ({
      time: a.time,
      type: a.command.type,
      objects: commandObjects(a.command, nameOf),
      ok: a.ok,
      ...(a.message === undefined ? {} : { message: a.message }),
    })),
    hints: lab.hints.slice(0, hintsShown),
  };
}
