// カード進捗管理の設定: the municipality's 滞留 days per status and its 督促・廃棄 rules, as saved on the settings page
// (card_progress_settings; none saved: the defaults). The dashboard and the uncollected page start from them, and a
// clerk may still look at other numbers for one view through the page's own fields. Pure.
import { defaultWaitingDays, maxWaitingDays, type WaitingStatus, waitingStatuses, wholeIn } from './aging.ts';
import { type CollectionPolicy, defaultCollectionPolicy } from './collection.ts';

export interface ProgressSettings {
  waitingDays: Record<WaitingStatus, number>;
  policy: CollectionPolicy;
}

export const defaultProgressSettings: ProgressSettings = { waitingDays: { ...defaultWaitingDays }, policy: { ...defaultCollectionPolicy } };

/** The settings form read strictly: every field present and in range, or the names of those that are not. */
export function readSettingsForm(fields: Readonly<Record<string, unknown>>): { settings: ProgressSettings } | { invalid: string[] } {
  const invalid: string[] = [];
  const read = (name: string, min: number, max: number): number => {
    const n = wholeIn(fields[name], min, max);
    if (n === undefined) invalid.push(name);
    return n ?? min;
  };
  const waitingDays = Object.fromEntries(waitingStatuses.map((s) => [s, read(`n_${s}`, 1, maxWaitingDays)])) as Record<WaitingStatus, number>;
  const policy = { reminderAfterDays: read('reminder_days', 1, 365), disposeAfterMonths: read('dispose_months', 1, 60) };
  return invalid.length > 0 ? { invalid } : { settings: { waitingDays, policy } };
}
