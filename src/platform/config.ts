// The one place that reads the environment. Everything else receives a Config.
import { createSecretKey, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { AppError } from './errors.ts';

export const roles = ['portal', 'console', 'review', 'issuance', 'worker'] as const;
export type Role = (typeof roles)[number];

export interface Config {
  /** Embedded database directory (PGlite), used when no databaseUrl is set. */
  dataDir: string;
  /**
   * MADOGUCHI_FILES_DIR: the encrypted file store (attachments), default <dataDir>/files. Servers that share one
   * PostgreSQL must share this directory too (a network file system), and it is backed up with the database.
   */
  filesDir: string;
  /** postgres://… — switches every command to a real PostgreSQL. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Addresses of reverse proxies whose X-Forwarded-For we believe. */
  trustedProxies: string[];
  /** True when running under CI (browser tests may not be skipped there). */
  ci: boolean;
  /** The master key from MADOGUCHI_MASTER_KEY; a KeyObject, so logging the config never prints it. Else keys/master.key. */
  masterKey?: KeyObject;
  /** MADOGUCHI_NEW_MASTER_KEY: the key `madoguchi keys rotate --master` re-wraps the data keys under. */
  newMasterKey?: KeyObject;
  /**
   * MADOGUCHI_REVIEW_NO_MATCH_ALERT, `PERCENT/CALLS/MINUTES`: when one review API client's no_match answers are a burst
   * (default 50/100/5: more than 50 % of at least 100 calls in 5 minutes).
   */
  reviewNoMatchAlert: { noMatchPercent: number; minCalls: number; windowMinutes: number };
  /**
   * MADOGUCHI_DB_POOL_SIZE: connections a process keeps to PostgreSQL (default 10). A process that shares a small
   * machine with its database answers more evenly with few: every connection is a process competing for the cores.
   */
  databasePoolSize: number;
  /**
   * MADOGUCHI_PAYMENT_GATEWAY: `sandbox` (default; a built-in test gateway, nothing is charged) or `redirect` (a real
   * payment agent, with the MADOGUCHI_PAYMENT_REDIRECT_* variables; the secret is a KeyObject, never printed).
   */
  payment: PaymentConfig;
  /**
   * MADOGUCHI_HANDOVER_RETENTION_DAYS: days the portal keeps its copy of handed-over applications after the core
   * system confirmed receipt, before disposing of it (default 14; 0 to 3650).
   */
  handoverRetentionDays: number;
  /**
   * MADOGUCHI_SMTP_URL (`smtp://[user:password@]host[:port]` or `smtps://…`) and MADOGUCHI_MAIL_FROM: where the worker
   * sends the mail outbox. Unset: mail stays in the outbox. The password is a KeyObject, so it never prints.
   */
  smtp?: SmtpConfig;
  /**
   * MADOGUCHI_CLAMD_SOCKET (clamd's unix socket; scanned with INSTREAM) or else clamscan with MADOGUCHI_CLAMAV_DATABASE
   * (default /var/lib/clamav): how attachments are scanned for malware.
   */
  clamav: { socket?: string; database: string };
  /**
   * MADOGUCHI_PUBLIC_URL: the portal's address as residents reach it (default http://localhost:<port>); the QR on a
   * certificate points to <this>/verify, so a phone camera opens the public verification page.
   */
  publicUrl: string;
}

/** The SMTP server the mail outbox is sent through. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** smtps:// (TLS from the start); smtp:// upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: KeyObject;
  /** The From address of every mail. */
  from: string;
}

export interface ConfigFlags {
  data?: string | undefined;
  port?: string | undefined;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A 256-bit key given as base64; the error never echoes the value, which is a secret. */
function secretKeyVariable(env: NodeJS.ProcessEnv, variable: string): KeyObject | undefined {
  const text = env[variable]?.trim();
  if (!text) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(text) || bytes.length !== 32) {
    bytes.fill(0);
    throw new AppError('config_invalid', { variable, value: '(hidden) — expected base64 of 32 random bytes, e.g. `openssl rand -base64 32`' });
  }
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}

