// Staff passwords: argon2id (OWASP parameters), a minimum policy, and verification that takes as long for unknown users.
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

const argon2id = 2; // @node-rs/argon2 Algorithm.Argon2id (a const enum, which isolated modules cannot inline)
const options = { algorithm: argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** argon2id PHC string for a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), options);
}

// A real hash of a random string: verifying against it costs what a real verification costs.
const decoy = hashPassword(crypto.randomUUID());

/** True when the password matches; with no hash (unknown login) it still spends the same time and says false. */
export async function verifyPassword(phc: string | undefined, password: string): Promise<boolean> {
  const ok = await verify(phc ?? (await decoy), password.normalize('NFC')).catch(() => false);
  return phc !== undefined && ok;
}

/** Why a new password is refused, or undefined when it meets the policy (12+ characters, not the login id). */
export function passwordPolicyProblem(password: string, loginId: string): { ja: string; en: string } | undefined {
  if ([...password].length < 12) return { ja: 'パスワードは12文字以上にしてください。', en: 'Use at least 12 characters.' };
  if (password.toLowerCase().includes(loginId.toLowerCase())) {
    return { ja: 'パスワードにログインIDを含めないでください。', en: 'Do not include the login id in the password.' };
  }
  return undefined;
}

// No 0/O, 1/l/I: a generated password is read off a terminal and typed once.
const passwordAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A strong random password (20 characters, about 116 bits) for an account created without one. */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += passwordAlphabet[randomInt(passwordAlphabet.length)];
  return out;
}
