import { loadContent } from '../../src/content/load';
import { analyse } from '../../src/nlu/analysis';
import { formsOf, Lexicon } from '../../src/nlu/lexicon';
import { createUnderstanding, type DialogueMemory } from '../../src/nlu';
import { readCommandLine, usageError } from '../lib/cli';

const cli = {
  usage: `usage: npm run nlu:explain -- "message" ["follow-up" …]
  The concepts, slots and scores of each message, each read against the one before (CONTENT_FILE picks the city).`,
  options: {},
  positionals: true,
  language: 'en' as const,
};
const { positionals: messages } = readCommandLine(cli);
if (messages.length === 0) usageError(cli, 'no message to explain');

/** `npm run nlu:explain -- "message" ["follow-up" …]`: the concepts, slots and scores of each message. */
const content = loadContent(process.env.CONTENT_FILE);
const lexicon = new Lexicon(content.knowledge.concepts);
const nlu = createUnderstanding(content);
let memory: DialogueMemory | null = null;
for (const text of messages) {
  const a = analyse(text, lexicon, new Set(content.knowledge.genericWords), content.knowledge.together);
  const u = nlu.understand(text, memory);
  memory = u.memory ?? memory;
  const found = [...lexicon.find(formsOf(text)).concepts].map(([c, f]) => `${c}<${f}>`);
  console.log(
    `\n${text}\n  concepts: ${found.join(' ')} ${[...a.concepts].filter((c) => c.startsWith('@')).join(' ')}\n  slots: ${JSON.stringify(a.slots)}\n  unknown words: ${a.unknownWords.join(' ')}`,
  );
  console.log(`  → ${u.units.join(' + ') || `handoff(${u.handoff})`}${u.followUp ? ' (follow-up)' : ''}`);
  for (const s of u.scores) console.log(`     ${s.score.toFixed(3)} ${s.unit}`);
}
