// カードステータス (seed 001 (2), use cases ⑨⑩): where a My Number card stands between the application and its disposal,
// and every step allowed from each status, as a table shared by the store, the console pages and the tests. A step not
// listed is refused naming the current status and the steps it allows (with where they lead), so that no step is
// skipped and a clerk learns what to do next.
//   申請受付 → J-LIS申請済 → カード到着 → 交付前設定済 → 交付通知書発送済 → 交付済   (交付時来庁方式)
//                                           交付前設定済 → カード郵送中 → 交付済      (申請時来庁方式: 本人限定郵便・簡易書留)
import { AppError } from '../../../platform/errors.ts';

export const cardStatuses = {
  received: { ja: '申請受付', en: 'Application received' },
  applied_to_jlis: { ja: 'J-LIS申請済', en: 'Applied to J-LIS' },
  arrived: { ja: 'カード到着', en: 'Card arrived' },
  prepared: { ja: '交付前設定済', en: 'Prepared for issue' },
  notice_sent: { ja: '交付通知書発送済', en: 'Issue notice sent' },
  mailed: { ja: 'カード郵送中', en: 'Card in the post' },
  returned: { ja: '返戻', en: 'Returned by the post office' },
  reissue_requested: { ja: '再発行依頼中', en: 'Reissue requested' },
  issued: { ja: '交付済', en: 'Issued' },
  cancelled: { ja: '交付取りやめ', en: 'Issue cancelled' },
  revoked: { ja: '失効', en: 'Revoked' },
  recovered: { ja: '回収済', en: 'Recovered' },
  disposed: { ja: '廃棄済', en: 'Disposed of' },
} as const;

export type CardStatus = keyof typeof cardStatuses;

/** Statuses before the card is handed over in which the municipality holds the application or the card: the storage
 * (and issuing) site may change in any of them. A card in the post is held by the post office, not a site. */
export const preIssueStatuses = ['received', 'applied_to_jlis', 'arrived', 'prepared', 'notice_sent', 'returned', 'reissue_requested'] as const satisfies readonly CardStatus[];

/** 交付前設定済 … 再発行依頼チェック: the seed's check flags, each set (and kept) by the step that does the work. */
export type CardFlag = 'setupDone' | 'issueCompleted' | 'cancelChecked' | 'reissueRequested' | 'revocationChecked' | 'disposalChecked';

/** The dates a step records (カード管理開始日, 交付前設定処理完了日, 交付通知書発送日, カード交付日, カード回収日, カード廃棄日). */
export type CardDate = 'managementStartedOn' | 'setupCompletedOn' | 'noticeSentOn' | 'issuedOn' | 'recoveredOn' | 'disposedOn';

/** The reasons a step demands (交付取りやめ事由, 失効事由, 回収事由, カード廃棄事由). */
export type CardReason = 'cancelReason' | 'revocationReason' | 'recoveryReason' | 'disposalReason';

interface StepRule {
  from: readonly CardStatus[];
  /** The status after the step; null: the status stays (保管場所移動). */
  to: CardStatus | null;
  ja: string;
  en: string;
  flag?: CardFlag;
  date?: CardDate;
  reason?: CardReason;
}

