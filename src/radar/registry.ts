import type { Rule } from './define-rule';

/*
 * Every radar rule, in the order the options page lists them. A new rule is one file in
 * rules/ plus its test; `npm run new:rule <id>` writes both and adds its line here.
 */

// Deal rules: activity
/** Last activity too long ago. */
import noActivity from './rules/no-activity';
/** No next activity or next step where the page shows one. */
import noNextStep from './rules/no-next-step';
/** The next activity date has passed. */
import nextStepOverdue from './rules/next-step-overdue';
/** The next activity is planned after the close date. */
import nextStepAfterClose from './rules/next-step-after-close';

// Deal rules: stage
/** Too long in the current stage, with per-stage thresholds. */
import stalledInStage from './rules/stalled-in-stage';
/** Moved backwards in the pipeline. */
import stageRegressed from './rules/stage-regressed';

// Deal rules: close date
/** Open deal past its close date. */
import closeDatePassed from './rules/close-date-passed';
/** Close date pushed out again and again. */
import closeDateSlipped from './rules/close-date-slipped';
/** Closing soon with no recent activity. */
import closingSoonIdle from './rules/closing-soon-idle';
/** Closing soon while still in an early stage. */
import closingSoonEarlyStage from './rules/closing-soon-early-stage';

// Deal rules: shape of the deal
/** Amount fell from the highest seen. */
import amountDropped from './rules/amount-dropped';
/** Open for a long time since created. */
import aging from './rules/aging';
/** One contact or none. */
import singleThreaded from './rules/single-threaded';
/** Looks great on paper; check it as hard as a weak one. */
import tooGoodToBeTrue from './rules/too-good-to-be-true';

// Pipeline rules: all open deals of a site
/** Most deals of one stage stalled: the stage is the cause. */
import stageBottleneck from './rules/stage-bottleneck';
/** Fewer deals active this week than last. */
import pipelineGoingQuiet from './rules/pipeline-going-quiet';

export const rules: Rule[] = [
  noActivity,
  noNextStep,
  nextStepOverdue,
  nextStepAfterClose,
  stalledInStage,
  stageRegressed,
  closeDatePassed,
  closeDateSlipped,
  closingSoonIdle,
  closingSoonEarlyStage,
  amountDropped,
  aging,
  singleThreaded,
  tooGoodToBeTrue,
  stageBottleneck,
  pipelineGoingQuiet,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}

/** The title a rule shows, or its id when the rule is gone (a warning stored by an older version). */
export function ruleTitle(id: string): string {
  return ruleById(id)?.title ?? id;
}
