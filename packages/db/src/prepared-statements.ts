import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** Distinct statement texts given a name (and so prepared once per connection); the rest run unnamed. */
const MAX_NAMED_STATEMENTS = 2_000;

/**
 * Names for the statement texts a process runs, shared by its pools. Bounded: SQL built with a varying number of
 * placeholders, or with values inlined, would otherwise grow it (and every connection's prepared statements) forever.
 */
const names = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
    name = `k${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A kysely pool whose connections run parameterised statements as named prepared statements: PostgreSQL parses and
 * plans a statement once per connection (and, after five runs, keeps a generic plan when it is as good) instead of on
 * every call. Planning was a third of the database's time on our hot reads.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const query = (textOrCursor: string | object, values?: readonly unknown[]) => {
        const name =
          typeof textOrCursor === 'string' && values && values.length > 0 ? statementName(textOrCursor) : undefined;
        if (name) return client.query({ name, text: textOrCursor as string, values: [...(values ?? [])] });
        return client.query(textOrCursor as never, values as unknown[] | undefined);
      };
      return {
        // Overloaded in kysely's type (statement or cursor); both go through, only statements get a name.
        query: query as unknown as PostgresPoolClient['query'],
        release: (error?: unknown) => client.release(error as Error | undefined),
      };
    },
    end: () => pool.end(),
  };
}
