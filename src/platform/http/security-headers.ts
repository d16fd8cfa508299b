// Security headers for every answer: a strict CSP (no inline script, no other origin), no framing, no sniffing.
// helmet writes the policy's headers; the policy is the same for every answer, so they are computed once here and
// set as they are (the Fastify plugin would build helmet anew on every request, a few per cent of an API call).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The platform's policy; HSTS only when served over TLS. */
function policy(tls: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: tls ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  };
}

/** The headers helmet sets under a policy. (It also removes X-Powered-By, which Fastify never sends.) */
function securityHeaders(options: HelmetOptions): Record<string, string> {
  const set: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (set[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined,
  };
  // helmet checks the options when it is made (and throws there); its middleware only sets headers.
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return set;
}

/** Sets the platform's security headers on every answer. */
export async function installSecurityHeaders(app: FastifyInstance, options: { tls: boolean }): Promise<void> {
  const headers = securityHeaders(policy(options.tls));
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(headers);
  });
}
