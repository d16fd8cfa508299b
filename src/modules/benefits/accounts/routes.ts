// The accounts' console:
//
//   GET  /console/benefits/accounts                      公金受取口座の照会: counts, the query download, the result upload
//                                                        (benefits.accounts.manage)
//   GET  /console/benefits/accounts/query.csv            the query file ② of a programme (manage; an audited export)
//   POST /console/benefits/accounts/results              (multipart) the result file ③, imported whole or refused with
//                                                        every bad line (manage; the import audits itself)
//   GET  /console/benefits/accounts/people/:resident     a person's accounts, masked (benefits.ledger.read; audited read)
//   POST /console/benefits/accounts/people/:resident     registers a reply's account or a correction (manage; audited);
//                                                        a correction takes the `correct` step of every transfer of the
//                                                        person that came back (returned → decided)
//   POST /console/benefits/accounts/people/:resident/reveal  one account's full number (benefits.accounts.reveal;
//                                                        audited read)
//
// Everything is the staff member's own municipality. Numbers are shown masked except after a reveal.
import { Writable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import type { DescribedRowError } from '../../../platform/csv/index.ts';
import { importFailure } from '../../../platform/csv/import-failure.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { acceptFileUploads, UploadedFile } from '../../../platform/http/file-upload.ts';
import { t } from '../../../platform/http/language.ts';
import type { PageNotice } from '../../../platform/ui/notice.tsx';
import { benefitOperations as ops } from '../audit.ts';
import type { BenefitsDeps } from '../console/deps.ts';
import { mayOf, programmeOf } from '../console/ledger-routes.ts';
import { type LedgerState, nextState } from '../domain/ledger-state.ts';
import { ledgerProgrammes } from '../programmes.ts';
import { accountCase } from './case.ts';
import { type AccountErrors, checkAccount } from './domain/account.ts';
import { accountPaths, ACCOUNTS_PATH, safeBack } from './paths.ts';
import type { Revealed } from './pages/account-parts.tsx';
import { type AccountForm, emptyAccountForm, PersonAccountsPage } from './pages/person-page.tsx';
import { PublicFundPage, type PublicFundPageProps } from './pages/public-fund-page.tsx';
import { importAccountResults, publicFundCounts, writeAccountQuery } from './public-fund.ts';
import { revealAccountNumber, saveAccount } from './store.ts';

const manage = 'benefits.accounts.manage';
/** The largest result file taken: 300,000 people × 5 lines of some 400 bytes is 600 MB. */
export const RESULT_MAX_BYTES = 1024 * 1024 * 1024;

const lang = { type: 'string', maxLength: 2 } as const;
const back = { type: 'string', maxLength: 300 } as const;
const personParams = { type: 'object', required: ['residentNumber'], properties: { residentNumber: { type: 'string', pattern: '^[0-9]{1,15}$' } } } as const;
const field = { type: 'string', maxLength: 200 } as const;


export function installAccountRoutes(app: FastifyInstance, deps: BenefitsDeps, options: { maxBytes?: number } = {}): void {
  const { db } = deps;
  const maxBytes = options.maxBytes ?? RESULT_MAX_BYTES;
  const programmes = Object.entries(ledgerProgrammes).map(([id, x]) => ({ id, ja: x.programme.names.ja, en: x.programme.names.en }));

  const filesPage = async (req: FastifyRequest, reply: FastifyReply, status: number, programmeId: string | undefined, extra: Partial<PublicFundPageProps> = {}) => {
    const staff = currentStaff(req);
    const p = programmeOf(programmeId);
    const [ctx, counts] = await Promise.all([deps.pageContext(req), publicFundCounts({ db: db.kysely, municipalityCode: staff.municipalityCode, programmeId: p.id })]);
    return html(reply, status, PublicFundPage({ ...ctx, csrf: staff.csrfToken, programmes, programme: p.id, counts, ...extra }));
  };

  app.get(ACCOUNTS_PATH, {
    config: { capability: manage },
    schema: { hide: true, querystring: { type: 'object', properties: { programme: { type: 'string', maxLength: 40 }, lang } } },
  }, (req, reply) => filesPage(req, reply, 200, (req.query as { programme?: string }).programme));

  app.get(`${ACCOUNTS_PATH}/query.csv`, {
    config: { capability: manage, personalData: true, audit: ops['benefits.accounts.query'] },
    schema: {
      hide: true,
      querystring: { type: 'object', properties: { programme: { type: 'string', maxLength: 40 }, again: { type: 'string', enum: ['', '1'] }, encoding: { type: 'string', enum: ['sjis', 'utf8'] } } },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const q = req.query as { programme?: string; again?: string; encoding?: 'sjis' | 'utf8' };
    const p = programmeOf(q.programme);
    const encoding = q.encoding ?? 'sjis';
    // Written to memory first: a failure part-way must be an error page, not half a file. 300,000 lines are some 30 MB.
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const r = await writeAccountQuery({ db: db.kysely, municipalityCode: staff.municipalityCode, programmeId: p.id, again: q.again === '1', dest: sink, encoding });
    auditSubjects(req, { subjects: [], detail: `${p.id}: 照会 ${r.rows}件${q.again === '1' ? '（再照会を含む）' : ''}` });
    const name = `kokin-koza-shokai-${p.id}-${new Date().toISOString().slice(0, 10)}.csv`;
    return reply
      .type(`text/csv; charset=${encoding === 'sjis' ? 'Shift_JIS' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(Buffer.concat(chunks));
  });

  // The upload in a scope of its own (platform/http/file-upload.ts); the folder is removed with the response.
  app.register(async (scope) => {
    await acceptFileUploads(scope, { fileFields: ['file'], textFields: 3, maxBytes, folderName: 'account-results' });

    scope.post(accountPaths.results, { config: { capability: manage }, schema: { hide: true } }, async (req, reply) => {
      const staff = currentStaff(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const programmeId = typeof body.programme === 'string' ? body.programme : undefined;
      const { lang: l } = await deps.pageContext(req);
      const upload = body.file instanceof UploadedFile ? body.file : undefined;
      if (!upload || upload.bytes === 0) return filesPage(req, reply, 400, programmeId, { problem: t(l, '結果ファイルを選んでください。', 'Choose the result file.') });
      const mb = Math.round(maxBytes / (1024 * 1024));
      if (upload.truncated) return filesPage(req, reply, 413, programmeId, { problem: t(l, `ファイルが大きすぎます（${mb} MB まで）。`, `The file is too large (at most ${mb} MB).`) });
      const cipher = await deps.cipher(staff.municipalityCode);
      try {
        const result = await importAccountResults({
          db, municipalityCode: staff.municipalityCode, source: upload.path, actor: staffActor(staff), client: auditClient(req), cipher, by: staff.loginId,
        });
        return await filesPage(req, reply, 200, programmeId, { result });
      } catch (e) {
        if (e instanceof AppError && e.code === 'import_rejected') {
          return filesPage(req, reply, 422, programmeId, { rejected: { count: Number(e.details.count), problems: e.details.errors as DescribedRowError[] } });
        }
        const [ja, en] = importFailure(e);
        if (!(e instanceof AppError && e.status < 500)) req.log.error({ err: e }, 'account results import failed');
        return filesPage(req, reply, 500, programmeId, { problem: t(l, ja, en) });
      }
    });
  });

  /** The person (as the latest taxpayers file names them), or benefits_target_not_found. */
  async function personOf(municipalityCode: string, residentNumber: string) {
    const { rows } = await sql<{ name: string; name_kana: string }>`
      select name, name_kana from benefit_taxpayer where municipality_code = ${municipalityCode} and resident_number = ${residentNumber}
      order by imported_at desc limit 1`.execute(db.kysely);
    if (!rows[0]) throw new AppError('benefits_target_not_found');
    return { residentNumber, name: rows[0].name, nameKana: rows[0].name_kana };
  }

  async function returnedIn(municipalityCode: string, residentNumber: string): Promise<string[]> {
    const { rows } = await sql<{ programme_id: string }>`
      select programme_id from benefit_target where municipality_code = ${municipalityCode} and resident_number = ${residentNumber} and state = 'returned'
      order by programme_id`.execute(db.kysely);
    return rows.map((r) => r.programme_id);
  }

  const personPage = async (req: FastifyRequest, reply: FastifyReply, status: number, residentNumber: string, extra: { back: string | undefined; form?: AccountForm; errors?: AccountErrors; revealed?: Revealed; notice?: PageNotice }) => {
    const staff = currentStaff(req);
    const person = await personOf(staff.municipalityCode, residentNumber);
    const [ctx, data, returned] = await Promise.all([deps.pageContext(req), accountCase(db.kysely, staff.municipalityCode, residentNumber), returnedIn(staff.municipalityCode, residentNumber)]);
    auditSubjects(req, { subjects: [subjectId('benefit_account', residentNumber)] });
    return html(reply, status, PersonAccountsPage({
      ...ctx, csrf: staff.csrfToken, person, data, may: mayOf(req), back: extra.back, revealed: extra.revealed,
      form: extra.form ?? emptyAccountForm, errors: extra.errors ?? {}, notice: extra.notice, returnedIn: returned,
    }));
  };

  const doneNotices = {
    saved: { ja: '口座を登録しました。', en: 'The account was registered.' },
    corrected: { ja: '口座を訂正し、振込不能だった給付を再振込の対象（支給決定）に戻しました。', en: 'The account was corrected and the returned transfer is payable again (decided).' },
    unchanged: { ja: '登録済みの口座と同じです（変更はありません）。', en: 'Same as the registered account (nothing changed).' },
  } as const;

  app.get(`${ACCOUNTS_PATH}/people/:residentNumber`, {
    config: { capability: 'benefits.ledger.read', personalData: true, audit: ops['benefits.accounts.read'] },
    schema: { hide: true, params: personParams, querystring: { type: 'object', properties: { back, done: { type: 'string', enum: Object.keys(doneNotices) }, lang } } },
  }, async (req, reply) => {
    const { residentNumber } = req.params as { residentNumber: string };
    const q = req.query as { back?: string; done?: keyof typeof doneNotices };
    const { lang: l } = await deps.pageContext(req);
    const notice: PageNotice | undefined = q.done ? { kind: 'done', text: t(l, doneNotices[q.done].ja, doneNotices[q.done].en) } : undefined;
    return personPage(req, reply, 200, residentNumber, { back: safeBack(q.back), ...(notice ? { notice } : {}) });
  });

  app.post(`${ACCOUNTS_PATH}/people/:residentNumber`, {
    config: { capability: manage, personalData: true, audit: ops['benefits.accounts.register'] },
    schema: {
      hide: true,
      params: personParams,
      body: {
        type: 'object',
        properties: { csrf: field, back, source: { type: 'string', enum: ['reply', 'correction'] }, bankCode: field, branchCode: field, accountType: field, accountNumber: field, holderName: field },
      },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { residentNumber } = req.params as { residentNumber: string };
    const b = req.body as Partial<Record<keyof AccountForm | 'back', string>>;
    const form: AccountForm = {
      bankCode: b.bankCode ?? '', branchCode: b.branchCode ?? '', accountType: b.accountType ?? '', accountNumber: b.accountNumber ?? '',
      holderName: b.holderName ?? '', source: b.source === 'correction' ? 'correction' : 'reply',
    };
    const backTo = safeBack(b.back);
    await personOf(staff.municipalityCode, residentNumber);
    const checked = checkAccount(form);
    if (!checked.ok) {
      auditSubjects(req, { subjects: [], detail: `refused: ${Object.keys(checked.errors).join(',')}`, outcome: 'failure' });
      return personPage(req, reply, 400, residentNumber, { back: backTo, form, errors: checked.errors });
    }
    const cipher = await deps.cipher(staff.municipalityCode);
    const outcome = await db.transaction(async (tx) => {
      const before = (await accountCase(tx, staff.municipalityCode, residentNumber)).current?.revision;
      await saveAccount(tx, cipher, { municipalityCode: staff.municipalityCode, residentNumber, source: form.source, account: checked.account, by: staff.loginId });
      const after = (await accountCase(tx, staff.municipalityCode, residentNumber)).current?.revision;
      if (form.source !== 'correction') return before === after ? 'unchanged' : 'saved';
      const { rows } = await sql<{ programme_id: string; state: LedgerState }>`
        select programme_id, state from benefit_target where municipality_code = ${staff.municipalityCode} and resident_number = ${residentNumber}
          and state = 'returned' for update`.execute(tx);
      for (const row of rows) {
        const to = nextState(row.state, 'correct');
        await sql`update benefit_target set state = ${to}, state_changed_at = now()
          where municipality_code = ${staff.municipalityCode} and programme_id = ${row.programme_id} and resident_number = ${residentNumber} and state = ${row.state}`.execute(tx);
      }
      return rows.length > 0 ? 'corrected' : before === after ? 'unchanged' : 'saved';
    });
    auditSubjects(req, { subjects: [subjectId('benefit_account', residentNumber)], detail: `${form.source}: ${outcome}` });
    const target = `${ACCOUNTS_PATH}/people/${residentNumber}?${new URLSearchParams({ done: outcome, ...(backTo ? { back: backTo } : {}) }).toString()}`;
    return reply.redirect(target, 303);
  });

  app.post(`${ACCOUNTS_PATH}/people/:residentNumber/reveal`, {
    config: { capability: 'benefits.accounts.reveal', personalData: true, audit: ops['benefits.accounts.reveal'] },
    schema: {
      hide: true,
      params: personParams,
      body: { type: 'object', required: ['revision'], properties: { csrf: field, back, revision: { type: 'string', pattern: '^[0-9]{1,6}$' } } },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { residentNumber } = req.params as { residentNumber: string };
    const b = req.body as { revision: string; back?: string };
    const revision = Number(b.revision);
    const cipher = await deps.cipher(staff.municipalityCode);
    const accountNumber = await revealAccountNumber(db.kysely, cipher, staff.municipalityCode, residentNumber, revision);
    if (accountNumber === undefined) throw new AppError('benefits_account_not_found');
    auditSubjects(req, { subjects: [], detail: `revision ${revision}` });
    return personPage(req, reply, 200, residentNumber, { back: safeBack(b.back), revealed: { revision, accountNumber } });
  });
}
