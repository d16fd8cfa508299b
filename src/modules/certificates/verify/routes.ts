// The public side of anti-forgery: GET /verify (the page a certificate's QR opens, or a number typed in) and
// GET /.well-known/madoguchi/keys.json (the signing keys, for verifiers that work offline). No login; lookups by
// number are limited per address, so that walking through numbers is hopeless.
import type { FastifyInstance } from 'fastify';
import { createRateLimit } from '../../../platform/http/rate-limit.ts';
import { parseLuhnNumber } from '../../../platform/text/index.ts';
import type { CertificatesDeps } from '../deps.ts';
import { publishedKeys } from '../issuance/signing-keys.ts';
import { VerifyPage } from './pages/verify-page.tsx';
import { certificateVerifier, type Verification } from './verify.ts';

const LOOKUPS_PER_MINUTE = 20;

export function installVerifyRoutes(app: FastifyInstance, deps: CertificatesDeps): void {
  const verifier = certificateVerifier(deps.db);
  const limit = createRateLimit(LOOKUPS_PER_MINUTE, 60_000);

  app.get('/.well-known/madoguchi/keys.json', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
    return { issuer: 'madoguchi', alg: 'Ed25519', keys: await publishedKeys(deps.db) };
  });

  app.get('/verify', {
    config: { public: true },
    schema: { hide: true, querystring: { type: 'object', properties: { p: { type: 'string', maxLength: 2000 }, number: { type: 'string', maxLength: 40 } } } },
  }, async (req, reply) => {
    const { p, number } = req.query as { p?: string; number?: string };
    const ctx = await deps.pageContext(req);
    const en = ctx.lang === 'en';
    const page = (status: number, extra: { result?: Verification; problem?: string }) =>
      reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(VerifyPage({ ...ctx, numberInput: number ?? '', ...extra }));
    if (p === undefined && (number === undefined || number.trim() === '')) return page(200, {});
    if (!limit.allow(req.ip)) {
      reply.header('retry-after', '60');
      return page(429, { problem: en ? 'Too many checks. Please wait a minute and try again.' : '確認の回数が多すぎます。1分ほど待ってから、もう一度お試しください。' });
    }
    if (p !== undefined) return page(200, { result: await verifier.byScan(p) });
    const certificateNumber = parseLuhnNumber(number ?? '');
    if (!certificateNumber) return page(400, { problem: en ? 'That is not a certificate number: check the 12 digits.' : '証明書番号の形式が正しくありません。12桁の数字を確認してください。' });
    const municipality = await deps.municipality();
    return page(200, { result: municipality ? await verifier.byNumber(municipality.code, certificateNumber) : { state: 'unknown' } });
  });
}
