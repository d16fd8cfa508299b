// アカウントロック as a pure rule: N failures in a row lock an account, until unlocked or until the lock time passes.
import type { SecuritySettings } from './settings.ts';

/** An account's failure count and lock. */
export interface LockState {
  failedLoginCount: number;
  lockedAt: Date | null;
}

/** True while the account is locked at `now`. */
export function isLocked(state: LockState, settings: Pick<SecuritySettings, 'lockoutMinutes'>, now: Date): boolean {
  if (!state.lockedAt) return false;
  return settings.lockoutMinutes === null || now.getTime() - state.lockedAt.getTime() < settings.lockoutMinutes * 60_000;
}

/** The state after one more failure, and whether this failure is the one that locked the account. */
export function afterFailure(state: LockState, settings: Pick<SecuritySettings, 'lockoutMinutes' | 'lockoutThreshold'>, now: Date): LockState & { justLocked: boolean } {
  if (isLocked(state, settings, now)) return { failedLoginCount: state.failedLoginCount + 1, lockedAt: state.lockedAt, justLocked: false };
  // A lock that ran out starts the count afresh.
  const failedLoginCount = (state.lockedAt ? 0 : state.failedLoginCount) + 1;
  const justLocked = failedLoginCount >= settings.lockoutThreshold;
  return { failedLoginCount, lockedAt: justLocked ? now : null, justLocked };
}
