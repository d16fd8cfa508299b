// Key rotation for the file store: every file of a kind not yet under the active field key is sealed again under it.
import type { FieldCipher } from '../crypto/index.ts';
import type { EncryptedFiles } from './encrypted-files.ts';

/** Re-encrypts the municipality's files of one kind under the cipher's active key; returns how many. */
export async function reencryptFiles(files: EncryptedFiles, cipher: FieldCipher, kind: string, onFile?: (done: number) => void): Promise<number> {
  const active = cipher.keyring.active('field').id;
  let done = 0;
  for await (const f of files.list(cipher.municipalityCode, kind)) {
    if ((await files.keyIdOf(f)) === active) continue;
    const plain = await files.read(cipher, f);
    // Deleted meanwhile: nothing to re-encrypt.
    if (!plain) continue;
    await files.write(cipher, f, plain);
    plain.fill(0);
    done++;
    onFile?.(done);
  }
  return done;
}
