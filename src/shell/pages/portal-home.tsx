// 住民向けポータルのトップページ: what residents can do here.
import { t } from '../../platform/http/language.ts';
import { PortalLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from './page-context.ts';

/** The resident portal's front page. */
export function PortalHome(ctx: PageContext) {
  const { lang } = ctx;
  // Each service links to its pages once its module is there.
  const services: Array<[title: string, text: string, href?: string]> = [
    [t(lang, 'オンライン申請', 'Apply online'), t(lang, '各種手続きの申請と手数料のお支払い', 'Applications and fee payment'), '/procedures'],
    [t(lang, '申請状況の確認', 'Check an application'), t(lang, '受付番号とメールアドレスで申請の状況を確認', 'The state of an application, by receipt number and email'), '/applications/status'],
    [t(lang, '窓口の来庁予約', 'Book a counter visit'), t(lang, 'マイナンバーカードの申請・受け取りの予約', 'Appointments for My Number Card'), '/card/reserve'],
    [t(lang, '証明書', 'Certificates'), t(lang, '所得・課税証明書の交付', 'Income and tax certificates')],
  ];
  return (
    <PortalLayout {...ctx} title={t(lang, 'ホーム', 'Home')}>
      <h1 safe>{t(lang, `${ctx.municipalityName} オンライン窓口`, `${ctx.municipalityName} Online Counter`)}</h1>
      <p safe>{t(lang, '窓口に来なくても、手続きの多くをここで行えます。', 'Many procedures can be done here without visiting the city office.')}</p>
      <ul class="service-list">
        {services.map(([title, text, href]) => (
          <li class="service-card">
            <h2>{href ? <a href={href} safe>{title}</a> : <span safe>{title}</span>}</h2>
            <p safe>{text}</p>
          </li>
        ))}
      </ul>
    </PortalLayout>
  );
}
