// The page shown when a page request fails: the message in the reader's language, never internals.
import { t } from '../../platform/http/language.ts';
import { PortalLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from './page-context.ts';

/** An error page with the status, the message and the request id to quote to the help desk. */
export function ErrorPage(ctx: PageContext & { status: number; message: string; requestId: string }) {
  const { lang } = ctx;
  return (
    <PortalLayout {...ctx} title={t(lang, 'エラー', 'Error')}>
      <h1 safe>{ctx.message}</h1>
      <p safe>{t(lang, `お問い合わせの際は次の番号をお伝えください: ${ctx.requestId}`, `When you contact us, please quote: ${ctx.requestId}`)}</p>
      <p><a href="/" safe>{t(lang, 'トップページへ戻る', 'Back to the top page')}</a></p>
    </PortalLayout>
  );
}
