/**
 * A faithful subset of the Kubernetes API schema for what deploy/k8s/ uses: batch/v1 Job (JobSpec,
 * PodTemplateSpec, PodSpec, Container, EnvVar, ResourceRequirements, VolumeMount, Volume with
 * persistentVolumeClaim) and v1 PersistentVolumeClaim. Field names, types, enums and the documented
 * validation rules follow the Kubernetes API reference (kubernetes/website,
 * content/en/docs/reference/kubernetes-api/workload-resources/job-v1.md, pod-v1.md, and the OpenAPI
 * definitions io.k8s.api.batch.v1.JobSpec, io.k8s.api.core.v1.PodSpec … as published in
 * yannh/kubernetes-json-schema, master-standalone-strict/job-batch-v1.json). Objects are strict like that
 * "strict" variant: a misspelt or unknown field is an error, as `kubectl apply --validate=strict` makes it.
 * Only the fields our manifests need are listed; a manifest using another valid field would need it added.
 */
import { z } from 'zod';

/** RFC 1123 DNS label (names of containers, volumes) and subdomain (object names). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** resource.Quantity: a number with an optional binary or decimal suffix. */
const QUANTITY = /^([+-]?[0-9.]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
const int32 = z
  .number()
  .int()
  .min(-(2 ** 31))
  .max(2 ** 31 - 1);
const Quantity = z.union([z.string().regex(QUANTITY), z.number()]);

const ObjectMeta = z
  .object({
    name: z.string().max(253).regex(DNS_SUBDOMAIN).optional(),
    generateName: z.string().optional(),
    namespace: z.string().max(63).regex(DNS_LABEL).optional(),
    labels: z.record(z.string(), z.string().max(63)).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const EnvVar = z.object({ name: z.string().min(1), value: z.string().optional() }).strict();
const ResourceRequirements = z
  .object({
    limits: z.record(z.string(), Quantity).optional(),
    requests: z.record(z.string(), Quantity).optional(),
  })
  .strict();
const VolumeMount = z
  .object({
    name: z.string(),
    mountPath: z.string().startsWith('/'),
    readOnly: z.boolean().optional(),
    subPath: z.string().optional(),
  })
  .strict();

const Container = z
  .object({
    name: z.string().max(63).regex(DNS_LABEL),
    image: z.string().min(1),
    imagePullPolicy: z.enum(['Always', 'Never', 'IfNotPresent']).optional(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    workingDir: z.string().optional(),
    env: z.array(EnvVar).optional(),
    resources: ResourceRequirements.optional(),
    volumeMounts: z.array(VolumeMount).optional(),
  })
  .strict();

const Volume = z
  .object({
    name: z.string().max(63).regex(DNS_LABEL),
    persistentVolumeClaim: z
      .object({ claimName: z.string().min(1), readOnly: z.boolean().optional() })
      .strict()
      .optional(),
    emptyDir: z.object({ medium: z.string().optional(), sizeLimit: Quantity.optional() }).strict().optional(),
  })
  .strict();

const PodSpec = z
  .object({
    restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).optional(),
    containers: z.array(Container).min(1),
    initContainers: z.array(Container).optional(),
    volumes: z.array(Volume).optional(),
    serviceAccountName: z.string().optional(),
    nodeSelector: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const volumes = new Set((p.volumes ?? []).map((v) => v.name));
    for (const [i, c] of p.containers.entries())
      for (const [k, m] of (c.volumeMounts ?? []).entries())
        if (!volumes.has(m.name))
          ctx.addIssue({
            code: 'custom',
            path: ['containers', i, 'volumeMounts', k, 'name'],
            message: `volume "${m.name}" is not defined`,
          });
  });

const PodTemplateSpec = z.object({ metadata: ObjectMeta.optional(), spec: PodSpec }).strict();

const JobSpec = z
  .object({
    parallelism: int32.min(0).optional(),
    completions: int32.min(0).optional(),
    completionMode: z.enum(['NonIndexed', 'Indexed']).optional(),
    activeDeadlineSeconds: z.number().int().min(1).optional(),
    backoffLimit: int32.min(0).optional(),
    backoffLimitPerIndex: int32.min(0).optional(),
    maxFailedIndexes: int32.min(0).optional(),
    ttlSecondsAfterFinished: int32.min(0).optional(),
    suspend: z.boolean().optional(),
    template: PodTemplateSpec,
  })
  .strict()
  .superRefine((s, ctx) => {
    // Job validation (pkg/apis/batch/validation): a Job's pods may only restart OnFailure or Never.
    const rp = s.template.spec.restartPolicy;
    if (rp !== 'OnFailure' && rp !== 'Never')
      ctx.addIssue({
        code: 'custom',
        path: ['template', 'spec', 'restartPolicy'],
        message: 'must be OnFailure or Never for a Job',
      });
    if (s.completionMode === 'Indexed') {
      if (s.completions === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['completions'],
          message: 'required when completionMode is Indexed',
        });
      if ((s.parallelism ?? 1) > 100_000)
        ctx.addIssue({
          code: 'custom',
          path: ['parallelism'],
          message: 'must be ≤ 10^5 when completionMode is Indexed',
        });
    }
    if (
      (s.backoffLimitPerIndex !== undefined || s.maxFailedIndexes !== undefined) &&
      s.completionMode !== 'Indexed'
    )
      ctx.addIssue({
        code: 'custom',
        path: ['backoffLimitPerIndex'],
        message: 'only with completionMode Indexed',
      });
    if (s.backoffLimitPerIndex !== undefined && rp !== 'Never')
      ctx.addIssue({
        code: 'custom',
        path: ['backoffLimitPerIndex'],
        message: "needs the pods' restartPolicy Never",
      });
  });

export const JobSchema = z
  .object({ apiVersion: z.literal('batch/v1'), kind: z.literal('Job'), metadata: ObjectMeta, spec: JobSpec })
  .strict();

export const PersistentVolumeClaimSchema = z
  .object({
    apiVersion: z.literal('v1'),
    kind: z.literal('PersistentVolumeClaim'),
    metadata: ObjectMeta,
    spec: z
      .object({
        accessModes: z
          .array(z.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']))
          .min(1),
        resources: z.object({ requests: z.object({ storage: Quantity }).strict() }).strict(),
        storageClassName: z.string().optional(),
      })
      .strict(),
  })
  .strict();
