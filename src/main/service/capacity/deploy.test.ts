/**
 * deploy/: the Kubernetes manifests of a sharded capacity sweep validate against the Kubernetes schema
 * (./k8s-schema-testing.ts) and are structurally one sweep: an Indexed Job with one pod per shard whose
 * completions = parallelism = SHARDS, each pod writing its shard to the shared volume the merge Job
 * reads; and the Dockerfile builds the CLI on node:20-bookworm-slim with npm ci.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JobSchema, PersistentVolumeClaimSchema } from './k8s-schema-testing';
import { shardIndices } from './sweep';

const ROOT = join(__dirname, '..', '..', '..', '..');
const manifest = (name: string): unknown =>
  JSON.parse(readFileSync(join(ROOT, 'deploy', 'k8s', name), 'utf8'));
const envOf = (job: ReturnType<typeof JobSchema.parse>) =>
  new Map((job.spec.template.spec.containers[0]!.env ?? []).map((e) => [e.name, e.value]));

describe('deploy/k8s', () => {
  it('validates against the Kubernetes schema (batch/v1 Job, v1 PersistentVolumeClaim)', () => {
    for (const f of ['sweep-job.json', 'merge-job.json']) {
      const r = JobSchema.safeParse(manifest(f));
      expect(r.success, `${f}: ${r.success ? '' : JSON.stringify(r.error.issues)}`).toBe(true);
    }
    expect(PersistentVolumeClaimSchema.safeParse(manifest('pvc.json')).success).toBe(true);
  });

  it('the schema refuses what the API server would (so the validation can fail)', () => {
    const job = manifest('sweep-job.json') as {
      spec: Record<string, unknown> & { template: { spec: Record<string, unknown> } };
    };
    const bad = (mutate: (j: typeof job) => void) => {
      const j = structuredClone(job);
      mutate(j);
      return JobSchema.safeParse(j).success;
    };
    expect(bad(() => {})).toBe(true);
    expect(bad((j) => (j.spec.completionMode = 'Indexd'))).toBe(false);
    expect(bad((j) => delete j.spec.completions)).toBe(false);
    expect(bad((j) => (j.spec.template.spec.restartPolicy = 'Always'))).toBe(false);
    expect(bad((j) => (j.spec.paralellism = 8))).toBe(false);
    expect(bad((j) => (j.spec.template.spec.volumes = []))).toBe(false);
  });

  it('is one sweep: Indexed, completions = parallelism = SHARDS, shard from JOB_COMPLETION_INDEX, results on the shared volume, merged from there', () => {
    const job = JobSchema.parse(manifest('sweep-job.json'));
    const merge = JobSchema.parse(manifest('merge-job.json'));
    expect(job.spec.completionMode).toBe('Indexed');
    const shards = Number(envOf(job).get('SHARDS'));
    expect(shards).toBeGreaterThan(1);
    expect(job.spec.completions).toBe(shards);
    expect(job.spec.parallelism).toBe(shards);
    expect(Number(envOf(merge).get('SHARDS'))).toBe(shards);
    const run = job.spec.template.spec.containers[0]!.args!.join(' ');
    expect(run).toContain('capacity sweep');
    expect(run).toContain('--shard "$((JOB_COMPLETION_INDEX + 1))/$SHARDS"');
    expect(run).toMatch(
      /--json --out "\/data\/out\/shard-\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)-of-\$SHARDS\.json"/,
    );
    const mergeCmd = merge.spec.template.spec.containers[0]!.args!.join(' ');
    expect(mergeCmd).toContain('capacity sweep merge /data/out/shard-*-of-"$SHARDS".json');
    const claim = (j: typeof job) => j.spec.template.spec.volumes![0]!.persistentVolumeClaim!.claimName;
    expect(claim(job)).toBe(claim(merge));
    expect(
      (manifest('pvc.json') as { metadata: { name: string }; spec: { accessModes: string[] } }).metadata.name,
    ).toBe(claim(job));
    expect((manifest('pvc.json') as { spec: { accessModes: string[] } }).spec.accessModes).toContain(
      'ReadWriteMany',
    );
    // The same image runs both steps, and that image is the one deploy/Dockerfile builds.
    expect(job.spec.template.spec.containers[0]!.image).toBe(merge.spec.template.spec.containers[0]!.image);
    const docker = readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
    expect(docker).toMatch(/^FROM node:20-bookworm-slim$/m);
    expect(docker).toMatch(/npm ci/);
    expect(docker).toMatch(/scripts\/build-cli\.mjs/);
    expect(docker).toContain(job.spec.template.spec.containers[0]!.image.split(':')[1]!);
  });

  it('the shards of the pods (index + 1 of SHARDS) partition the futures', () => {
    const owners = new Map<number, number>();
    for (let index = 0; index < 8; index++)
      for (const k of shardIndices(100, { index: index + 1, count: 8 }))
        owners.set(k, (owners.get(k) ?? 0) + 1);
    expect(owners.size).toBe(100);
    expect([...owners.values()].every((n) => n === 1)).toBe(true);
  });
});
