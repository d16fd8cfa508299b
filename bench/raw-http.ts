// A lean HTTP/1.1 client for the load generators: keep-alive connections, one call in flight on each, answers read
// as raw head and body bytes. node:http's client spends about as much CPU per call as a small server
// route; on this machine the caller shares two cores with the server and the database, so what the caller burns is
// taken from what is measured. Answers must carry Content-Length (Fastify's JSON answers do).
import net from 'node:net';

/** An answer as received: its status, its head as text (status line and headers) and its body. */
export interface RawAnswer {
  status: number;
  head: string;
  body: Buffer;
}

type Settle = (status: number | 'network error', answer?: RawAnswer) => void;

interface Call {
  bytes: Buffer | readonly Buffer[];
  settle: Settle;
}

const headerEnd = Buffer.from('\r\n\r\n');

class Connection {
  private readonly socket: net.Socket;
  private received: Buffer = Buffer.alloc(0);
  private current: Call | undefined;

  constructor(host: string, port: number, private readonly next: (c: Connection) => void, private readonly lost: (c: Connection) => void) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk) => this.read(chunk));
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => {
      this.current?.settle('network error');
      this.current = undefined;
      this.lost(this);
    });
  }

  send(call: Call): void {
    this.current = call;
    if (Buffer.isBuffer(call.bytes)) {
      this.socket.write(call.bytes);
      return;
    }
    // Parts (a form's head, a shared file, its tail) go out in one writev, never copied into one buffer.
    this.socket.cork();
    for (const part of call.bytes) this.socket.write(part);
    this.socket.uncork();
  }

  private read(chunk: Buffer): void {
    this.received = this.received.length ? Buffer.concat([this.received, chunk]) : chunk;
    const end = this.received.indexOf(headerEnd);
    if (end < 0 || !this.current) return;
    const head = this.received.toString('latin1', 0, end);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) {
      this.socket.destroy(); // chunked or unknown framing: not something this client reads
      return;
    }
    const total = end + 4 + Number(length[1]);
    if (this.received.length < total) return;
    const body = this.received.subarray(end + 4, total);
    this.received = this.received.subarray(total);
    const call = this.current;
    this.current = undefined;
    const status = Number(head.slice(9, 12));
    call.settle(status, { status, head, body });
    this.next(this);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Up to `maxConnections` keep-alive connections to host:port; calls beyond them wait for one to be free. */
export class RawHttpClient {
  private readonly idle: Connection[] = [];
  private readonly queued: Call[] = [];
  private readonly open = new Set<Connection>();

  constructor(private readonly host: string, private readonly port: number, private readonly maxConnections: number) {}

  /** The answer to a whole request (head and body, as bytes or parts); rejects on a network error. */
  request(bytes: Buffer | readonly Buffer[]): Promise<RawAnswer> {
    return new Promise((resolve, reject) => this.send(bytes, (_status, answer) => (answer ? resolve(answer) : reject(new Error('network error')))));
  }

  /** Sends a whole request (head and body, as bytes or parts); `settle` gets the answer's status or 'network error'. */
  send(bytes: Buffer | readonly Buffer[], settle: Settle): void {
    const call = { bytes, settle };
    const connection = this.idle.pop() ?? (this.open.size < this.maxConnections ? this.connect() : undefined);
    if (connection) connection.send(call);
    else this.queued.push(call);
  }

  close(): void {
    for (const c of this.open) c.close();
  }

  private connect(): Connection {
    const c = new Connection(this.host, this.port, (free) => {
      const call = this.queued.shift();
      if (call) free.send(call);
      else this.idle.push(free);
    }, (gone) => {
      this.open.delete(gone);
      const i = this.idle.indexOf(gone);
      if (i >= 0) this.idle.splice(i, 1);
    });
    this.open.add(c);
    return c;
  }
}

/** A POST of a JSON body as bytes, for RawHttpClient.send. */
export function jsonPost(url: URL, headers: Record<string, string>, body: string): Buffer {
  const payload = Buffer.from(body);
  const lines = [`POST ${url.pathname} HTTP/1.1`, `Host: ${url.host}`, 'Content-Type: application/json', `Content-Length: ${payload.length}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}
