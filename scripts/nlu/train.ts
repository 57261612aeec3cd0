/**
 * Part of `npm run build`: learns from the examples of every city file in src/content/cities (and CONTENT_FILE,
 * when set) and stores the model in dist/nlu-models, so that the bot does not spend seconds learning at each
 * start. The bot checks that a model was made for its content and code, and learns at start when none was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../src/content/load';
import { createUnderstanding } from '../../src/nlu';
import { learnAndStore, loadModel, MODEL_DIR } from '../../src/nlu/model-store';
import { readCommandLine } from '../lib/cli';

readCommandLine({
  usage: `usage: node dist/scripts/nlu/train.js   (run by npm run build)
  Learns from the examples of every city file in src/content/cities, and of CONTENT_FILE when it is set, and
  stores each model in dist/nlu-models.`,
  options: {},
  language: 'en',
});

// Read back and compared with what was learned: a model that does not answer the same is not kept.
const PROBES = [
  '受付時間を教えてください',
  'まどぐち なんじに あく',
  '母の代わりに聞きます。持ち物は？',
  '駐車場はありますか',
];

const citiesDir = path.resolve(__dirname, '..', '..', '..', 'src', 'content', 'cities');
const files = [
  ...fs
    .readdirSync(citiesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(citiesDir, f)),
  ...(process.env.CONTENT_FILE ? [path.resolve(process.env.CONTENT_FILE)] : []),
];
for (const file of files) {
  const started = Date.now();
  const content = loadContent(file);
  const { file: saved, key, model } = learnAndStore(content);
  const learned = createUnderstanding(content, { model });
  const stored = createUnderstanding(content, { model: loadModel(MODEL_DIR, key) ?? undefined });
  for (const probe of PROBES) {
    const [a, b] = [learned, stored].map((u) => JSON.stringify(u.understand(probe)));
    if (a !== b) {
      fs.rmSync(saved);
      throw new Error(`the stored model answers 「${probe}」 otherwise than the one learned: ${b} / ${a}`);
    }
  }
  console.log(
    `${path.relative(process.cwd(), file)}: ${path.relative(process.cwd(), saved)} (${Date.now() - started} ms)`,
  );
}
