// /api/v1/card: マイナンバーカード来庁予約 for integrators (a city's own site, a chatbot, tests). Public, no login:
//   GET    /api/v1/card/availability?site=&type=&from=&to=   days and slots with the places left
//   POST   /api/v1/card/reservations                          books (Idempotency-Key: the same key books once)
//   DELETE /api/v1/card/reservations/:number                  cancels with the token the booking answered (X-Cancel-Token)
// Booking and cancelling are limited per client address; refusals come in the platform's error shape with their codes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { errorShape } from '../../platform/http/error-schema.ts';
import { createRateLimit } from '../../platform/http/rate-limit.ts';
import { replyIdempotently } from '../../platform/idempotency/http.ts';
import { addDays, isPlainDate, todayInJapan } from '../../platform/text/index.ts';
import type { CardApiDeps } from './deps.ts';
import { type ApplicantInput, checkApplicant, genders } from './domain/applicant.ts';
import { dayMarks } from './domain/availability.ts';
import { parseReservationNumber } from './domain/reservation-number.ts';
import { availabilityBetween, maxRangeDays } from './reservations/availability.ts';
import { tiePickupBooking } from './pickup/offer.ts';
import { noticeRequired } from './pickup/store.ts';
import { cancelReservation, commitBooking, prepareBooking } from './reservations/book.ts';
import { cachedReader } from './reservations/reader.ts';

/** Booking and cancelling attempts per client address and minute (per server process). */
export const WRITES_PER_MINUTE = 30;

const code = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' } as const;
const date = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' } as const;
const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, Japan time' } as const;
const text = (max: number, description: string) => ({ type: 'string', maxLength: max, description }) as const;
const number = { type: 'string', pattern: '^[1-9][0-9]{11}$', description: '予約番号: 12 digits, the last a Luhn check digit' } as const;

const refusals = {
  400: { description: 'invalid input (validation_failed, details per field) or card_too_many_people', ...errorShape },
  404: { description: 'card_slot_not_found / card_reservation_not_found / not_found', ...errorShape },
  409: { description: 'card_slot_full (満席), card_duplicate_booking, card_booking_closed, card_reservation_not_cancellable', ...errorShape },
  429: { description: 'rate_limited: too many attempts from this address (Retry-After)', ...errorShape },
};

const slotSchema = {
  type: 'object',
  properties: { startTime: time, endTime: time, capacity: { type: 'integer' }, remaining: { type: 'integer' }, bookable: { type: 'boolean' } },
} as const;

const availabilitySchema = {
  tags: ['card'],
  summary: '来庁予約の空き状況 / Free places per day and slot',
  description: `Days from \`from\` (default today) to \`to\` (default from + 30 days, at most ${maxRangeDays} days) for a reservation type at a site. ` +
    `Each day has a mark: available ○, few △, full ×, closed 休 (no slots: weekday, holiday, 年末年始 or closure), unavailable － (outside the booking window).`,
  querystring: {
    type: 'object', additionalProperties: false, required: ['site', 'type'],
    properties: { site: { ...code, description: '窓口コード' }, type: { ...code, description: '予約区分 (apply, pickup, reissue, cert_renewal …)' }, from: date, to: date },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        site: { type: 'string' }, type: { type: 'string' },
        days: {
          type: 'array',
          items: {
            type: 'object',
            properties: { date, mark: { type: 'string', enum: Object.keys(dayMarks) }, symbol: { type: 'string' }, remaining: { type: 'integer' }, slots: { type: 'array', items: slotSchema } },
          },
        },
      },
    },
    400: refusals[400],
    404: refusals[404],
  },
} as const;

const bookSchema = {
  tags: ['card'],
  summary: '来庁予約 / Book a slot',
  description: 'Books `people` places in one slot (a family together takes one place each). One person (same birth date and phone, or same email) ' +
    'holds one active booking per type. Send an Idempotency-Key (8–200 of A-Z a-z 0-9 . _ : -): the same key and body answer the first answer again ' +
    '(Idempotent-Replayed: true). The answer carries the cancelToken for DELETE; it is also in the confirmation mail\'s link and is never shown again.',
  body: {
    type: 'object', additionalProperties: false, required: ['site', 'type', 'date', 'startTime', 'applicant'],
    properties: {
      site: code, type: code, date, startTime: time,
      people: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
      lang: { type: 'string', enum: ['ja', 'en'], default: 'ja', description: 'language of the mails' },
      noticeNumber: { type: 'string', pattern: '^[0-9]{12}$', description: '交付通知書番号: required by a type that collects a card (交付時来庁); the card must be kept at the site, its notice out, and its birth date the applicant\'s' },
      applicant: {
        type: 'object', additionalProperties: false, required: ['name', 'kana', 'address', 'phone'],
        description: '申請者情報 (seed 001 (1) 来庁予約データ); a birthDate or an email is required',
        properties: {
          name: text(100, '氏名'), kana: text(100, '氏名カナ'), gender: { type: 'string', enum: [...genders] }, birthDate: date,
          postalCode: text(10, '郵便番号'), address: text(200, '住所'), buildingRoom: text(100, 'マンション名・部屋番号等'), phone: text(20, '電話番号'),
          email: text(254, 'メールアドレス (the confirmation mail goes here)'), requestNote: text(1000, '申請内容'),
        },
      },
    },
  },
  response: {
    201: {
      type: 'object',
      properties: {
        reservationNumber: number, cancelToken: { type: 'string' }, site: { type: 'string' }, type: { type: 'string' }, date, startTime: time,
        endTime: time, people: { type: 'integer' },
      },
    },
    ...refusals,
  },
} as const;

