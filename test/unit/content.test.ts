import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import atami from '../../src/content/cities/atami.json';
import { ContentError, loadContent, parseContent } from '../../src/content/load';

const copy = () => JSON.parse(JSON.stringify(atami));

describe('city content', () => {
  it('loads Atami and fills placeholders from its own facts', () => {
    const c = loadContent();
    const answer = (id: string, lang: 'ja' | 'en' = 'ja') =>
      c.knowledge.units.find((u) => u.id === id)?.answer?.[lang];
    expect(answer('contact.hotline')).toContain('0120-95-0178');
    expect(answer('deadline.points')).toContain('2023年5月31日');
    expect(answer('deadline.points', 'en') ?? answer('deadline.overview', 'en')).toContain('May 31, 2023');
    const everyText = [
      ...Object.values(c.texts.ja),
      ...Object.values(c.texts.en),
      ...c.knowledge.units.flatMap((u) => [u.answer?.ja ?? '', u.answer?.en ?? '']),
      ...Object.values(c.knowledge.slotTexts.ja),
    ].join('');
    expect(everyText).not.toMatch(/\{[a-z]+\.[a-zA-Z.]+\}/);
  });

  it("answers every unit in English too, each with the page's line for English", () => {
    const c = loadContent();
    const missing = c.knowledge.units.filter(
      (u) => u.answer && !u.answer.en?.includes(c.phones.multilingual.number),
    );
    expect(missing.map((u) => u.id)).toEqual([]);
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
    delete bad.texts.ja.outOfScope;
    bad.knowledge.units[0].related = ['no.such.unit'];
    bad.knowledge.concepts.counter.push(bad.knowledge.concepts.where[0]);
    bad.programme.maxPoints = 30000;
    bad.knowledge.facets.push('noSuchConcept');
    bad.knowledge.askedOutright.push('counter');
    bad.knowledge.silentSituations.push('silent.noSuchSituation');
    bad.knowledge.subjects.push('noSuchSubject');
    bad.knowledge.units[0].gives = ['counter'];
    bad.knowledge.units[0].presumes = ['noSuchRequest'];
    bad.knowledge.together.push({ concepts: ['mask', 'noSuchWord'], means: 'silent.maskSupply' });
    bad.knowledge.together.push({
      concepts: ['mask', 'get'],
      means: 'silent.maskSupply',
      unless: ['noSuchOther'],
    });
    bad.knowledge.together.push({
      concepts: ['mask'],
      anyOf: ['get', 'noSuchAlternative'],
      means: 'silent.maskSupply',
    });
    bad.knowledge.together.push({ concepts: ['mask'], means: 'silent.maskSupply' });
    expect(() => parseContent(bad, 'bad.json')).toThrow(ContentError);
    try {
      parseContent(bad, 'bad.json');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/bad\.json/);
      expect(message).toMatch(/phones\.hotline\.number/);
      expect(message).toMatch(/texts\.ja\.outOfScope: missing answer text/);
      expect(message).toMatch(/knowledge\.units\.0\.related: unknown unit no\.such\.unit/);
      expect(message).toMatch(/"どこ" already belongs to/);
      expect(message).toMatch(/programme\.maxPoints: items add up to 20000/);
      expect(message).toMatch(/knowledge\.facets\.\d+: unknown concept noSuchConcept/);
      expect(message).toMatch(/knowledge\.askedOutright\.\d+: counter is not one of the facets/);
      expect(message).toMatch(/knowledge\.units\.0\.gives\.0: counter is not one of the facets/);
      expect(message).toMatch(/knowledge\.units\.0\.presumes\.0: unknown concept noSuchRequest/);
      expect(message).toMatch(/knowledge\.silentSituations\.\d+: unknown concept silent\.noSuchSituation/);
      expect(message).toMatch(/knowledge\.subjects\.\d+: unknown concept noSuchSubject/);
      expect(message).toMatch(/knowledge\.together\.\d+: unknown concept noSuchWord/);
      expect(message).toMatch(/knowledge\.together\.\d+: unknown concept noSuchOther/);
      expect(message).toMatch(/knowledge\.together\.\d+: unknown concept noSuchAlternative/);
      expect(message).toMatch(/knowledge\.together\.\d+: words said together are at least two/);
    }
  });

  it('keeps the phone numbers that residents may type in step with the phone lines', () => {
    const bad = copy();
    bad.phones.city.number = '0557-86-9999';
    expect(() => parseContent(bad, 'bad.json')).toThrow(
      /phones\.city\.number: 0557-86-9999 is not a form of any concept/,
    );
    expect(() => parseContent(bad, 'bad.json')).toThrow(
      /knowledge\.concepts\.cityOffice: 0557-86-6074 is not the number of any phone line/,
    );
  });

  it('refuses a unit answer with a placeholder that names no fact', () => {
    const bad = copy();
    bad.knowledge.units[1].answer.ja = '{phones.nowhere.number}';
    expect(() => parseContent(bad, 'bad.json')).toThrow(
      /knowledge\.units\.1\.answer\.ja: unknown placeholder/,
    );
  });

  it('has no phone number that the city page does not give', () => {
    const page = fs.readFileSync(
      path.join(__dirname, '../../../shared/seed/atami-mynapoint-page.txt'),
      'utf8',
    );
    const numbers =
      JSON.stringify(atami).match(/(?<![\d-])(?:0\d{1,4}-\d{1,4}-\d{3,4}|#\d{4}|\b188\b)/g) ?? [];
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of new Set(numbers)) expect(page).toContain(n);
  });

  it('refuses a text with a placeholder that names no fact', () => {
    const bad = copy();
    bad.texts.ja.thanks = '{phones.nowhere.number}';
    expect(() => parseContent(bad, 'bad.json')).toThrow(/unknown placeholder \{phones\.nowhere\.number\}/);
  });
});
