// 申請の状態: 受付 → 審査中 → 差戻し ⇄ 再提出 → 承認 / 却下 → 完了, as a table shared by the inbox, the portal and the tests.

export const applicationStates = {
  draft: { ja: '下書き', en: 'Draft' },
  awaiting_payment: { ja: '決済待ち', en: 'Awaiting payment' },
  received: { ja: '受付', en: 'Received' },
  under_review: { ja: '審査中', en: 'Under review' },
  returned: { ja: '差戻し', en: 'Returned for correction' },
  resubmitted: { ja: '再提出', en: 'Resubmitted' },
  approved: { ja: '承認', en: 'Approved' },
  rejected: { ja: '却下', en: 'Rejected' },
  completed: { ja: '完了', en: 'Completed' },
} as const;
export type ApplicationState = keyof typeof applicationStates;

/** Who may take an action: the resident (portal), the payment gateway's confirmation, or staff (inbox). */
export type ActionBy = 'resident' | 'payment' | 'staff';

export const applicationActions = {
  submit: { ja: '申請', en: 'Submit', by: 'resident', from: ['draft'], to: 'received' },
  checkout: { ja: '決済へ進む', en: 'Go to payment', by: 'resident', from: ['draft', 'awaiting_payment'], to: 'awaiting_payment' },
  pay: { ja: '決済完了', en: 'Payment confirmed', by: 'payment', from: ['awaiting_payment'], to: 'received' },
  start_review: { ja: '審査開始', en: 'Start review', by: 'staff', from: ['received', 'resubmitted'], to: 'under_review' },
  return: { ja: '差戻し', en: 'Return for correction', by: 'staff', from: ['under_review'], to: 'returned' },
  resubmit: { ja: '再提出', en: 'Resubmit', by: 'resident', from: ['returned'], to: 'resubmitted' },
  approve: { ja: '承認', en: 'Approve', by: 'staff', from: ['under_review'], to: 'approved' },
  reject: { ja: '却下', en: 'Reject', by: 'staff', from: ['under_review'], to: 'rejected' },
  complete: { ja: '完了', en: 'Complete', by: 'staff', from: ['approved'], to: 'completed' },
} as const satisfies Record<string, { ja: string; en: string; by: ActionBy; from: readonly ApplicationState[]; to: ApplicationState }>;
export type ApplicationAction = keyof typeof applicationActions;

/** Actions that need a comment for the resident (the reason). */
export const actionsNeedingReason: readonly ApplicationAction[] = ['return', 'reject'];

/** The state after the action, or undefined when the action is not allowed from this state. */
export function nextState(from: ApplicationState, action: ApplicationAction): ApplicationState | undefined {
  const a = applicationActions[action];
  return (a.from as readonly ApplicationState[]).includes(from) ? a.to : undefined;
}

/** The actions this kind of actor may take from the state, in the table's order. */
export function allowedActions(from: ApplicationState, by: ActionBy): ApplicationAction[] {
  return (Object.keys(applicationActions) as ApplicationAction[]).filter((k) => applicationActions[k].by === by && nextState(from, k) !== undefined);
}

/** States in which the application is the resident's still (no receipt number yet). */
export const unsubmittedStates: readonly ApplicationState[] = ['draft', 'awaiting_payment'];

export function isApplicationState(s: string): s is ApplicationState {
  return Object.hasOwn(applicationStates, s);
}
