// What the batch's three pages share: the console page context they are rendered in, and the problem notice.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import type { ConsoleLayout } from '../../../platform/ui/layout.tsx';

/** The console's page context (language, menu, session), as the shell builds it for the request. */
export type BatchPageContext = Omit<Parameters<typeof ConsoleLayout>[0], 'title' | 'children'>;

/** The batch's one address: the language switch of every step leads back to its start. */
export const BATCH_PATH = '/console/review/batch';

/** The page's title, in its language. */
export const batchTitle = (lang: Lang): string => t(lang, '一括照合（審査アシスト）', 'Batch review (review assist)');

/** Why the last step was refused, already in the page's language. */
export function ProblemNotice({ problem }: { problem: string | undefined }) {
  return problem ? <p class="notice notice-error" role="alert" safe>{problem}</p> : '';
}