const cancelSchema = {
  tags: ['card'],
  summary: '来庁予約の取消 / Cancel a booking',
  description: 'Cancels with the cancelToken the booking answered, in the X-Cancel-Token header. A wrong token answers as an unknown number. ' +
    'A freed place is offered to the first person on the day\'s waitlist.',
  params: { type: 'object', required: ['number'], properties: { number } },
  headers: { type: 'object', required: ['x-cancel-token'], properties: { 'x-cancel-token': { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } } },
  response: {
    200: { type: 'object', properties: { reservationNumber: number, status: { type: 'string', enum: ['cancelled'] } } },
    ...refusals,
  },
} as const;

interface BookBody {
  site: string;
  type: string;
  date: string;
  startTime: string;
  people: number;
  lang: 'ja' | 'en';
  applicant: ApplicantInput;
  noticeNumber?: string;
}

/** Registers the card API on the portal. */
export function installCardApi(app: FastifyInstance, deps: CardApiDeps): void {
  const writes = createRateLimit(WRITES_PER_MINUTE, 60_000);
  const reader = cachedReader(deps.db);
  const served = async () => {
    const m = await deps.municipality();
    if (!m) throw new AppError('not_found');
    return m.code;
  };
  // Counted before the body is even validated, so that malformed attempts count too.
  const limited = async (req: FastifyRequest, reply: FastifyReply) => {
    if (writes.allow(req.ip)) return;
    reply.header('retry-after', '60');
    throw new AppError('rate_limited');
  };
  const ctx = () => ({ publicUrl: deps.config.publicUrl });

  app.get('/api/v1/card/availability', { config: { public: true }, schema: availabilitySchema }, async (req) => {
    const q = req.query as { site: string; type: string; from?: string; to?: string };
    const now = new Date();
    const from = q.from ?? todayInJapan(now);
    if (!isPlainDate(from)) throw new AppError('validation_failed', { field: 'from' });
    const to = q.to ?? addDays(from, 30);
    if (!isPlainDate(to) || to < from) throw new AppError('validation_failed', { field: 'to' });
    const days = await availabilityBetween(deps.db.kysely, await served(), q.site, q.type, from, to, now, reader);
    if (!days) throw new AppError('not_found');
    return {
      site: q.site, type: q.type,
      days: days.map((d) => ({
        date: d.date, mark: d.mark, symbol: dayMarks[d.mark], remaining: d.remaining,
        slots: d.slots.map((s) => ({ startTime: s.startTime, endTime: s.endTime, capacity: s.capacity, remaining: s.remaining, bookable: s.bookable })),
      })),
    };
  });

  app.post('/api/v1/card/reservations', { config: { public: true, personalData: true }, schema: bookSchema, onRequest: limited }, async (req, reply) => {
    const body = req.body as BookBody;
    const mc = await served();
    if (!isPlainDate(body.date)) throw new AppError('validation_failed', { field: 'date' });
    const checked = checkApplicant(body.applicant, todayInJapan());
    if (!checked.ok) throw new AppError('validation_failed', { fields: checked.problems });
    const prepared = await prepareBooking(deps.db, {
      municipalityCode: mc, siteCode: body.site, typeCode: body.type, date: body.date, startTime: body.startTime, people: body.people,
      applicant: checked.applicant, lang: body.lang,
    }, new Date(), reader);
    return replyIdempotently(deps.db, req, reply, { municipalityCode: mc, clientId: 'card-api' }, async (tx) => {
      const booked = await commitBooking(tx, prepared, { kind: 'resident' }, ctx());
      if (await noticeRequired(tx, mc, body.type)) {
        await tiePickupBooking(tx, mc, booked.reservationNumber, { noticeNumber: body.noticeNumber ?? '', birthDate: checked.applicant.birthDate, siteCode: body.site });
      }
      return {
        status: 201,
        body: { reservationNumber: booked.reservationNumber, cancelToken: booked.cancelToken, site: body.site, type: body.type, date: body.date, startTime: body.startTime, endTime: booked.endTime, people: body.people },
      };
    });
  });

  app.delete('/api/v1/card/reservations/:number', { config: { public: true }, schema: cancelSchema, onRequest: limited }, async (req) => {
    const { number: input } = req.params as { number: string };
    const reservationNumber = parseReservationNumber(input);
    if (!reservationNumber) throw new AppError('card_reservation_not_found');
    const token = req.headers['x-cancel-token'] as string;
    await cancelReservation(deps.db, await served(), reservationNumber, { token }, ctx());
    return { reservationNumber, status: 'cancelled' };
  });
}
