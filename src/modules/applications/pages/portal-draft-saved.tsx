// 一時保存しました: the link to come back with (the only key to the draft), how long it lasts, and whether it was mailed.
import { t } from '../../../platform/http/language.ts';
import { PortalLayout } from '../../../platform/ui/layout.tsx';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import { pick, type PortalPageContext } from './portal-common.tsx';

/** The draft-saved page. */
export function DraftSavedPage(p: PortalPageContext & { definition: ProcedureDefinition; link: string; lifetimeDays: number; mailed: boolean }) {
  const { lang } = p;
  const title = t(lang, '入力内容を一時保存しました', 'Your answers have been saved');
  return (
    <PortalLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{pick(lang, p.definition.title)}</p>
      <p safe>{t(lang, `次のリンクから続きを入力できます。リンクは${p.lifetimeDays}日間有効です（最後に保存した日から）。`,
        `You can continue from this link. It works for ${p.lifetimeDays} days from the last save.`)}</p>
      <p class="notice"><a href={p.link} class="draft-link" safe>{p.link}</a></p>
      <p safe>{t(lang, 'このリンクを知っている人は誰でも入力内容を見られます。他の人に教えないでください。',
        'Anyone with this link can see your answers. Do not share it.')}</p>
      {p.mailed ? <p safe>{t(lang, '入力されたメールアドレスにリンクを送信しました。', 'We have sent the link to the email address you entered.')}</p> : ''}
      <p><a class="button" href={p.link} safe>{t(lang, '入力を続ける', 'Continue now')}</a></p>
    </PortalLayout>
  );
}
