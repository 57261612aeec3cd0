import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScript } from '../helpers/scripts';

// Nothing listens here: every case must be caught before the bot is asked.
const env = { ADMIN_TOKEN: 'a-long-admin-token-for-tests', BOT_URL: 'http://127.0.0.1:9' };
const notice = (file: string) => runScript('scripts/notice.ts', ['--file', file], env);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-errors-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('npm run notice: problems with the file, in Japanese', () => {
  it('says a missing file is not found, not a JSON error', async () => {
    const r = await notice(path.join(dir, 'nothing.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ファイルが見つかりません');
    expect(r.stderr).not.toMatch(/JSON/);
  });

  it('gives the line and column of broken JSON', async () => {
    const file = write(
      'broken.json',
      '{\n  "sender": "企画室",\n  "audience": { "kind": "all" }\n  "messages": []\n}\n',
    );
    const r = await notice(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('JSONとして読めません：4行目3文字目');
  });

  it('names each wrong field, without library jargon', async () => {
    const file = write(
      'wrong.json',
      JSON.stringify({
        sender: '企画室',
        audience: { kind: 'everyone' },
        messages: [{ type: 'text', text: '' }],
        sendAt: '2023-05-25 09:00',
      }),
    );
    const r = await notice(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('audience.kind（送り先の種類）: "all" か "topic" のどれかにしてください。');
    expect(r.stderr).toContain('messages[0].text（本文）: 空にはできません。');
    expect(r.stderr).toContain('sendAt（送信日時）: 2023-05-25T09:00:00+09:00 のように');
    expect(r.stderr).not.toMatch(/Invalid discriminator|Invalid input/);
  });
});
