// 保存期間: the benefit ledger is kept 5 years after its programme ends (benefitLedgerFile's rule; each programme's
// end is in programmes.ts), then governance's retention scheduler proposes it entry by entry (one taxpayer of one
// programme) and, once a person approved the batch, deletes the entry with everything the programme did for them.
//
// Money keeps its own time. The transfers (振込明細) and the receivables (返還金) are accounting records as much as
// personal data, so an entry is kept:
//   - while a receivable of it is still open or partly paid: the claim is still being collected, and its notices,
//     payments and the decision it arose from are the municipality's evidence until it is collected or written off;
//   - until 5 years after the last of its receivables was settled (完納 or 不納欠損), when that is later than the
//     programme's five: the settlement is the last accounting act on it, and the records of a fiscal year's revenue
//     are kept five years as the ledger's are;
//   - while a transfer of it is still pending (a batch the bank has not answered): its result is yet to be recorded.
// The payment batches themselves stay (their totals, who prepared and approved them, the file's hash): they hold no
// one's data once the disposed persons' numbers are taken out of their lists of those left out.
import type { RetentionSource } from '../../../platform/register/retention.ts';
import { benefitLedgerFile } from '../domain/personal-data.ts';
import { ledgerProgrammes } from '../programmes.ts';
import { deleteLedgerEntries, findDueLedgerEntries, type LedgerEntry, ledgerTables } from './store.ts';

const years = benefitLedgerFile.retentionYears;
const programmes = Object.entries(ledgerProgrammes).map(([id, p]) => ({ id, endsOn: p.endsOn, names: p.programme.names }));

/** An entry's key: `<programme>:<住記個人番号>`. */
const entryKey = (e: LedgerEntry) => `${e.programmeId}:${e.residentNumber}`;
const entryOf = (key: string): LedgerEntry | undefined => {
  const m = /^([a-z0-9][a-z0-9-]{0,39}):([0-9]{1,15})$/.exec(key);
  return m ? { programmeId: m[1]!, residentNumber: m[2]! } : undefined;
};

/** Ledger entries of programmes that ended more than the file's retention years ago, money settled. */
export const benefitLedgerRetention: RetentionSource = {
  id: 'benefits.ledger',
  fileId: benefitLedgerFile.fileId,
  title: { ja: '給付台帳（対象者ごと：課税情報・通知・決定・振込・返還金）', en: 'Benefit ledger (per person: tax figures, letters, decisions, transfers, repayments)' },
  rule: {
    ja: `給付事業の終了から${years}年（返還金が未納の間は保存し、完納・不納欠損から${years}年。振込結果の未確定の間も保存）`,
    en: `${years} years after the programme ends (kept while a repayment is outstanding, and ${years} years after it is settled; kept while a transfer awaits its result)`,
  },
  method: {
    ja: '対象者の行と、その通知・回答・決定・振込明細・返還金の行を削除。口座・照会結果・連携データは他の事業に残らなければ削除',
    en: 'The taxpayer’s row deleted with its letters, replies, decisions, transfers and repayments; the person’s accounts, account query answer and linkage row too once no other programme holds them',
  },
  tables: ledgerTables,
  async findDue(tx, municipalityCode, asOf, limit) {
    const due = await findDueLedgerEntries(tx, municipalityCode, { programmes, years, asOf, limit });
    return due.map((e) => {
      const p = programmes.find((x) => x.id === e.programmeId);
      return { key: entryKey(e), personKey: e.residentNumber, description: `給付台帳 ${p?.names.ja ?? e.programmeId}（事業終了 ${p?.endsOn ?? '-'}）`, dueOn: e.dueOn };
    });
  },
  async dispose(tx, municipalityCode, keys) {
    const entries = keys.map(entryOf).filter((e) => e !== undefined);
    return (await deleteLedgerEntries(tx, municipalityCode, entries)).map(entryKey);
  },
};
