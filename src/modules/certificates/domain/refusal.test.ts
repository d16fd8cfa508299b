import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Channel, counterCautions, printLimits, refusalFor } from './refusal.ts';
import type { CertificateType, RefusalReason, ResidentFacts, TaxRecord } from './tax-record.ts';

const today = '2026-06-15';

function buildFacts(overrides: Partial<ResidentFacts> = {}): ResidentFacts {
  return { status: '住民', statusDate: null, residentSince: '2010-04-01', supportMeasure: false, gaiji: false, ...overrides };
}

const zeroAmounts = {
  taxableBase: 0, cityAdjustment: 0, prefectureAdjustment: 0, cityIncomeLevy: 0, prefectureIncomeLevy: 0, flatReduction: 0,
  cityPerCapita: 0, prefecturePerCapita: 0, forestTax: 0, annualTotal: 0,
};

function buildRecord(overrides: Partial<TaxRecord> = {}): TaxRecord {
  return {
    fiscalYear: 2026, addresseeNumber: '5769521919', residentNumber: '1000000015', name: '中村　純', nameKana: 'ナカムラ　ジュン',
    birthDate: '2000-09-21', sex: '女', postalCode: '599-9911', address: '大阪府見本市中央町四丁目12番22号', building: 'コーポ見本 312号',
    jan1Address: '大阪府見本市中央町四丁目12番22号', jan1Building: '', filing: '給与支払報告', taxStatus: '課税', figures: null,
    amounts: { ...zeroAmounts, cityIncomeLevy: 60_000, prefectureIncomeLevy: 40_000, annualTotal: 105_000 }, ...overrides,
  };
}

const all: Channel[] = ['counter', 'online', 'kiosk'];

interface Case {
  name: string;
  facts?: Partial<ResidentFacts>;
  record?: Partial<TaxRecord> | 'none';
  type?: CertificateType;
  expect: Partial<Record<Channel, RefusalReason | null>>;
}

const cases: Case[] = [
  { name: 'a resident with a filed, taxed record gets a 課税証明書 everywhere', expect: { counter: null, online: null, kiosk: null } },
  { name: 'a deceased person: the counter issues (to an heir), online and kiosk refuse', facts: { status: '死亡', statusDate: '2026-03-01' }, expect: { counter: null, online: 'deceased', kiosk: 'deceased' } },
  { name: 'a person who moved out: only the kiosk refuses', facts: { status: '転出', statusDate: '2026-05-01' }, expect: { counter: null, online: null, kiosk: 'moved_out' } },
  { name: 'a 転出 dated after today has not happened yet', facts: { status: '転出', statusDate: '2026-06-30' }, expect: { kiosk: null } },
  { name: '支援措置: refused online and at the kiosk, issued at the counter to the person themself', facts: { supportMeasure: true }, expect: { counter: null, online: 'support_measure', kiosk: 'support_measure' } },
  { name: 'moved in today: refused at the kiosk only', facts: { residentSince: today }, expect: { counter: null, online: null, kiosk: 'moved_in_today' } },
  { name: 'moved in yesterday: issued at the kiosk', facts: { residentSince: '2026-06-14' }, expect: { kiosk: null } },
  { name: 'no record for the year: refused everywhere', record: 'none', expect: { counter: 'no_record', online: 'no_record', kiosk: 'no_record' } },
  { name: '外字 registered: unprintable everywhere', facts: { gaiji: true }, expect: { counter: 'unprintable', online: 'unprintable', kiosk: 'unprintable' } },
  { name: `a name longer than ${printLimits.name} characters is unprintable`, record: { name: '寿'.repeat(printLimits.name + 1) }, expect: { counter: 'unprintable', kiosk: 'unprintable' } },
  { name: `a name of exactly ${printLimits.name} characters prints`, record: { name: '寿'.repeat(printLimits.name) }, expect: { kiosk: null } },
  { name: 'an address on 1 January too long to print', record: { jan1Address: 'あ'.repeat(printLimits.address + 1) }, expect: { online: 'unprintable' } },
  { name: 'a private-use (外字) code point in the building is unprintable', record: { building: 'コーポ\uE001' }, expect: { kiosk: 'unprintable' } },
  { name: '未申告: not_filed everywhere', record: { filing: '未申告', taxStatus: null }, expect: { counter: 'not_filed', online: 'not_filed', kiosk: 'not_filed' } },
  { name: '非課税証明書 for a taxed person: not_applicable', type: 'non_taxation', expect: { counter: 'not_applicable', kiosk: 'not_applicable' } },
  { name: '非課税証明書 for a 均等割のみ person: not_applicable', type: 'non_taxation', record: { taxStatus: '均等割のみ' }, expect: { online: 'not_applicable' } },
  { name: '非課税証明書 for a 非課税 person is issued', type: 'non_taxation', record: { taxStatus: '非課税', amounts: zeroAmounts }, expect: { kiosk: null } },
  { name: '非課税証明書 for a dependant (被扶養者, 非課税) is issued', type: 'non_taxation', record: { filing: '被扶養者', taxStatus: '非課税', amounts: zeroAmounts }, expect: { kiosk: null } },
  { name: '所得証明書 for a 非課税 person is issued', type: 'income', record: { taxStatus: '非課税', amounts: zeroAmounts }, expect: { kiosk: null } },
  { name: 'deceased outranks a missing record at the kiosk', facts: { status: '死亡', statusDate: '2026-03-01' }, record: 'none', expect: { kiosk: 'deceased', counter: 'no_record' } },
  { name: '支援措置 outranks 外字 online', facts: { supportMeasure: true, gaiji: true }, expect: { online: 'support_measure', counter: 'unprintable' } },
];

describe('refusalFor', () => {
  for (const c of cases) {
    it(c.name, () => {
      const record = c.record === 'none' ? undefined : buildRecord(c.record);
      for (const channel of all) {
        if (!(channel in c.expect)) continue;
        assert.equal(refusalFor(buildFacts(c.facts), record, c.type ?? 'taxation', today, channel), c.expect[channel], channel);
      }
    });
  }
});

describe('counterCautions', () => {
  it('names the facts the counter issues despite, and nothing for an ordinary resident', () => {
    assert.deepEqual(counterCautions(buildFacts(), today), []);
    assert.deepEqual(counterCautions(buildFacts({ status: '死亡', statusDate: '2026-01-05', supportMeasure: true }), today), ['deceased', 'support_measure']);
    assert.deepEqual(counterCautions(buildFacts({ status: '転出', statusDate: '2026-05-01', residentSince: today }), today), ['moved_out', 'moved_in_today']);
  });
});
