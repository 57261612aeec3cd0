import type { Content } from '../content/load';

const DAY_MS = 24 * 3600_000;

/**
 * A moment inside the programme for trying the bot (local chat, `npm run chat -- --in-programme`): the Wednesday
 * morning the README and the tests use, counters open. Checked against the content by a unit test.
 */
export const DEMO_MOMENT = '2023-04-12T10:00:00+09:00';

/** The end of the programme's last day, Japan time: from then on every answer says it has ended. */
export const programmeEnd = (content: Content): number =>
  Date.parse(`${content.programme.pointDeadline}T00:00:00+09:00`) + DAY_MS;

/** `2023/04/12(水) 10:00`: how the local chat and the terminal chat name the demo moment. */
export function demoMomentLabel(): string {
  const shifted = new Date(Date.parse(DEMO_MOMENT) + 9 * 3600_000);
  const iso = shifted.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '/')}(${'日月火水木金土'[shifted.getUTCDay()]}) ${iso.slice(11, 16)}`;
}
