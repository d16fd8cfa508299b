// Online applications (電子申込, seed 003; スマート申請, seed 000): what other parts of madoguchi may use of them.
export { type ApplicationsDeps, applicationsDeps } from './deps.ts';
export { installApplicationsConsole, installApplicationsPortal } from './routes.ts';
export { loadProcedureDir, shippedProceduresDir, systemLoader } from './procedures.ts';
export { PurposeNotice } from './pages/purpose-notice.tsx';
export { applicationFile, applicationPersonalData } from './domain/personal-data.ts';
export { approvedCertificateRequests, type CertificateRequest, certificateRequest, completeCertificateRequest } from './certificate-requests.ts';
export type { Decider } from './inbox/decide.ts';
export { handedOverApplicationRetention } from './handover/retention.ts';
export { closedApplicationRetention } from './closed/retention.ts';
