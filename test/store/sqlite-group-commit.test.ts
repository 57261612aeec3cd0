import { SqliteStore } from '../../src/store/sqlite';
import { tempSqliteFile } from '../helpers/database';

const event = (id: string) => ({
  id,
  conversationKey: 'U1',
  timestamp: 1,
  receivedAt: 1,
  payload: { type: 'message' },
});
const notice = (id: string) => ({
  id,
  createdAt: 1,
  sender: 'staff',
  audience: { kind: 'all' as const },
  messages: [{ type: 'text' as const, text: 'お知らせ' }],
  sendAt: 1,
});

describe('SQLite group commit', () => {
  let writer: SqliteStore;
  let reader: SqliteStore;
  beforeEach(async () => {
    const file = tempSqliteFile();
    writer = new SqliteStore(file);
    await writer.migrate();
    reader = new SqliteStore(file);
  });
  afterEach(async () => {
    await writer.close();
    await reader.close();
  });

  it('commits the writes of one turn together, and resolves each only once it is committed', async () => {
    const writes = Array.from({ length: 20 }, (_, i) => writer.acceptEvents([event(`e${i}`)]));
    // Still the same turn: nothing is committed, so another connection sees none of it.
    expect(await reader.eventStatus('e0')).toBeNull();
    expect(await Promise.all(writes)).toEqual(Array.from({ length: 20 }, (_, i) => [`e${i}`]));
    for (let i = 0; i < 20; i++)
      expect(await reader.eventStatus(`e${i}`)).toMatchObject({ status: 'pending' });
  });

  it('undoes a failing write alone: the others in its transaction are committed', async () => {
    await writer.createNotice(notice('n1'));
    const duplicate = writer.createNotice(notice('n1'));
    const accepted = writer.acceptEvents([event('e1')]);
    const other = writer.createNotice(notice('n2'));
    // The error comes from the native driver; its message is what matters (jest's toThrow misjudged it at times).
    expect(
      await duplicate.then(
        () => 'stored',
        (e: Error) => e.message,
      ),
    ).toMatch(/UNIQUE/);
    expect(await accepted).toEqual(['e1']);
    await other;
    expect(await reader.eventStatus('e1')).toMatchObject({ status: 'pending' });
    expect((await reader.listNotices(10)).map((n) => n.id).sort()).toEqual(['n1', 'n2']);
  });

  it('syncs every commit to disk, so that an acknowledged event survives a power cut', () => {
    // 2 is FULL: in WAL mode, NORMAL (1) leaves the last commits to the operating system's cache.
    expect(writer['db'].pragma('synchronous', { simple: true })).toBe(2);
    expect(writer['db'].pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('commits what is pending when the store is closed', async () => {
    const accepted = writer.acceptEvents([event('e1')]);
    await writer.close();
    expect(await accepted).toEqual(['e1']);
    expect(await reader.eventStatus('e1')).toMatchObject({ status: 'pending' });
  });
});
