// What the inbox's pages share: their addresses, the page context, the labels of states and channels, the notice.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { type ApplicationState, applicationStates } from '../../domain/state.ts';

/** The list's address; an application's page is `${INBOX_PATH}/<id>`. */
export const INBOX_PATH = '/console/applications';

/** The page of one application. */
export const applicationHref = (applicationId: string): string => `${INBOX_PATH}/${applicationId}`;

export type InboxPageContext = PageContext;

/** 受付 / Received … in the page's language. */
export const stateLabel = (lang: Lang, state: ApplicationState): string => t(lang, applicationStates[state].ja, applicationStates[state].en);

/** Where an application came from. */
export const channelLabel = (lang: Lang, channel: string): string =>
  channel === 'pittari' ? t(lang, 'ぴったりサービス', 'ぴったりサービス (national portal)') : t(lang, '電子申請（ポータル）', 'Online (portal)');

export { Notice } from '../../../../platform/ui/notice.tsx';
