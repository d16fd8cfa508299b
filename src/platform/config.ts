// The one place that reads the environment. Everything else receives a Config.
import { createSecretKey, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { AppError } from './errors.ts';

export const roles = ['portal', 'console', 'review', 'issuance', 'worker'] as const;
export type Role = (typeof roles)[number];

export interface Config {
  /** Embedded database directory (PGlite), used when no databaseUrl is set. */
  dataDir: string;
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
  return {
    dataDir: path.resolve(flags.data ?? env.MADOGUCHI_DATA_DIR ?? './data'),
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
  };
}
