import { loadContent } from '../../src/content/load';
import { learnAndStore, storedModel } from '../../src/nlu/model-store';

/**
 * Learns once from the default city's examples and stores the model where the bot looks for it, as
 * `npm run build` does: every bot the tests start (in process or as `tsx src/main.ts`) then loads it instead of
 * spending seconds learning again. The key covers the content and the understanding's code, so a change to
 * either is learned anew.
 */
export default function storeModel(): void {
  const content = loadContent();
  if (storedModel(content).model) return;
  learnAndStore(content);
}
