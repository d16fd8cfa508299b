// One error type for the whole platform: a code, its HTTP status and its messages in Japanese and English.

export type Lang = 'ja' | 'en';

interface ErrorSpec {
  status: number;
  ja: (d: Record<string, unknown>) => string;
  en: (d: Record<string, unknown>) => string;
}

const s = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : v == null ? '' : JSON.stringify(v));

/** Every error code the platform can answer with. Modules add theirs here so the table stays one. */
export const errorCodes = {
  bad_request: { status: 400, ja: () => '入力内容に誤りがあります。', en: () => 'The request is invalid.' },
  validation_failed: {
    status: 400,
    ja: () => '入力内容に誤りがあります。項目を確認してください。',
    en: () => 'Some fields are invalid. Please check them.',
  },
  invalid_text: {
    status: 400,
    ja: () => '使用できない文字（制御文字または不正な文字コード）が含まれています。',
    en: () => 'The input contains characters that are not allowed (control characters or invalid UTF-8).',
  },
  payload_too_large: {
    status: 413,
    ja: () => '送信されたデータが大きすぎます。',
    en: () => 'The request body is too large.',
  },
  unsupported_media_type: {
    status: 415,
    ja: () => 'この形式のデータは受け付けられません。',
    en: () => 'This content type is not accepted.',
  },
  unauthenticated: { status: 401, ja: () => 'ログインしてください。', en: () => 'Please log in.' },
  step_up_required: {
    status: 401,
    ja: () => 'この操作の前に、パスワードまたは確認コードをもう一度入力してください。',
    en: () => 'Enter your password or verification code again before this action.',
  },
  staff_user_exists: { status: 409, ja: (d) => `ログインID ${s(d.loginId)} は既に使われています。`, en: (d) => `The login id ${s(d.loginId)} is already taken.` },
  staff_user_not_found: { status: 404, ja: (d) => `ログインID ${s(d.loginId)} の職員は見つかりません。`, en: (d) => `There is no member of staff with login id ${s(d.loginId)}.` },
  password_rejected: { status: 400, ja: (d) => `パスワードが基準を満たしていません: ${s(d.ja)}`, en: (d) => `The password does not meet the policy: ${s(d.en)}` },
  forbidden: { status: 403, ja: () => 'この操作を行う権限がありません。', en: () => 'You are not allowed to do this.' },
  mfa_required: {
    status: 403,
    ja: () => 'この操作には多要素認証の設定が必要です。職員コンソールで設定してください。',
    en: () => 'This requires multi-factor authentication. Set it up in the staff console.',
  },
  csrf_failed: {
    status: 403,
    ja: () => '画面の有効期限が切れました。ページを開き直してから操作してください。',
    en: () => 'This form has expired. Reload the page and try again.',
  },
  not_found: {
    status: 404,
    ja: () => 'お探しのページまたはデータは見つかりませんでした。',
    en: () => 'The page or record was not found.',
  },
  method_not_allowed: { status: 405, ja: () => 'この操作は許可されていません。', en: () => 'Method not allowed.' },
  conflict: { status: 409, ja: () => '他の操作と競合しました。もう一度お試しください。', en: () => 'A conflicting operation is in progress. Please retry.' },
  idempotency_key_reused: {
    status: 422,
    ja: () => 'この Idempotency-Key は別の内容の要求に使われています。新しいキーを使ってください。',
    en: () => 'This Idempotency-Key was used for a different request. Use a new key.',
  },
  idempotency_in_progress: {
    status: 409,
    ja: () => '同じ要求を処理中です。しばらくしてから再送してください。',
    en: () => 'The same request is still being processed. Retry shortly.',
  },
  rate_limited: { status: 429, ja: () => 'しばらく時間をおいてからお試しください。', en: () => 'Too many requests. Please wait and retry.' },
  invalid_api_token: {
    status: 401,
    ja: () => 'API トークンがないか、正しくありません。Authorization: Bearer <トークン> を送ってください。',
    en: () => 'The API token is missing or invalid. Send Authorization: Bearer <token>.',
  },
  api_client_only: {
    status: 403,
    ja: () => 'この API は登録された接続先システム専用です。職員のログインでは利用できません。',
    en: () => 'This API is for registered client systems only, not for staff sessions.',
  },
  api_client_suspended: {
    status: 403,
    ja: () => 'この接続先は利用停止中です。自治体の管理者に連絡してください。',
    en: () => 'This API client is suspended. Contact the municipality\'s administrator.',
  },
  api_client_network_refused: {
    status: 403,
    ja: () => 'この接続元アドレスからは、この接続先の API を利用できません。',
    en: () => 'This API client may not call from this address.',
  },
  certificate_refused: {
    status: 422,
    ja: (d) => `証明書を交付できません（理由コード: ${s(d.reason)}）。`,
    en: (d) => `The certificate cannot be issued (reason code: ${s(d.reason)}).`,
  },
  certificate_already_issued: {
    status: 409,
    ja: () => 'この申請の証明書は発行済みです。',
    en: () => 'The certificate for this application was already issued.',
  },
  certificate_link_used: {
    status: 410,
    ja: () => 'このリンクは使用済みか、有効期限が切れています。担当課にお問い合わせください。',
    en: () => 'This link was already used or has expired. Please contact the office.',
  },
  certificate_not_found: {
    status: 404,
    ja: () => '該当する証明書がありません。',
    en: () => 'No such certificate.',
  },
  review_client_not_found: {
    status: 404,
    ja: (d) => `審査アシストの接続先 ${s(d.clientId)} は見つかりません。`,
    en: (d) => `There is no review API client ${s(d.clientId)}.`,
  },
  review_extract_missing: {
    status: 503,
    ja: () => '審査用データがまだ取り込まれていないため照合できません。取込の後にお試しください。',
    en: () => 'The review extract has not been imported yet, so no applicant can be matched. Try again after the import.',
  },
  payment_gateway_unknown: { status: 404, ja: (d) => `決済事業者 ${s(d.gateway)} は使われていません。`, en: (d) => `The payment gateway ${s(d.gateway)} is not in use.` },
  payment_signature_invalid: {
    status: 401,
    ja: () => '決済通知の署名を確認できません。',
    en: () => 'The payment notification\'s signature could not be verified.',
  },
  payment_notification_invalid: {
    status: 400,
    ja: (d) => `決済通知の形式が正しくありません（${s(d.field)}）。`,
    en: (d) => `The payment notification is malformed (${s(d.field)}).`,
  },
  payment_not_found: { status: 404, ja: () => 'この決済は見つかりません。', en: () => 'This payment was not found.' },
  payment_amount_mismatch: {
    status: 409,
    ja: () => '決済通知の金額が申請の金額と一致しないため、受け付けませんでした。',
    en: () => 'The notified amount differs from the amount of the payment, so the notification was refused.',
  },
  payment_already_captured: {
    status: 409,
    ja: () => 'この申請の手数料は既にお支払い済みです。',
    en: () => 'The fee for this application has already been paid.',
  },
  payment_amount_invalid: {
    status: 400,
    ja: () => '決済金額は1円以上の整数でなければなりません。',
    en: () => 'A payment amount must be a whole number of yen, at least 1.',
  },
  payment_not_refundable: {
    status: 409,
    ja: () => 'この決済は返金できる状態ではありません（未確定・失敗・返金済み）。',
    en: () => 'This payment cannot be refunded (not captured, failed, or already refunded in full).',
  },
  payment_refund_too_large: {
    status: 400,
    ja: (d) => `返金額は1円以上、返金可能額 ${s(d.refundableYen)} 円以下で入力してください。`,
    en: (d) => `Enter a refund of at least 1 yen and at most the refundable ${s(d.refundableYen)} yen.`,
  },
  payment_gateway_failed: {
    status: 502,
    ja: () => '決済事業者との通信に失敗しました。時間をおいて、もう一度お試しください。',
    en: () => 'The payment provider could not be reached or refused the request. Please try again later.',
  },
  application_state_stale: {
    status: 409,
    ja: (d) => `この申請は、画面を表示した後に別の操作で「${s(d.currentJa)}」になっています。最新の状態を確認してから、もう一度操作してください。`,
    en: (d) => `Since this page was shown, the application has become "${s(d.currentEn)}" by another action. Check its current state and try again.`,
  },
  application_action_not_allowed: {
    status: 409,
    ja: (d) => `「${s(d.stateJa)}」の申請に「${s(d.actionJa)}」はできません。`,
    en: (d) => `An application that is "${s(d.stateEn)}" cannot be given "${s(d.actionEn)}".`,
  },
  application_reason_required: {
    status: 400,
    ja: () => '差戻し・却下には、申請者に伝える理由を入力してください（2,000字まで）。',
    en: () => 'Returning or rejecting needs a reason for the applicant (up to 2,000 characters).',
  },
  application_comment_invalid: {
    status: 400,
    ja: () => 'コメントを入力してください（2,000字まで）。',
    en: () => 'Enter a comment (up to 2,000 characters).',
  },
  application_assignee_unknown: {
    status: 400,
    ja: (d) => `ログインID「${s(d.loginId)}」の職員は、この申請を担当できません（存在しない、無効、または申請の閲覧権限がありません）。`,
    en: (d) => `The member of staff "${s(d.loginId)}" cannot be assigned this application (unknown, disabled, or not allowed to view applications).`,
  },
  procedures_invalid: {
    status: 422,
    ja: (d) => `手続き定義に誤りがあるため、何も読み込みませんでした（${s(d.count)}件）。`,
    en: (d) => `The procedure definitions have errors (${s(d.count)}), so nothing was loaded.`,
  },
  internal: {
    status: 500,
    ja: () => 'システムで問題が発生しました。時間をおいて再度お試しください。',
    en: () => 'Something went wrong on our side. Please try again later.',
  },
  database_unavailable: {
    status: 503,
    ja: () => 'データベースに接続できません。',
    en: () => 'The database is unavailable.',
  },
  config_invalid: {
    status: 500,
    ja: (d) => `設定 ${s(d.variable)} の値が不正です: ${s(d.value)}`,
    en: (d) => `The setting ${s(d.variable)} has an invalid value: ${s(d.value)}`,
  },
  master_key_file_unsafe: {
    status: 500,
    ja: (d) => `鍵ファイル ${s(d.path)} は所有者以外も読み書きできる権限（${s(d.mode)}）のため使用しません。chmod 600 ${s(d.path)} を実行してください。`,
    en: (d) => `The key file ${s(d.path)} has mode ${s(d.mode)}, open to users other than its owner, so it is not used. Run chmod 600 ${s(d.path)}.`,
  },
  master_key_file_invalid: {
    status: 500,
    ja: (d) => `鍵ファイル ${s(d.path)} の内容が正しくありません（32バイトの鍵を base64 で1行に記録したもの）。`,
    en: (d) => `The key file ${s(d.path)} is malformed (it must hold one line: base64 of a 32-byte key).`,
  },
  master_key_mismatch: {
    status: 500,
    ja: (d) => `データ鍵はマスター鍵 ${s(d.expected)} で保護されていますが、設定されたマスター鍵は ${s(d.actual)} です。MADOGUCHI_MASTER_KEY または keys/master.key を確認してください。`,
    en: (d) => `The data keys are wrapped by master key ${s(d.expected)}, but the configured master key is ${s(d.actual)}. Check MADOGUCHI_MASTER_KEY or keys/master.key.`,
  },
  decryption_failed: {
    status: 500,
    ja: (d) => `暗号化された項目を復号できませんでした（${s(d.reason)}）。`,
    en: (d) => `An encrypted field could not be decrypted (${s(d.reason)}).`,
  },
  data_dir_locked: {
    status: 409,
    ja: (d) =>
      `データディレクトリ ${s(d.dir)} は別のプロセスが使用中です（${s(d.holder)}）。そのサーバーを停止してから実行するか、DATABASE_URL で PostgreSQL を指定してください。`,
    en: (d) =>
      `The data directory ${s(d.dir)} is in use by another process (${s(d.holder)}). Stop that server first, or point DATABASE_URL at PostgreSQL.`,
  },
  migration_edited: {
    status: 500,
    ja: (d) => `適用済みのマイグレーション ${s(d.name)} が変更されています。適用済みのファイルは編集せず、新しいマイグレーションを追加してください。`,
    en: (d) => `The applied migration ${s(d.name)} has been edited. Never edit a landed migration; add a new one.`,
  },
  migration_missing: {
    status: 500,
    ja: (d) => `適用済みのマイグレーション ${s(d.name)} のファイルが見つかりません。`,
    en: (d) => `The applied migration ${s(d.name)} is missing from migrations/.`,
  },
  migrations_pending: {
    status: 503,
    ja: (d) => `データベースが最新ではありません。先に madoguchi migrate を実行してください（未適用: ${s(d.names)}）。`,
    en: (d) => `The database schema is out of date. Run madoguchi migrate first (pending: ${s(d.names)}).`,
  },
  municipality_code_invalid: {
    status: 400,
    ja: (d) => `地方公共団体コード「${s(d.code)}」が正しくありません（6桁、検査数字付き）。`,
    en: (d) => `"${s(d.code)}" is not a valid municipality code (6 digits with check digit).`,
  },
  import_rejected: {
    status: 422,
    ja: (d) => `ファイルに誤りがあるため取り込みませんでした（${s(d.count)}件）。以前のデータはそのまま使われます。`,
    en: (d) => `The file was rejected (${s(d.count)} errors). The previous data is still in use.`,
  },
  csv_unrepresentable: {
    status: 422,
    ja: (d) =>
      `文字「${s(d.char)}」（${s(d.codePoint)}）は Shift_JIS（CP932）で書き出せません（${d.row === 0 ? '見出し' : `${s(d.row)}件目`}「${s(d.column)}」）。UTF-8 で書き出すか、文字を置き換えてください。`,
    en: (d) =>
      `The character "${s(d.char)}" (${s(d.codePoint)}) cannot be written in Shift_JIS (CP932) (${d.row === 0 ? 'header' : `record ${s(d.row)}`}, column "${s(d.column)}"). Export in UTF-8 or replace the character.`,
  },
  audit_key_file_unsafe: {
    status: 500,
    ja: (d) => `操作ログの署名鍵 ${s(d.path)} は所有者以外も読み書きできる権限（${s(d.mode)}）のため使用しません。chmod 600 ${s(d.path)} を実行してください。`,
    en: (d) => `The audit signing key ${s(d.path)} has mode ${s(d.mode)}, open to users other than its owner, so it is not used. Run chmod 600 ${s(d.path)}.`,
  },
  audit_key_file_invalid: {
    status: 500,
    ja: (d) => `操作ログの鍵ファイル ${s(d.path)} の内容が正しくありません（Ed25519 の PEM 形式）。`,
    en: (d) => `The audit key file ${s(d.path)} is malformed (it must hold an Ed25519 key in PEM).`,
  },
  audit_anchors_missing: {
    status: 500,
    ja: (d) => `アンカーファイル ${s(d.path)} を読めません。`,
    en: (d) => `The anchors file ${s(d.path)} cannot be read.`,
  },
  handover_empty: {
    status: 400,
    ja: () => '条件に合う、まだ引き渡していない申請はありません。手続き・期間・状態を確認してください。',
    en: () => 'No application not yet handed over matches. Check the procedure, the period and the states.',
  },
  handover_sensitive_forbidden: {
    status: 403,
    ja: (d) => `この手続きには${s(d.ja)}の項目があります。出力するには、その閲覧権限を持つ職員が行ってください。`,
    en: (d) => `This procedure has ${s(d.en)} fields. Only staff allowed to view them may export it.`,
  },
  handover_not_found: { status: 404, ja: () => 'この引渡しは見つかりません。', en: () => 'This hand-over was not found.' },
  handover_receipt_invalid: {
    status: 400,
    ja: (d) => `受領ファイルを受け付けられません: ${s(d.ja)}`,
    en: (d) => `The receipt file was refused: ${s(d.en)}`,
  },
  handover_already_confirmed: { status: 409, ja: () => 'この引渡しは既に受領確認済みです。', en: () => 'This hand-over has already been confirmed.' },
  handover_not_due: {
    status: 409,
    ja: () => '受領確認と保存期間の経過前のため、まだ消去できません。',
    en: () => 'This hand-over cannot be disposed of before its receipt is confirmed and the retention period has passed.',
  },
  pittari_bundle_rejected: {
    status: 400,
    ja: (d) => `ぴったりサービスの申請データを取り込みませんでした（問題 ${s(d.count)} 件）。`,
    en: (d) => `The ぴったりサービス bundle was not imported (${s(d.count)} problems).`,
  },
  pittari_duplicate: {
    status: 409,
    ja: () => 'この申請データは既に取り込まれています。',
    en: () => 'This bundle has already been imported.',
  },
  attachment_scan_failed: {
    status: 503,
    ja: () => '添付ファイルのウイルス検査ができませんでした。しばらくしてからもう一度添付してください。',
    en: () => 'The attached file could not be checked for viruses. Please attach it again in a little while.',
  },
  card_slot_full: {
    status: 409,
    ja: () => 'この時間帯は満席です。別の時間帯を選ぶか、キャンセル待ちに登録してください。',
    en: () => 'This time slot is full (満席). Choose another slot or join the waitlist.',
  },
  card_duplicate_booking: {
    status: 409,
    ja: () => '同じ方（生年月日と電話番号、またはメールアドレスが同じ方）の同じ手続きの予約が既にあります。変更する場合は、その予約の変更からお手続きください。',
    en: () => 'The same person (same birth date and phone, or same email) already holds a booking of this type. Change that booking instead.',
  },
  card_booking_closed: {
    status: 409,
    ja: () => 'この日時は予約の受付期間外です。',
    en: () => 'This date and time cannot be booked now (outside the booking period).',
  },
  card_slot_not_found: { status: 404, ja: () => 'この日時の予約枠はありません。', en: () => 'There is no such time slot.' },
  card_reservation_not_found: { status: 404, ja: () => 'この予約は見つかりません。予約番号を確認してください。', en: () => 'This booking was not found. Check the number.' },
  card_reservation_not_cancellable: { status: 409, ja: () => 'この予約は取り消せません（取消済み、または来庁済みです）。', en: () => 'This booking cannot be cancelled (already cancelled or attended).' },
  card_too_many_people: {
    status: 400,
    ja: () => 'この手続きで一度に予約できる人数を超えています。',
    en: () => 'Too many people for one booking of this type.',
  },
  card_waitlist_offer_invalid: {
    status: 410,
    ja: () => 'このキャンセル待ちのご案内は期限が切れたか、既に使われています。',
    en: () => 'This waitlist offer has expired or has already been used.',
  },
  card_waitlist_not_full: { status: 409, ja: () => 'この日にはまだ空きがあります。空いている時間帯を予約してください。', en: () => 'This day still has free places. Book one of them.' },
  card_waitlist_duplicate: { status: 409, ja: () => 'このメールアドレスは既にこの日のキャンセル待ちに登録されています。', en: () => 'This email is already on the waitlist for this day.' },
  // card: issuance (the card's lifecycle)
  card_step_not_allowed: {
    status: 409,
    ja: (d) => `「${s(d.status)}」のカードには「${s(d.step)}」はできません。できる操作: ${s(d.allowed)}。`,
    en: (d) => `"${s(d.stepEn)}" is not possible for a card that is "${s(d.statusEn)}". Possible: ${s(d.allowedEn)}.`,
  },
  card_not_found: { status: 404, ja: (d) => `申請書ID ${s(d.applicantId)} のカードは登録されていません。`, en: (d) => `No card is registered with application ID ${s(d.applicantId)}.` },
  card_reason_required: { status: 400, ja: (d) => `「${s(d.step)}」には事由を入力してください。`, en: (d) => `"${s(d.stepEn)}" needs a reason.` },
  card_transfer_invalid: { status: 400, ja: () => '移動先には、現在の保管場所とは別の登録済みの窓口を選んでください。', en: () => 'Choose a registered site other than the current storage site.' },
  card_changed: { status: 409, ja: () => 'このカードは表示した後に他の職員が更新しました。開き直してから操作してください。', en: () => 'Someone else changed this card after it was shown. Open it again first.' },
  card_bulk_refused: {
    status: 409,
    ja: (d) => `${s(d.total)}件のうち${s(d.count)}件は「${s(d.step)}」ができないため、一括更新を行いませんでした: ${s(d.cards)}`,
    en: (d) => `Nothing was changed: ${s(d.count)} of the ${s(d.total)} cards cannot take "${s(d.stepEn)}": ${s(d.cardsEn)}`,
  },
  card_already_registered: { status: 409, ja: (d) => `申請書ID ${s(d.applicantId)} のカードは既に登録されています。`, en: (d) => `A card with application ID ${s(d.applicantId)} is already registered.` },
  card_image_not_found: { status: 404, ja: () => 'この帳票イメージは見つかりません（廃棄済みの可能性があります）。', en: () => 'This document image was not found (it may have been disposed of).' },
  card_shipment_invalid: { status: 400, ja: () => '発送の内容を確認してください（郵便番号は7桁、追跡番号は英数字とハイフン30文字まで、カードに住所が必要です）。', en: () => 'Check the shipment (a 7-digit postal code, a tracking number of up to 30 letters, digits and hyphens, and an address on the card).' },
  card_shipment_not_out: { status: 409, ja: () => 'このカードには返戻を記録できる発送がありません（未発送、または返戻済みです）。', en: () => 'This card has no shipment out in the post to record a return for (none sent, or already returned).' },
  card_pickup_not_offered: { status: 409, ja: () => '交付通知書番号と生年月日に合うカードで、この窓口で受け取れるものはありません。交付通知書の記載を確認してください。', en: () => 'No card matching this notice number and date of birth can be collected at this office. Check your issue notice.' },
  // benefits: the ledger
  benefits_step_not_allowed: {
    status: 409,
    ja: (d) => `「${s(d.state)}」の対象者には「${s(d.step)}」はできません。できる操作: ${s(d.allowed)}。`,
    en: (d) => `"${s(d.stepEn)}" is not possible for a target in state "${s(d.stateEn)}". Possible: ${s(d.allowedEn)}.`,
  },
  benefits_target_not_found: { status: 404, ja: () => 'この給付対象者は見つかりません。', en: () => 'This benefit target was not found.' },
  // benefits: letters, replies and decisions
  benefits_letter_held: { status: 409, ja: (d) => `通知書を発送できません: ${s(d.ja)}`, en: (d) => `No letter can be sent: ${s(d.en)}` },
  benefits_letter_not_found: { status: 404, ja: () => 'この通知書は見つかりません。', en: () => 'This letter was not found.' },
  benefits_reply_refused: { status: 409, ja: (d) => `返信を登録できません: ${s(d.ja)}`, en: (d) => `The reply cannot be recorded: ${s(d.en)}` },
  benefits_decision_refused: { status: 409, ja: (d) => `決定できません: ${s(d.ja)}`, en: (d) => `No decision can be made: ${s(d.en)}` },
  benefits_decision_not_found: { status: 404, ja: () => 'この対象者の決定はまだありません。', en: () => 'No decision has been made for this target yet.' },
  // benefits: accounts
  benefits_account_not_found: { status: 404, ja: () => 'この口座は登録されていません。', en: () => 'No such account is registered.' },
  // benefits: payments and receivables
  benefits_batch_not_found: { status: 404, ja: () => 'この振込バッチは見つかりません。', en: () => 'This payment batch was not found.' },
  benefits_batch_empty: { status: 409, ja: () => '振込できる支給決定済の対象者（口座登録済）がいません。', en: () => 'No decided target with an account is left to pay.' },
  benefits_batch_conflict: { status: 409, ja: () => '同じ対象者を含む別の振込バッチが同時に作成されました。もう一度作成してください。', en: () => 'Another batch took some of these targets at the same time. Prepare the batch again.' },
  benefits_batch_step_not_allowed: { status: 409, ja: (d) => `この振込バッチ（${s(d.state)}）では「${s(d.step)}」はできません。`, en: (d) => `A batch that is ${s(d.stateEn)} cannot be taken through "${s(d.stepEn)}".` },
  benefits_four_eyes: { status: 403, ja: () => '振込バッチは作成者以外の職員が承認してください（二者確認）。', en: () => 'A batch must be approved by someone other than the person who prepared it (four eyes).' },
  benefits_batch_file_mismatch: { status: 500, ja: () => '振込ファイルを再作成した内容が承認時のファイルと一致しません。振込を止め、管理者に連絡してください。', en: () => 'The bank file written again differs from the one approved. Stop the transfer and call the administrator.' },
  benefits_payment_settings_missing: { status: 409, ja: () => '振込依頼人（委託者）の設定がありません。先に振込設定を登録してください。', en: () => 'The remitter settings are missing. Enter the payment settings first.' },
  benefits_batch_items: { status: 409, ja: (d) => `振込明細番号 ${s(d.items) || '（なし）'} は${d.what === 'paid' ? '振込済' : '振込待ち'}の明細ではありません。`, en: (d) => `Item numbers ${s(d.items) || '(none)'} are not ${d.what === 'paid' ? 'paid' : 'pending'} transfers of this batch.` },
  benefits_receivable_not_found: { status: 404, ja: () => 'この返還金（債権）は見つかりません。', en: () => 'This receivable was not found.' },
} satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCodes;

/** An expected failure with a code from the table; its details must never hold personal data. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(errorCodes[code].en(details), options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorCodes[this.code].status;
  }
  localized(lang: Lang): string {
    return errorCodes[this.code][lang](this.details);
  }
}

/** The message for a code in one language. */
export function errorMessage(code: ErrorCode, lang: Lang, details: Record<string, unknown> = {}): string {
  return errorCodes[code][lang](details);
}
