/**
 * GPU sharing: the published scheduling experiment of "Beware of Fragmentation" (ATC '23) on the Alibaba
 * 2023 GPU trace, reproduced with the authors' simulator's semantics (docs/gpu-sharing.md). Pure.
 */
export {
  DEFAULT_TUNE,
  podSequence,
  runGpuExperiment,
  startGpuExperiment,
  validateGpuInputs,
  type GpuExperimentEvents,
  type GpuExperimentOptions,
  type GpuExperimentResult,
  type GpuExperimentRun,
} from './experiment';
export { GPU_POLICIES, isGpuPolicy, POLICY_LABELS, type GpuPolicy } from './policies';
export { GoRand } from './go-rand';
export {
  typicalPods,
  podSpec,
  type GpuNodeInput,
  type GpuPodInput,
  type PodSpec,
  type TypicalPod,
} from './model';
export { GRID_MAX_PCT } from './binning';
