// Every retention source the scheduler looks at: one per kind of record that is disposed after a retention period,
// each declared by the module that holds the records (src/platform/register/retention.ts); and the files disposed of
// by a mechanism of their own instead. Every file of the register is in one list or the other (coverage.test.ts).
import { closedApplicationRetention, handedOverApplicationRetention } from '../../applications/index.ts';
import { benefitLedgerRetention } from '../../benefits/index.ts';
import { cardImageRetention, cardRecordRetention, cardReservationRetention, cardWaitlistRetention } from '../../card/index.ts';
import { certificateSerialDisposal, taxYearRetention } from '../../certificates/index.ts';
import { mailOutboxDisposal } from '../../../platform/mail/index.ts';
import type { OtherDisposal, RetentionSource } from '../../../platform/register/retention.ts';
import { reviewExtractDisposal } from '../../review/index.ts';
import { disclosureRequestRetention } from '../disclosure/retention.ts';
import { disposalRecordRetention } from './disposal-records.ts';

/** The sources, in the register's order of files. */
export const retentionSources: readonly RetentionSource[] = [
  cardReservationRetention, cardWaitlistRetention, cardRecordRetention, cardImageRetention, benefitLedgerRetention,
  handedOverApplicationRetention, closedApplicationRetention, taxYearRetention, disposalRecordRetention, disclosureRequestRetention,
];

/** The files disposed of without the scheduler, in the register's order of files. */
export const otherDisposals: readonly OtherDisposal[] = [reviewExtractDisposal, certificateSerialDisposal, mailOutboxDisposal];

/** The source with this id, if any. */
export const findRetentionSource = (id: string, sources: readonly RetentionSource[] = retentionSources): RetentionSource | undefined =>
  sources.find((s) => s.id === id);
