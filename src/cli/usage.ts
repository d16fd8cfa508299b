// The command line's help text and its usage error (exit code 2).

export const helpText = `madoguchi — 自治体デジタル窓口プラットフォーム / digital municipal counter platform

使い方 / Usage:
  madoguchi <command> [options]

コマンド / Commands:
  start                       全ロールを1プロセスで起動（初回はデモ団体を投入）
                              Start every role in one process; loads the demo city into an empty database
  serve --role <role>         指定ロールのみ起動 / Serve one role: portal|console|review|issuance|worker|all
  migrate                     データベースを最新のスキーマに更新 / Apply pending database migrations
  demo-data                   合成データ（架空の住民）を生成 / Generate synthetic residents and tax records
      --residents N             人数 / how many residents (default 2000)
      --seed S                  乱数の種 / random seed (default 1)
      --out DIR                 出力先 / output folder (default ./demo-data)
      --load                    デモ団体をデータベースに登録 / also register the demo city in the database
  user add --login ID --name NAME --department DEPT --role ROLE [--organisation ORG] [--password-stdin]
                              職員アカウントを作成（パスワードは標準入力、省略時は生成して1回だけ表示）
                              Add a staff account (password from stdin, or generated and shown once)
  user disable --login ID     アカウントを停止しセッションを即時終了 / Disable an account and end its sessions
  user reset-mfa --login ID   多要素認証をリセット / Reset an account's second factor (lost device)
  user unlock --login ID      ロックを解除 / Unlock an account locked after failed logins
  user list                   アカウント一覧（役割・MFA・ロック・最終ログイン）/ List accounts
      [--municipality CODE]     対象団体（省略時は登録済みの団体）/ municipality (default: the one registered)
  review import --residents FILE --tax-years FILE
      [--encoding utf8|sjis]    審査用データ（住民・課税年度）を全件置換、誤りがあれば行番号を示し取り込まない（省略時は文字コード自動判定）
      [--municipality CODE]     Replace the review extract from the two files, or list every bad line and change nothing
  review client add NAME      審査アシストの API 接続先を登録し client_id と secret を表示（secret はこの1回限り）
      [--networks CIDR,…]       Register a review API client; prints client_id: and secret: (the secret is shown once)
      [--rate N] [--suspend-on-alert] [--municipality CODE]
                                呼出し上限/分（既定 600）、該当なし多発で自動停止 / calls per minute (default 600); suspend on a no_match burst
  review client list          接続先の一覧（状態・上限・接続元・最終利用）/ List review API clients
  review client suspend ID [--reason TEXT]
                              接続先を利用停止（以後 403）/ Suspend a client (its calls are refused with 403)
  review client resume ID     利用を再開 / Resume a suspended client
  procedures load [DIR]       手続き定義（DIR の *.json、省略時は同梱の procedures/）を検証し、変更があったものだけ新しい版として登録
      [--municipality CODE]     1件でも誤りがあれば全ファイルの誤りを表示し何も登録しない
                              Validate the procedure definitions (DIR/*.json, default: the shipped procedures/) and save
                              each changed one as a new version; if any file is wrong, list every problem and load nothing
  procedures list             手続き定義の一覧（版・登録日時・登録者）/ List procedures (version, loaded at, by)
      [--municipality CODE]
  certificates import-tax FILE 課税情報（tax-records.csv）の年度を置換、誤りがあれば行番号を示し取り込まない
      [--encoding utf8|cp932]   Replace the fiscal years in tax-records.csv, or list every bad line and change nothing
      [--municipality CODE]
  certificates import-serials FILE  コンビニ交付のシリアル番号対応表（住記個人番号,シリアル番号）を全件置換
                              Replace the kiosk serial-number mapping
  certificates kiosk-client add NAME [--networks CIDR,…]
                              コンビニ交付の接続先を登録し secret を表示（この1回限り）/ Register a kiosk client; the secret is shown once
  certificates kiosk-client list  接続先の一覧 / List kiosk clients
  certificates rotate-key     証明書署名鍵を更新（旧鍵は検証用に公開を継続）/ New signing key; old ones stay published
  certificates settings [--fee YEN] [--mayor-name NAME] [--seal FILE.png|none] [--kiosk-year-switch MM-DD]
                              手数料・首長名・公印・コンビニ交付の年度切替日 / Fee per copy, mayor's name, seal, kiosk year switch
  benefits import-taxpayers FILE  給付事業の課税情報（taxpayers.csv）を置換、誤りがあれば行番号を示し取り込まない
      [--programme ID]          Replace a programme's taxpayers (default adjustment-2024), or list every bad line
      [--encoding utf8|cp932] [--municipality CODE]
  benefits import-linkage FILE    統合宛名番号・前住所地データ（linkage.csv）を全件置換 / Replace the linkage file (seed 002 ①)
  benefits compute-targets    支給対象者を算定（規則の版・対象外理由を記録）/ Decide every taxpayer and store the decisions
      [--programme ID] [--dry-run]  --dry-run: 保存済みの決定と現行規則の差を集計（書き込みなし）/ compare stored decisions with the rules in force
  audit verify [--anchors FILE] 操作ログのハッシュチェーンを検証（破損なら終了コード1）/ Verify the audit chain (exit 1 if broken)
      [--municipality CODE] [--public-key FILE]
  audit anchor                チェーン末尾に署名しアンカーファイルへ追記 / Sign the chain head and append it to the anchors file
      [--municipality CODE] [--anchors FILE]  (default <data>/audit-anchors.jsonl)
  audit export --csv FILE     監査用に操作ログをCSV出力 / Export audit events as CSV for auditors
      [--municipality CODE] [--user ID] [--subject KIND:ID] [--operation CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]

  keys rotate                 新しいデータ鍵で暗号化済みの項目を再暗号化（無停止）/ New data keys; re-encrypt every encrypted field, online
      [--municipality CODE] [--batch N]  (default 1000 values per transaction)
  keys rotate --master        データ鍵を新しいマスター鍵で包み直す / Re-wrap the data keys under a new master key
                              (MADOGUCHI_NEW_MASTER_KEY, or a new key file replacing <data>/keys/master.key)

共通オプション / Common options:
  --data DIR                  組込みデータベースの場所 / embedded database folder (default ./data, env MADOGUCHI_DATA_DIR)
  --port N                    待受ポート / port for start and serve (default 8080, env PORT)
  -h, --help                  この説明 / this help
  --version                   バージョン / version

DATABASE_URL=postgres://… を設定すると全コマンドが PostgreSQL を使います。
Set DATABASE_URL=postgres://… to use PostgreSQL instead of the embedded database.
`;

/** A mistake in the command line: printed with the help, exit code 2. */
export class UsageError extends Error {
  constructor(
    readonly ja: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'UsageError';
  }
}
