/** Public entry of the simulation engine. Other layers import from here (and types from ./api). */
export * from './api';
export { Engine, createEngine, restoreEngine, restoreEngineSteps, type EngineOptions } from './engine';
export type { EngineSnapshot } from './snapshot';
export type * from './model/scenario';
export type { Command, CommandType, NewVmSpec, NewContainerSpec, VmPowerAction } from './model/commands';
export { COMMAND_TYPES } from './model/commands';
export type {
  EntityDetail,
  EntitySummary,
  PlacementQuery,
  PlacementExplanation,
  PropertyValue,
} from './model/views';
export type { MigrationPrecheck } from './ops/precheck';
export {
  builtinScenarios,
  builtinScenario,
  DEFAULT_SCENARIO_ID,
  type BuiltinScenarioInfo,
} from './scenarios';
export { METRIC_CATALOG } from './metrics/catalog';
export { MESSAGES_EN, msg, msgText, type Msg, type MsgCode, type MsgParam } from './messages';
export { PLACEMENT_POLICY_NAMES, type PlacementPolicyName } from './scheduling/policies';
export { parsePlanetLabTrace, parseCsvTrace } from './workload/traces';
export {
  poolViews,
  POOL_CPU_SHARES,
  POOL_MEM_SHARES,
  POOL_LIMITS,
  type PoolView,
  type PoolResourceView,
  type PoolQuotaRow,
} from './pools';
