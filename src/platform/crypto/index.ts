// Field encryption, blind indexes and their keys: what modules and the CLI use from platform/crypto.
export { cachedFieldCiphers } from './cipher-cache.ts';
export { type FieldCipher, fieldCipher, keyRefreshMs } from './field-cipher.ts';
export { individualNumberCheckDigit, isValidIndividualNumber, normalizeIndividualNumber, parseIndividualNumber } from './individual-number.ts';
export { createKeyFile, loadMasterKey, masterKeyPath, readKeyFile } from './key-file.ts';
export { type MasterKey, masterKeyFrom, newSecretKey } from './master-key.ts';
export { type EncryptedColumn, type EncryptedColumnSpec, recordAad, registerEncryptedColumn, registeredEncryptedColumns } from './registry.ts';
export { type RotationBatch, type RotationOptions, type RotationResult, rotateFieldKey } from './rotate.ts';
export { rewrapDataKeys } from './rotate-master.ts';
export { municipalitiesWithKeys } from './store.ts';
