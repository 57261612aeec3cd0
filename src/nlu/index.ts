import type { Topic } from '../../flows';
import { parseAnswer, parseControl } from './answers';
import { NgramClassifier, type Scored } from './classifier';
import { ENGLISH_EXAMPLES, JAPANESE_EXAMPLES } from './examples';
import { answerLanguage, detectScript } from './language';
import { canonical, fold } from './normalize';
import type { LanguageUnderstanding, Understanding } from './types';

export type { LanguageUnderstanding, Understanding } from './types';

export interface UnderstandingOptions {
  /** Below this score a message is not answered as a topic: it goes to the hand-off. */
  threshold?: number;
  /** Suggestions offered with the hand-off must score at least this. */
  suggestionFloor?: number;
}

const NOT_SUGGESTED: Topic[] = ['greeting', 'thanks', 'menu', 'outOfScope'];

export function createUnderstanding(options: UnderstandingOptions = {}): LanguageUnderstanding {
  const threshold = options.threshold ?? 0.38;
  const floor = options.suggestionFloor ?? 0.15;
  const japanese = new NgramClassifier(JAPANESE_EXAMPLES, canonical);
  const english = new NgramClassifier(ENGLISH_EXAMPLES, fold);

  const decide = (ranked: Scored[]) => {
    const best = ranked[0];
    const topic = best && best.score >= threshold ? best.topic : null;
    const suggestions = ranked
      .filter((r) => r.score >= floor && !NOT_SUGGESTED.includes(r.topic) && r.topic !== topic)
      .slice(0, 3)
      .map((r) => r.topic);
    const scores = ranked.slice(0, 5).map((r) => ({ topic: r.topic, score: Number(r.score.toFixed(3)) }));
    return { topic, confidence: best?.score ?? 0, suggestions, scores };
  };

  return {
    understand(text: string): Understanding {
      const script = detectScript(text);
      const lang = answerLanguage(script);
      if (script === 'otherLanguage') {
        return {
          lang,
          topic: 'multilingual',
          confidence: 1,
          scores: [],
          suggestions: [],
          answer: null,
          control: null,
        };
      }
      const control = parseControl(text);
      const answer = parseAnswer(text);
      if (script === 'english') {
        const { topic, confidence, suggestions, scores } = decide(english.rank(text));
        return { lang, topic: topic ?? 'multilingual', confidence, suggestions, scores, answer, control };
      }
      const { topic, confidence, suggestions, scores } = decide(japanese.rank(text));
      return { lang, topic, confidence, suggestions, scores, answer, control };
    },
  };
}
