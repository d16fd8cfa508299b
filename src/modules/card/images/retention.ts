// 帳票の廃棄 (seed ⑬) as a RetentionSource for governance's one retention scheduler: the images whose category's
// 保存年限 ended are proposed every night; once a person approves the batch, dispose deletes their rows in the
// scheduler's transaction — the data keys with them (crypto-shredding: from then on no copy of the file opens) — and
// the trigger queues the files, which the worker deletes within a minute.
import type { Tx } from '../../../platform/db/index.ts';
import { type RetentionSource, uuidKeys } from '../../../platform/register/retention.ts';
import { documentCategories, retentionYears } from './domain/document.ts';
import { cardImageFile } from './personal-data.ts';
import { deleteImages, findDueImages, retentionOverrides } from './store.ts';

export const cardImageRetention: RetentionSource = {
  id: 'card.images',
  fileId: cardImageFile.fileId,
  title: { ja: '帳票イメージ（申請書・本人確認書類等）', en: 'Document images (application forms, identity documents …)' },
  rule: {
    ja: '資料区分ごとの保存年限（年度末から起算。交付申請書 15年、本人確認書類 5年 等）',
    en: 'The years of the document category, counted from the end of its fiscal year (application forms 15, identity documents 5 …)',
  },
  method: {
    ja: '行とファイル固有の暗号鍵を削除（暗号化消去）し、ファイルを削除',
    en: 'The row and the file’s own encryption key deleted (crypto-shredding), then the file deleted',
  },
  tables: ['card_image'],
  async findDue(tx: Tx, municipalityCode, asOf, limit) {
    const years = retentionYears(await retentionOverrides(tx, municipalityCode));
    const due = await findDueImages(tx, municipalityCode, years, asOf, limit);
    return due.map((d) => ({
      key: d.imageId,
      personKey: d.applicantId,
      description: `${documentCategories[d.documentCategory].ja} ${d.fiscalYear}年度 ${d.pageNumber}頁`,
      dueOn: d.dueOn,
    }));
  },
  dispose(tx: Tx, municipalityCode, keys) {
    return deleteImages(tx, municipalityCode, uuidKeys(keys));
  },
};
