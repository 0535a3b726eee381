/**
 * The demo methods through the real service: storyline playback with captions, next event and restart;
 * record & replay with identical run hashes; a lab passed live and graded offline from its workspace;
 * reset, branch and return; bad files that start nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService } from '../vdc-service';
import { createEngine, type Scenario } from '../../engine';
import { runStoryline, type Storyline } from '../../engine/storyline';
import { gradeLabWorkspace } from './grade';
import type { CaptionView, LabStateView, StorylineStateView } from '../../../shared/contract-demo';

let dataDir: string;
let svc: VdcService | null = null;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-demo-'));
});
afterEach(async () => {
  await svc?.dispose();
  svc = null;
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<VdcService> {
  svc = await VdcService.start({ dataDir, shell: 'test', autoPlay: false });
  return svc;
}

async function ok<T>(s: VdcService, method: string, params: unknown = {}): Promise<T> {
  const r = await s.call('t', method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

describe('storylines in the service', () => {
  it('plays a built-in storyline: caption at start, next event jumps to the failure and pauses there', async () => {
    const s = await start();
    const captions: CaptionView[] = [];
    s.connect({ id: 'c', push: (name, data) => name === 'caption' && captions.push(data as CaptionView) });
    const st = await ok<StorylineStateView>(s, 'storyline.start', { id: 'host-failure', play: false });
    expect(st).toMatchObject({
      storylineId: 'host-failure',
      status: 'paused',
      time: 0,
      nextEventAt: 300,
      fired: [0],
    });
    expect(st.caption?.text.en).toMatch(/^Four hosts/);
    expect(s.workspaceInfo()?.scenarioName).toBe('HA cluster');
    const next = await ok<StorylineStateView>(s, 'storyline.control', { action: 'next' });
    expect(next.time).toBe(300);
    expect(next.fired).toEqual([0, 1]);
    expect(next.caption).toMatchObject({ index: 1, time: 300, pause: true });
    expect(captions.map((c) => c.index)).toEqual([0, 1]);
    // the failure went through the session: it is in the workspace's command log
    expect(s.session!.workspace!.commandsAfter(0).map((c) => c.command)).toEqual([
      { type: 'host.fail', hostId: 'host-ha-02' },
    ]);
    const restarted = await ok<StorylineStateView>(s, 'storyline.control', { action: 'restart' });
    expect(restarted).toMatchObject({ time: 0, fired: [0] });
  });

  it('a recording replays to the identical run hash, and its exported storyline does too', async () => {
    const s = await start();
    await ok(s, 'storyline.start', { id: 'consolidation', play: false });
    await ok(s, 'clock.step', { ticks: 20 });
    await ok(s, 'command.execute', {
      command: { type: 'vm.migrate', vmId: 'vm-svc-01', hostId: 'host-night-02' },
    });
    await ok(s, 'clock.step', { ticks: 50 });
    const v = await ok<{ identical: boolean; commandCount: number; ticks: number }>(s, 'recording.verify');
    // 70 ticks = 1400 s: 3 maintenance entries at 300 s, the presenter's migration at 400 s, 3 standby at 1200 s
    expect(v).toMatchObject({ identical: true, commandCount: 7, ticks: 70 });
    const exported = await ok<{ storyline: Storyline }>(s, 'recording.export', {});
    const story = exported.storyline;
    const e = createEngine((story.scenario as { inline: Scenario }).inline, {
      seed: story.seed!,
      tickSeconds: story.tickSeconds!,
    });
    if (!e.ok) throw new Error(e.error.message);
    const run = runStoryline(e.value, story);
    expect(run.ticks).toBe(70);
    expect(run.runHash).toBe(s.session!.engine.runHash());
  });

  it('a bad storyline file starts nothing and names the entry', async () => {
    const s = await start();
    const before = s.workspaceInfo()?.path;
    const r = await s.call('t', 'storyline.start', {
      storyline: {
        version: 1,
        id: 'x',
        title: { en: 'x' },
        description: { en: 'x' },
        scenario: { builtin: 'small-lab' },
        durationSec: 60,
        events: [{ type: 'hostFailure', at: 10, hostId: 'host-nope' }],
      },
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toContain('events[0] (hostFailure at 10 s): hostId "host-nope" does not exist');
    expect(s.workspaceInfo()?.path).toBe(before);
  });
});

describe('labs in the service', () => {
  it('passes lab-power-on live, reveals hints, and grading the workspace offline agrees', async () => {
    const s = await start();
    const lab = await ok<LabStateView>(s, 'lab.start', { id: 'lab-power-on', play: false });
    expect(lab).toMatchObject({ status: 'running', hints: [] });
    expect((await ok<LabStateView>(s, 'lab.hint')).hints).toHaveLength(1);
    for (const vmId of ['vm-web-01', 'vm-web-02', 'vm-web-03', 'vm-web-04'])
      await ok(s, 'command.execute', { command: { type: 'vm.power', vmId, action: 'on' } });
    await ok(s, 'clock.step', { ticks: 15 });
    const done = await ok<LabStateView>(s, 'lab.state');
    expect(done.status).toBe('passed');
    expect(done.actions.map((a) => a.type)).toEqual(['vm.power', 'vm.power', 'vm.power', 'vm.power']);
    // Named, not ids (issue #12 defect 7): the console reads "Power web-01".
    expect(done.actions[0]!.objects).toEqual([s.session!.nameOf('vm-web-01')]);
    expect(done.actions[0]!.objects[0]).not.toBe('vm-web-01');
    const path = s.workspaceInfo()!.path;
    await s.dispose();
    svc = null;
    // graded offline from the file alone: the lab is found from the workspace name
    const graded = gradeLabWorkspace(path);
    if (!graded.ok) throw new Error(graded.error.message);
    expect(graded.value.labId).toBe('lab-power-on');
    expect(graded.value.progress.status).toBe('passed');
    expect(graded.value.progress.passedAt).toBe(done.passedAt);
  });

  it('resets to the start, branches to try something and returns to where it was', async () => {
    const s = await start();
    await ok(s, 'lab.start', { id: 'lab-ha', play: false });
    await ok(s, 'clock.step', { ticks: 10 });
    const origin = s.workspaceInfo()!.path;
    const branch = await ok<{ path: string }>(s, 'demo.branch');
    expect(branch.path).not.toBe(origin);
    expect(s.session!.engine.tick).toBe(10);
    await ok(s, 'command.execute', { command: { type: 'vm.power', vmId: 'vm-app-01', action: 'off' } });
    await ok(s, 'clock.step', { ticks: 5 });
    expect((await ok<LabStateView>(s, 'lab.state')).actions).toHaveLength(1);
    const back = await ok<{ path: string }>(s, 'demo.return');
    expect(back.path).toBe(origin);
    expect(s.session!.engine.tick).toBe(10);
    expect((await ok<LabStateView>(s, 'lab.state')).actions).toHaveLength(0);
    await ok(s, 'demo.reset');
    expect(s.session!.engine.tick).toBe(0);
    expect(await ok<LabStateView>(s, 'lab.state')).toMatchObject({ status: 'running', time: 0 });
  });
});
