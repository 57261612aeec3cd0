import { PostgresStore } from '../../src/store/postgres';
import { SqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store/types';
import { freshPostgresUrl, postgresAvailable, tempSqliteFile } from '../helpers/database';

type Factory = () => Promise<Store | null>;

const stores: [string, Factory][] = [
  ['SQLite', async () => new SqliteStore(tempSqliteFile())],
  [
    'PostgreSQL',
    async () => ((await postgresAvailable()) ? new PostgresStore(await freshPostgresUrl()) : null),
  ],
];

const event = (id: string, key: string, timestamp: number) => ({
  id,
  conversationKey: key,
  timestamp,
  receivedAt: 1,
  payload: { type: 'message', id },
});

describe.each(stores)('store contract: %s', (_name, factory) => {
  let store: Store | null;

  beforeAll(async () => {
    store = await factory();
    await store?.migrate();
  });
  afterAll(async () => store?.close());

  const s = () => store as Store;
  const maybe = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      if (!store) return; // skipped loudly by postgresAvailable()
      await fn();
    });

  maybe('migrations can run again without harm', async () => {
    await s().migrate();
    await s().ping();
  });

  maybe('accepts an event once: a redelivery is not new', async () => {
    expect(await s().acceptEvents([event('e1', 'u1', 10)])).toEqual(['e1']);
    expect(await s().acceptEvents([event('e1', 'u1', 10), event('e2', 'u1', 11)])).toEqual(['e2']);
  });

  maybe('claims events of one conversation one at a time, in timestamp order', async () => {
    await s().acceptEvents([event('b2', 'u2', 200), event('b1', 'u2', 100)]);
    const first = await s().claimNextEvent('u2', 10_000, 1_000);
    expect(first?.id).toBe('b1');
    expect(first?.attempts).toBe(1);
    expect(await s().claimNextEvent('u2', 10_000, 1_000)).toBeNull();
    await s().finishEvent('b1', 'answered', null, 1_001);
    expect((await s().claimNextEvent('u2', 10_000, 1_002))?.id).toBe('b2');
    expect(await s().eventStatus('b1')).toEqual({ status: 'done', outcome: 'answered', detail: null });
  });

  maybe('takes over an event whose lease ran out (a crashed worker)', async () => {
    await s().acceptEvents([event('c1', 'u3', 1)]);
    expect((await s().claimNextEvent('u3', 100, 1_000))?.id).toBe('c1');
    expect(await s().conversationsWithPendingEvents(1_050)).not.toContain('u3');
    expect(await s().conversationsWithPendingEvents(1_200)).toContain('u3');
    const again = await s().claimNextEvent('u3', 100, 1_200);
    expect(again?.id).toBe('c1');
    expect(again?.attempts).toBe(2);
  });

  maybe('commits a turn with compare-and-swap and keeps the decided reply until finished', async () => {
    await s().acceptEvents([event('d1', 'u4', 1), event('d2', 'u4', 2)]);
    await s().claimNextEvent('u4', 10_000, 1);
    const save = {
      kind: 'save' as const,
      flowId: 'f',
      flowVersion: 1,
      snapshot: { value: 'a' },
      expectedRevision: null,
    };
    expect(await s().commitTurn('d1', 'u4', save, [{ type: 'text', text: 'hi' }], 5)).toBe(true);
    expect(await s().loadConversation('u4')).toEqual({
      flowId: 'f',
      flowVersion: 1,
      snapshot: { value: 'a' },
      revision: 1,
      updatedAt: 5,
    });
    // A second writer that read no conversation loses.
    expect(await s().commitTurn('d2', 'u4', save, [], 6)).toBe(false);
    expect(
      await s().commitTurn('d1', 'u4', { ...save, snapshot: { value: 'b' }, expectedRevision: 1 }, [], 7),
    ).toBe(true);
    expect(await s().commitTurn('d1', 'u4', { ...save, expectedRevision: 1 }, [], 8)).toBe(false);
    expect((await s().loadConversation('u4'))?.revision).toBe(2);
    expect(await s().eventStatus('d1')).toMatchObject({ status: 'replying' });
    // After a crash the event comes back with the reply that was decided.
    const retaken = await s().claimNextEvent('u4', 10_000, 100_000);
    expect(retaken?.pendingReply).toEqual([]);
    expect(await s().commitTurn('d1', 'u4', { kind: 'delete', expectedRevision: 1 }, [], 9)).toBe(false);
    expect(await s().commitTurn('d1', 'u4', { kind: 'delete', expectedRevision: 2 }, [], 9)).toBe(true);
    expect(await s().loadConversation('u4')).toBeNull();
  });

  maybe('drops the payload once an event is finished', async () => {
    await s().acceptEvents([event('p1', 'u5', 1)]);
    const claimed = await s().claimNextEvent('u5', 10_000, 1);
    expect(claimed?.payload).toEqual({ type: 'message', id: 'p1' });
    await s().finishEvent('p1', 'missed', 'reply token too old', 2);
    expect(await s().eventStatus('p1')).toEqual({
      status: 'done',
      outcome: 'missed',
      detail: 'reply token too old',
    });
    expect(await s().claimNextEvent('u5', 10_000, 3)).toBeNull();
  });

  maybe('remembers who follows the account', async () => {
    expect(await s().isFollowing('U1')).toBeNull();
    await s().setFollowing('U1', true, 1);
    expect(await s().isFollowing('U1')).toBe(true);
    await s().setFollowing('U1', false, 2);
    expect(await s().isFollowing('U1')).toBe(false);
  });

  maybe('lets only one of many concurrent claimers take a conversation', async () => {
    await s().acceptEvents([event('r1', 'u6', 1), event('r2', 'u6', 2)]);
    const claims = await Promise.all(Array.from({ length: 8 }, () => s().claimNextEvent('u6', 10_000, 10)));
    expect(claims.filter(Boolean).map((c) => c!.id)).toEqual(['r1']);
  });
});
