import { PostgresStore } from '../../src/store/postgres';
import { SqliteStore } from '../../src/store/sqlite';
import { NO_TURN_EFFECTS, type Store } from '../../src/store/types';
import { freshPostgresUrl, postgresUnavailable, tempSqliteFile } from '../helpers/database';
import { describeUnless } from '../helpers/skips';

type Factory = () => Promise<Store>;

/** Each store, how to make a fresh one, and why it cannot be tested here (null: it can). */
const stores: [string, Factory, string | null][] = [
  ['SQLite', async () => new SqliteStore(tempSqliteFile()), null],
  ['PostgreSQL', async () => new PostgresStore(await freshPostgresUrl()), postgresUnavailable()],
];

const event = (id: string, key: string, timestamp: number) => ({
  id,
  conversationKey: key,
  timestamp,
  receivedAt: 1,
  payload: { type: 'message', id },
});

for (const [name, factory, skipReason] of stores)
  describeUnless(skipReason)(`store contract: ${name}`, () => storeContract(factory));

function storeContract(factory: Factory): void {
  let store: Store | null = null;

  beforeAll(async () => {
    store = await factory();
    await store?.migrate();
  });
  afterAll(async () => store?.close());

  const s = () => store as Store;
  it('migrations can run again without harm', async () => {
    await s().migrate();
    await s().ping();
  });

  it('accepts an event once: a redelivery is not new', async () => {
    expect(await s().acceptEvents([event('e1', 'u1', 10)])).toEqual(['e1']);
    expect(await s().acceptEvents([event('e1', 'u1', 10), event('e2', 'u1', 11)])).toEqual(['e2']);
  });

  it('claims events of one conversation one at a time, in timestamp order', async () => {
    await s().acceptEvents([event('b2', 'u2', 200), event('b1', 'u2', 100)]);
    const first = await s().claimNextEvent('u2', 10_000, 1_000);
    expect(first?.id).toBe('b1');
    expect(first?.attempts).toBe(1);
    expect(await s().claimNextEvent('u2', 10_000, 1_000)).toBeNull();
    expect(await s().finishEvent(first!, 'answered', null, 1_001)).toBe(true);
    expect((await s().claimNextEvent('u2', 10_000, 1_002))?.id).toBe('b2');
    expect(await s().eventStatus('b1')).toEqual({ status: 'done', outcome: 'answered', detail: null });
  });

  it('takes over an event whose lease ran out (a crashed worker)', async () => {
    await s().acceptEvents([event('c1', 'u3', 1)]);
    expect((await s().claimNextEvent('u3', 100, 1_000))?.id).toBe('c1');
    expect(await s().conversationsWithPendingEvents(1_050)).not.toContain('u3');
    expect(await s().conversationsWithPendingEvents(1_200)).toContain('u3');
    const again = await s().claimNextEvent('u3', 100, 1_200);
    expect(again?.id).toBe('c1');
    expect(again?.attempts).toBe(2);
  });

  it('commits a turn with compare-and-swap and keeps the decided reply until finished', async () => {
    await s().acceptEvents([event('d1', 'u4', 1), event('d2', 'u4', 2)]);
    const d1 = (await s().claimNextEvent('u4', 10_000, 1))!;
    const save = {
      kind: 'save' as const,
      flowId: 'f',
      flowVersion: 1,
      snapshot: { value: 'a' },
      expectedRevision: null,
    };
    // A writer that read no conversation loses to one that created it.
    expect(await s().commitTurn(d1, 'u4', { ...save, expectedRevision: 7 }, [], 4)).toBe('conflict');
    expect(await s().commitTurn(d1, 'u4', save, [{ type: 'text', text: 'hi' }], 5)).toBe('committed');
    expect(await s().loadConversation('u4')).toEqual({
      flowId: 'f',
      flowVersion: 1,
      snapshot: { value: 'a' },
      revision: 1,
      updatedAt: 5,
    });
    expect(await s().eventStatus('d1')).toMatchObject({ status: 'replying' });
    // One decision per claim: the same claim cannot commit again.
    expect(await s().commitTurn(d1, 'u4', { ...save, expectedRevision: 1 }, [], 6)).toBe('lost');
    expect((await s().loadConversation('u4'))?.revision).toBe(1);
    // After a crash the event comes back with the reply that was decided, to be sent, never decided again.
    const retaken = (await s().claimNextEvent('u4', 10_000, 100_000))!;
    expect(retaken.id).toBe('d1');
    expect(retaken.pendingReply).toEqual([{ type: 'text', text: 'hi' }]);
    expect(await s().commitTurn(retaken, 'u4', { kind: 'delete', expectedRevision: 1 }, [], 9)).toBe('lost');
    expect(await s().finishEvent(retaken, 'answered', null, 10)).toBe(true);
    const d2 = (await s().claimNextEvent('u4', 10_000, 100_001))!;
    expect(await s().commitTurn(d2, 'u4', save, [], 11)).toBe('conflict');
    expect(await s().commitTurn(d2, 'u4', { kind: 'delete', expectedRevision: 2 }, [], 12)).toBe('conflict');
    expect(await s().commitTurn(d2, 'u4', { kind: 'delete', expectedRevision: 1 }, [], 12)).toBe('committed');
    expect(await s().loadConversation('u4')).toBeNull();
  });

  it('fences a claim taken over after its lease ran out: no commit, no finish', async () => {
    await s().acceptEvents([event('f1', 'uf', 1)]);
    const stalled = (await s().claimNextEvent('uf', 100, 1_000))!;
    // The stalled worker's lease runs out; another takes the event over, decides it and answers it.
    const takeover = (await s().claimNextEvent('uf', 100, 1_200))!;
    expect(takeover.id).toBe('f1');
    expect(takeover.claimToken).not.toBe(stalled.claimToken);
    const save = { kind: 'save' as const, flowId: 'f', flowVersion: 1, snapshot: {}, expectedRevision: null };
    expect(await s().renewClaim(stalled, 100, 1_210)).toBe(false);
    expect(await s().commitTurn(takeover, 'uf', save, [{ type: 'text', text: 'once' }], 1_220)).toBe(
      'committed',
    );
    // The stalled worker wakes up: the same decision again would advance the conversation twice.
    const again = { ...save, expectedRevision: 1 };
    expect(await s().commitTurn(stalled, 'uf', again, [], 1_230)).toBe('lost');
    expect(await s().finishEvent(stalled, 'failed', 'stale', 1_240)).toBe(false);
    expect((await s().loadConversation('uf'))?.revision).toBe(1);
    expect(await s().eventStatus('f1')).toMatchObject({ status: 'replying' });
    expect(await s().finishEvent(takeover, 'answered', null, 1_250)).toBe(true);
    // A finished event stays finished: no late finish, commit or renewal reopens it.
    expect(await s().finishEvent(stalled, 'failed', 'stale', 1_260)).toBe(false);
    expect(await s().commitTurn(takeover, 'uf', again, [], 1_270)).toBe('lost');
    expect(await s().renewClaim(takeover, 100, 1_280)).toBe(false);
    expect(await s().eventStatus('f1')).toEqual({ status: 'done', outcome: 'answered', detail: null });
    expect(await s().conversationsWithPendingEvents(10_000)).not.toContain('uf');
  });

  it('renews the lease of a current claim, so that a slow turn is not taken over', async () => {
    await s().acceptEvents([event('h1', 'uh', 1)]);
    const claim = (await s().claimNextEvent('uh', 100, 1_000))!;
    expect(await s().renewClaim(claim, 100, 1_080)).toBe(true);
    expect(await s().claimNextEvent('uh', 100, 1_150)).toBeNull();
    expect(await s().conversationsWithPendingEvents(1_150)).not.toContain('uh');
    expect(await s().conversationsWithPendingEvents(1_190)).toContain('uh');
    expect(await s().finishEvent(claim, 'answered', null, 1_160)).toBe(true);
  });

  it("stores a turn's opt-ins and question with it, and nothing when the turn loses", async () => {
    await s().acceptEvents([event('t1', 'u8', 1)]);
    await s().setFollowing('U8', true, 1);
    // A topic and a time of their own, out of the way of the other tests on this store.
    const effects = {
      ...NO_TURN_EFFECTS,
      optIns: [{ userId: 'U8', topic: 'effects-topic', optedIn: true }],
      unanswered: {
        at: -1000,
        text: '第3弾はありますか',
        scores: [{ unit: 'points', score: 0.2 }],
        route: 'hotline' as const,
      },
    };
    const losing = { kind: 'delete' as const, expectedRevision: 99 };
    const claim = (await s().claimNextEvent('u8', 10_000, 1))!;
    expect(await s().commitTurn(claim, 'u8', losing, [], 50, effects)).toBe('conflict');
    expect(await s().topicAudience('effects-topic')).toEqual([]);
    expect(await s().listUnanswered(-1000)).toEqual([]);
    expect(await s().commitTurn(claim, 'u8', { kind: 'keep' }, [], 50, effects)).toBe('committed');
    expect(await s().topicAudience('effects-topic')).toEqual(['U8']);
    expect((await s().listUnanswered(-1000)).map((q) => q.text)).toEqual(['第3弾はありますか']);
    expect(await s().purgeUnanswered(-999)).toBe(1);
  });

  it('learns from a turn that a resident it did not know is a friend, and lets an unfollow decide', async () => {
    const optIn = (userId: string) => ({
      ...NO_TURN_EFFECTS,
      optIns: [{ userId, topic: 'friends-topic', optedIn: true }],
      knownFriend: userId,
    });
    // A friend from before the bot went live: no follow event, so the store knows nothing of them.
    await s().acceptEvents([event('kf1', 'U-early', 1)]);
    const f1 = (await s().claimNextEvent('U-early', 10_000, 1))!;
    expect(await s().isFollowing('U-early')).toBeNull();
    expect(await s().commitTurn(f1, 'U-early', { kind: 'keep' }, [], 5, optIn('U-early'))).toBe('committed');
    expect(await s().isFollowing('U-early')).toBe(true);
    expect(await s().topicAudience('friends-topic')).toEqual(['U-early']);
    // An unfollow the store knows of is not overridden by what a turn learnt.
    await s().setFollowing('U-left', false, 1);
    await s().acceptEvents([event('kf2', 'U-left', 1)]);
    const f2 = (await s().claimNextEvent('U-left', 10_000, 1))!;
    expect(await s().commitTurn(f2, 'U-left', { kind: 'keep' }, [], 5, optIn('U-left'))).toBe('committed');
    expect(await s().isFollowing('U-left')).toBe(false);
    // A later unfollow stops delivery.
    await s().setFollowing('U-early', false, 10);
    expect(await s().topicAudience('friends-topic')).toEqual([]);
  });

  it('remembers a group chat it told once, with the turn, and forgets it with its conversation', async () => {
    const chat = 'group:C-contract';
    await s().acceptEvents([event('g1', chat, 1), event('g2', chat, 2)]);
    const g1 = (await s().claimNextEvent(chat, 10_000, 1))!;
    expect(await s().hasToldGroupChat(chat)).toBe(false);
    const told = { ...NO_TURN_EFFECTS, toldGroupChat: chat };
    // A turn that loses tells nothing.
    expect(await s().commitTurn(g1, chat, { kind: 'delete', expectedRevision: 9 }, [], 5, told)).toBe(
      'conflict',
    );
    expect(await s().hasToldGroupChat(chat)).toBe(false);
    const save = {
      kind: 'save' as const,
      flowId: 'f',
      flowVersion: 1,
      snapshot: {},
      expectedRevision: null,
    };
    expect(await s().commitTurn(g1, chat, save, [], 5, told)).toBe('committed');
    expect(await s().hasToldGroupChat(chat)).toBe(true);
    expect(await s().hasToldGroupChat('group:C-other')).toBe(false);
    await s().forgetGroupChat(chat);
    expect(await s().hasToldGroupChat(chat)).toBe(false);
    expect(await s().loadConversation(chat)).toBeNull();
  });

  it('drops the payload once an event is finished', async () => {
    await s().acceptEvents([event('p1', 'u5', 1)]);
    const claimed = await s().claimNextEvent('u5', 10_000, 1);
    expect(claimed?.payload).toEqual({ type: 'message', id: 'p1' });
    expect(await s().finishEvent(claimed!, 'missed', 'reply token too old', 2)).toBe(true);
    expect(await s().eventStatus('p1')).toEqual({
      status: 'done',
      outcome: 'missed',
      detail: 'reply token too old',
    });
    expect(await s().claimNextEvent('u5', 10_000, 3)).toBeNull();
  });

  it('remembers who follows the account', async () => {
    expect(await s().isFollowing('U1')).toBeNull();
    await s().setFollowing('U1', true, 1);
    expect(await s().isFollowing('U1')).toBe(true);
    await s().setFollowing('U1', false, 2);
    expect(await s().isFollowing('U1')).toBe(false);
  });

  it('lets only one of many concurrent claimers take a conversation', async () => {
    await s().acceptEvents([event('r1', 'u6', 1), event('r2', 'u6', 2)]);
    const claims = await Promise.all(Array.from({ length: 8 }, () => s().claimNextEvent('u6', 10_000, 10)));
    expect(claims.filter(Boolean).map((c) => c!.id)).toEqual(['r1']);
  });

  it('lists as a topic audience only followers who opted in', async () => {
    await s().setFollowing('Ua', true, 1);
    await s().setFollowing('Ub', true, 1);
    await s().setFollowing('Uc', false, 1);
    await s().setTopicOptIn('Ua', 'mynapoint', true, 1);
    await s().setTopicOptIn('Ub', 'mynapoint', false, 1);
    await s().setTopicOptIn('Uc', 'mynapoint', true, 1);
    await s().setTopicOptIn('Ub', 'other', true, 1);
    expect(await s().topicAudience('mynapoint')).toEqual(['Ua']);
    await s().setTopicOptIn('Ub', 'mynapoint', true, 2);
    expect(await s().topicAudience('mynapoint')).toEqual(['Ua', 'Ub']);
    expect(await s().countFollowers()).toBeGreaterThanOrEqual(2);
  });

  it('stores notices, hands a due one to one worker, and keeps its batches and retry keys', async () => {
    const base = {
      createdAt: 1,
      sender: '企画室 山田',
      audience: { kind: 'all' as const },
      messages: [{ type: 'text', text: 'お知らせ' }],
    };
    await s().createNotice({ ...base, id: 'n-later', sendAt: 5_000 });
    await s().createNotice({ ...base, id: 'n-now', sendAt: 100 });
    expect(await s().claimDueNotice(50, 1_000)).toBeNull();
    const claimed = await Promise.all([s().claimDueNotice(200, 1_000), s().claimDueNotice(200, 1_000)]);
    expect(claimed.filter(Boolean).map((n) => n!.id)).toEqual(['n-now']);
    const plan = [
      { index: 0, retryKey: 'key-0', plannedAt: 150, recipients: ['U1'] },
      { index: 1, retryKey: 'key-1', plannedAt: 150, recipients: ['U2'] },
    ];
    expect((await s().planNoticeBatches('n-now', plan)).map((b) => b.retryKey)).toEqual(['key-0', 'key-1']);
    await s().finishNoticeBatch('n-now', 0, 'sent', 'req-1', null);
    // A crashed worker's notice comes back after its lease, with the batches it had.
    const resumed = await s().claimDueNotice(1_300, 1_000);
    expect(resumed?.id).toBe('n-now');
    const again = await s().planNoticeBatches('n-now', [
      { index: 0, retryKey: 'other', plannedAt: 1_300, recipients: null },
    ]);
    expect(again).toEqual([
      {
        index: 0,
        retryKey: 'key-0',
        plannedAt: 150,
        recipients: ['U1'],
        status: 'sent',
        requestId: 'req-1',
        detail: null,
      },
      {
        index: 1,
        retryKey: 'key-1',
        plannedAt: 150,
        recipients: ['U2'],
        status: 'pending',
        requestId: null,
        detail: null,
      },
    ]);
    await s().finishNotice('n-now', 'sent', 2, null, 1_400);
    expect(await s().getNotice('n-now')).toMatchObject({
      status: 'sent',
      recipients: 2,
      finishedAt: 1_400,
      sender: '企画室 山田',
    });
    expect((await s().listNotices(10)).map((n) => n.id).sort()).toEqual(['n-later', 'n-now']);
  });

  it('cancels a notice only before it goes out, and never hands a cancelled one out', async () => {
    const base = {
      createdAt: 1,
      sender: '企画室 山田',
      audience: { kind: 'all' as const },
      messages: [{ type: 'text', text: 'お知らせ' }],
    };
    await s().createNotice({ ...base, id: 'c-queued', sendAt: 10_000_000 });
    await s().createNotice({ ...base, id: 'c-sending', sendAt: 10_000_000 });
    expect(await s().cancelNotice('c-unknown', 'cancelled by 山田', 5)).toBeNull();
    expect(await s().cancelNotice('c-queued', 'cancelled by 山田', 5)).toEqual({
      cancelled: true,
      status: 'cancelled',
    });
    expect(await s().getNotice('c-queued')).toMatchObject({
      status: 'cancelled',
      detail: 'cancelled by 山田',
      finishedAt: 5,
    });
    // Due now: the dispatcher takes the other one (and any other test's), never the cancelled one.
    const taken: string[] = [];
    for (let n; (n = await s().claimDueNotice(10_000_001, 10_000_000));) taken.push(n.id);
    expect(taken).toContain('c-sending');
    expect(taken).not.toContain('c-queued');
    // Once sending, it stays.
    expect(await s().cancelNotice('c-sending', 'cancelled by 山田', 6)).toEqual({
      cancelled: false,
      status: 'sending',
    });
    // A notice left for staff to decide can be cancelled.
    await s().finishNotice('c-sending', 'needsDecision', null, 'batch 0: retry key too old', 7);
    expect(await s().cancelNotice('c-sending', 'cancelled by 山田', 8)).toEqual({
      cancelled: true,
      status: 'cancelled',
    });
    expect(await s().cancelNotice('c-sending', 'again', 9)).toEqual({
      cancelled: false,
      status: 'cancelled',
    });
  });

  it('forgets handled events once purged, and never an open one', async () => {
    await s().acceptEvents([event('q1', 'u9', 1), event('q2', 'u9', 2), event('q3', 'u9', 3)]);
    const handle = async (finishedAt: number) => {
      const claim = (await s().claimNextEvent('u9', 10_000, 1))!;
      expect(await s().finishEvent(claim, 'answered', null, finishedAt)).toBe(true);
    };
    // Times of their own, before any other test's, so that the first purge counts only these.
    await handle(-3_000);
    await handle(-1_000);
    expect(await s().purgeFinishedEvents(-2_000)).toBe(1);
    expect(await s().eventStatus('q1')).toBeNull();
    expect(await s().eventStatus('q2')).toMatchObject({ status: 'done' });
    expect(await s().eventStatus('q3')).toMatchObject({ status: 'pending' });
    // Other tests' handled events go too; the open one stays however old it is.
    expect(await s().purgeFinishedEvents(Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(1);
    expect(await s().eventStatus('q2')).toBeNull();
    expect(await s().eventStatus('q3')).toMatchObject({ status: 'pending' });
  });

  it('keeps unanswered questions, with the line they were handed to, until they are purged', async () => {
    await s().recordUnanswered({
      at: 10,
      text: '第3弾は?',
      scores: [{ unit: 'points', score: 0.2 }],
      route: 'hotline',
    });
    await s().recordUnanswered({ at: 20, text: '残高は?', scores: [], route: 'city' });
    expect(await s().listUnanswered(15)).toEqual([{ at: 20, text: '残高は?', scores: [], route: 'city' }]);
    expect(await s().purgeUnanswered(15)).toBe(1);
    expect((await s().listUnanswered(0)).map((q) => q.text)).toEqual(['残高は?']);
  });

  it('forgets, at a moment, what it keeps no longer: handled events after 30 days, questions after 90', async () => {
    const day = 24 * 60 * 60 * 1000;
    // A moment after every other test's times: what they left is older still, and goes too.
    const now = 1_000 * day;
    await s().acceptEvents([event('x1', 'ux', 1), event('x2', 'ux', 2), event('x3', 'ux', 3)]);
    for (const finishedAt of [now - 31 * day, now - 29 * day]) {
      const claim = (await s().claimNextEvent('ux', 10_000, 1))!;
      expect(await s().finishEvent(claim, 'answered', null, finishedAt)).toBe(true);
    }
    for (const [age, text] of [
      [91, '三か月より前'],
      [89, '三か月以内'],
    ] as const)
      await s().recordUnanswered({ at: now - age * day, text, scores: [], route: 'hotline' });
    await s().purgeExpired(now);
    expect(await s().eventStatus('x1')).toBeNull();
    expect(await s().eventStatus('x2')).toMatchObject({ status: 'done' });
    expect(await s().eventStatus('x3')).toMatchObject({ status: 'pending' });
    expect((await s().listUnanswered(0)).map((q) => q.text)).toEqual(['三か月以内']);
  });
}
