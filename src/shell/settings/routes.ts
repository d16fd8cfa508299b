// The security settings' routes. Changing them is an administrator's job and is audited.
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../platform/access/guard.ts';
import { parseAllowList } from '../../platform/access/networks.ts';
import { roles } from '../../platform/access/roles.ts';
import { findRoleNetworks, setRoleNetworks } from '../../platform/access/store.ts';
import { auditClient, audited, AuditOperation, staffActor } from '../../platform/audit/index.ts';
import { findSecuritySettings, saveSecuritySettings, type SecuritySettings } from '../../platform/auth/settings.ts';
import type { Db } from '../../platform/db/index.ts';
import { t } from '../../platform/http/language.ts';
import { pageContext } from '../pages/page-context.ts';
import type { Municipality } from '../store.ts';
import { SecuritySettingsPage } from './page.tsx';

type Form = Record<string, string | undefined>;

/** Reads the form into settings and networks, or the reason it is refused. */
function readForm(form: Form): { settings: SecuritySettings; networks: Record<string, string[]> } | { problem: [string, string] } {
  const int = (v: string | undefined, min: number, max: number) => (v !== undefined && /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : undefined);
  const idle = int(form.idleTimeoutMinutes, 1, 720);
  const threshold = int(form.lockoutThreshold, 1, 100);
  const lockText = form.lockoutMinutes?.trim() ?? '';
  const lock = lockText === '' ? null : int(lockText, 1, 43200);
  if (idle === undefined || threshold === undefined || lock === undefined) {
    return { problem: ['数値の範囲を確認してください。', 'Check the ranges of the numbers.'] };
  }
  const networks: Record<string, string[]> = {};
  for (const role of Object.keys(roles)) {
    const list = (form[`networks.${role}`] ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    try {
      parseAllowList(list);
    } catch {
      return { problem: [`「${role}」の接続元に正しくない値があります。`, `A network for "${role}" is not valid.`] };
    }
    networks[role] = list;
  }
  return { settings: { idleTimeoutMinutes: idle, lockoutThreshold: threshold, lockoutMinutes: lock, mfaRequiredForAll: form.mfaRequiredForAll === '1' }, networks };
}

/** Never let administrators lock themselves out: the roles they hold must still admit the address they use now. */
function shutOut(networks: Record<string, string[]>, principal: Principal, ip: string): { problem: [string, string] } | undefined {
  const own = principal.kind === 'staff' ? principal.assignments.map((a) => a.role) : [];
  const role = own.find((r) => (networks[r]?.length ?? 0) > 0 && !parseAllowList(networks[r] ?? [])(ip));
  return role ? { problem: [`この設定では現在の接続元（${ip}）から「${role}」が使えなくなります。`, `This would shut your own address (${ip}) out of "${role}".`] } : undefined;
}

/** Registers /console/settings/security. */
export function installSecuritySettings(app: FastifyInstance, db: Db, municipality: () => Promise<Municipality | undefined>): void {
  const render = async (req: Parameters<typeof pageContext>[0], code: string, extra: { saved: boolean; problem?: string }) => {
    const networks = Object.fromEntries((await findRoleNetworks(db, code)).map((r) => [r.role, r.networks]));
    return SecuritySettingsPage({
      ...pageContext(req, await municipality()),
      settings: await findSecuritySettings(db.kysely, code),
      networks,
      csrfToken: currentStaff(req).csrfToken,
      ...extra,
    });
  };

  app.get('/console/settings/security', { config: { capability: 'staff.account.manage' }, schema: { hide: true } }, async (req, reply) => {
    const saved = (req.query as { saved?: string }).saved === '1';
    return reply.type('text/html; charset=utf-8').send(await render(req, currentStaff(req).municipalityCode, { saved }));
  });

  app.post('/console/settings/security', {
    config: { capability: 'staff.account.manage' },
    schema: { hide: true, body: { type: 'object', additionalProperties: { type: 'string', maxLength: 4000 } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const form = readForm(req.body as Form);
    const parsed = 'problem' in form ? form : (shutOut(form.networks, currentPrincipal(req), req.ip) ?? form);
    if ('problem' in parsed) {
      const page = await render(req, staff.municipalityCode, { saved: false, problem: t(pageContext(req, undefined).lang, ...parsed.problem) });
      return reply.status(400).type('text/html; charset=utf-8').send(page);
    }
    const actor = staffActor(staff);
    const s = parsed.settings;
    const detail = `idle ${s.idleTimeoutMinutes} min, lockout ${s.lockoutThreshold} / ${s.lockoutMinutes ?? 'manual'}, mfa for all ${s.mfaRequiredForAll}, restricted roles ${Object.entries(parsed.networks).filter(([, l]) => l.length).map(([r]) => r).join(' ') || '-'}`;
    const event = { municipalityCode: staff.municipalityCode, operation: AuditOperation['settings.security_change'], actor, client: auditClient(req), detail };
    await audited(db, event, async (tx) => {
      await saveSecuritySettings(tx, staff.municipalityCode, parsed.settings);
      for (const [role, list] of Object.entries(parsed.networks)) await setRoleNetworks(tx, staff.municipalityCode, role, list);
    });
    return reply.redirect('/console/settings/security?saved=1', 303);
  });
}
