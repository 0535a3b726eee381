/**
 * Type-level checks, compiled by `npm run typecheck` (tsconfig.node.json) and never run: a mismatch
 * fails the type check. The shared zod schemas and the engine's types describe the same data in both
 * directions (a schema-valid command is an engine Command, and every engine Command passes the
 * schema's type), and the method names match the contract's keys.
 */
import type { z } from 'zod';
import type { CommandSchema } from '../../shared/schemas/commands';
import type { ScenarioSchema } from '../../shared/schemas/scenario';
import type { Contract, PlacementQuerySchema } from '../../shared/contract';
import type { MethodName } from '../../shared/methods';
import type {
  ENTITY_KINDS as VIEW_KINDS,
  EntityDetailView,
  METRIC_ENTITY_KINDS as VIEW_METRIC_KINDS,
  PLACEMENT_POLICY_NAMES as VIEW_POLICIES,
} from '../../shared/schemas/views';
import type {
  Command,
  ENTITY_KINDS,
  EntityDetail,
  METRIC_ENTITY_KINDS,
  PLACEMENT_POLICY_NAMES,
  PlacementQuery,
  Scenario,
} from '../engine';

/** `true` when A is assignable to B (not distributed over unions). */
type Assignable<A, B> = [A] extends [B] ? true : false;
/** Compiles only when T is exactly `true`. */
type Check<T extends true> = T;
/** `true` when A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// commands: schema output is an engine Command and vice versa
export type _CommandFromSchema = Check<Assignable<z.infer<typeof CommandSchema>, Command>>;
export type _CommandToSchema = Check<Assignable<Command, z.input<typeof CommandSchema>>>;
// scenarios: schema output is an engine Scenario and vice versa
export type _ScenarioFromSchema = Check<Assignable<z.infer<typeof ScenarioSchema>, Scenario>>;
export type _ScenarioToSchema = Check<Assignable<Scenario, z.input<typeof ScenarioSchema>>>;
// the contract has exactly the methods of METHOD_NAMES
export type _ContractHasEveryMethod = Check<Assignable<MethodName, keyof Contract>>;
export type _ContractHasNoOtherMethod = Check<Assignable<keyof Contract, MethodName>>;
// the lists of kinds and policy names: the engine's and the contract's are the same, in the same order
export type _EntityKinds = Check<Same<typeof ENTITY_KINDS, typeof VIEW_KINDS>>;
export type _MetricEntityKinds = Check<Same<typeof METRIC_ENTITY_KINDS, typeof VIEW_METRIC_KINDS>>;
export type _PlacementPolicies = Check<Same<typeof PLACEMENT_POLICY_NAMES, typeof VIEW_POLICIES>>;
// entity.describe: the engine's details are exactly the contract's strict union (per kind)
export type _EntityDetail = Check<Same<EntityDetail, EntityDetailView>>;
// placement.explain: every query the contract accepts is one the engine understands, and vice versa
export type _PlacementQuery = Check<Same<z.output<typeof PlacementQuerySchema>, PlacementQuery>>;
