import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FieldDefinition, feeYen, inDefinitionOrder, parseProcedure, type ProcedureDefinition, procedureProblems, sameDefinition } from './procedure.ts';

const field = (over: Partial<FieldDefinition> & { id: string }): FieldDefinition => ({
  type: 'text', label: { ja: '項目', en: 'Item' }, required: true, category: 'other', ...over,
});

/** A small sound definition; each case below breaks one thing in it. */
function buildProcedure(over: Partial<ProcedureDefinition> = {}): ProcedureDefinition {
  const b = (ja: string, en: string) => ({ ja, en });
  return {
    id: 'sample-procedure',
    title: b('見本の手続き', 'Sample procedure'),
    description: b('説明', 'Description'),
    eligibility: b('対象', 'Who may apply'),
    department: { code: 'citizens', ja: '市民課', en: 'Citizens Division' },
    purpose: b('目的', 'Purpose'),
    legalBasis: b('根拠', 'Basis'),
    retention: { years: 5, note: b('5年', '5 years') },
    recipients: b('市民課', 'Citizens Division'),
    identityDocumentsRequired: false,
    fee: null,
    reviewAssist: null,
    handOver: 'core',
    fields: [
      field({ id: 'name', category: 'basic4' }),
      field({ id: 'email', type: 'email', category: 'contact' }),
    ],
    ...over,
  };
}

const withFields = (...extra: FieldDefinition[]) => buildProcedure({ fields: [...buildProcedure().fields, ...extra] });
const kanaBirthPostal = [
  field({ id: 'kana', type: 'kana', category: 'basic4' }),
  field({ id: 'birth', type: 'wareki_date', category: 'basic4' }),
  field({ id: 'zip', type: 'postal_code', category: 'basic4', addressField: 'name' }),
];

describe('procedureProblems', () => {
  const cases: Array<[string, unknown, RegExp[]]> = [
    ['not an object', null, [/^\/: must be object$/]],
    ['an unknown field type, named with the types allowed', withFields(field({ id: 'x', type: 'colour' as 'text' })), [/^\/fields\/2\/type: must be one of text, textarea, .*, file$/]],
    ['an unknown data category', withFields(field({ id: 'x', category: 'secret' as 'other' })), [/^\/fields\/2\/category: must be one of basic4, contact, individual_number, sensitive, account, tax, other$/]],
    ['a title without English', { ...buildProcedure(), title: { ja: '題' } }, [/^\/title: must have required properties en$/]],
    ['a property the schema does not know', { ...buildProcedure(), colour: 'red' }, [/must not have additional properties/]],
    ['an id with capitals', buildProcedure({ id: 'Sample' }), [/^\/id: /]],
    ['a fee of 0 yen', buildProcedure({ fee: { yen: 0, methods: ['card'] } }), [/^\/fee\/yen: must be >= 1$/]],
    ['a payment method that is not card or wallet', buildProcedure({ fee: { yen: 300, methods: ['cash' as 'card'] } }), [/^\/fee\/methods\/0: must be one of card, wallet$/]],
    ['a field id used twice', withFields(field({ id: 'name' })), [/^\/fields\/name: the id is used twice$/]],
    ['a choice without options', withFields(field({ id: 'c', type: 'choice' })), [/^\/fields\/c: a choice needs options$/]],
    ['options on a text field', withFields(field({ id: 't', options: [{ value: 'a', label: { ja: 'あ', en: 'A' } }] })), [/^\/fields\/t: options belong to choice fields$/]],
    ['an option value used twice', withFields(field({ id: 'c', type: 'choice', options: [{ value: 'a', label: { ja: 'あ', en: 'A' } }, { value: 'a', label: { ja: 'い', en: 'B' } }] })), [/^\/fields\/c\/options: the value "a" is used twice$/]],
    ['a postal code filling a missing field', withFields(field({ id: 'zip', type: 'postal_code', addressField: 'address' })), [/^\/fields\/zip\/addressField: no field "address"$/]],
    ['a postal code filling a number field', withFields(field({ id: 'n', type: 'number' }), field({ id: 'zip', type: 'postal_code', addressField: 'n' })), [/must be of type text/]],
    ['min above max', withFields(field({ id: 'n', type: 'number', min: 5, max: 1 })), [/^\/fields\/n: min is above max$/]],
    ['a date window that ends before it starts', withFields(field({ id: 'd', type: 'date', minDaysFromToday: 10, maxDaysFromToday: 0 })), [/minDaysFromToday is above maxDaysFromToday/]],
    ['no email field', buildProcedure({ fields: [field({ id: 'name' })] }), [/a required email field is needed/]],
    ['an optional email field only', buildProcedure({ fields: [field({ id: 'email', type: 'email', required: false })] }), [/a required email field is needed/]],
    ['identity documents without their file field', buildProcedure({ identityDocumentsRequired: true }), [/identity documents need a required file field "identity_document"/]],
    ['identity documents on an optional file', { ...withFields(field({ id: 'identity_document', type: 'file', required: false })), identityDocumentsRequired: true }, [/identity documents need/]],
    ['copies counted by a text field', buildProcedure({ fee: { yen: 300, copiesField: 'name', methods: ['card'] } }), [/^\/fee\/copiesField: field "name" must be of type number$/]],
    ['the review assist on missing fields', buildProcedure({ reviewAssist: { nameKana: 'kana', birthDate: 'birth', postalCode: 'zip' } }),
      [/^\/reviewAssist\/nameKana: no field "kana"$/, /^\/reviewAssist\/birthDate: must name a date field$/, /^\/reviewAssist\/postalCode: no field "zip"$/]],
    ['the review assist with a tax year that is text', buildProcedure({ fields: [...buildProcedure().fields, ...kanaBirthPostal], reviewAssist: { nameKana: 'kana', birthDate: 'birth', postalCode: 'zip', taxYear: 'name' } }),
      [/^\/reviewAssist\/taxYear: field "name" must be of type number$/]],
  ];
  for (const [name, input, expected] of cases) {
    it(`reports ${name}`, () => {
      const problems = procedureProblems(input);
      for (const re of expected) assert.ok(problems.some((p) => re.test(p)), `${re} in ${JSON.stringify(problems)}`);
    });
  }

  const sound: Array<[string, ProcedureDefinition]> = [
    ['the minimal definition', buildProcedure()],
    ['identity documents with their required file field', { ...withFields(field({ id: 'identity_document', type: 'file' })), identityDocumentsRequired: true }],
    ['a fee per copy counted by a number field', { ...withFields(field({ id: 'copies', type: 'number', min: 1, max: 10 })), fee: { yen: 300, copiesField: 'copies', methods: ['card', 'wallet'] } }],
    ['the review assist on a 和暦 birth date', { ...buildProcedure({ fields: [...buildProcedure().fields, ...kanaBirthPostal] }), reviewAssist: { nameKana: 'kana', birthDate: 'birth', postalCode: 'zip' } }],
  ];
  for (const [name, def] of sound) {
    it(`finds nothing wrong with ${name}`, () => {
      assert.deepEqual(procedureProblems(def), []);
      assert.equal(parseProcedure(def), def);
    });
  }

  it('parseProcedure throws every problem, one per line', () => {
    assert.throws(() => parseProcedure(buildProcedure({ identityDocumentsRequired: true, fields: [field({ id: 'name' })] })), (e: Error) => e.message.split('\n').length === 2);
  });
});

