// The form as typed ↔ the values stored. A draft keeps what the resident typed (so a half-filled, even wrong, form
// comes back exactly as left); a submitted application keeps the validated values, and turns back into a typed form
// when it is returned for correction.
import { toWareki } from '../../../platform/text/index.ts';
import type { ProcedureDefinition } from './procedure.ts';
import { type RawForm, warekiPart } from './validate.ts';

/** The longest single value kept from a form (the longest textarea plus slack); longer ones are cut, then refused by length. */
const MAX_RAW = 4000;

/** The names a field's values arrive under in the form. */
export function inputNames(definition: ProcedureDefinition): string[] {
  return definition.fields.flatMap((f) => (f.type === 'wareki_date' ? (['era', 'year', 'month', 'day'] as const).map((p) => warekiPart(f.id, p)) : f.type === 'file' ? [] : [f.id]));
}

/** Only the definition's fields, only strings (the parser may hand over anything for a hostile body). */
export function pickRaw(definition: ProcedureDefinition, body: Record<string, unknown>): RawForm {
  const raw: RawForm = {};
  for (const name of inputNames(definition)) {
    const v = body[name];
    if (typeof v === 'string') raw[name] = v.slice(0, MAX_RAW);
    else if (Array.isArray(v)) raw[name] = v.filter((x): x is string => typeof x === 'string').slice(0, 100).map((x) => x.slice(0, MAX_RAW));
  }
  return raw;
}

/** A stored draft's field_values (or decrypted sensitive part) read back as a typed form, ignoring anything else. */
export function rawFromStored(stored: Record<string, unknown>): RawForm {
  const raw: RawForm = {};
  for (const [k, v] of Object.entries(stored)) {
    if (typeof v === 'string') raw[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) raw[k] = v;
  }
  return raw;
}

/** Validated values as the form shows them again (for a returned application being corrected). */
export function rawFromValues(definition: ProcedureDefinition, values: Record<string, unknown>): RawForm {
  const raw: RawForm = {};
  for (const f of definition.fields) {
    const v = values[f.id];
    if (v === undefined || v === null || f.type === 'file') continue;
    if (f.type === 'wareki_date' && typeof v === 'string') {
      const w = toWareki(v);
      raw[warekiPart(f.id, 'era')] = w.era;
      raw[warekiPart(f.id, 'year')] = String(w.year);
      raw[warekiPart(f.id, 'month')] = String(w.month);
      raw[warekiPart(f.id, 'day')] = String(w.day);
    } else if (f.type === 'checkbox') {
      if (v === true) raw[f.id] = 'yes';
    } else if (Array.isArray(v)) {
      raw[f.id] = v.map(String);
    } else if (typeof v === 'string' || typeof v === 'number') {
      raw[f.id] = String(v);
    }
  }
  return raw;
}
