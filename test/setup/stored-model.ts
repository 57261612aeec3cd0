import { loadContent } from '../../src/content/load';
import { trainModel } from '../../src/nlu';
import { Lexicon } from '../../src/nlu/lexicon';
import { loadModel, MODEL_DIR, modelKey, saveModel } from '../../src/nlu/model-store';

/**
 * Learns once from the default city's examples and stores the model where the bot looks for it, as
 * `npm run build` does: every bot the tests start (in process or as `tsx src/main.ts`) then loads it instead of
 * spending seconds learning again. The key covers the content and the understanding's code, so a change to
 * either is learned anew.
 */
export default function storeModel(): void {
  const content = loadContent();
  const key = modelKey(content);
  if (loadModel(MODEL_DIR, key)) return;
  saveModel(MODEL_DIR, key, trainModel(content, new Lexicon(content.knowledge.concepts)));
}
