// 手続き定義: a procedure as data. One JSON file per procedure under procedures/ (loaded by `madoguchi procedures load`,
// editable by an administrator), validated here before it reaches the database or a resident's screen.
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
const text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const bilingual = (max: number) => Type.Object({ ja: text(max), en: text(max) }, { additionalProperties: false });

import { type DataCategory, dataCategories } from '../../../platform/register/personal-data.ts';

export { type DataCategory, dataCategories };

/** Categories whose values are encrypted per field and need their own capability to view. */
export const protectedCategories: readonly DataCategory[] = ['individual_number', 'sensitive'];

export const fieldTypes = [
  'text', 'textarea', 'kana', 'date', 'wareki_date', 'postal_code', 'phone', 'email', 'number', 'choice', 'checkbox', 'file',
] as const;
export type FieldType = (typeof fieldTypes)[number];

/**
 * One of the strings, as a union of literals. Type.Union over an array (not a tuple) types as never, which left every
 * field's type and category untyped; Unsafe keeps the same schema (so the same errors) with the right static type.
 */
const literalUnion = <const T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));

const Choice = Type.Object({ value: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }), label: bilingual(200) }, { additionalProperties: false });

const Field = Type.Object({
  id: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
  type: literalUnion(fieldTypes),
  label: bilingual(200),
  help: Type.Optional(bilingual(1000)),
  required: Type.Boolean(),
  category: literalUnion(Object.keys(dataCategories) as DataCategory[]),
  /** Why this item is collected, when it differs from the procedure's purpose. */
  purpose: Type.Optional(bilingual(500)),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  min: Type.Optional(Type.Integer()),
  max: Type.Optional(Type.Integer()),
  /** choice: the options; `multiple` lets the resident tick several. */
  options: Type.Optional(Type.Array(Choice, { minItems: 1, maxItems: 100 })),
  multiple: Type.Optional(Type.Boolean()),
  /** postal_code: the text field the address fill-in writes to. */
  addressField: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' })),
  /** date / wareki_date: the earliest and latest dates allowed, relative to today in days (e.g. -43830 = 120 years ago). */
  minDaysFromToday: Type.Optional(Type.Integer()),
  maxDaysFromToday: Type.Optional(Type.Integer()),
}, { additionalProperties: false });

const Fee = Type.Object({
  /** Yen per copy (or per application when there is no copies field). */
  yen: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  /** A number field holding how many copies the resident asks for; the fee is yen × copies. */
  copiesField: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' })),
  methods: Type.Array(Type.Union([Type.Literal('card'), Type.Literal('wallet')]), { minItems: 1 }),
}, { additionalProperties: false });

/** Which fields the review assist (seed 000) matches on, for procedures that use it. */
const ReviewAssist = Type.Object({
  nameKana: Type.String(), birthDate: Type.String(), postalCode: Type.String(), taxYear: Type.Optional(Type.String()),
}, { additionalProperties: false });

export const ProcedureSchema = Type.Object({
  id: Type.String({ pattern: '^[a-z][a-z0-9-]{1,62}$' }),
  title: bilingual(200),
  description: bilingual(4000),
  eligibility: bilingual(2000),
  department: Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_-]{1,40}$' }), ja: text(100), en: text(100) }, { additionalProperties: false }),
  purpose: bilingual(1000),
  legalBasis: bilingual(500),
  /** How long the portal keeps an application after it is completed or handed over, in years, and what happens then. */
  retention: Type.Object({ years: Type.Integer({ minimum: 0, maximum: 30 }), note: bilingual(500) }, { additionalProperties: false }),
  /** Who receives the data beyond the handling department (the core system, the certificates module, …). */
  recipients: bilingual(500),
  identityDocumentsRequired: Type.Boolean(),
  fee: Type.Union([Fee, Type.Null()]),
  reviewAssist: Type.Union([ReviewAssist, Type.Null()]),
  /** Where the application goes after approval: the certificates module, or the core system by hand-over bundle. */
  handOver: Type.Union([Type.Literal('certificates'), Type.Literal('core')]),
  fields: Type.Array(Field, { minItems: 1, maxItems: 200 }),
}, { additionalProperties: false });

export type ProcedureDefinition = Static<typeof ProcedureSchema>;
export type FieldDefinition = ProcedureDefinition['fields'][number];

/** The field an identity document is attached to, when the procedure requires one. */
export const IDENTITY_FIELD = 'identity_document';

/**
 * The schema's errors as an editor can act on them: a union of constants (a field's type, a category) reported once as
 * "must be one of …" instead of once per alternative, the bare "anyOf" summaries left out, and no line twice. TypeBox
 * reports the first 8 errors only; the rest show once those are fixed.
 */
function schemaProblems(input: unknown): string[] {
  const errors = [...Value.Errors(ProcedureSchema, input)];
  const lines = new Map<string, string[] | undefined>(); // path + message → the constants allowed there, for const errors
  for (const e of errors) {
    const path = e.instancePath || '/';
    if (e.keyword === 'anyOf') continue; // its alternatives' own errors say what is wrong
    // A nullable object (fee, reviewAssist) given wrongly: "must be null" only adds noise to the object's own errors.
    if (e.keyword === 'type' && (e.params as { type?: string }).type === 'null' && errors.some((o) => o.instancePath.startsWith(`${path}/`))) continue;
    if (e.keyword === 'const') {
      const key = `${path}: must be one of`;
      lines.set(key, [...(lines.get(key) ?? []), String((e.params as { allowedValue?: unknown }).allowedValue)]);
    } else {
      lines.set(`${path}: ${e.message}`, undefined);
    }
  }
  return [...lines].map(([line, allowed]) => (allowed ? `${line} ${(constantsAt(line) ?? allowed).join(', ')}` : line));
}

