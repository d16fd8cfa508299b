// The cards of a list (the cards behind a dashboard number, the uncollected cards): 申請書ID linking to the card's
// page, 氏名, the list's own columns, and the storage site.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import type { Named } from '../../staff/pages/day-page.tsx';

/** A card's own page (the card list's detail). */
export const cardHref = (applicantId: string): string => `/console/card/cards/${applicantId}`;

export const siteName = (lang: Lang, sites: readonly Named[], code: string): string => {
  const found = sites.find((s) => s.code === code);
  return found ? pick(lang, found) : code;
};

interface ListedCardBase {
  applicantId: string;
  applicantIdDisplay: string;
  /** personal data: 氏名 */
  name: string;
  storageSiteCode: string;
}

/** A column of the list besides the ID, the name and the site. */
export interface CardColumn<C> {
  head: string;
  cell: (c: C) => string;
  number?: true;
}

export function CardTable<C extends ListedCardBase>(p: { lang: Lang; id: string; caption: string; cards: readonly C[]; sites: readonly Named[]; columns: readonly CardColumn<C>[] }) {
  const { lang } = p;
  return (
    <table class="table" id={p.id}>
      <caption safe>{p.caption}</caption>
      <thead><tr>
        <th scope="col" safe>{t(lang, '申請書ID', 'Application ID')}</th>
        <th scope="col" safe>{t(lang, '氏名', 'Name')}</th>
        {p.columns.map((c) => <th scope="col" safe>{c.head}</th>)}
        <th scope="col" safe>{t(lang, '保管場所', 'Storage site')}</th>
      </tr></thead>
      <tbody>
        {p.cards.map((card) => (
          <tr>
            <td><a href={cardHref(card.applicantId)} safe>{card.applicantIdDisplay}</a></td>
            <td safe>{card.name}</td>
            {p.columns.map((c) => (c.number ? <td class="number" safe>{c.cell(card)}</td> : <td safe>{c.cell(card)}</td>))}
            <td safe>{siteName(lang, p.sites, card.storageSiteCode)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
