// What the portal's pages share: the page context, the error summary (GOV.UK / デジタル庁 pattern: a list at the top
// whose links move to each wrong field), yen amounts and the fee line of a procedure.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import type { Message } from '../domain/validate.ts';
import { pick, yen } from '../../../platform/ui/format.ts';

export type PortalPageContext = Pick<PageContext, 'lang' | 'path' | 'municipalityName'>;

export { pick, yen } from '../../../platform/ui/format.ts';

/** The procedure's fee as a line: free, a flat fee, or per copy. */
export function feeLine(lang: Lang, def: ProcedureDefinition): string {
  if (!def.fee) return t(lang, '無料', 'Free');
  return def.fee.copiesField ? t(lang, `1通 ${yen(lang, def.fee.yen)}`, `${yen(lang, def.fee.yen)} per copy`) : yen(lang, def.fee.yen);
}


/** The id of the input an error's link moves to. */
export const inputId = (fieldId: string, part?: string): string => `f-${fieldId}${part ? `-${part}` : ''}`;

/** The summary of every error at the top of the form, each linking to its field, announced when the page loads. */
export function ErrorSummary({ lang, errors, targets }: { lang: Lang; errors: Record<string, Message>; targets: Record<string, string> }) {
  const ids = Object.keys(errors);
  if (ids.length === 0) return '';
  return (
    <div class="error-summary notice notice-error" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title" safe>{t(lang, '入力内容に誤りがあります', 'There is a problem')}</h2>
      <ul>
        {ids.map((id) => <li><a href={`#${targets[id] ?? inputId(id)}`} safe>{pick(lang, errors[id]!)}</a></li>)}
      </ul>
    </div>
  );
}

/** A notice (information) box. */
export function Notice({ text, error }: { text: string | undefined; error?: boolean }) {
  if (!text) return '';
  return <p class={error ? 'notice notice-error' : 'notice'} role={error ? 'alert' : 'status'} safe>{text}</p>;
}
