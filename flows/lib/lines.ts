import type { HandoffRoute, Lang } from '../purposes';

/**
 * The phone line a reply names: a resident writing in English, or in a language the bot does not read, is given
 * the multilingual line whatever the question; otherwise the city's line for its own services, else the hotline.
 */
export function lineFor(lang: Lang, route: HandoffRoute | null | undefined): HandoffRoute {
  if (lang === 'en' || route === 'multilingual') return 'multilingual';
  return route === 'city' ? 'city' : 'hotline';
}
