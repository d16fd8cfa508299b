// A certificate PDF as an HTTP answer: never cached, named by its number, the number also in a header for machines.
import type { FastifyReply } from 'fastify';

export function sendCertificatePdf(reply: FastifyReply, certificateNumber: string, pdf: Buffer, disposition: 'inline' | 'attachment' = 'inline'): FastifyReply {
  return reply
    .header('content-disposition', `${disposition}; filename="certificate-${certificateNumber}.pdf"`)
    .header('cache-control', 'no-store')
    .header('x-certificate-number', certificateNumber)
    .type('application/pdf')
    .send(pdf);
}
