// Statements a server runs hundreds of times a second (a review match, the audit log's batch insert) are worth
// parsing and planning once per connection rather than on every call: on PostgreSQL they run as named prepared
// statements. A call site opts in by running its query through runPrepared; the connections of openPostgres then
// send that text under a name made from it. PGlite runs it as it is.
import { createHash } from 'node:crypto';
import type { CompiledQuery, QueryResult } from 'kysely';
import type pg from 'pg';

/** Statement texts run as prepared statements, and the name each is prepared under. */
const names = new Map<string, string>();

/**
 * Runs a compiled query whose text is the same on every call (its values are parameters) as a prepared statement.
 * Only for such fixed texts: each text stays prepared on every connection that ran it, for the connection's life.
 */
export async function runPrepared<R>(q: { executeQuery<T>(query: CompiledQuery<T>): Promise<QueryResult<T>> }, query: CompiledQuery<R>): Promise<QueryResult<R>> {
  if (!names.has(query.sql)) names.set(query.sql, `madoguchi_${createHash('sha256').update(query.sql).digest('hex').slice(0, 40)}`);
  return q.executeQuery(query);
}

/** Makes a connection send the texts runPrepared registered as named statements (pg prepares each once per connection). */
export function prepareRegisteredStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === 'string' ? names.get(text) : undefined;
    return name ? query({ name, text, values }, callback) : query(text, values, callback);
  }) as typeof client.query;
}
