import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Content } from '../content/schema';
import { Lexicon } from './lexicon';
import { trainModel, type TrainedModel } from './training';

// Bumped when the file's layout changes.
const FORMAT = 1;
// The dictionary and its version decide how every example reads.
const TOKENIZER = (() => {
  const manifest = path.join(path.dirname(require.resolve('lindera-wasm-nodejs-ipadic')), 'package.json');
  const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
    name: string;
    version: string;
  };
  return `${name}@${version}`;
})();

/** Where `npm run build` leaves the models it trained: dist/nlu-models, beside the compiled dist/src. */
export const MODEL_DIR = path.resolve(__dirname, '..', '..', 'nlu-models');

/**
 * A model's name: it changes with the content's knowledge, with the understanding's own code (this folder, as
 * compiled) and with the tokenizer, so a model is never used by code or content it was not trained for.
 */
export function modelKey(content: Content): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\n${TOKENIZER}\n`);
  hash.update(JSON.stringify(content.knowledge));
  const code = fs
    .readdirSync(__dirname)
    .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  for (const file of code) hash.update(`\n${file}\n`).update(fs.readFileSync(path.join(__dirname, file)));
  return hash.digest('hex').slice(0, 32);
}

const fileOf = (dir: string, key: string) => path.join(dir, `${key}.model`);

/**
 * One file: the length of a JSON header (4 bytes), the header (everything but the classifier's weights), then
 * the weights as 32-bit floats. Written beside and renamed, so a reader never sees half a file.
 */
export function saveModel(dir: string, key: string, model: TrainedModel): string {
  const { weights, ...classifier } = model.classifier;
  const header = Buffer.from(JSON.stringify({ format: FORMAT, ...model, classifier }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const body = Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength);
  fs.mkdirSync(dir, { recursive: true });
  const file = fileOf(dir, key);
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, Buffer.concat([length, header, body]));
  fs.renameSync(partial, file);
  return file;
}

/** The stored model of this key, or null when there is none; a file that cannot be read throws. */
export function loadModel(dir: string, key: string): TrainedModel | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(fileOf(dir, key));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as Omit<
    TrainedModel,
    'classifier'
  > & {
    format: number;
    classifier: Omit<TrainedModel['classifier'], 'weights'>;
  };
  if (header.format !== FORMAT) throw new Error(`model format ${header.format}, expected ${FORMAT}`);
  const start = 4 + length;
  // Copied out, so that the floats are aligned (a Float32Array needs an offset divisible by 4).
  const weights = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length),
  );
  const { format: _format, ...model } = header;
  return { ...model, classifier: { ...header.classifier, weights } };
}

/**
 * The model stored for this content and this code, if `npm run build` trained one; `why` says why not (the
 * understanding then trains at start, which takes a few seconds longer).
 */
export function storedModel(
  content: Content,
  dir = MODEL_DIR,
): { model: TrainedModel; why?: undefined } | { model: undefined; why: string } {
  const key = modelKey(content);
  try {
    const model = loadModel(dir, key);
    if (model) return { model };
    return { model: undefined, why: `no model ${key} in ${dir} (npm run build stores one per city file)` };
  } catch (error) {
    return { model: undefined, why: `model ${key} could not be read: ${(error as Error).message}` };
  }
}

/**
 * Learns from the content's examples and stores the model under its key in `dir`, where the bot looks for it:
 * what `npm run build` does for every city file, and the tests' global setup for the default one.
 */
export function learnAndStore(
  content: Content,
  dir = MODEL_DIR,
): { file: string; key: string; model: TrainedModel } {
  const key = modelKey(content);
  const model = trainModel(content, new Lexicon(content.knowledge.concepts));
  return { file: saveModel(dir, key, model), key, model };
}