/** `PERCENT/CALLS/MINUTES`, e.g. 50/100/5; each a whole number in its range. */
function noMatchAlertVariable(env: NodeJS.ProcessEnv): Config['reviewNoMatchAlert'] {
  const text = env.MADOGUCHI_REVIEW_NO_MATCH_ALERT?.trim() || '50/100/5';
  const m = /^(\d{1,2})\/(\d{1,6})\/(\d{1,4})$/.exec(text);
  const [percent, calls, minutes] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [];
  if (percent === undefined || calls === undefined || minutes === undefined || calls < 1 || minutes < 1 || minutes > 1440) {
    throw new AppError('config_invalid', { variable: 'MADOGUCHI_REVIEW_NO_MATCH_ALERT', value: `${text} — expected PERCENT/CALLS/MINUTES, e.g. 50/100/5` });
  }
  return { noMatchPercent: percent, minCalls: calls, windowMinutes: minutes };
}

function poolSizeVariable(env: NodeJS.ProcessEnv): number {
  const text = env.MADOGUCHI_DB_POOL_SIZE?.trim() || '10';
  const size = Number(text);
  if (!/^\d+$/.test(text) || size < 1 || size > 100) throw new AppError('config_invalid', { variable: 'MADOGUCHI_DB_POOL_SIZE', value: `${text} — expected 1 to 100` });
  return size;
}

function retentionDaysVariable(env: NodeJS.ProcessEnv): number {
  const text = env.MADOGUCHI_HANDOVER_RETENTION_DAYS?.trim() || '14';
  const days = Number(text);
  if (!/^\d+$/.test(text) || days > 3650) throw new AppError('config_invalid', { variable: 'MADOGUCHI_HANDOVER_RETENTION_DAYS', value: `${text} — expected 0 to 3650` });
  return days;
}

/** The payment gateway in use and, for a real payment agent, where it is and how we sign for it. */
export type PaymentConfig =
  | { gateway: 'sandbox' }
  | { gateway: 'redirect'; checkoutUrl: string; apiUrl: string; merchantId: string; secret: KeyObject; returnBaseUrl: string };

/** MADOGUCHI_PAYMENT_*: the gateway, and every redirect variable checked at start-up (the secret never echoed). */
function paymentVariables(env: NodeJS.ProcessEnv): PaymentConfig {
  const gateway = env.MADOGUCHI_PAYMENT_GATEWAY?.trim() || 'sandbox';
  if (gateway === 'sandbox') return { gateway };
  if (gateway !== 'redirect') throw new AppError('config_invalid', { variable: 'MADOGUCHI_PAYMENT_GATEWAY', value: `${gateway} — expected sandbox or redirect` });
  const url = (variable: string) => {
    const text = env[variable]?.trim() ?? '';
    if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) throw new AppError('config_invalid', { variable, value: `${text} — expected an http(s) URL` });
    return text.replace(/\/+$/, '');
  };
  const merchantId = env.MADOGUCHI_PAYMENT_REDIRECT_MERCHANT_ID?.trim() ?? '';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(merchantId)) throw new AppError('config_invalid', { variable: 'MADOGUCHI_PAYMENT_REDIRECT_MERCHANT_ID', value: `${merchantId} — expected 1 to 64 letters, digits, . _ -` });
  const secretText = env.MADOGUCHI_PAYMENT_REDIRECT_SECRET?.trim() ?? '';
  if (secretText.length < 16) throw new AppError('config_invalid', { variable: 'MADOGUCHI_PAYMENT_REDIRECT_SECRET', value: '(hidden) — expected the agent\'s signing key, at least 16 characters' });
  return {
    gateway,
    checkoutUrl: url('MADOGUCHI_PAYMENT_REDIRECT_CHECKOUT_URL'),
    apiUrl: url('MADOGUCHI_PAYMENT_REDIRECT_API_URL'),
    merchantId,
    secret: createSecretKey(Buffer.from(secretText, 'utf8')),
    returnBaseUrl: url('MADOGUCHI_PAYMENT_REDIRECT_RETURN_BASE_URL'),
  };
}

