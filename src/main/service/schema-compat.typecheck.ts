/**
 * Type-level checks, compiled by `npm run typecheck` (tsconfig.node.json) and never run: a mismatch
 * fails the type check. The shared zod schemas and the engine's types describe the same data in both
 * directions (a schema-valid command is an engine Command, and every engine Command passes the
 * schema's type), and the method names match the contract's keys.
 */
import type { z } from 'zod';
import type { CommandSchema } from '../../shared/schemas/commands';
import type { ScenarioSchema } from '../../shared/schemas/scenario';
import type { Contract } from '../../shared/contract';
import type { MethodName } from '../../shared/methods';
import type { Command, Scenario } from '../engine';

/** `true` when A is assignable to B (not distributed over unions). */
type Assignable<A, B> = [A] extends [B] ? true : false;
/** Compiles only when T is exactly `true`. */
type Check<T extends true> = T;

// commands: schema output is an engine Command and vice versa
export type _CommandFromSchema = Check<Assignable<z.infer<typeof CommandSchema>, Command>>;
export type _CommandToSchema = Check<Assignable<Command, z.input<typeof CommandSchema>>>;
// scenarios: schema output is an engine Scenario and vice versa
export type _ScenarioFromSchema = Check<Assignable<z.infer<typeof ScenarioSchema>, Scenario>>;
export type _ScenarioToSchema = Check<Assignable<Scenario, z.input<typeof ScenarioSchema>>>;
// the contract has exactly the methods of METHOD_NAMES
export type _ContractHasEveryMethod = Check<Assignable<MethodName, keyof Contract>>;
export type _ContractHasNoOtherMethod = Check<Assignable<keyof Contract, MethodName>>;
