import { acknowledgementsOf } from '../checks/acknowledge';
import { Acknowledgement, Finding } from '../checks/types';
import { failingFindings, reviewPlan } from './review';
import { formatText } from './text';
import { FailOn, ReviewResult } from './types';

/** What a deploy gate needs from a review: text to show, and the findings that stop it. */
export interface ReviewVerdict {
  /** formatText(): changes, dangerous ones, exposure and findings, for a terminal. */
  readonly summary: string;
  /** The findings that fail the review at `failOn`: any of them stops a deploy. */
  readonly blocking: readonly Finding[];
  /** The whole review, for callers that want to format it otherwise. */
  readonly result: ReviewResult;
}

export interface ReviewGateOptions {
  /** @default 'high' */
  readonly failOn?: FailOn;
}

/**
 * Reviews a plan against a config's acknowledgements (`acknowledge`, `allowPublic`): the gate of
 * `ftp-kit deploy` (it fits lib/deploy's `Reviewer`). Throws ConfigError for an acknowledgement that
 * names no rule, ModelInputError when `plan` is no plan.
 */
export function reviewGate(
  plan: unknown,
  config: { readonly acknowledge?: readonly Acknowledgement[]; readonly allowPublic?: boolean },
  options: ReviewGateOptions = {},
): ReviewVerdict {
  const result = reviewPlan(plan, { acknowledgements: acknowledgementsOf(config) });
  return { summary: formatText(result), blocking: failingFindings(result, options.failOn ?? 'high'), result };
}
