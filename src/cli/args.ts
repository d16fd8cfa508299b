// Arguments several commands read the same way.
import type { Flags } from '../main.ts';
import { parseAllowList } from '../platform/access/networks.ts';
import { UsageError } from './usage.ts';

/** The positional argument `name`, required. */
export function positional(flags: Flags, name: string, label: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${label} を指定してください`, `${label} is required`);
  return value.trim();
}

/** --networks 10.0.0.0/8,192.0.2.5: each checked now, so a typo cannot open the client to the world or shut it out. */
export function networksOf(flags: Flags): string[] {
  const text = flags.networks;
  if (text === undefined) return [];
  const list = String(text).split(',').map((n) => n.trim()).filter(Boolean);
  try {
    parseAllowList(list);
  } catch (e) {
    throw new UsageError(`--networks に正しくない値があります: ${(e as Error).message}`, `--networks has an invalid entry: ${(e as Error).message}`);
  }
  return list;
}
