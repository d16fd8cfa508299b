// Object-level checks: a record outside the caller's data scope is answered as not found, never as the record,
// so a clerk of site A cannot even learn that an id of site B exists.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Capability } from './capabilities.ts';
import { can, type Resource } from './can.ts';
import { currentPrincipal } from './guard.ts';

/** Returns the record when it exists and the caller may use the capability on it; throws not_found otherwise. */
export function authorizeRecord<T>(req: FastifyRequest, capability: Capability, record: T | undefined, resourceOf: (record: T) => Resource): T {
  if (record === undefined || !can(currentPrincipal(req), capability, resourceOf(record))) throw new AppError('not_found');
  return record;
}
