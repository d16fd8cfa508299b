// 権限 (capabilities): every action a person can take is named here; roles grant them. Modules add theirs.

/** Every capability with the description shown in the account inventory. */
export const capabilities = {
  'console.use': { ja: '職員コンソールの利用', en: 'Use the staff console' },
  'staff.account.read': { ja: 'アカウント棚卸の閲覧', en: 'View the account inventory' },
  'staff.account.manage': { ja: 'アカウントの追加・停止・権限付与', en: 'Add, disable and grant accounts' },
  'audit.search': { ja: '操作ログの検索', en: 'Search the audit log' },
  'audit.export': { ja: '操作ログの出力', en: 'Export the audit log' },
  'personal.sensitive.read': { ja: '要配慮個人情報の閲覧', en: 'View sensitive personal data' },
  'personal.individual_number.read': { ja: '個人番号の閲覧', en: 'View individual numbers' },
  'review.batch.run': { ja: '審査アシストの一括照合（申請データへの照合結果の付加）', en: 'Run the review assist on a file of applications' },
  'review.extract.import': { ja: '審査用データ（住民・課税年度ファイル）の取込', en: 'Import the review extract (residents and tax-years files)' },
  'applications.inbox.read': { ja: '申請の閲覧（受付一覧・詳細・添付書類）', en: 'View applications (inbox, details, attachments)' },
  'applications.inbox.decide': { ja: '申請の審査（状態変更・担当割当・コメント）', en: 'Review applications (state, assignment, comments)' },
  'applications.handover.export': { ja: '基幹システムへの引渡し（出力・受領確認・消去）', en: 'Hand applications over to core systems (export, receipt, disposal)' },
  'applications.pittari.import': { ja: 'ぴったりサービス申請データの取込', en: 'Import application bundles from ぴったりサービス' },
  'applications.payment.reconcile': { ja: '決済の日次照合', en: 'Reconcile payments by day' },
  'applications.payment.refund': { ja: '返金', en: 'Refund payments' },
  'applications.procedure.manage': { ja: '手続き定義の編集', en: 'Edit procedure definitions' },
  'applications.register.read': { ja: '手続き別個人情報項目一覧の閲覧・出力', en: 'View and export the personal-data register of procedures' },
  'certificates.tax.import': { ja: '課税情報（証明書の元データ）の取込', en: 'Import tax records (what certificates are made from)' },
  'certificates.counter.issue': { ja: '税証明書の窓口交付（対象者検索・発行）', en: 'Issue tax certificates at the counter (find a person, print)' },
  'certificates.revoke': { ja: '税証明書の失効', en: 'Revoke tax certificates' },
  'certificates.report.read': { ja: '証明書交付件数の閲覧・出力', en: 'View and export certificate issuance counts' },
  'certificates.settings.manage': { ja: '証明書の設定（手数料・公印・首長名）とコンビニ交付接続先', en: 'Certificate settings (fee, seal, mayor) and kiosk clients' },
  'card.masters.manage': { ja: 'マイナンバーカード来庁予約のマスタ管理（窓口・予約区分・予約枠・受付期間）', en: 'Card reservation masters (sites, types, slots, booking window)' },
  'card.reservations.read': { ja: 'マイナンバーカード来庁予約の閲覧（一覧・カレンダー・検索）', en: 'View card reservations (day list, calendar, search)' },
  'card.reservations.proxy': { ja: 'マイナンバーカード来庁予約の代行予約・取消（コールセンター）', en: 'Book and cancel card reservations for callers (call centre)' },
  'card.reservations.checkin': { ja: 'マイナンバーカード来庁予約の消し込み（来庁確認）', en: 'Check in arrivals for card reservations' },
  'card.reports.read': { ja: 'マイナンバーカード来庁予約の報告書出力', en: 'View and export card reservation reports' },
  'mail.outbox.read': { ja: '送信メール（送信待ち・送信済み）の閲覧', en: 'View the mail outbox' },
} as const satisfies Record<string, { ja: string; en: string }>;

export type Capability = keyof typeof capabilities;
