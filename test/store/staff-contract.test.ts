import { PostgresStore } from '../../src/store/postgres';
import { SqliteStore } from '../../src/store/sqlite';
import { NO_TURN_EFFECTS, type Store } from '../../src/store/types';
import { freshPostgresUrl, postgresUnavailable, tempSqliteFile } from '../helpers/database';
import { describeUnless } from '../helpers/skips';

type Factory = () => Promise<Store>;

const stores: [string, Factory, string | null][] = [
  ['SQLite', async () => new SqliteStore(tempSqliteFile()), null],
  ['PostgreSQL', async () => new PostgresStore(await freshPostgresUrl()), postgresUnavailable()],
];

for (const [name, factory, skipReason] of stores)
  describeUnless(skipReason)(`store contract, staff console: ${name}`, () => staffContract(factory));

function staffContract(factory: Factory) {
  let store: Store | null = null;

  beforeAll(async () => {
    store = await factory();
    await store?.migrate();
  });
  afterAll(async () => store?.close());

  const s = () => store as Store;

  const account = (name: string) => ({
    name,
    passwordHash: `hash-of-${name}`,
    disabled: false,
    createdAt: 5,
  });

  it('creates an account once, lists and finds it', async () => {
    expect(await s().createStaffAccount(account('yamada'))).toBe(true);
    expect(await s().createStaffAccount({ ...account('yamada'), passwordHash: 'other' })).toBe(false);
    expect(await s().getStaffAccount('yamada')).toEqual({
      ...account('yamada'),
      failedSignIns: 0,
      lockedUntil: 0,
    });
    expect(await s().getStaffAccount('nobody')).toBeNull();
    await s().createStaffAccount(account('abe'));
    expect((await s().listStaffAccounts()).map((a) => a.name)).toEqual(['abe', 'yamada']);
  });

  it('counts wrong passwords and locks at the limit, then counts again from zero', async () => {
    await s().createStaffAccount(account('sato'));
    for (let i = 1; i <= 2; i++) {
      expect(await s().recordFailedSignIn('sato', 1_000, 3, 60_000)).toMatchObject({
        failedSignIns: i,
        lockedUntil: 0,
      });
    }
    expect(await s().recordFailedSignIn('sato', 2_000, 3, 60_000)).toMatchObject({
      failedSignIns: 0,
      lockedUntil: 62_000,
    });
    await s().recordFailedSignIn('sato', 3_000, 3, 60_000);
    await s().clearFailedSignIns('sato');
    expect(await s().getStaffAccount('sato')).toMatchObject({ failedSignIns: 0, lockedUntil: 62_000 });
    expect(await s().recordFailedSignIn('nobody', 1, 3, 1)).toBeNull();
  });

  it('counts every one of wrong passwords sent at once', async () => {
    await s().createStaffAccount(account('kato'));
    await Promise.all([1, 2, 3, 4].map(() => s().recordFailedSignIn('kato', 1_000, 10, 60_000)));
    expect(await s().getStaffAccount('kato')).toMatchObject({ failedSignIns: 4 });
  });

  it('finds a session until it expires or its account is disabled, and forgets it on sign-out', async () => {
    await s().createStaffAccount(account('ito'));
    const session = { idDigest: 'd1', staffName: 'ito', csrfToken: 'c1', createdAt: 100, expiresAt: 200 };
    await s().createStaffSession(session);
    await s().createStaffSession({ ...session, idDigest: 'd2' });
    await s().createStaffSession({ ...session, idDigest: 'd3' });
    expect(await s().getStaffSession('d1', 150)).toEqual(session);
    expect(await s().getStaffSession('d1', 200)).toBeNull();
    await s().deleteStaffSession('d1');
    expect(await s().getStaffSession('d1', 150)).toBeNull();
    expect(await s().purgeStaffSessions(201)).toBeGreaterThanOrEqual(2);
    await s().createStaffSession({ ...session, idDigest: 'd4', expiresAt: 10_000 });
    expect(await s().setStaffDisabled('ito', true)).toBe(true);
    expect(await s().getStaffSession('d4', 150)).toBeNull();
    expect(await s().getStaffAccount('ito')).toMatchObject({ disabled: true });
    expect(await s().setStaffDisabled('ito', false)).toBe(true);
    // Disabling ended the session for good: enabling the account again does not bring it back.
    expect(await s().getStaffSession('d4', 150)).toBeNull();
    expect(await s().setStaffDisabled('nobody', true)).toBe(false);
  });

  it('keeps the audit log, newest first', async () => {
    await s().appendAudit({ at: 10, actor: 'yamada', action: 'signIn', target: null, detail: null });
    await s().appendAudit({ at: 20, actor: 'yamada', action: 'noticeSent', target: 'n1', detail: '全員' });
    await s().appendAudit({ at: 20, actor: '-', action: 'signInFailed', target: null, detail: null });
    expect(await s().listAudit(2)).toEqual([
      { at: 20, actor: '-', action: 'signInFailed', target: null, detail: null },
      { at: 20, actor: 'yamada', action: 'noticeSent', target: 'n1', detail: '全員' },
    ]);
  });

  it('keeps the marked groups of unanswered questions, the latest mark of a group replacing the one before', async () => {
    const mark = {
      key: '第3弾',
      example: '第3弾は？',
      mark: 'shouldAnswer' as const,
      count: 3,
      markedBy: 'yamada',
      markedAt: 10,
    };
    await s().markUnansweredGroup(mark);
    await s().markUnansweredGroup({
      ...mark,
      key: '残高',
      example: '残高は？',
      mark: 'handOff',
      markedAt: 20,
    });
    await s().markUnansweredGroup({ ...mark, mark: 'handOff', count: 4, markedBy: 'sato', markedAt: 30 });
    expect(await s().listUnansweredMarks()).toEqual([
      { ...mark, mark: 'handOff', count: 4, markedBy: 'sato', markedAt: 30 },
      { ...mark, key: '残高', example: '残高は？', mark: 'handOff', markedAt: 20 },
    ]);
  });

  it('counts what the bot did since a moment, answers by unit once the reply went out', async () => {
    const ev = (id: string, key: string, receivedAt: number) => ({
      id,
      conversationKey: key,
      timestamp: receivedAt,
      receivedAt,
      payload: { type: 'message' },
    });
    await s().acceptEvents([ev('old', 'U-old', 10), ev('a1', 'U-a', 1_000), ev('a2', 'U-b', 1_001)]);
    await s().acceptEvents([ev('a3', 'U-b', 1_002), ev('m1', 'U-c', 1_003)]);
    const answer = async (key: string, units: string[], outcome: 'answered' | 'failed') => {
      const claim = (await s().claimNextEvent(key, 10_000, 1_100))!;
      const effects = { ...NO_TURN_EFFECTS, answeredUnits: units };
      expect(
        await s().commitTurn(claim, key, { kind: 'keep' }, [{ type: 'text', text: 'x' }], 1_100, effects),
      ).toBe('committed');
      await s().finishEvent(claim, outcome, null, 1_200);
    };
    await answer('U-old', ['hours'], 'answered');
    await answer('U-a', ['hours', 'places'], 'answered');
    await answer('U-b', ['hours'], 'answered');
    await answer('U-b', ['eligibility'], 'failed');
    const missed = (await s().claimNextEvent('U-c', 10_000, 1_100))!;
    await s().finishEvent(missed, 'missed', 'reply token too old', 1_200);
    await s().recordUnanswered({ at: 1_000, text: 'q', scores: [], route: 'city' });
    await s().recordUnanswered({ at: 1_001, text: 'q', scores: [], route: null });
    await s().recordUnanswered({ at: 1_002, text: 'q', scores: [], route: 'city' });
    await s().createNotice({
      id: 'today',
      createdAt: 1_000,
      sender: 's',
      audience: { kind: 'topic', topic: 't' },
      messages: [],
      sendAt: 1_000,
    });
    await s().finishNotice('today', 'sent', 7, null, 1_300);

    expect(await s().countActivity(500)).toEqual({
      conversations: 3,
      outcomes: { answered: 3, missed: 1, failed: 1, ignored: 0 },
      answersByUnit: [
        { unit: 'hours', count: 3 },
        { unit: 'places', count: 1 },
      ],
      handoffsByRoute: [
        { route: 'city', count: 2 },
        { route: 'unknown', count: 1 },
      ],
      noticesSent: 1,
      noticeRecipients: 7,
    });
    expect((await s().countActivity(5_000)).conversations).toBe(0);
  });
}
