/**
 * Loading storyline and lab files: JSON → schema check → scenario resolution → reference check on
 * the scenario. Any problem answers one INVALID_ARGUMENT error whose message names every bad entry
 * (e.g. `events[3] (hostFailure at 600 s): hostId "esx-9" does not exist …`); nothing is started.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { apiErr, apiOk, stripBom, type ApiResult } from '../../../shared/errors';
import { builtinScenario, builtinScenarios, createEngine, type Scenario } from '../../engine';
import type { Storyline, ScenarioRef } from '../../engine/storyline';
import { eventProblems, idProblems } from '../../engine/storyline';
import { labProblems, type Lab } from '../../engine/labs';
import { CHECK_KINDS, LabSchema, STORY_EVENT_TYPES, StorylineSchema } from './schemas';

export interface LoadedStoryline {
  storyline: Storyline;
  scenario: Scenario;
}

export interface LoadedLab {
  lab: Lab;
  scenario: Scenario;
}

/** "events.3.hostId" → "events[3].hostId" */
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || 'file';
}

function zodProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, 8).map((i) => `${pathText(i.path)}: ${i.message}`);
}

/** Entries of `list` whose discriminator is not one of `known`, named with their position. */
function unknownTypes(
  input: unknown,
  list: string,
  field: string,
  known: readonly string[],
  what: string,
): string[] {
  const items = (input as Record<string, unknown>)[list];
  if (!Array.isArray(items)) return [];
  const out: string[] = [];
  items.forEach((item, i) => {
    const t = (item as Record<string, unknown> | null)?.[field];
    if (typeof t !== 'string' || !known.includes(t))
      out.push(
        `${list}[${i}]: unknown ${what} ${JSON.stringify(t ?? null)}; known ${what}s: ${known.join(', ')}`,
      );
  });
  return out;
}

function fail(kind: string, name: string, problems: string[]): ApiResult<never> {
  const shown = problems.slice(0, 6).join('; ');
  const more = problems.length > 6 ? ` (and ${problems.length - 6} more)` : '';
  return apiErr(
    'INVALID_ARGUMENT',
    `The ${kind} ${name} cannot start: ${shown}${more}. Nothing was started.`,
    { problems },
  );
}

function nameOf(input: unknown, source: string): string {
  const id = (input as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `"${id}"` : source;
}

export function resolveScenario(ref: ScenarioRef): ApiResult<Scenario> {
  if ('inline' in ref) return apiOk(ref.inline);
  const s = builtinScenario(ref.builtin);
  if (!s)
    return apiErr(
      'NOT_FOUND',
      `scenario.builtin: there is no built-in scenario "${ref.builtin}" (known: ${builtinScenarios.map((b) => b.id).join(', ')})`,
    );
  return apiOk(s);
}

/** Parses the common envelope: an object of a supported version. */
function envelope(input: unknown, kind: string, source: string): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return [`the ${kind} must be a JSON object`];
  const v = (input as { version?: unknown }).version;
  if (v !== 1)
    return [`version ${JSON.stringify(v ?? null)} is not supported; ${source} must say "version": 1`];
  return [];
}

export function loadStoryline(input: unknown, source = 'storyline'): ApiResult<LoadedStoryline> {
  const name = nameOf(input, source);
  const pre = envelope(input, 'storyline', source);
  if (pre.length) return fail('storyline', name, pre);
  const unknown = unknownTypes(input, 'events', 'type', STORY_EVENT_TYPES, 'event type');
  if (unknown.length) return fail('storyline', name, unknown);
  const parsed = StorylineSchema.safeParse(input);
  if (!parsed.success) return fail('storyline', name, zodProblems(parsed.error));
  const storyline = parsed.data as unknown as Storyline;
  const scenario = resolveScenario(storyline.scenario);
  if (!scenario.ok) return fail('storyline', name, [scenario.error.message]);
  const engine = createEngine(scenario.value, storyline.seed === undefined ? {} : { seed: storyline.seed });
  if (!engine.ok) return fail('storyline', name, [`scenario: ${engine.error.message}`]);
  const problems = [
    ...eventProblems(storyline.events, scenario.value, storyline.durationSec),
    ...idProblems('focus.entityIds', storyline.focus?.entityIds ?? [], scenario.value),
  ];
  if (problems.length) return fail('storyline', name, problems);
  return apiOk({ storyline, scenario: scenario.value });
}

export function loadLab(input: unknown, source = 'lab'): ApiResult<LoadedLab> {
  const name = nameOf(input, source);
  const pre = envelope(input, 'lab', source);
  if (pre.length) return fail('lab', name, pre);
  const unknown = [
    ...unknownTypes(input, 'drills', 'type', STORY_EVENT_TYPES, 'event type'),
    ...unknownTypes(input, 'checks', 'kind', CHECK_KINDS, 'check kind'),
  ];
  if (unknown.length) return fail('lab', name, unknown);
  const parsed = LabSchema.safeParse(input);
  if (!parsed.success) return fail('lab', name, zodProblems(parsed.error));
  const lab = parsed.data as unknown as Lab;
  const scenario = resolveScenario(lab.scenario);
  if (!scenario.ok) return fail('lab', name, [scenario.error.message]);
  const engine = createEngine(scenario.value, lab.seed === undefined ? {} : { seed: lab.seed });
  if (!engine.ok) return fail('lab', name, [`scenario: ${engine.error.message}`]);
  const problems = labProblems(lab, scenario.value, engine.value.catalog());
  if (problems.length) return fail('lab', name, problems);
  return apiOk({ lab, scenario: scenario.value });
}

/** Reads and parses a JSON file; a missing file or bad JSON answers a clear error. */
export function readJsonFile(path: string): ApiResult<unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return apiErr('NOT_FOUND', `Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return apiOk(JSON.parse(stripBom(text)) as unknown);
  } catch (e) {
    return apiErr(
      'INVALID_ARGUMENT',
      `${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
