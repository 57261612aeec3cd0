import fs from 'node:fs';
import atami from './cities/atami.json';
import { contentSchema, type Content } from './schema';

export type { Content } from './schema';

export class ContentError extends Error {}

const formatDate = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const formatDateEn = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return `${MONTHS_EN[m - 1]} ${d}, ${y}`;
};

/** Facts derived from the structured fields, so that texts never restate a date or number by hand. */
function derivedFacts(c: Content, lang: 'ja' | 'en'): Record<string, string> {
  const date = lang === 'en' ? formatDateEn : formatDate;
  return {
    'programme.maxPointsText': c.programme.maxPoints.toLocaleString('en-US'),
    'programme.phase2StartText': date(c.programme.phase2Start),
    'programme.cardApplicationDeadlineText': date(c.programme.cardApplicationDeadline),
    'programme.pointDeadlineText': date(c.programme.pointDeadline),
  };
}

function lookup(c: Content, dotted: string): string | undefined {
  let node: unknown = c;
  for (const part of dotted.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' || typeof node === 'number' ? String(node) : undefined;
}

/**
 * Fills `{a.b}` placeholders from the content itself. Placeholders without a dot (`{nextOpen}`) are left for
 * the flows, which fill them from the clock.
 */
function resolvePlaceholders(c: Content): Content {
  const derived = { ja: derivedFacts(c, 'ja'), en: derivedFacts(c, 'en') };
  const problems: string[] = [];
  const fill = (lang: 'ja' | 'en', where: string, text: string) =>
    text.replace(/\{([a-zA-Z0-9]+(?:\.[a-zA-Z0-9]+)+)\}/g, (whole, name: string) => {
      const value = derived[lang][name] ?? lookup(c, name);
      if (value === undefined) problems.push(`${where}: unknown placeholder ${whole}`);
      return value ?? whole;
    });
  const fillAll = (lang: 'ja' | 'en', where: string, record: Record<string, string>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fill(lang, `${where}.${k}`, v)]));
  const texts = { ja: fillAll('ja', 'texts.ja', c.texts.ja), en: fillAll('en', 'texts.en', c.texts.en) };
  const units = c.knowledge.units.map((u, i) =>
    u.answer
      ? {
          ...u,
          answer: {
            ja: fill('ja', `knowledge.units.${i}.answer.ja`, u.answer.ja),
            en:
              u.answer.en === undefined
                ? undefined
                : fill('en', `knowledge.units.${i}.answer.en`, u.answer.en),
          },
        }
      : u,
  );
  const slotTexts = {
    ja: fillAll('ja', 'knowledge.slotTexts.ja', c.knowledge.slotTexts.ja),
    en: fillAll('en', 'knowledge.slotTexts.en', c.knowledge.slotTexts.en),
  };
  if (problems.length) throw new ContentError(`content: ${problems.join('; ')}`);
  return { ...c, texts, knowledge: { ...c.knowledge, units, slotTexts } };
}

export function parseContent(raw: unknown, origin: string): Content {
  const result = contentSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ContentError(`content file ${origin} is invalid:\n${lines.join('\n')}`);
  }
  return resolvePlaceholders(result.data);
}

/** The city's content: CONTENT_FILE when given, else the bundled Atami file. */
export function loadContent(file?: string): Content {
  if (file === undefined) return parseContent(atami, 'src/content/cities/atami.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentError(`content file ${file} could not be read as JSON: ${(error as Error).message}`);
  }
  return parseContent(raw, file);
}
