// Test builders for the hand-over: procedures saved as versions, and submitted applications inserted with their
// sensitive values sealed and attachments stored, as the portal would have left them.
import { createHash } from 'node:crypto';
import { demoCity } from '../../../demo/demo-city.ts';
import { type FieldCipher, fieldCipher, loadMasterKey } from '../../../platform/crypto/index.ts';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/index.ts';
import { saveAttachment } from '../attachments/index.ts';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import { newReceiptNumber } from '../domain/receipt-number.ts';
import type { ApplicationState } from '../domain/state.ts';
import { buildProcedure, everyTypeFields } from '../portal.builders.ts';
import { sealSensitive, splitValues } from '../sensitive-values.ts';
import { insertApplication, saveProcedureVersion } from '../store.ts';
import { type EncryptedFiles, encryptedFiles } from '../../../platform/files/index.ts';
import type { Backend } from '../../../platform/db/index.ts';
import { type TestApp, testApp } from '../../../../test/support/app.ts';

/** A tiny PNG (signature, IHDR of a 1×1 image): what sniffMediaType recognises as image/png. */
export const tinyPng = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');

/** The everyTypeFields procedure (with 個人番号 and 要配慮 fields) and a plain one without them. */
export const protectedProcedure = (): ProcedureDefinition => buildProcedure({ id: 'test-handover-protected' });
export const plainProcedure = (): ProcedureDefinition =>
  buildProcedure({ id: 'test-handover-plain', fields: everyTypeFields.filter((f) => f.category !== 'individual_number' && f.category !== 'sensitive') });

/** The demo city's field cipher under the test server's master key. */
export const testCipher = (db: Db, config: Config): Promise<FieldCipher> => fieldCipher(db, loadMasterKey(config), demoCity.code);

/** Saves the definition as a version; returns it. */
export async function saveProcedure(db: Db, def: ProcedureDefinition): Promise<number> {
  return (await saveProcedureVersion(db.kysely, demoCity.code, def, 'test')).version;
}

export interface BuiltApplication {
  applicationId: string;
  receiptNumber: string;
}

/** A submitted application with the given values (sensitive ones sealed) and one PNG identity document. */
export async function submittedApplication(db: Db, cipher: FieldCipher, files: EncryptedFiles, def: ProcedureDefinition, version: number, o: {
  state?: ApplicationState; submittedAt: Date; values: Record<string, unknown>; attachment?: { name: string; content: Buffer } | null;
}): Promise<BuiltApplication> {
  const receiptNumber = newReceiptNumber();
  const { plain, sensitive } = splitValues(def, o.values);
  return db.transaction(async (tx) => {
    const applicationId = await insertApplication(tx, {
      municipalityCode: demoCity.code, procedureId: def.id, procedureVersion: version, channel: 'portal', state: o.state ?? 'approved',
      receiptNumber, lang: 'ja', fieldValues: plain, sensitiveValues: (id) => sealSensitive(cipher, demoCity.code, id, sensitive),
      copies: 1, feeYen: 0, submittedAt: o.submittedAt, actor: 'resident',
    });
    const file = o.attachment === undefined ? { name: '免許証.png', content: tinyPng } : o.attachment;
    if (file) {
      await saveAttachment(tx, cipher, files, {
        municipalityCode: demoCity.code, applicationId, fieldId: 'identity_document', fileName: file.name, mediaType: 'image/png',
        sha256: createHash('sha256').update(file.content).digest('hex'), scanResult: 'not_scanned', content: file.content,
      });
    }
    return { applicationId, receiptNumber };
  });
}

/** Values that pass everyTypeFields, with a 個人番号 and a health note. */
export const sampleValues = (name: string): Record<string, unknown> => ({
  name, name_kana: 'ミホン タロウ', birth_date: '1980-04-01', postal_code: '599-9901', address: '大阪府見本市本町1-2-3', email: 'taro@example.jp',
  copies: 2, purpose: 'loan', days: ['mon', 'tue'], consent: true, my_number: '123456789018', health: '通院中', identity_document: [],
});

/** A console server with the plain procedure saved, and applications of it with the sample values (no 個人番号, no 要配慮). */
export async function plainApplicationWorld(backend: Backend): Promise<{
  t: TestApp;
  application(o: { state?: ApplicationState; submittedAt: Date; attachment?: { name: string; content: Buffer } | null }): Promise<BuiltApplication>;
}> {
  const t = await testApp(backend, ['console']);
  const cipher = await testCipher(t.db, t.config);
  const files = encryptedFiles(t.config.filesDir);
  const version = await saveProcedure(t.db, plainProcedure());
  const values = Object.fromEntries(Object.entries(sampleValues('見本 太郎')).filter(([k]) => k !== 'my_number' && k !== 'health'));
  return { t, application: (o) => submittedApplication(t.db, cipher, files, plainProcedure(), version, { ...o, values }) };
}
