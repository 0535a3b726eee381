/** Guided labs: model, continuous check evaluation, headless runner. Pure engine code. */
export type * from './types';
export { evaluateRule, compare, aggregate, type RuleContext, type RuleValue } from './checks';
export { observe, metricsOf, idsWithin, metricValues, type Observation } from './observe';
export {
  LabTracker,
  type LabProgress,
  type CheckProgress,
  type CheckStatus,
  type LabStatus,
  type LearnerAction,
} from './tracker';
export { labProblems } from './refs';
export { runLab, type LoggedCommand, type LabRunOptions } from './runner';
