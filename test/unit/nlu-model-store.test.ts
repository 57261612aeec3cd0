import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../../src/content/load';
import { createUnderstanding, type TrainedModel } from '../../src/nlu';
import { SoftmaxClassifier } from '../../src/nlu/classifier';
import { learnAndStore, loadModel, modelKey, saveModel, storedModel } from '../../src/nlu/model-store';

const content = loadContent();
const MESSAGES = [
  '受付時間を教えてください',
  'まどぐち なんじに あく',
  '母の代わりに聞きます。持ち物は何が要りますか',
  '駐車場はありますか',
  'Where is the counter?',
  '来週の月曜の午後は開いてる？あと場所も',
];

describe('the model learned from the examples, stored by the build', () => {
  let dir: string;
  let model: TrainedModel;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nlu-models-'));
    ({ model, file } = learnAndStore(content, dir));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers every message exactly as the understanding that learned at start, once stored and read back', () => {
    expect(path.dirname(file)).toBe(dir);
    expect(path.basename(file)).toContain(modelKey(content));
    const stored = storedModel(content, dir);
    expect(stored.why).toBeUndefined();
    const fresh = createUnderstanding(content);
    const restored = createUnderstanding(content, { model: stored.model });
    for (const text of MESSAGES) {
      const memory = fresh.understand('本庁舎の窓口は何時から').memory;
      expect(restored.understand(text)).toEqual(fresh.understand(text));
      expect(restored.understand('南熱海支所も？', memory)).toEqual(
        fresh.understand('南熱海支所も？', memory),
      );
    }
  });

  it('refuses to be used where examples are left out or the classifier is trained otherwise', () => {
    expect(() => createUnderstanding(content, { model, exclude: () => true })).toThrow(
      /cannot leave examples out/,
    );
    expect(() => createUnderstanding(content, { model, classifier: { epochs: 1 } })).toThrow(/stored model/);
  });

  it('is named after the knowledge it was learned from: other content never uses it', () => {
    const other = structuredClone(content);
    other.knowledge.units[0]!.examples.push('新しい言い方の例');
    expect(modelKey(other)).not.toBe(modelKey(content));
    expect(modelKey(structuredClone(content))).toBe(modelKey(content));
    saveModel(dir, modelKey(content), model);
    expect(storedModel(other, dir)).toEqual({
      model: undefined,
      why: expect.stringContaining(`no model ${modelKey(other)}`),
    });
  });

  it('says why when there is no model, or one that cannot be read, so the bot learns at start instead', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'nlu-models-'));
    expect(loadModel(empty, modelKey(content))).toBeNull();
    fs.writeFileSync(path.join(empty, `${modelKey(content)}.model`), Buffer.from([3, 0, 0, 0, 0x7b, 0x7d]));
    expect(storedModel(content, empty).why).toMatch(/could not be read: model format undefined/);
    fs.writeFileSync(path.join(empty, `${modelKey(content)}.model`), 'not a model');
    expect(storedModel(content, empty).why).toMatch(/could not be read/);
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('refuses a classifier whose weights do not fit its features and labels', () => {
    expect(() =>
      SoftmaxClassifier.restore({ labels: ['a', 'b'], features: ['bias'], weights: new Float32Array(3) }),
    ).toThrow('a stored classifier has 3 weights for 1 features × 2 labels');
  });
});