describe('feeYen', () => {
  const perCopy = { yen: 300, copiesField: 'copies', methods: ['card'] as Array<'card' | 'wallet'> };
  const cases: Array<[string, ProcedureDefinition['fee'], number, number]> = [
    ['no fee', null, 3, 0],
    ['300 yen per copy, 1 copy', perCopy, 1, 300],
    ['300 yen per copy, 10 copies', perCopy, 10, 3000],
    ['1,500 yen per participant, 4 participants', { ...perCopy, yen: 1500, copiesField: 'participants' }, 4, 6000],
    ['a flat fee ignores the copies', { yen: 1000, methods: ['wallet'] }, 5, 1000],
  ];
  for (const [name, fee, copies, yen] of cases) {
    it(`${name}: ${yen} yen`, () => assert.equal(feeYen(buildProcedure({ fee }), copies), yen));
  }
});

describe('sameDefinition', () => {
  const def = buildProcedure();
  const { fields, id, ...rest } = def;
  const reordered = JSON.parse(JSON.stringify({ fields, id, ...rest })) as ProcedureDefinition;
  const cases: Array<[string, ProcedureDefinition, boolean]> = [
    ['itself', def, true],
    ['the same with its keys in another order (as jsonb returns it)', reordered, true],
    ['another title', { ...def, title: { ja: '別', en: 'Other' } }, false],
    ['its fields in another order', { ...def, fields: [...def.fields].reverse() }, false],
  ];
  for (const [name, other, same] of cases) it(`${same ? 'equals' : 'differs from'} ${name}`, () => assert.equal(sameDefinition(def, other), same));
});

describe('inDefinitionOrder', () => {
  it('puts keys back in the schema\'s order (id first, ja before en), leaving values and the fields\' order alone', () => {
    const def = buildProcedure();
    const { fields, id, ...rest } = def;
    const scrambled = JSON.parse(JSON.stringify({ fields: fields.map((f) => ({ ...f, label: { en: f.label.en, ja: f.label.ja } })), ...rest, id })) as ProcedureDefinition;
    const ordered = inDefinitionOrder(scrambled);
    assert.deepEqual(Object.keys(ordered), Object.keys(def));
    assert.deepEqual(Object.keys(ordered.fields[0]!.label), ['ja', 'en']);
    assert.deepEqual(Object.keys(ordered.fields[0]!), Object.keys(fields[0]!).sort((a, b) => ['id', 'type', 'label', 'required', 'category'].indexOf(a) - ['id', 'type', 'label', 'required', 'category'].indexOf(b)));
    assert.ok(sameDefinition(ordered, def));
  });
});
