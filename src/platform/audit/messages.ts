// What a broken link or anchor means, in Japanese and English, for the command line and the console.
import type { Lang } from '../errors.ts';
import type { AnchorBreakReason } from './anchor.ts';
import type { ChainBreakReason } from './verify.ts';

const chainReasons: Record<ChainBreakReason, Record<Lang, string>> = {
  'hash mismatch': { ja: 'イベントの内容がハッシュと一致しません（書き換え）', en: 'the event no longer matches its hash (edited)' },
  gap: { ja: '連番が欠けています（削除）', en: 'a seq is missing (deleted)' },
  'prev_hash mismatch': { ja: '直前のイベントのハッシュを指していません（差し替え・並べ替え）', en: 'it does not point at the event before it (replaced or reordered)' },
};

const anchorReasons: Record<AnchorBreakReason, Record<Lang, string>> = {
  malformed: { ja: 'アンカーの行を読めません', en: 'the anchor line is malformed' },
  'signature invalid': { ja: 'アンカーの署名が正しくありません（鍵が違うか改ざん）', en: 'the anchor signature is invalid (another key, or altered)' },
  'event missing': { ja: 'アンカーが指すイベントがありません（削除）', en: 'the anchored event is gone (deleted)' },
  'hash differs': { ja: 'アンカーのハッシュとチェーンが一致しません（チェーンの書き換え）', en: 'the chain no longer has the anchored hash (rewritten)' },
};

/** The meaning of a chain break. */
export function chainBreakMessage(reason: ChainBreakReason, lang: Lang): string {
  return chainReasons[reason][lang];
}

/** The meaning of a failed anchor. */
export function anchorBreakMessage(reason: AnchorBreakReason, lang: Lang): string {
  return anchorReasons[reason][lang];
}