/** MADOGUCHI_SMTP_URL and MADOGUCHI_MAIL_FROM; the password is never echoed in an error. */
function smtpVariables(env: NodeJS.ProcessEnv): SmtpConfig | undefined {
  const text = env.MADOGUCHI_SMTP_URL?.trim();
  if (!text) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || !/^smtps?:$/.test(url.protocol) || !url.hostname) {
    throw new AppError('config_invalid', { variable: 'MADOGUCHI_SMTP_URL', value: '(hidden) — expected smtp://[user:password@]host[:port] or smtps://…' });
  }
  const from = env.MADOGUCHI_MAIL_FROM?.trim() ?? '';
  if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(from)) throw new AppError('config_invalid', { variable: 'MADOGUCHI_MAIL_FROM', value: `${from} — expected the sender's address (required with MADOGUCHI_SMTP_URL)` });
  const secure = url.protocol === 'smtps:';
  const password = decodeURIComponent(url.password);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(password ? { password: createSecretKey(Buffer.from(password, 'utf8')) } : {}),
    from,
  };
}

/** MADOGUCHI_CLAMD_SOCKET and MADOGUCHI_CLAMAV_DATABASE: absolute paths. */
function clamavVariables(env: NodeJS.ProcessEnv): Config['clamav'] {
  const socket = env.MADOGUCHI_CLAMD_SOCKET?.trim() || undefined;
  const database = env.MADOGUCHI_CLAMAV_DATABASE?.trim() || '/var/lib/clamav';
  for (const [variable, value] of [['MADOGUCHI_CLAMD_SOCKET', socket], ['MADOGUCHI_CLAMAV_DATABASE', database]] as const) {
    if (value !== undefined && !path.isAbsolute(value)) throw new AppError('config_invalid', { variable, value: `${value} — expected an absolute path` });
  }
  return socket ? { socket, database } : { database };
}

/** Reads and validates the environment once; a bad value stops start-up naming the variable. */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new AppError('config_invalid', { variable: 'DATABASE_URL', value: 'postgres://…' });
  }
  const portText = flags.port ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('config_invalid', { variable: flags.port ? '--port' : 'PORT', value: portText });
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!logLevels.includes(logLevel)) {
    throw new AppError('config_invalid', { variable: 'LOG_LEVEL', value: logLevel });
  }
  const dataDir = path.resolve(flags.data ?? env.MADOGUCHI_DATA_DIR ?? './data');
  return {
    dataDir,
    filesDir: path.resolve(env.MADOGUCHI_FILES_DIR ?? path.join(dataDir, 'files')),
    databaseUrl,
    port,
    host: env.HOST ?? '127.0.0.1',
    logLevel,
    trustedProxies: (env.MADOGUCHI_TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    ci: env.CI === 'true' || env.CI === '1',
    masterKey: secretKeyVariable(env, 'MADOGUCHI_MASTER_KEY'),
    newMasterKey: secretKeyVariable(env, 'MADOGUCHI_NEW_MASTER_KEY'),
    reviewNoMatchAlert: noMatchAlertVariable(env),
    databasePoolSize: poolSizeVariable(env),
    payment: paymentVariables(env),
    handoverRetentionDays: retentionDaysVariable(env),
    smtp: smtpVariables(env),
    clamav: clamavVariables(env),
    publicUrl: publicUrlVariable(env, port),
  };
}

function publicUrlVariable(env: NodeJS.ProcessEnv, port: number): string {
  const text = env.MADOGUCHI_PUBLIC_URL?.trim();
  if (!text) return `http://localhost:${port}`;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new AppError('config_invalid', { variable: 'MADOGUCHI_PUBLIC_URL', value: `${text} — expected https://host[/path]` });
  }
  return url.href.replace(/\/$/, '');
}
