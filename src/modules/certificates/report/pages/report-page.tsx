// 交付件数の取りまとめ: a stacked bar per day (copies by channel) above the table of every day, channel and type with
// copies and fees, and the kiosk refusals by reason; CSV in UTF-8 (BOM) or Shift_JIS at the same address with .csv.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick, yen } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { type ChartSeriesStyle, StackedBarChart } from '../../../../platform/ui/stacked-bar-chart.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { DayTotals, IssuedCount } from '../../domain/daily-report.ts';
import type { Channel } from '../../domain/refusal.ts';
import { certificateTypes, refusalMessages, type RefusalReason } from '../../domain/tax-record.ts';

export const REPORT_PATH = '/console/certificates/report';

export const channelNames: Record<Channel, { ja: string; en: string }> = {
  counter: { ja: '窓口', en: 'Counter' },
  online: { ja: '電子申請', en: 'Online' },
  kiosk: { ja: 'コンビニ交付', en: 'Kiosk' },
};
// Colours told apart also by people with the common colour-vision differences (Okabe–Ito), with a legend in text.
const channelColours: Record<Channel, string> = { counter: '#0072B2', online: '#E69F00', kiosk: '#009E73' };
const channelSeries: ChartSeriesStyle<Channel>[] = (['counter', 'online', 'kiosk'] as const).map((key) => ({ key, name: channelNames[key], colour: channelColours[key] }));

function Chart({ lang, days }: { lang: Lang; days: DayTotals[] }) {
  const total = (c: Channel) => days.reduce((n, d) => n + d.copiesByChannel[c], 0);
  const desc = t(
    lang,
    `${days[0]?.day ?? ''}から${days.at(-1)?.day ?? ''}までの${days.length}日間。` + channelSeries.map((s) => `${s.name.ja}${total(s.key)}部`).join('、') + '。',
    `${days.length} days from ${days[0]?.day ?? ''} to ${days.at(-1)?.day ?? ''}: ` + channelSeries.map((s) => `${s.name.en.toLowerCase()} ${total(s.key)} copies`).join(', ') + '.',
  );
  return (
    <StackedBarChart lang={lang} id="certificates-report-chart" title={t(lang, '日別交付部数（経路別）', 'Copies issued per day, by channel')} desc={desc}
      series={channelSeries} bars={days.map((d) => ({ label: d.day, axisLabel: d.day.slice(5), values: d.copiesByChannel }))} />
  );
}

export interface ReportPageProps extends PageContext {
  from: string;
  to: string;
  days: DayTotals[];
  counts: IssuedCount[];
  kioskRefused: { day: string; reason: string; count: number }[];
  problem?: string | undefined;
}

export function ReportPage(p: ReportPageProps) {
  const { lang } = p;
  const title = t(lang, '証明書交付件数', 'Certificate issuance counts');
  const total = p.days.reduce((a, d) => ({ copies: a.copies + d.copies, fee: a.fee + d.feeYen }), { copies: 0, fee: 0 });
  const query = `from=${p.from}&to=${p.to}`;
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {p.problem ? <p class="notice notice-error" role="alert" safe>{p.problem}</p> : ''}
      <form method="get" action={REPORT_PATH} class="form filters">
        <div class="field"><label for="r-from" safe>{t(lang, '開始日', 'From')}</label><input id="r-from" name="from" type="date" value={p.from} /></div>
        <div class="field"><label for="r-to" safe>{t(lang, '終了日', 'To')}</label><input id="r-to" name="to" type="date" value={p.to} /></div>
        <button type="submit" class="button" safe>{t(lang, '表示', 'Show')}</button>
      </form>
      <p>
        <a href={`${REPORT_PATH}.csv?${query}&encoding=utf8`} safe>{t(lang, 'CSV（UTF-8）', 'CSV (UTF-8)')}</a>{' '}
        <a href={`${REPORT_PATH}.csv?${query}&encoding=sjis`} safe>{t(lang, 'CSV（Shift_JIS）', 'CSV (Shift_JIS)')}</a>
      </p>
      <p safe>{t(lang, `期間合計: ${total.copies}通 / 手数料 ${yen(lang, total.fee)}`, `Period total: ${total.copies} copies, fees ${yen(lang, total.fee)}`)}</p>
      <Chart lang={lang} days={p.days} />
      <table class="table">
        <caption safe>{t(lang, '日別・経路別・種類別', 'By day, channel and type')}</caption>
        <thead><tr>
          <th scope="col" safe>{t(lang, '日付', 'Day')}</th><th scope="col" safe>{t(lang, '経路', 'Channel')}</th><th scope="col" safe>{t(lang, '種類', 'Type')}</th>
          <th scope="col" safe>{t(lang, '件数', 'Certificates')}</th><th scope="col" safe>{t(lang, '部数', 'Copies')}</th><th scope="col" safe>{t(lang, '手数料', 'Fees')}</th><th scope="col" safe>{t(lang, 'うち失効', 'Revoked')}</th>
        </tr></thead>
        <tbody>
          {p.counts.map((c) => (
            <tr>
              <td safe>{c.day}</td><td safe>{pick(lang, channelNames[c.channel])}</td><td safe>{pick(lang, certificateTypes[c.certificateType])}</td>
              <td class="number" safe>{String(c.certificates)}</td><td class="number" safe>{String(c.copies)}</td><td class="number" safe>{yen(lang, c.feeYen)}</td><td class="number" safe>{String(c.revoked)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 safe>{t(lang, 'コンビニ交付の拒否（理由別）', 'Kiosk refusals by reason')}</h2>
      {p.kioskRefused.length === 0 ? <p safe>{t(lang, 'ありません。', 'None.')}</p> : (
        <table class="table">
          <thead><tr><th scope="col" safe>{t(lang, '日付', 'Day')}</th><th scope="col" safe>{t(lang, '理由', 'Reason')}</th><th scope="col" safe>{t(lang, '件数', 'Count')}</th></tr></thead>
          <tbody>
            {p.kioskRefused.map((r) => (
              <tr><td safe>{r.day}</td><td safe>{r.reason in refusalMessages ? pick(lang, refusalMessages[r.reason as RefusalReason]) : r.reason}</td><td class="number" safe>{String(r.count)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}
