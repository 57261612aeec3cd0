import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import atami from '../../src/content/cities/atami.json';
import { ContentError, loadContent, parseContent } from '../../src/content/load';

const copy = () => JSON.parse(JSON.stringify(atami));

describe('city content', () => {
  it('loads Atami and fills placeholders from its own facts', () => {
    const c = loadContent();
    expect(c.texts.ja.hotline).toContain('0120-95-0178');
    expect(c.texts.ja.deadline).toContain('2023年5月31日');
    expect(Object.values(c.texts.ja).join('')).not.toMatch(/\{[a-z]+\.[a-zA-Z.]+\}/);
  });

  it('loads another city from CONTENT_FILE with no code change', () => {
    const other = copy();
    other.city.id = 'other-city';
    other.city.botName = 'ほか市 マイナポイント案内';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'content-')), 'other.json');
    fs.writeFileSync(file, JSON.stringify(other));
    expect(loadContent(file).texts.ja.welcome).toContain('ほか市');
  });

  it('stops with a clear message naming each problem', () => {
    const bad = copy();
    bad.phones.hotline.number = 'call us';
    delete bad.texts.ja.fraud;
    bad.programme.maxPoints = 30000;
    expect(() => parseContent(bad, 'bad.json')).toThrow(ContentError);
    try {
      parseContent(bad, 'bad.json');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/bad\.json/);
      expect(message).toMatch(/phones\.hotline\.number/);
      expect(message).toMatch(/texts\.ja\.fraud: missing answer text/);
      expect(message).toMatch(/programme\.maxPoints: items add up to 20000/);
    }
  });

  it('refuses a text with a placeholder that names no fact', () => {
    const bad = copy();
    bad.texts.ja.thanks = '{phones.nowhere.number}';
    expect(() => parseContent(bad, 'bad.json')).toThrow(/unknown placeholder \{phones\.nowhere\.number\}/);
  });
});
