/**
 * Fan-out of push events to connected clients (browser tabs, Electron windows). Live data is
 * coalesced and sent at most a few times per second, and each client only gets the entities and
 * metrics it subscribed to.
 */
import type { PushName } from '../../shared/methods';
import type { MetricBlock, TaskInfo, EngineEvent } from '../engine/api';
import type { AlarmView } from '../../shared/schemas/views';

export interface ServiceClient {
  id: string;
  push(name: PushName, data: unknown): void;
}

interface ClientState {
  client: ServiceClient;
  entityIds: string[];
  metrics: string[];
}

export interface LiveFrame {
  tick: number;
  time: number;
  blocks: MetricBlock[];
  columns: Map<string, string[]>;
}

/** Index of a metric block: entity id → position. Built lazily, once per flushed frame. */
function indexBlocks(blocks: MetricBlock[]): Map<string, { block: MetricBlock; index: number }> {
  const map = new Map<string, { block: MetricBlock; index: number }>();
  for (const block of blocks) block.ids.forEach((id, index) => map.set(id, { block, index }));
  return map;
}

export class PushHub {
  private clients = new Map<string, ClientState>();
  private pendingTasks = new Map<string, TaskInfo>();
  private pendingEvents: EngineEvent[] = [];
  private pendingAlarms = new Map<string, AlarmView>();
  private frame: LiveFrame | null = null;
  private frameDirty = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    /** metric names per kind, in block column order */
    private readonly metricNames: (kind: string) => string[],
    private readonly totals: (frame: LiveFrame) => Record<string, number>,
    intervalMs = 250,
  ) {
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref?.();
  }

  get size(): number {
    return this.clients.size;
  }

  connect(client: ServiceClient): () => void {
    this.clients.set(client.id, { client, entityIds: [], metrics: [] });
    return () => this.clients.delete(client.id);
  }

  subscribe(clientId: string, entityIds: string[], metrics: string[]): void {
    const state = this.clients.get(clientId);
    if (state) {
      state.entityIds = entityIds;
      state.metrics = metrics;
      // Send the latest values of what was just asked for, even while paused (no tick would bring them).
      if (this.frame) this.frameDirty = true;
    }
  }

  /** Sends immediately to every client (clock and workspace changes are rare and small). */
  broadcast(name: PushName, data: unknown): void {
    for (const { client } of this.clients.values()) safePush(client, name, data);
  }

  tick(tick: number, time: number, blocks: MetricBlock[], tasks: TaskInfo[], events: EngineEvent[]): void {
    this.frame = { tick, time, blocks, columns: new Map() };
    this.frameDirty = true;
    for (const t of tasks) this.pendingTasks.set(t.id, t);
    if (events.length) {
      this.pendingEvents.push(...events);
      // A flood of events (e.g. a 1,500-VM HA restart) is capped per push; the store keeps them all.
      if (this.pendingEvents.length > 500) this.pendingEvents.splice(0, this.pendingEvents.length - 500);
    }
  }

  /** A task that changed outside a tick (e.g. just queued by a command); sent with the next push. */
  task(task: TaskInfo): void {
    this.pendingTasks.set(task.id, task);
  }

  alarms(changed: AlarmView[]): void {
    for (const a of changed) this.pendingAlarms.set(a.id, a);
  }

  /** Sends what accumulated since the last flush. */
  flush(): void {
    if (this.clients.size === 0) {
      this.pendingTasks.clear();
      this.pendingEvents = [];
      this.pendingAlarms.clear();
      return;
    }
    if (this.pendingTasks.size) this.broadcast('tasks', [...this.pendingTasks.values()]);
    if (this.pendingEvents.length) this.broadcast('events', this.pendingEvents);
    if (this.pendingAlarms.size) this.broadcast('alarms', [...this.pendingAlarms.values()]);
    this.pendingTasks.clear();
    this.pendingEvents = [];
    this.pendingAlarms.clear();
    if (this.frame && this.frameDirty) {
      this.frameDirty = false;
      const frame = this.frame;
      const index = indexBlocks(frame.blocks);
      const totals = this.totals(frame);
      for (const state of this.clients.values()) {
        const values: Record<string, Record<string, number>> = {};
        for (const id of state.entityIds) {
          const at = index.get(id);
          if (!at) continue;
          const names = this.metricNames(at.block.kind);
          const n = at.block.ids.length;
          const row: Record<string, number> = {};
          for (const metric of state.metrics) {
            const m = names.indexOf(metric);
            if (m >= 0) row[metric] = at.block.values[m * n + at.index] ?? 0;
          }
          values[id] = row;
        }
        safePush(state.client, 'tick', { tick: frame.tick, time: frame.time, values, totals });
      }
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.clients.clear();
  }
}

function safePush(client: ServiceClient, name: PushName, data: unknown): void {
  try {
    client.push(name, data);
  } catch {
    // A client that fails to receive (closed socket, destroyed window) is dropped by its shell.
  }
}
