// Operation codes (処理コード) as data: each module defines its own with defineAuditOperations, so the
// log's names and categories come from one table per module and a typo is a type error, not a new code.

/** 処理分類: what kind of thing an operation does to data. */
export const auditCategories = ['login', 'read', 'change', 'export', 'admin'] as const;
export type AuditCategory = (typeof auditCategories)[number];

/** 処理結果: success, failure (the action failed and was rolled back), denied (refused by a permission or login check). */
export type AuditOutcome = 'success' | 'failure' | 'denied';

/** What a module declares for each of its operation codes. */
export interface AuditOperationSpec {
  /** 処理名 as the log shows it to auditors, e.g. ログイン. */
  nameJa: string;
  category: AuditCategory;
}

/** One operation, as events carry it: its code with its name and category. */
export interface AuditOperationRef extends AuditOperationSpec {
  code: string;
}

const codePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const registry = new Map<string, AuditOperationRef>();

/**
 * Registers a module's operations and returns them keyed by code (`ops['card.reservation.read']`).
 * A code defined twice with another name or category throws, so two modules cannot disagree.
 */
export function defineAuditOperations<const T extends Record<string, AuditOperationSpec>>(specs: T): { readonly [K in keyof T & string]: AuditOperationRef & { code: K } } {
  const out: Record<string, AuditOperationRef> = {};
  for (const [code, spec] of Object.entries(specs)) {
    if (!codePattern.test(code)) throw new Error(`Audit operation code ${code} must be dotted lower case, e.g. card.reservation.read`);
    const known = registry.get(code);
    if (known && (known.nameJa !== spec.nameJa || known.category !== spec.category)) throw new Error(`Audit operation ${code} is already defined differently`);
    const ref = Object.freeze({ code, nameJa: spec.nameJa, category: spec.category });
    registry.set(code, ref);
    out[code] = ref;
  }
  return Object.freeze(out) as { readonly [K in keyof T & string]: AuditOperationRef & { code: K } };
}

/** The registered operation for a code, or undefined (e.g. a code from a module not loaded in this process). */
export function findAuditOperation(code: string): AuditOperationRef | undefined {
  return registry.get(code);
}

/** The platform's own operations; modules add theirs with defineAuditOperations in their own folder. */
export const AuditOperation = defineAuditOperations({
  'auth.login': { nameJa: 'ログイン', category: 'login' },
  'auth.logout': { nameJa: 'ログアウト', category: 'login' },
  'auth.lockout': { nameJa: 'アカウントロック', category: 'login' },
  'auth.step_up': { nameJa: '再認証', category: 'login' },
  'auth.mfa_enroll': { nameJa: '多要素認証の登録', category: 'admin' },
  'account.create': { nameJa: 'アカウント作成', category: 'admin' },
  'account.disable': { nameJa: 'アカウント無効化', category: 'admin' },
  'account.mfa_reset': { nameJa: '多要素認証のリセット', category: 'admin' },
  'account.role_grant': { nameJa: '権限付与', category: 'admin' },
  'account.inventory_read': { nameJa: 'アカウント棚卸の閲覧', category: 'read' },
  'account.inventory_export': { nameJa: 'アカウント棚卸の出力', category: 'export' },
  'settings.security_change': { nameJa: 'セキュリティ設定の変更', category: 'admin' },
  'keys.rotate': { nameJa: '暗号鍵の更新', category: 'admin' },
  'audit.search': { nameJa: '操作ログの検索', category: 'read' },
  'audit.export': { nameJa: '操作ログの出力', category: 'export' },
});
