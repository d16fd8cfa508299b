// The account inventory's routes: the page, its CSV, and disabling an account.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../platform/access/guard.ts';
import { auditClient, AuditOperation, auditSubjects, staffActor, subjectId } from '../../platform/audit/index.ts';
import { changeAccount } from '../../platform/auth/accounts.ts';
import { writeCsv } from '../../platform/csv/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { formatInstant } from '../../platform/ui/format.ts';
import { pageContext } from '../pages/page-context.ts';
import type { Municipality } from '../store.ts';
import { describeRole, isUnused } from './inventory.ts';
import { AccountInventoryPage } from './page.tsx';
import { listAccounts } from './store.ts';

const csvColumns = [
  { key: 'loginId', header: 'ログインID' },
  { key: 'displayName', header: '氏名' },
  { key: 'department', header: '部課名' },
  { key: 'organisation', header: '委託事業者' },
  { key: 'roles', header: '役割と範囲' },
  { key: 'lastLogin', header: '最終ログイン' },
  { key: 'created', header: '作成日時' },
  { key: 'disabled', header: '停止日時' },
  { key: 'unused', header: '90日以上未使用' },
] as const;

/** Registers the inventory under /console/accounts. */
export function installAccountInventory(app: FastifyInstance, db: Db, municipality: () => Promise<Municipality | undefined>): void {
  app.get('/console/accounts', {
    config: { capability: 'staff.account.read', personalData: true, audit: AuditOperation['account.inventory_read'] },
    schema: { hide: true, querystring: { type: 'object', properties: { unused: { type: 'string', enum: ['1'] }, lang: { type: 'string' } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const rows = await listAccounts(db, staff.municipalityCode);
    auditSubjects(req, { subjects: rows.map((r) => subjectId('staff_user', r.loginId)) });
    const page = await AccountInventoryPage({
      ...pageContext(req, await municipality()),
      rows,
      now: new Date(),
      canManage: can(currentPrincipal(req), 'staff.account.manage'),
      csrfToken: staff.csrfToken,
      unusedOnly: (req.query as { unused?: string }).unused === '1',
    });
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.get('/console/accounts.csv', {
    config: { capability: 'staff.account.read', personalData: true, audit: AuditOperation['account.inventory_export'] },
    schema: { hide: true },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const now = new Date();
    const accounts = await listAccounts(db, staff.municipalityCode);
    auditSubjects(req, { subjects: accounts.map((r) => subjectId('staff_user', r.loginId)) });
    const rows = accounts.map((r) => ({
      loginId: r.loginId,
      displayName: r.displayName,
      department: r.department,
      organisation: r.organisation ?? '',
      roles: r.roles.map(describeRole).join(' / '),
      lastLogin: formatInstant(r.lastLoginAt),
      created: formatInstant(r.createdAt),
      disabled: formatInstant(r.disabledAt),
      unused: isUnused(r, now) ? '該当' : '',
    }));
    const body = new PassThrough();
    void writeCsv(body, rows, { columns: csvColumns, bom: true }).catch((e: unknown) => body.destroy(e as Error));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="accounts-${staff.municipalityCode}.csv"`)
      .send(body);
  });

  app.post('/console/accounts/:loginId/disable', {
    config: { capability: 'staff.account.manage' },
    schema: { hide: true, params: { type: 'object', required: ['loginId'], properties: { loginId: { type: 'string', maxLength: 64 } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { loginId } = req.params as { loginId: string };
    const actor = staffActor(staff);
    await changeAccount(db, 'disable', staff.municipalityCode, loginId, actor, auditClient(req));
    return reply.redirect('/console/accounts', 303);
  });
}
