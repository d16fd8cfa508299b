// The platform's mail outbox: modules queue mail in their transaction; the worker sends it when SMTP is configured.
export { claimDueMail, listOutbox, markFailed, markSent, type NewMail, type OutboxMail, purgeSentMail, queueMail, sentMailLifetimeMs } from './outbox.ts';
export { mailOutboxDisposal, mailOutboxFile, mailOutboxPersonalData } from './personal-data.ts';
export { describeMailError, type MailLog, type MailSenderOptions, type MailTransport, retryDelayMs, sendDueMail, smtpTransport, startMailSender } from './sender.ts';
