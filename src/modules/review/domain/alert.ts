// 照会の監視: a burst of no_match answers from one client. The review server asks about people who applied; when
// most of a client's questions are about people who are not in the extract, someone may be trying names and birth
// dates to learn who lives here (an enumeration), which the seed's "single record in, verdict out" exists to stop.
// Pure: the caller passes the clock and keeps one AnswerWindow per client.

/** When a client's no_match answers count as a burst. */
export interface NoMatchAlertPolicy {
  /** Length of the sliding window, in minutes. */
  readonly windowMinutes: number;
  /** Fewest answered calls in the window before the share is judged (a quiet client's two misses are not a burst). */
  readonly minCalls: number;
  /** A burst is no_match in more than this percentage of the window's calls. */
  readonly noMatchPercent: number;
}

/** The default: more than 50 % no_match of at least 100 calls in 5 minutes. */
export const defaultNoMatchAlertPolicy: NoMatchAlertPolicy = { windowMinutes: 5, minCalls: 100, noMatchPercent: 50 };

/** The window is counted in this many steps: it covers the policy's minutes plus at most one step (10 s of 5 min). */
export const stepsPerWindow = 30;

interface Step {
  readonly start: number;
  calls: number;
  noMatch: number;
}

/** One client's recent answers, counted per step, and whether a burst is on. Mutated by recordAnswer. */
export interface AnswerWindow {
  readonly steps: Step[];
  /** When the current burst raised its alert (ms), or undefined when none is on. */
  raisedAt: number | undefined;
}

/** What one answer did to the window. */
export interface BurstCheck {
  /** True for exactly the answer that starts a burst: raise the alert (and suspend the client if so configured). */
  readonly raise: boolean;
  /** Answered calls and no_match answers now in the window. */
  readonly calls: number;
  readonly noMatch: number;
}

/** An empty window for a client seen for the first time. */
export function newAnswerWindow(): AnswerWindow {
  return { steps: [], raisedAt: undefined };
}

/** True when the counts are a burst under the policy. */
export function isBurst(policy: NoMatchAlertPolicy, calls: number, noMatch: number): boolean {
  return calls >= policy.minCalls && noMatch * 100 > policy.noMatchPercent * calls;
}

/**
 * Counts one answered call at `now` (ms) and says whether it starts a burst. A burst raises once; the alert re-arms
 * only when the share has fallen back and a whole window has passed since it was raised, so a client hovering at the
 * threshold raises at most one alert per window.
 */
export function recordAnswer(window: AnswerWindow, policy: NoMatchAlertPolicy, now: number, noMatch: boolean): BurstCheck {
  const windowMs = policy.windowMinutes * 60_000;
  const stepMs = windowMs / stepsPerWindow;
  const start = Math.floor(now / stepMs) * stepMs;
  const steps = window.steps;
  while (steps.length && steps[0]!.start + stepMs <= now - windowMs) steps.shift();
  let current = steps[steps.length - 1];
  if (!current || current.start !== start) {
    current = { start, calls: 0, noMatch: 0 };
    steps.push(current);
  }
  current.calls += 1;
  if (noMatch) current.noMatch += 1;

  let calls = 0;
  let misses = 0;
  for (const s of steps) {
    calls += s.calls;
    misses += s.noMatch;
  }
  const burst = isBurst(policy, calls, misses);
  if (window.raisedAt !== undefined && !burst && now - window.raisedAt >= windowMs) window.raisedAt = undefined;
  const raise = burst && window.raisedAt === undefined;
  if (raise) window.raisedAt = now;
  return { raise, calls, noMatch: misses };
}

/** The alert's 処理内容, in words and numbers only: e.g. "no_match 73 of 120 calls in 5 min (alert above 50 % of ≥ 100)". */
export function describeBurst(policy: NoMatchAlertPolicy, check: BurstCheck): string {
  return `no_match ${check.noMatch} of ${check.calls} calls in ${policy.windowMinutes} min (alert above ${policy.noMatchPercent} % of ≥ ${policy.minCalls})`;
}
