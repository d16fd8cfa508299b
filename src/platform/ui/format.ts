// How instants are shown to people: Japan time, to the minute.

const jst = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** An instant as 'YYYY-MM-DD HH:mm' in Japan time, or '' for none. */
export function formatInstant(at: Date | null | undefined): string {
  return at ? jst.format(at) : '';
}

/** 1,200円 / 1,200 yen. */
export const yen = (lang: 'ja' | 'en', n: number): string => (lang === 'en' ? `${n.toLocaleString('en')} yen` : `${n.toLocaleString('ja')}円`);

/** A bilingual text in the page's language. */
export const pick = (lang: 'ja' | 'en', m: { ja: string; en: string }): string => (lang === 'en' ? m.en : m.ja);
