// The report's content once, in the page's or the PDF's language: the scope in words, a row per file (reached by
// the events, reachable by the capabilities), a row per data category, and the reporting grounds met.
import type { Lang } from '../../../platform/errors.ts';
import { roles, isRoleName } from '../../../platform/access/roles.ts';
import { dataCategories } from '../../../platform/register/personal-data.ts';
import { registerFiles } from '../register/files.ts';
import { dutyGrounds, judgedGround } from './domain/report-duty.ts';
import type { BreachReport } from './report.ts';

const num = (n: number, lang: Lang) => n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US');
const say = (lang: Lang, ja: string, en: string) => (lang === 'ja' ? ja : en);

/** The scope's parts as label and value, in the form's order. */
export function scopeFacts(r: BreachReport, lang: Lang): Array<{ label: string; value: string }> {
  const s = r.scope;
  const title = (id: string) => registerFiles.find((f) => f.file.fileId === id)?.file.title[lang] ?? id;
  const facts: Array<[string | undefined, string, string]> = [
    [s.user, '職員（ログインID）', 'Staff (login id)'],
    [s.apiClient && `${s.apiClient}${r.unknownApiClient ? say(lang, '（登録なし）', ' (not registered)') : ''}`, 'APIクライアント', 'API client'],
    [s.role && (isRoleName(s.role) ? `${roles[s.role][lang]} (${s.role})` : s.role), '役割', 'Role'],
    [s.fileId && title(s.fileId), '個人情報ファイル', 'File'],
    [s.from || s.to ? `${s.from ?? '…'} – ${s.to ?? '…'}` : undefined, '期間（日本時間）', 'Period (Japan time)'],
  ];
  return facts.filter(([v]) => v !== undefined).map(([v, ja, en]) => ({ label: say(lang, ja, en), value: v! }));
}

/** One file's line: persons reached by the events and persons reachable now, with the items the scope could see. */
export interface FileRow {
  fileId: string;
  title: string;
  reached: string;
  exported: string;
  individualNumber: string;
  events: string;
  reachable: string;
  items: string;
}

/** A row for every file the events reached or the scope could read, in the register's order. */
export function fileRows(r: BreachReport, lang: Lang): FileRow[] {
  const traced = new Map(r.trace.files.map((f) => [f.fileId, f]));
  const reachable = new Map(r.reachable.map((f) => [f.file.file.fileId, f]));
  return registerFiles.filter((f) => traced.has(f.file.fileId) || reachable.has(f.file.fileId)).map((f) => {
    const t = traced.get(f.file.fileId);
    const p = reachable.get(f.file.fileId);
    return {
      fileId: f.file.fileId,
      title: f.file.title[lang],
      reached: num(t?.persons ?? 0, lang),
      exported: num(t?.exported ?? 0, lang),
      individualNumber: num(t?.individualNumber ?? 0, lang),
      events: num(t?.events ?? 0, lang),
      reachable: p ? num(p.persons, lang) : '—',
      items: (p?.items ?? f.items).map((i) => i.label[lang]).join(say(lang, '、', ', ')),
    };
  });
}

/** A row per data category: persons reached and reachable (summed over files), and the files. */
export function categoryRows(r: BreachReport, lang: Lang): Array<{ category: string; name: string; reached: string; reachable: string; files: string }> {
  const title = new Map(registerFiles.map((f) => [f.file.fileId, f.file.title[lang]]));
  return r.categories.map((c) => ({
    category: c.category,
    name: dataCategories[c.category][lang],
    reached: num(c.reached, lang),
    reachable: r.hidden.includes(c.category) ? say(lang, '権限なし', 'not visible') : num(c.reachable, lang),
    files: c.fileIds.map((f) => title.get(f) ?? f).join(say(lang, '、', ', ')) || '—',
  }));
}

/** The headline figures: events by kind, persons reached, exported, individual numbers. */
export function headline(r: BreachReport, lang: Lang): Array<{ label: string; value: string }> {
  const e = r.trace.events;
  const all = (e.read ?? 0) + (e.export ?? 0) + (e.change ?? 0);
  return [
    { label: say(lang, '対象となる操作（閲覧・出力・変更）', 'Events in scope (read, export, change)'), value: say(lang,
      `${num(all, lang)}（閲覧 ${num(e.read ?? 0, lang)}、出力 ${num(e.export ?? 0, lang)}、変更 ${num(e.change ?? 0, lang)}）`,
      `${num(all, lang)} (read ${num(e.read ?? 0, lang)}, export ${num(e.export ?? 0, lang)}, change ${num(e.change ?? 0, lang)})`) },
    { label: say(lang, '本人の数（操作ログから）', 'Persons reached (from the audit log)'), value: say(lang, `${num(r.trace.total.persons, lang)}人`, num(r.trace.total.persons, lang)) },
    { label: say(lang, 'うち出力されたもの', 'of whom exported'), value: num(r.trace.total.exported, lang) },
    { label: say(lang, 'うち個人番号に係るもの', 'of whom an individual number was accessed'), value: num(r.trace.total.individualNumber, lang) },
    { label: say(lang, '閲覧しうる本人の数（ファイルの延べ人数）', 'Persons the scope could read (summed over files)'), value: num(r.reachable.reduce((n, f) => n + f.persons, 0), lang) },
  ];
}

/** The reporting grounds met, then the question left to the investigator. */
export function dutyLines(r: BreachReport, lang: Lang): { met: string[]; judged: string } {
  return { met: r.duty.map((g) => dutyGrounds[g][lang]), judged: judgedGround[lang] };
}

/** Subject kinds of the events that name no person (certificates, payments…), as `kind (n)`. */
export const otherKindsText = (r: BreachReport, lang: Lang): string =>
  r.trace.otherKinds.map((k) => `${k.kind} (${num(k.subjects, lang)})`).join(', ') || say(lang, 'なし', 'none');
