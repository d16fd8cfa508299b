// 個人番号 and 要配慮個人情報 never sit in application.field_values: they are split off by the field's category and
// stored as one encrypted JSON object in application.sensitive_values, bound to its row (a copied value fails to open).
import { type FieldCipher, registerEncryptedColumn } from '../../platform/crypto/index.ts';
import { type ProcedureDefinition, protectedCategories } from './domain/procedure.ts';
import type { ApplicationRow } from './store.ts';

/** The encrypted column, declared once so key rotation re-encrypts it. */
export const sensitiveValuesColumn = registerEncryptedColumn({ table: 'application', keyColumns: ['municipality_code', 'application_id'], column: 'sensitive_values' });

/** The ids of the definition's fields whose values are encrypted (categories individual_number and sensitive). */
export function sensitiveFieldIds(definition: ProcedureDefinition): Set<string> {
  return new Set(definition.fields.filter((f) => protectedCategories.includes(f.category)).map((f) => f.id));
}

/** Splits values (or a typed form: keys like `<id>.year` follow their field) into the plain part and the encrypted part. */
export function splitValues(definition: ProcedureDefinition, values: Record<string, unknown>): { plain: Record<string, unknown>; sensitive: Record<string, unknown> } {
  const ids = sensitiveFieldIds(definition);
  const plain: Record<string, unknown> = {};
  const sensitive: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (ids.has(k.split('.')[0]!)) sensitive[k] = v;
    else plain[k] = v;
  }
  return { plain, sensitive };
}

const aadOf = (municipalityCode: string, applicationId: string) => sensitiveValuesColumn.aad({ municipality_code: municipalityCode, application_id: applicationId });

/** The sensitive part encrypted for its row, or null when there is nothing to keep. */
export function sealSensitive(cipher: FieldCipher, municipalityCode: string, applicationId: string, sensitive: Record<string, unknown>): string | null {
  if (Object.keys(sensitive).length === 0) return null;
  return cipher.encryptField(JSON.stringify(sensitive), aadOf(municipalityCode, applicationId));
}

/** The row's sensitive values in clear ({} when it has none); the caller has checked the capability and logs the view. */
export async function openSensitive(cipher: FieldCipher, row: ApplicationRow): Promise<Record<string, unknown>> {
  if (!row.sensitiveValues) return {};
  return JSON.parse(await cipher.decryptField(row.sensitiveValues, aadOf(row.municipalityCode, row.applicationId))) as Record<string, unknown>;
}
