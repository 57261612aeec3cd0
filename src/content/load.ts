import fs from 'node:fs';
import atami from './cities/atami.json';
import { contentSchema, type Content } from './schema';

export type { Content } from './schema';

export class ContentError extends Error {}

const formatDate = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** Facts derived from the structured fields, so that texts never restate a date or number by hand. */
function derivedFacts(c: Content): Record<string, string> {
  return {
    'programme.maxPointsText': c.programme.maxPoints.toLocaleString('en-US'),
    'programme.phase2StartText': formatDate(c.programme.phase2Start),
    'programme.cardApplicationDeadlineText': formatDate(c.programme.cardApplicationDeadline),
    'programme.pointDeadlineText': formatDate(c.programme.pointDeadline),
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
  const derived = derivedFacts(c);
  const problems: string[] = [];
  const fill = (lang: string, key: string, text: string) =>
    text.replace(/\{([a-zA-Z0-9]+(?:\.[a-zA-Z0-9]+)+)\}/g, (whole, name: string) => {
      const value = derived[name] ?? lookup(c, name);
      if (value === undefined) problems.push(`texts.${lang}.${key}: unknown placeholder ${whole}`);
      return value ?? whole;
    });
  const texts = {
    ja: Object.fromEntries(Object.entries(c.texts.ja).map(([k, v]) => [k, fill('ja', k, v)])),
    en: Object.fromEntries(Object.entries(c.texts.en).map(([k, v]) => [k, fill('en', k, v)])),
  };
  if (problems.length) throw new ContentError(`content: ${problems.join('; ')}`);
  return { ...c, texts };
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
