/** Storylines: model, timeline, event expansion, headless runner. Pure engine code. */
export type * from './types';
export { STORY_ACTION_TYPES, localText } from './types';
export {
  buildTimeline,
  followUpSec,
  tickOf,
  TimelineCursor,
  type TimelineStep,
  type StepPhase,
} from './timeline';
export { commandsOf, type SpikeMemo } from './expand';
export { StoryShow, type FiredStep, type CommandOutcome } from './show';
export { runStoryline, blockValues, type StoryRunRecord, type RunHooks } from './runner';
export { eventProblems, idProblems, scenarioIds, eventRefs, eventLabel, type IdKind } from './refs';
export {
  flattenInventory,
  isWithin,
  vmsOfTarget,
  workloadOfVm,
  serviceOfVm,
  type FlatNode,
} from './world-view';
