-- 定額減税調整給付金 (issue 9): the ledger's states beyond the first slice. A target, once notified, may be rejected
-- (却下, e.g. 辞退 or a deadline passed), and a paid transfer may come back (振込不能・組戻し) until the account is corrected
-- and it is paid again. src/modules/benefits/domain/ledger-state.ts names every allowed transition.

alter table benefit_target drop constraint benefit_target_state_check;
alter table benefit_target add constraint benefit_target_state_check
  check (state in ('targeted', 'notified', 'replied', 'decided', 'rejected', 'paid', 'returned'));
comment on column benefit_target.state is 'ledger state: targeted (computed), notified (letter sent), replied (支給確認書 returned), decided (支給決定), rejected (却下), paid (振込済), returned (振込不能, awaiting a corrected account); only targeted rows are recomputed';
