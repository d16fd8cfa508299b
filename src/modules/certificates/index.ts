// 所得・課税証明書 (issue 6; seeds 004 and 000): what the shell and other modules use of the certificates module.
//   tax/        tax records and the kiosk serial mapping: imports (CLI, console) and look-ups
//   domain/     pure rules: what the paper prints, the signed QR payload, refusals, the kiosk's year, the daily report
//   pdf/        the A4 certificate with its anti-forgery layers
//   issuance/   issuing (one path for every channel), signing keys, revocation, the SQL of issuance
//   counter/    窓口交付 on the console
//   online/     certificates applied for online: the clerk issues, the resident downloads once (or it is posted)
//   kiosk/      コンビニ交付 API (our design: README, Kiosk API)
//   verify/     /verify and /.well-known/madoguchi/keys.json
//   report/     交付件数の取りまとめ
import type { FastifyInstance } from 'fastify';
import { installCounterRoutes } from './counter/routes.ts';
import type { CertificatesDeps } from './deps.ts';
import { installKioskApi } from './kiosk/api.ts';
import { installOnlineConsole, installOnlineDownload } from './online/routes.ts';
import { installReportRoutes } from './report/routes.ts';
import { installTaxImport } from './tax/index.ts';
import { installVerifyRoutes } from './verify/routes.ts';

export { type CertificatesDeps, certificatesDeps } from './deps.ts';
export { importSerialsCommand, importTaxCommand } from './tax/index.ts';
export { certificatePersonalData, certificateSerialDisposal, certificateTaxFile } from './domain/personal-data.ts';
export { taxYearRetention } from './tax/retention.ts';
export { certificateFont } from './pdf/font.ts';

/** The public side: the verification page, the published keys and the one-time download of a certificate applied for online. */
export function installCertificatesPortal(app: FastifyInstance, deps: CertificatesDeps): void {
  installVerifyRoutes(app, deps);
  installOnlineDownload(app, deps);
}

/** The console side: counter and online issuance, revocation, the daily report and the tax import. */
export function installCertificatesConsole(app: FastifyInstance, deps: CertificatesDeps): void {
  installCounterRoutes(app, deps);
  installOnlineConsole(app, deps);
  installReportRoutes(app, deps);
  installTaxImport(app, { db: deps.db, pageContext: deps.pageContext });
}

/** The issuance role: the kiosk API. */
export function installCertificatesIssuance(app: FastifyInstance, deps: CertificatesDeps): void {
  installKioskApi(app, deps);
}
