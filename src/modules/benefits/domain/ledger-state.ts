// 給付台帳の状態: where a target stands between the computation and the money, and every step allowed from each state.
// A step not listed is refused naming the current state and the steps it allows, so a clerk learns what to do next.
import { AppError } from '../../../platform/errors.ts';

export const ledgerStates = {
  targeted: { ja: '対象（算定済）', en: 'Targeted' },
  notified: { ja: '通知済', en: 'Notified' },
  replied: { ja: '返信受付済', en: 'Replied' },
  decided: { ja: '支給決定', en: 'Decided' },
  rejected: { ja: '却下', en: 'Rejected' },
  paid: { ja: '振込済', en: 'Paid' },
  returned: { ja: '振込不能（口座訂正待ち）', en: 'Returned (awaiting a corrected account)' },
} as const;

export type LedgerState = keyof typeof ledgerStates;

/** The named steps: from which states each may be taken, and the state it leads to. */
export const ledgerSteps = {
  /** 通知書発送: 支給のお知らせ or 支給確認書 sent. */
  notify: { from: ['targeted'], to: 'notified', ja: '通知書発送', en: 'Send the letter' },
  /** 返信受付: the 支給確認書 came back (paper or online) with an account and consent. */
  reply: { from: ['notified'], to: 'replied', ja: '返信受付', en: 'Record the reply' },
  /** 支給決定: after a reply, or for a 支給のお知らせ once its 辞退 deadline has passed. */
  decide: { from: ['notified', 'replied'], to: 'decided', ja: '支給決定', en: 'Decide to pay' },
  /** 却下: 辞退, deadline passed without reply, or not eligible after all. */
  reject: { from: ['targeted', 'notified', 'replied'], to: 'rejected', ja: '却下', en: 'Reject' },
  /** 振込済: the bank settled the transfer. */
  settle: { from: ['decided'], to: 'paid', ja: '振込済の登録', en: 'Record as paid' },
  /** 振込不能・組戻し: the transfer came back. */
  return: { from: ['paid'], to: 'returned', ja: '振込不能の登録', en: 'Record a returned transfer' },
  /** 口座訂正: a corrected account makes a returned transfer payable again. */
  correct: { from: ['returned'], to: 'decided', ja: '口座訂正（再振込）', en: 'Correct the account (pay again)' },
} as const satisfies Record<string, { from: readonly LedgerState[]; to: LedgerState; ja: string; en: string }>;

export type LedgerStep = keyof typeof ledgerSteps;

/** The steps allowed from a state. */
export function stepsFrom(state: LedgerState): LedgerStep[] {
  return (Object.keys(ledgerSteps) as LedgerStep[]).filter((s) => (ledgerSteps[s].from as readonly LedgerState[]).includes(state));
}

/** The state a step leads to, or benefits_step_not_allowed naming the current state and the allowed steps. */
export function nextState(state: LedgerState, step: LedgerStep): LedgerState {
  const rule = ledgerSteps[step];
  if ((rule.from as readonly LedgerState[]).includes(state)) return rule.to;
  const allowed = stepsFrom(state);
  throw new AppError('benefits_step_not_allowed', {
    state: ledgerStates[state].ja, stateEn: ledgerStates[state].en,
    step: rule.ja, stepEn: rule.en,
    allowed: allowed.length > 0 ? allowed.map((s) => ledgerSteps[s].ja).join('・') : 'なし',
    allowedEn: allowed.length > 0 ? allowed.map((s) => ledgerSteps[s].en).join(', ') : 'none',
  });
}
