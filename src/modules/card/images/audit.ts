// 帳票イメージ's audit operations (処理コード). Subjects are card:<申請書ID> and card_image:<識別番号>; details name
// categories, pages and counts, never a name or a file name.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const cardImageOperations = defineAuditOperations({
  /** イメージ登録 (seed ⑪): a scanned file filed on a card. */
  'card.images.file': { nameJa: '帳票イメージの登録', category: 'change' },
  /** 帳票の検索 (seed ⑫): a search or a card's list of images (names shown). */
  'card.images.list': { nameJa: '帳票イメージの検索・一覧', category: 'read' },
  /** 帳票の参照 (seed ⑫): one image's page, or its content shown or downloaded. */
  'card.images.view': { nameJa: '帳票イメージの閲覧', category: 'read' },
  /** 登録内容の訂正: the year, categories, number, name or page an image is filed under corrected. */
  'card.images.correct': { nameJa: '帳票イメージの登録内容の訂正', category: 'change' },
  /** 回転角度 changed. */
  'card.images.rotate': { nameJa: '帳票イメージの回転', category: 'change' },
  /** 保存年限 of a document category changed. */
  'card.images.retention': { nameJa: '帳票イメージの保存年限の変更', category: 'admin' },
});
