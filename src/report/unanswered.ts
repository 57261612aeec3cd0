import { canonical } from '../nlu/normalize';
import type { UnansweredQuestion } from '../store/types';

export interface QuestionGroup {
  count: number;
  /** The first question of the group, as asked (redacted). */
  example: string;
  others: string[];
  /** The answer units the bot found closest, most often first. */
  nearUnits: string[];
  /** The phone lines the group's residents were sent to, most often first ("unknown" for old records). */
  routes: { route: string; count: number }[];
  lastAt: number;
}

/** How records kept before routes were are shown. */
export const UNKNOWN_ROUTE = 'unknown';

/** Hand-offs per phone line, most first: the report's first lines. */
export function countRoutes(questions: UnansweredQuestion[]): { route: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const q of questions)
    counts.set(q.route ?? UNKNOWN_ROUTE, (counts.get(q.route ?? UNKNOWN_ROUTE) ?? 0) + 1);
  return [...counts.entries()].map(([route, count]) => ({ route, count })).sort((a, b) => b.count - a.count);
}

function bigrams(text: string): Set<string> {
  const t = canonical(text);
  const out = new Set<string>();
  if (t.length === 1) out.add(t);
  for (let i = 0; i + 2 <= t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/** The key that recognises a group in later reports: its first question, normalised. */
export const groupKey = (example: string): string => canonical(example);

/** Whether a question belongs with a group's first question, by the same measure the grouping uses. */
export const alike = (a: string, b: string, threshold = 0.35): boolean =>
  similarity(bigrams(a), bigrams(b)) >= threshold;

/**
 * Groups questions the bot could not answer by how alike they are (character bigrams of the normalised text),
 * largest group first, so that staff see which answers to add next.
 */
export function groupUnanswered(questions: UnansweredQuestion[], threshold = 0.35): QuestionGroup[] {
  const groups: { grams: Set<string>; members: UnansweredQuestion[] }[] = [];
  for (const q of questions) {
    const grams = bigrams(q.text);
    const home = groups.find((g) => similarity(g.grams, grams) >= threshold);
    if (home) home.members.push(q);
    else groups.push({ grams, members: [q] });
  }
  return groups
    .map(({ members }) => {
      const unitCounts = new Map<string, number>();
      for (const m of members) {
        const best = m.scores[0];
        if (best) unitCounts.set(best.unit, (unitCounts.get(best.unit) ?? 0) + 1);
      }
      return {
        count: members.length,
        example: members[0]!.text,
        others: [...new Set(members.slice(1).map((m) => m.text))].slice(0, 3),
        nearUnits: [...unitCounts.entries()].sort((a, b) => b[1] - a[1]).map(([u]) => u),
        routes: countRoutes(members),
        lastAt: Math.max(...members.map((m) => m.at)),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}
