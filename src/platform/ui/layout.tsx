// The two page layouts: the resident portal (phones first) and the staff console (LGWAN PCs). All assets are local.
import type { Children } from '@kitajs/html';
import type { Lang } from '../errors.ts';
import { t } from '../http/language.ts';

export const stylesheets = [
  '/public/vendor/design-tokens/tokens.css',
  '/public/vendor/biz-udpgothic/400.css',
  '/public/vendor/biz-udpgothic/700.css',
  '/public/css/madoguchi.css',
];

interface LayoutProps {
  lang: Lang;
  title: string;
  municipalityName: string;
  /** The current path, for the language switch link. */
  path: string;
  children?: Children;
}

function Head({ lang, title, suffix }: { lang: Lang; title: string; suffix: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title safe>{`${title} | ${suffix}`}</title>
      {stylesheets.map((href) => <link rel="stylesheet" href={href} />)}
      <meta name="description" content={t(lang, '自治体のオンライン窓口', 'Online municipal counter')} />
    </head>
  );
}

function LanguageSwitch({ lang, path }: { lang: Lang; path: string }) {
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  return (
    <a class="lang-switch" href={`${path}?lang=${other}`} hreflang={other} lang={other}>
      {other === 'en' ? 'English' : '日本語'}
    </a>
  );
}

interface ShellProps extends LayoutProps {
  zone: 'portal' | 'console';
  siteName: string;
  homeHref: string;
  beforeMain?: Children;
  afterMain?: Children;
}

/** The frame both layouts share: doctype, head, skip link, header with the language switch, main. */
function PageShell(props: ShellProps) {
  const { children, beforeMain, afterMain } = props;
  return (
    <>
      {'<!doctype html>'}
      <html lang={props.lang}>
        <Head lang={props.lang} title={props.title} suffix={props.siteName} />
        <body class={props.zone}>
          <a class="skip-link" href="#main" safe>{t(props.lang, '本文へ移動', 'Skip to content')}</a>
          <header class="site-header">
            <a class="site-name" href={props.homeHref} safe>{props.siteName}</a>
            <LanguageSwitch lang={props.lang} path={props.path} />
          </header>
          {beforeMain}
          <main id="main">{children}</main>
          {afterMain}
        </body>
      </html>
    </>
  );
}

/** The resident portal's page: header with the city's name, a skip link, the language switch. */
export function PortalLayout(props: LayoutProps) {
  const { children } = props;
  const footer = (
    <footer class="site-footer">
      <p safe>{t(props.lang, '個人情報は利用目的の範囲内でのみ取り扱います。', 'Personal data is used only for the stated purposes.')}</p>
    </footer>
  );
  const siteName = `${props.municipalityName} ${t(props.lang, 'オンライン窓口', 'Online Counter')}`;
  return <PageShell {...props} zone="portal" siteName={siteName} homeHref="/" afterMain={footer}>{children}</PageShell>;
}

/** The staff console's page: a denser layout with the console's navigation. */
export function ConsoleLayout(props: LayoutProps & { nav?: Array<{ href: string; label: string }> }) {
  const { children } = props;
  const nav = props.nav?.length ? (
    <nav class="console-nav" aria-label={t(props.lang, '業務メニュー', 'Work menu')}>
      <ul>{props.nav.map((n) => <li><a href={n.href} safe>{n.label}</a></li>)}</ul>
    </nav>
  ) : '';
  const siteName = `${props.municipalityName} ${t(props.lang, '職員コンソール', 'Staff Console')}`;
  return <PageShell {...props} zone="console" siteName={siteName} homeHref="/console/" beforeMain={nav}>{children}</PageShell>;
}
