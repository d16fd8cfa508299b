// 交付件数の取りまとめ: a stacked bar per day (copies by channel) above the table of every day, channel and type with
// copies and fees, and the kiosk refusals by reason; CSV in UTF-8 (BOM) or Shift_JIS at the same address with .csv.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick, yen } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
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
const channelOrder: Channel[] = ['counter', 'online', 'kiosk'];

function Chart({ lang, days }: { lang: Lang; days: DayTotals[] }) {
  const width = 720;
  const height = 220;
  const left = 40;
  const bottom = 24;
  const max = Math.max(1, ...days.map((d) => d.copies));
  const step = (width - left) / Math.max(1, days.length);
  const bar = Math.max(1, step * 0.7);
  const scale = (n: number) => (n / max) * (height - bottom - 10);
  const label = t(lang, '日別交付部数（経路別）', 'Copies issued per day, by channel');
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} width="100%" height={String(height)}>
        <title safe>{label}</title>
        <line x1={String(left)} y1={String(height - bottom)} x2={String(width)} y2={String(height - bottom)} stroke="#333" />
        <text x={String(left - 4)} y="14" text-anchor="end" font-size="10" safe>{String(max)}</text>
        <text x={String(left - 4)} y={String(height - bottom)} text-anchor="end" font-size="10">0</text>
        {days.map((d, i) => {
          let y = height - bottom;
          const x = left + i * step + (step - bar) / 2;
          return (
            <g>
              <title safe>{`${d.day}: ${d.copies}`}</title>
              {channelOrder.map((c) => {
                const h = scale(d.copiesByChannel[c]);
                y -= h;
                return h > 0 ? <rect x={x.toFixed(1)} y={y.toFixed(1)} width={bar.toFixed(1)} height={h.toFixed(1)} fill={channelColours[c]} /> : '';
              })}
              {days.length <= 31 || i % 7 === 0 ? <text x={(x + bar / 2).toFixed(1)} y={String(height - 8)} text-anchor="middle" font-size="9" safe>{d.day.slice(5)}</text> : ''}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {channelOrder.map((c) => <span class="legend"><span class="swatch" style={`background:${channelColours[c]}`}></span><span safe>{pick(lang, channelNames[c])}</span></span>)}
      </figcaption>
    </figure>
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
