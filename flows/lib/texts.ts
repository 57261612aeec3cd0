import type { Content } from '../content';
import type { Lang } from '../purposes';

/** The answer text in the resident's language, falling back to Japanese where no translation exists. */
export function textFor(
  content: Content,
  lang: Lang,
  key: string,
  vars: Record<string, string> = {},
): string {
  const template = (lang === 'en' ? content.texts.en[key] : undefined) ?? content.texts.ja[key];
  if (template === undefined) throw new Error(`content has no text "${key}"`);
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
