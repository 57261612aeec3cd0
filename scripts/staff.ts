/**
 * `npm run staff -- add|list|disable|enable NAME`: the accounts that sign in to the staff console at /staff.
 * The password is asked for without echo, or read from STAFF_PASSWORD (for scripts); it is never printed.
 * Reads the store named by DATABASE_URL. `--help` prints the usage.
 */
import { randomBytes } from 'node:crypto';
import readline from 'node:readline';
import { parseConfig } from '../src/config';
import { hashPassword, passwordProblem, STAFF_NAME } from '../src/staff/password';
import { formatJapanTime } from '../src/staff/time';
import { createStore } from '../src/store';
import { readCommandLine } from './lib/cli';

const USAGE = `使い方:
  npm run staff -- add 名前       アカウントを作る（パスワードを2回たずねます。スクリプトからは STAFF_PASSWORD）
  npm run staff -- list           アカウントの一覧
  npm run staff -- disable 名前   アカウントを止める（サインイン中のセッションも終わります）
  npm run staff -- enable 名前    止めたアカウントを戻す
  npm run staff -- --help         この説明
データベースは DATABASE_URL のものを使います。`;

const COMMAND_LINE = { usage: USAGE, language: 'ja', positionals: true, options: {} } as const;

function fail(problem: string, code = 2): never {
  console.error(problem);
  process.exit(code);
}

/** Reads one line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    output._writeToOutput = (s: string) => {
      if (!asked) {
        process.stdout.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      process.stdout.write('\n');
      rl.close();
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new Error('中止しました。'));
    });
  });
}

async function newPassword(): Promise<string> {
  const fromEnv = process.env.STAFF_PASSWORD;
  if (fromEnv !== undefined) {
    const problem = passwordProblem(fromEnv);
    if (problem) fail(`STAFF_PASSWORD: ${problem}`);
    return fromEnv;
  }
  if (!process.stdin.isTTY) fail('パスワードを端末で入力するか、環境変数 STAFF_PASSWORD で渡してください。');
  const first = await askHidden('パスワード: ');
  const problem = passwordProblem(first);
  if (problem) fail(problem);
  if ((await askHidden('もう一度: ')) !== first) fail('2回のパスワードが一致しません。');
  return first;
}

async function main() {
  const [command, name, ...extra] = readCommandLine(COMMAND_LINE).positionals;
  if (!command || !['add', 'list', 'disable', 'enable'].includes(command))
    fail(`${command ? `「${command}」というコマンドはありません。` : ''}\n${USAGE}`.trim());
  if (command !== 'list' && (!name || !STAFF_NAME.test(name)))
    fail(
      name
        ? `名前「${name}」は使えません。英数字・かな漢字と . _ - で64文字までにしてください。`
        : `名前を指定してください。\n${USAGE}`,
    );
  if (extra.length) fail(`余分な引数があります: ${extra.join(' ')}\n${USAGE}`);

  const config = parseConfig(
    { ...process.env, LINE_CHANNEL_SECRET: '', LINE_CHANNEL_ACCESS_TOKEN: '', NODE_ENV: '' },
    () => randomBytes(8).toString('hex'),
  );
  const password = command === 'add' ? await newPassword() : '';
  const store = createStore(config.database);
  try {
    await store.migrate();
    if (command === 'add') {
      const created = await store.createStaffAccount({
        name: name!,
        passwordHash: await hashPassword(password),
        disabled: false,
        createdAt: Date.now(),
      });
      if (!created) fail(`アカウント「${name}」はすでにあります。`, 1);
      console.log(`アカウント「${name}」を作りました。/staff からサインインできます。`);
    } else if (command === 'list') {
      const accounts = await store.listStaffAccounts();
      if (!accounts.length) console.log('アカウントはまだありません。npm run staff -- add 名前 で作れます。');
      for (const a of accounts) {
        const state = a.disabled
          ? '停止中'
          : a.lockedUntil > Date.now()
            ? `ロック中（${formatJapanTime(a.lockedUntil)}まで）`
            : '有効';
        console.log(`${a.name}\t${state}\t作成 ${formatJapanTime(a.createdAt)}`);
      }
    } else {
      const disable = command === 'disable';
      if (!(await store.setStaffDisabled(name!, disable))) fail(`アカウント「${name}」はありません。`, 1);
      console.log(
        `アカウント「${name}」を${disable ? '停止しました（セッションも終了）' : '有効に戻しました'}。`,
      );
    }
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
