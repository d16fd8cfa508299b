// Test support for the portal: a resident's "browser" on an inject()ed app (cookies kept, CSRF token read from pages,
// multipart forms built as a browser sends them), and small PNG / text files.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface FormFile {
  name: string;
  fileName: string;
  bytes: Buffer;
  type?: string;
}

/** A PNG signature and an IHDR chunk header: what the attachment check recognises as a PNG. */
export const pngBytes = (): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(64, 1)]);

/** A multipart/form-data body: text fields (repeated for arrays) and files. */
export function multipartBody(fields: Record<string, string | string[]>, files: FormFile[] = []): { payload: Buffer; contentType: string } {
  const boundary = '----madoguchiPortalTest7fQ2';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [value].flat()) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.fileName}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The csrf hidden field of a page. */
export const csrfOf = (html: string): string => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** One resident's browser: keeps cookies between requests, like a real one (no JavaScript). */
export class ResidentBrowser {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance, lang?: 'ja' | 'en', private readonly remoteAddress = '127.0.0.1') {
    if (lang) this.cookies.set('lang', lang);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as Array<{ name: string; value: string }>) this.cookies.set(c.name, c.value);
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, remoteAddress: this.remoteAddress, headers: { cookie: this.cookieHeader(), accept: 'text/html' } }));
  }

  /** A urlencoded form post. */
  async post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({
      method: 'POST', url, remoteAddress: this.remoteAddress, payload: new URLSearchParams(form).toString(),
      headers: { cookie: this.cookieHeader(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    }));
  }

  /** A multipart form post (the application form). */
  async postMultipart(url: string, fields: Record<string, string | string[]>, files: FormFile[] = []): Promise<LightMyRequestResponse> {
    const { payload, contentType } = multipartBody(fields, files);
    return this.keep(await this.app.inject({ method: 'POST', url, remoteAddress: this.remoteAddress, payload, headers: { cookie: this.cookieHeader(), accept: 'text/html', 'content-type': contentType } }));
  }

  /** Follows 303s from a response, GETting each location on this app (paths only). */
  async follow(res: LightMyRequestResponse, max = 5): Promise<LightMyRequestResponse> {
    let r = res;
    for (let i = 0; i < max && r.statusCode >= 300 && r.statusCode < 400; i++) r = await this.get(String(r.headers.location));
    return r;
  }
}
