/**
 * SQL written once for both databases. A query is its text (with `?` placeholders, numbered for PostgreSQL by its
 * driver) and its parameters; a program is a generator that yields queries and gets their results back, so the
 * same steps run synchronously inside SQLite's group commit and asynchronously in a PostgreSQL transaction.
 * Each driver (src/store/sqlite.ts, src/store/postgres.ts) only executes them.
 *
 * What the two databases read differently is settled here, once: booleans are written as 1 and 0 (PostgreSQL
 * takes '1' and '0' for a BOOLEAN) and read with Boolean(); BIGINT columns come back from PostgreSQL as text and
 * are read with Number(); counts are numbers.
 *
 * Why not a query builder such as Kysely: its drivers are asynchronous and own the transaction, while SQLite's
 * group commit runs every write synchronously in a savepoint of one transaction per turn of the event loop (an
 * await inside would let other writes into that savepoint); and the SQL is plain enough that one text serves
 * both databases, prepared once, with nothing to compile per call on the hot path.
 */
export type Dialect = 'sqlite' | 'postgres';

/** What a query gives back: every row, the first row (if any), how many rows it changed, or nothing (DDL). */
export type Returns = 'rows' | 'row' | 'count' | 'script';

export interface Query<T> {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly returns: Returns;
  /** Never set: carries the result's type. */
  readonly result?: T;
}

export const rows = <T>(sql: string, ...params: unknown[]): Query<T[]> => ({ sql, params, returns: 'rows' });
export const row = <T>(sql: string, ...params: unknown[]): Query<T | undefined> => ({
  sql,
  params,
  returns: 'row',
});
export const count = (sql: string, ...params: unknown[]): Query<number> => ({
  sql,
  params,
  returns: 'count',
});
/** Several statements without parameters (a migration). */
export const script = (sql: string): Query<void> => ({ sql, params: [], returns: 'script' });

/** Statements that belong together: each `yield* step(query)` runs one and gives its result. */
export type Program<T> = Generator<Query<unknown>, T, unknown>;

export function* step<T>(query: Query<T>): Program<T> {
  return (yield query) as T;
}

/** A query of its own as a program. */
export const single = <T>(query: Query<T>): Program<T> => step(query);

/** What each driver does with queries and programs. */
export interface SqlDriver {
  readonly dialect: Dialect;
  /** One statement: a read, or a write that is atomic by itself (SQLite: in the group commit). */
  one<T>(query: Query<T>): Promise<T>;
  /** Statements as one transaction: all or none (SQLite: one savepoint of the group commit). */
  transaction<T>(program: Program<T>): Promise<T>;
}

/** Runs a program to its end, each query answered by `execute`. */
export function runSync<T>(program: Program<T>, execute: (query: Query<unknown>) => unknown): T {
  let next = program.next();
  while (!next.done) next = program.next(execute(next.value));
  return next.value;
}

export async function runAsync<T>(
  program: Program<T>,
  execute: (query: Query<unknown>) => Promise<unknown>,
): Promise<T> {
  let next = program.next();
  while (!next.done) next = program.next(await execute(next.value));
  return next.value;
}

/**
 * A statement that needs a clause in PostgreSQL only: a row lock (`FOR UPDATE`), which SQLite has no syntax for
 * and no need of, since a write there holds the whole database.
 */
export function postgresClause(clause: string, build: (clause: string) => string): Record<Dialect, string> {
  return { sqlite: build(''), postgres: build(clause) };
}
