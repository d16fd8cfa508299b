// The sandbox gateway's own pages (テスト決済): its checkout page with card and wallet choices and the outcome to
// simulate, and the "pending" page of a simulated time-out. Plain forms: they work without JavaScript. Every page says
// in both languages that nothing is charged, so nobody takes it for a real payment page.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { PortalLayout } from '../../../../platform/ui/layout.tsx';
import type { SignedParams } from '../domain/signature.ts';

interface PortalCtx {
  lang: Lang;
  path: string;
  municipalityName: string;
}

/** The outcomes the sandbox can simulate. */
export const sandboxOutcomes = {
  success: { ja: '成功（決済確定）', en: 'Success (payment captured)' },
  declined: { ja: '拒否（カード会社が承認しない）', en: 'Declined by the card issuer' },
  timeout: { ja: '時間切れ（通知を送らない。あとで遅延通知・期限切れを送れます）', en: 'Time-out (no notification now; send a late one or an expiry later)' },
  duplicate: { ja: '重複通知（同じ決済確定通知を2回送る）', en: 'Duplicate notification (the same capture sent twice)' },
} as const;
export type SandboxOutcome = keyof typeof sandboxOutcomes;

function TestBanner({ lang }: { lang: Lang }) {
  return (
    <p class="notice notice-error" role="note">
      <strong>テスト決済 / TEST PAYMENT</strong>{' '}
      <span safe>{t(lang, 'これは試験用の決済画面です。実際の請求は一切行われません。本物のカード番号を入力しないでください。',
        'This is a test payment page. Nothing is charged. Do not enter a real card number.')}</span>
    </p>
  );
}

/** The signed checkout parameters, carried from step to step as hidden fields. */
function Hidden({ params }: { params: SignedParams }) {
  return <>{Object.entries(params).map(([k, v]) => <input type="hidden" name={k} value={v} />)}</>;
}

/** The sandbox's checkout page. */
export function SandboxCheckoutPage(ctx: PortalCtx & { params: SignedParams; action: string; problem?: string | undefined }) {
  const { lang, params } = ctx;
  const methods = (params.methods ?? 'card').split(',');
  const title = t(lang, 'お支払い（テスト決済）', 'Payment (test gateway)');
  return (
    <PortalLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      <TestBanner lang={lang} />
      {ctx.problem ? <p class="notice notice-error" role="alert" safe>{ctx.problem}</p> : ''}
      <dl>
        <dt safe>{t(lang, '内容', 'For')}</dt>
        <dd safe>{params.item_name ?? ''}</dd>
        <dt safe>{t(lang, '金額', 'Amount')}</dt>
        <dd safe>{`${Number(params.amount).toLocaleString('ja-JP')} ${t(lang, '円', 'yen')}`}</dd>
        <dt safe>{t(lang, '注文番号', 'Order number')}</dt>
        <dd safe>{params.order_id ?? ''}</dd>
      </dl>
      <form method="post" action={ctx.action} class="form">
        <Hidden params={params} />
        <fieldset>
          <legend safe>{t(lang, '支払方法', 'Payment method')}</legend>
          {methods.includes('card') ? (
            <div>
              <input type="radio" id="sbx-card" name="method" value="card" checked />
              <label for="sbx-card" safe>{t(lang, 'クレジットカード', 'Credit card')}</label>
            </div>
          ) : ''}
          {methods.includes('wallet') ? (
            <div>
              <input type="radio" id="sbx-wallet" name="method" value="wallet" checked={!methods.includes('card')} />
              <label for="sbx-wallet" safe>{t(lang, 'スマホ決済（PayPay など）', 'Smartphone wallet (PayPay etc.)')}</label>
            </div>
          ) : ''}
        </fieldset>
        <div class="field">
          <label for="sbx-card-number" safe>{t(lang, 'カード番号（テスト用。カード払いのときだけ使います）', 'Card number (test only; used for card payments)')}</label>
          <p id="sbx-card-hint" safe>{t(lang, 'テスト番号 4242 4242 4242 4242 を使ってください。番号は保存も送信もされません。',
            'Use the test number 4242 4242 4242 4242. It is neither stored nor passed on.')}</p>
          <input id="sbx-card-number" name="card_number" type="text" inputmode="numeric" autocomplete="off" maxlength="23" value="4242 4242 4242 4242" aria-describedby="sbx-card-hint" />
        </div>
        <fieldset>
          <legend safe>{t(lang, '試験する結果', 'Outcome to simulate')}</legend>
          {(Object.keys(sandboxOutcomes) as SandboxOutcome[]).map((o) => (
            <div>
              <input type="radio" id={`sbx-outcome-${o}`} name="outcome" value={o} checked={o === 'success'} />
              <label for={`sbx-outcome-${o}`} safe>{t(lang, sandboxOutcomes[o].ja, sandboxOutcomes[o].en)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button" safe>{t(lang, '支払う（テスト）', 'Pay (test)')}</button>
      </form>
    </PortalLayout>
  );
}

/** The page after a simulated time-out: send the late notification, an expiry, or go back without either. */
export function SandboxPendingPage(ctx: PortalCtx & { params: SignedParams; action: string; returnUrl: string }) {
  const { lang } = ctx;
  const title = t(lang, '決済結果の通知待ち（テスト決済）', 'Waiting for the payment result (test gateway)');
  return (
    <PortalLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      <TestBanner lang={lang} />
      <p safe>{t(lang, '時間切れを試験しています。まだ決済通知は送っていません。',
        'Simulating a time-out: no notification has been sent yet.')}</p>
      <form method="post" action={ctx.action} class="form">
        <Hidden params={ctx.params} />
        <button type="submit" class="button" name="late" value="captured" safe>{t(lang, '遅延した決済確定通知を送る', 'Send the late capture notification')}</button>{' '}
        <button type="submit" class="button" name="late" value="expired" safe>{t(lang, '期限切れ通知を送る', 'Send an expiry notification')}</button>
      </form>
      <p><a href={ctx.returnUrl} safe>{t(lang, '通知を送らずに申請画面へ戻る', 'Return to the application without a notification')}</a></p>
    </PortalLayout>
  );
}
