// The console addresses of letters, replies and decisions, and the way back to the page a form was posted from.
import type { FastifyReply } from 'fastify';

const BENEFITS = '/console/benefits';
const q = (programmeId: string, extra: Record<string, string> = {}) => `?${new URLSearchParams({ programme: programmeId, ...extra }).toString()}`;

export const letterPaths = {
  /** 通知書の発送・一括決定: the programme's letters and the notices past their deadline. */
  letters: `${BENEFITS}/letters`,
  sendOne: (residentNumber: string) => `${BENEFITS}/letters/${residentNumber}/send`,
  reissue: (residentNumber: string) => `${BENEFITS}/letters/${residentNumber}/reissue`,
  letterPdf: (residentNumber: string, letterNumber: number, programmeId: string) => `${BENEFITS}/letters/${residentNumber}/${letterNumber}/pdf${q(programmeId)}`,
  reply: (residentNumber: string, programmeId: string, back?: string) => `${BENEFITS}/replies/${residentNumber}${q(programmeId, back ? { back } : {})}`,
  grant: (residentNumber: string) => `${BENEFITS}/decisions/${residentNumber}/grant`,
  reject: (residentNumber: string) => `${BENEFITS}/decisions/${residentNumber}/reject`,
  decisionPdf: (residentNumber: string, programmeId: string) => `${BENEFITS}/decisions/${residentNumber}/pdf${q(programmeId)}`,
  overdue: `${BENEFITS}/decisions/overdue-notices`,
  /** The person's case page (H4's), where the section's forms come back to by default. */
  case: (residentNumber: string, programmeId: string) => `${BENEFITS}/cases/${residentNumber}${q(programmeId)}`,
};

/** The routes' patterns of the addresses above that name a person. */
export const letterRoutes = {
  sendOne: `${BENEFITS}/letters/:residentNumber/send`,
  reissue: `${BENEFITS}/letters/:residentNumber/reissue`,
  letterPdf: `${BENEFITS}/letters/:residentNumber/:letterNumber/pdf`,
  reply: `${BENEFITS}/replies/:residentNumber`,
  grant: `${BENEFITS}/decisions/:residentNumber/grant`,
  reject: `${BENEFITS}/decisions/:residentNumber/reject`,
  decisionPdf: `${BENEFITS}/decisions/:residentNumber/pdf`,
};

/** A console address of the benefits ledger to come back to, or the person's case page (never another origin). */
export function backTo(back: string | undefined, residentNumber: string, programmeId: string): string {
  return back && /^\/console\/benefits(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&%._+-]*)?$/.test(back) ? back : letterPaths.case(residentNumber, programmeId);
}

/** Back to the page the form was on (303), saying which step was taken (`done`, as the case page shows it). */
export function comeBack(reply: FastifyReply, back: string, done: string): FastifyReply {
  const clean = back.replace(/([?&])done=[a-z_]*&?/, '$1').replace(/[?&]$/, '');
  return reply.redirect(`${clean}${clean.includes('?') ? '&' : '?'}done=${done}`, 303);
}