/** Every constant a union allows at a path (TypeBox stops after a few errors, so they cannot be collected from them). */
function constantsAt(line: string): readonly string[] | undefined {
  if (/^\/fields\/\d+\/type:/.test(line)) return fieldTypes;
  if (/^\/fields\/\d+\/category:/.test(line)) return Object.keys(dataCategories);
  if (line.startsWith('/handOver:')) return ['certificates', 'core'];
  if (/^\/fee\/methods\/\d+:/.test(line)) return ['card', 'wallet'];
  return undefined;
}

/** What is wrong with a definition, as `path: problem` lines; empty when it is sound. */
export function procedureProblems(input: unknown): string[] {
  if (!Value.Check(ProcedureSchema, input)) return schemaProblems(input);
  const def = input;
  const problems: string[] = [];
  const byId = new Map<string, FieldDefinition>();
  for (const f of def.fields) {
    if (byId.has(f.id)) problems.push(`/fields/${f.id}: the id is used twice`);
    byId.set(f.id, f);
  }
  const expect = (id: string | undefined, type: FieldType, where: string) => {
    if (id === undefined) return;
    const f = byId.get(id);
    if (!f) problems.push(`${where}: no field "${id}"`);
    else if (f.type !== type) problems.push(`${where}: field "${id}" must be of type ${type}`);
  };
  for (const f of def.fields) {
    if (f.type === 'choice' && !f.options) problems.push(`/fields/${f.id}: a choice needs options`);
    if (f.type !== 'choice' && (f.options || f.multiple)) problems.push(`/fields/${f.id}: options belong to choice fields`);
    if (f.type === 'postal_code') expect(f.addressField, 'text', `/fields/${f.id}/addressField`);
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) problems.push(`/fields/${f.id}: min is above max`);
    if (f.minDaysFromToday !== undefined && f.maxDaysFromToday !== undefined && f.minDaysFromToday > f.maxDaysFromToday) {
      problems.push(`/fields/${f.id}: minDaysFromToday is above maxDaysFromToday`);
    }
    // Two options with one value could not be told apart in a stored application.
    const values = (f.options ?? []).map((o) => o.value);
    for (const v of new Set(values.filter((v, i) => values.indexOf(v) !== i))) problems.push(`/fields/${f.id}/options: the value "${v}" is used twice`);
  }
  if (!def.fields.some((f) => f.type === 'email' && f.required)) problems.push('/fields: a required email field is needed (receipt and status lookup)');
  if (def.identityDocumentsRequired) {
    const f = byId.get(IDENTITY_FIELD);
    if (!f || f.type !== 'file' || !f.required) problems.push(`/fields: identity documents need a required file field "${IDENTITY_FIELD}"`);
  }
  if (def.fee?.copiesField) expect(def.fee.copiesField, 'number', '/fee/copiesField');
  if (def.reviewAssist) {
    expect(def.reviewAssist.nameKana, 'kana', '/reviewAssist/nameKana');
    const birth = byId.get(def.reviewAssist.birthDate);
    if (!birth || (birth.type !== 'date' && birth.type !== 'wareki_date')) problems.push('/reviewAssist/birthDate: must name a date field');
    expect(def.reviewAssist.postalCode, 'postal_code', '/reviewAssist/postalCode');
    expect(def.reviewAssist.taxYear, 'number', '/reviewAssist/taxYear');
  }
  return problems;
}

/** The definition, or an Error listing every problem. */
export function parseProcedure(input: unknown): ProcedureDefinition {
  const problems = procedureProblems(input);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return input as ProcedureDefinition;
}

/** The fee in yen for the given copies: computed here, on the server, never taken from the form. */
export function feeYen(def: ProcedureDefinition, copies: number): number {
  if (!def.fee) return 0;
  return def.fee.yen * (def.fee.copiesField ? copies : 1);
}

/** The value with every object's keys sorted, so two equal definitions print the same (jsonb does not keep key order). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Whether two definitions say the same thing, whatever the order of their keys (arrays keep their order: fields do). */
export function sameDefinition(a: ProcedureDefinition, b: ProcedureDefinition): boolean {
  return JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
}

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; anyOf?: SchemaNode[] };

/** The value with each object's keys in the schema's order (unknown keys last): how a person reads and edits it. */
function inSchemaOrder(value: unknown, schema: SchemaNode | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => inSchemaOrder(v, schema?.items));
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const node = schema?.properties ? schema : schema?.anyOf?.find((s) => s.properties);
  const known = Object.keys(node?.properties ?? {}).filter((k) => Object.hasOwn(object, k));
  const keys = [...known, ...Object.keys(object).filter((k) => !known.includes(k))];
  return Object.fromEntries(keys.map((k) => [k, inSchemaOrder(object[k], node?.properties?.[k])]));
}

/** The definition with its keys in the order the schema declares them (id, title, …; ja before en), e.g. after jsonb. */
export function inDefinitionOrder(d: ProcedureDefinition): ProcedureDefinition {
  return inSchemaOrder(d, ProcedureSchema as unknown as SchemaNode) as ProcedureDefinition;
}