/** The named steps: from which statuses each may be taken, where it leads, and what it records. */
export const cardSteps = {
  /** J-LIS申請: the application sent to J-LIS (代理申請, seed ⑨(ウ)). */
  apply_to_jlis: { from: ['received'], to: 'applied_to_jlis', ja: 'J-LIS申請', en: 'Apply to J-LIS' },
  /** カード到着: the card came from J-LIS (交付一覧 scanned, seed ⑨(エ)); a reissued card arrives the same way. */
  arrive: { from: ['applied_to_jlis', 'reissue_requested'], to: 'arrived', ja: 'カード到着', en: 'Record the arrival', date: 'managementStartedOn' },
  /** 交付前設定: the card checked and prepared on the 統合端末. */
  prepare: { from: ['arrived'], to: 'prepared', ja: '交付前設定', en: 'Prepare for issue', flag: 'setupDone', date: 'setupCompletedOn' },
  /** 交付通知書発送: the 交付通知書 mailed so that the resident books a pickup (交付時来庁方式). */
  send_notice: { from: ['prepared'], to: 'notice_sent', ja: '交付通知書発送', en: 'Send the issue notice', date: 'noticeSentOn' },
  /** カード郵送: the card itself mailed by 本人限定郵便 or 簡易書留 (申請時来庁方式, seed ⑩). */
  mail_card: { from: ['prepared'], to: 'mailed', ja: 'カード郵送', en: 'Mail the card' },
  /** 返戻: the notice or the mailed card came back undelivered; the card goes back to storage. */
  return_by_post: { from: ['notice_sent', 'mailed'], to: 'returned', ja: '返戻', en: 'Record a return by post' },
  /** 再発送: the returned notice sent again. */
  resend_notice: { from: ['returned'], to: 'notice_sent', ja: '交付通知書の再発送', en: 'Send the notice again', date: 'noticeSentOn' },
  /** 再発送: the returned card mailed again. */
  resend_card: { from: ['returned'], to: 'mailed', ja: 'カードの再発送', en: 'Mail the card again' },
  /** 交付: handed over at the counter after the identity check (a returned notice's card too, when the resident comes). */
  issue: { from: ['notice_sent', 'returned'], to: 'issued', ja: '交付', en: 'Issue at the counter', flag: 'issueCompleted', date: 'issuedOn' },
  /** 郵送交付完了: the post office delivered the mailed card to the resident. */
  confirm_delivery: { from: ['mailed'], to: 'issued', ja: '郵送交付完了', en: 'Confirm delivery', flag: 'issueCompleted', date: 'issuedOn' },
  /** 交付取りやめ: the resident withdrew, moved away or died before the card was handed over. */
  cancel: { from: preIssueStatuses, to: 'cancelled', ja: '交付取りやめ', en: 'Cancel the issue', flag: 'cancelChecked', reason: 'cancelReason' },
  /** 再発行依頼: the card found faulty (券面誤り, IC chip) before it was handed over; J-LIS makes it again. */
  request_reissue: { from: ['arrived', 'prepared', 'notice_sent', 'returned'], to: 'reissue_requested', ja: '再発行依頼', en: 'Request a reissue', flag: 'reissueRequested' },
  /** 失効: an issued card invalidated (lost, 返納, death, expiry). */
  revoke: { from: ['issued'], to: 'revoked', ja: '失効', en: 'Revoke', flag: 'revocationChecked', reason: 'revocationReason' },
  /** 回収: the card physically taken back from the holder. */
  recover: { from: ['issued', 'revoked'], to: 'recovered', ja: '回収', en: 'Recover the card', date: 'recoveredOn', reason: 'recoveryReason' },
  /** 廃棄: a card never collected (after the waiting period or expiry), cancelled, revoked or recovered, destroyed. */
  dispose: {
    from: ['arrived', 'prepared', 'notice_sent', 'returned', 'cancelled', 'revoked', 'recovered'], to: 'disposed', ja: '廃棄', en: 'Dispose of the card',
    flag: 'disposalChecked', date: 'disposedOn', reason: 'disposalReason',
  },
  /** 保管場所移動: the card (or the application) moved to another site, which becomes its storage and issuing site. */
  transfer: { from: preIssueStatuses, to: null, ja: '保管場所の移動', en: 'Move to another site' },
} as const satisfies Record<string, StepRule>;

export type CardStep = keyof typeof cardSteps;

const allSteps = Object.keys(cardSteps) as CardStep[];

/** The rule of a step, typed as the general shape (flag, date and reason optional). */
export const stepRule = (step: CardStep): StepRule => cardSteps[step];

/** The steps allowed from a status, in the table's order. */
export function stepsFrom(status: CardStatus): CardStep[] {
  return allSteps.filter((s) => stepRule(s).from.includes(status));
}

/** The status a step leads to, or card_step_not_allowed naming the current status and the steps it allows. */
export function nextStatus(status: CardStatus, step: CardStep): CardStatus {
  const rule = stepRule(step);
  if (rule.from.includes(status)) return rule.to ?? status;
  const allowed = stepsFrom(status);
  const listed = (lang: 'ja' | 'en') => allowed.map((s) => `${stepRule(s)[lang]} (→ ${cardStatuses[stepRule(s).to ?? status][lang]})`);
  throw new AppError('card_step_not_allowed', {
    status: cardStatuses[status].ja, statusEn: cardStatuses[status].en,
    step: rule.ja, stepEn: rule.en,
    allowed: allowed.length > 0 ? listed('ja').join('、') : 'なし',
    allowedEn: allowed.length > 0 ? listed('en').join(', ') : 'none',
  });
}

export function isCardStatus(s: string): s is CardStatus {
  return Object.hasOwn(cardStatuses, s);
}

export function isCardStep(s: string): s is CardStep {
  return Object.hasOwn(cardSteps, s);
}
