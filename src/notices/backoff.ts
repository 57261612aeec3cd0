/**
 * The wait before retry `attempt` (1 for the first retry): doubling from `baseMs`, with "equal jitter" (half the
 * wait fixed, half random). Without jitter every replica and every batch that LINE turned away at the same moment
 * (a 429 for the whole channel, a 5xx during an incident) comes back at the same moment, and is turned away again.
 */
export function backoffDelay(baseMs: number, attempt: number, random: () => number = Math.random): number {
  const ceiling = baseMs * 2 ** (attempt - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
