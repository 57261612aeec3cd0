/**
 * `npm run chat`: talk to the bot in a terminal, no LINE channel needed. It starts the real server in local
 * mode and sends every line you type as a signed webhook, exactly as LINE would; replies print below.
 * Type a number to tap a quick reply. BOT_NOW picks the bot's clock (e.g. BOT_NOW=2023-04-12T10:00:00+09:00);
 * `npm run chat -- --in-programme` picks a moment inside the programme, as the local chat's clock panel does.
 */
import { createHmac, randomBytes } from 'node:crypto';
import readline from 'node:readline';
import pino from 'pino';
import { startBot } from '../src/bot';
import { parseConfig } from '../src/config';
import type { LineMessage } from '../src/line/transport';
import { DEMO_MOMENT, demoMomentLabel, programmeEnd } from '../src/local/demo';
import { LocalTransport } from '../src/line/local-transport';
import { formatJapanTime } from '../src/staff/time';
import { readCommandLine } from './lib/cli';

type QuickItem = {
  action: { label?: string; data?: string; displayText?: string; text?: string; type: string };
};

function describe(message: LineMessage): string {
  if (message.type === 'text') return message.text;
  if (message.type === 'flex') {
    const texts: string[] = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const n = node as { type?: string; text?: string; contents?: unknown };
      if (n.type === 'text' && n.text) texts.push(n.text);
      if (Array.isArray(n.contents)) n.contents.forEach(walk);
      Object.values(n).forEach((v) => typeof v === 'object' && walk(v));
    };
    walk(message.contents);
    return `┌ ${[...new Set(texts)].join('\n│ ')}`;
  }
  return `(${message.type})`;
}

async function main() {
  const inProgramme = readCommandLine({
    usage: [
      '使い方: npm run chat [-- --in-programme]',
      '  ボットと端末で話します（LINE のチャネルは要りません）。番号を打つとクイックリプライを押せます。',
      '  --in-programme  マイナポイントの受付期間中の時刻で始める（BOT_NOW で時刻を選ぶこともできます）',
    ].join('\n'),
    language: 'ja',
    options: { 'in-programme': { type: 'boolean' } },
  }).values['in-programme'];
  const config = parseConfig(
    {
      ...process.env,
      LINE_CHANNEL_SECRET: '',
      LINE_CHANNEL_ACCESS_TOKEN: '',
      PORT: '0',
      ...(inProgramme ? { BOT_NOW: DEMO_MOMENT } : {}),
    },
    () => randomBytes(16).toString('hex'),
  );
  const logger = pino({ level: 'silent' });
  const transport = new LocalTransport(logger);
  const bot = await startBot(config, { transport, logger });
  const userId = `U${randomBytes(16).toString('hex')}`;
  let quick: QuickItem[] = [];
  const waiting = new Map<string, () => void>();
  transport.onReply((token, messages) => {
    for (const m of messages) console.log(`\n🤖 ${describe(m).replace(/\n/g, '\n   ')}`);
    quick = (messages.at(-1) as { quickReply?: { items: QuickItem[] } }).quickReply?.items ?? [];
    if (quick.length) console.log(`\n   ${quick.map((q, i) => `[${i + 1}] ${q.action.label}`).join('  ')}`);
    waiting.get(token)?.();
  });
  const send = async (event: object) => {
    const replyToken = randomBytes(16).toString('hex');
    const body = JSON.stringify({
      destination: 'Ulocal',
      events: [
        {
          ...event,
          replyToken,
          webhookEventId: randomBytes(13).toString('hex'),
          timestamp: Date.now(),
          source: { type: 'user', userId },
          mode: 'active',
          deliveryContext: { isRedelivery: false },
        },
      ],
    });
    const done = new Promise<void>((r) => {
      waiting.set(replyToken, r);
      setTimeout(r, 5000);
    });
    await fetch(`http://127.0.0.1:${bot.port}/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-line-signature': createHmac('sha256', config.line.channelSecret).update(body).digest('base64'),
      },
      body,
    });
    await done;
  };
  console.log(
    `${bot.content.city.botName}: local chat (store: ${config.database.kind}${config.botNow ? `, clock: ${formatJapanTime(config.botNow.getTime())} Japan time` : ''}). Ctrl+D to quit.`,
  );
  if ((config.botNow?.getTime() ?? Date.now()) >= programmeEnd(bot.content))
    console.log(
      `今日の日付では、マイナポイントの受付は終わっています（どの質問にも「終了しました」とお答えします）。\n受付期間中（${demoMomentLabel()}）を試すには: npm run chat -- --in-programme`,
    );
  await send({ type: 'follow', follow: { isUnblocked: false } });
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\n👤 ' });
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    const tapped = /^\d+$/.test(text) ? quick[Number(text) - 1] : undefined;
    if (tapped?.action.type === 'postback')
      await send({ type: 'postback', postback: { data: tapped.action.data } });
    else if (text)
      await send({
        type: 'message',
        message: { type: 'text', id: randomBytes(6).toString('hex'), quoteToken: 'q', text },
      });
    rl.prompt();
  }
  await bot.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
