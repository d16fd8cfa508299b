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

/** The logged-in session, for the idle time-out warning. */
export interface SessionInfo {
  idleSeconds: number;
  csrfToken: string;
}

interface LayoutProps {
  lang: Lang;
  title: string;
  municipalityName: string;
  /** The current path, for the language switch link. */
  path: string;
  children?: Children;
  session?: SessionInfo | undefined;
}

function Head({ lang, title, suffix, session }: { lang: Lang; title: string; suffix: string; session?: SessionInfo | undefined }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title safe>{`${title} | ${suffix}`}</title>
      {stylesheets.map((href) => <link rel="stylesheet" href={href} />)}
      <meta name="description" content={t(lang, '自治体のオンライン窓口', 'Online municipal counter')} />
      {session ? (
        <>
          <meta name="madoguchi-session" data-idle-seconds={String(session.idleSeconds)} data-csrf={session.csrfToken} />
          <script src="/public/js/session-timeout.js" defer></script>
        </>
      ) : ''}
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

/** The idle time-out warning, opened by /public/js/session-timeout.js. */
function TimeoutDialog({ lang, seconds }: { lang: Lang; seconds: number }) {
  return (
    <dialog id="session-timeout" role="alertdialog" aria-labelledby="session-timeout-title" aria-describedby="session-timeout-text">
      <h2 id="session-timeout-title" safe>{t(lang, 'まもなく自動ログアウトします', 'You will be logged out soon')}</h2>
      <p id="session-timeout-text">
        <span safe>{t(lang, 'しばらく操作がないため、あと ', 'Because you have been inactive, your session ends in ')}</span>
        <span data-remaining safe>{String(seconds)}</span>
        <span safe>{t(lang, ' 秒でログアウトします。作業を続ける場合は延長してください。', ' seconds. Extend it to keep working.')}</span>
      </p>
      <button type="button" class="button" data-extend safe>{t(lang, '延長する', 'Stay logged in')}</button>
    </dialog>
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
        <Head lang={props.lang} title={props.title} suffix={props.siteName} session={props.session} />
        <body class={props.zone}>
          <a class="skip-link" href="#main" safe>{t(props.lang, '本文へ移動', 'Skip to content')}</a>
          <header class="site-header">
            <a class="site-name" href={props.homeHref} safe>{props.siteName}</a>
            <LanguageSwitch lang={props.lang} path={props.path} />
          </header>
          {beforeMain}
          <main id="main">{children}</main>
          {afterMain}
          {props.session ? <TimeoutDialog lang={props.lang} seconds={Math.min(60, props.session.idleSeconds)} /> : ''}
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
