import { ACCESS_TOKEN, sleep, startBot, stopBot } from './lib/bot';
import { startFaultyLine } from './lib/fakeLine';
import { sendLoad } from './lib/load';
import { inboxRows, settle } from './lib/outcomes';
import { freshSchemaUrl } from './lib/postgres';
import { tally } from './lib/tally';
import type { Scale, ScenarioResult } from './scale';

const LEASE_MS = 2_000;
// The longest wait before a pause, and the longest pause: the load lasts through every pause.
const MAX_WAIT_MS = 1_500;
const MAX_PAUSE_MS = LEASE_MS * 2 + 1_000;

/**
 * Two replicas on one PostgreSQL; one is paused (SIGSTOP) for twice its lease while residents write to both, then
 * resumed. The other takes its events over; what the paused one decided meanwhile is refused by the store.
 */
export async function replicasScenario(scale: Scale): Promise<ScenarioResult> {
  const line = await startFaultyLine(ACCESS_TOKEN);
  const databaseUrl = await freshSchemaUrl();
  const env = { EVENT_LEASE_MS: String(LEASE_MS) };
  const a = await startBot({ databaseUrl, lineBaseUrl: line.baseUrl, env });
  const b = await startBot({ databaseUrl, lineBaseUrl: line.baseUrl, env });
  let loading = true;
  let pauses = 0;
  const pauser = (async () => {
    while (loading && pauses < scale.pauses) {
      await sleep(500 + Math.random() * (MAX_WAIT_MS - 500));
      if (!loading) break;
      a.child.kill('SIGSTOP');
      await sleep(LEASE_MS * 2 + Math.random() * (MAX_PAUSE_MS - LEASE_MS * 2));
      a.child.kill('SIGCONT');
      pauses++;
    }
  })();
  try {
    const started = Date.now();
    const events = Math.floor(scale.events / 2);
    // Spread over every pause and a second after it, so that no run ends before its replica was paused.
    const loadMs = scale.pauses * (MAX_WAIT_MS + MAX_PAUSE_MS) + 1_000;
    const { events: sent } = await sendLoad({
      // Half of the residents' webhooks go to each replica first; one that does not answer gets a redelivery.
      ports: () => (Math.random() < 0.5 ? [a.port, b.port] : [b.port, a.port]),
      residentCount: Math.max(20, Math.floor(scale.residents / 2)),
      events,
      concurrency: 8,
      deadline: started + scale.timeLimitMs,
      ratePerSecond: events / (loadMs / 1000),
    });
    loading = false;
    await pauser;
    const ids = sent.filter((e) => e.acknowledged).map((e) => e.id);
    await settle(databaseUrl, ids, 60_000);
    await sleep(1_000);
    const figures = tally(sent, line, await inboxRows(databaseUrl, ids));
    return {
      figures,
      // A run in which the replica was never paused proved nothing about fencing.
      ok: pauses === scale.pauses,
      note: `${pauses} of ${scale.pauses} pauses of ~${(LEASE_MS * 2) / 1000} s past a ${LEASE_MS / 1000} s lease, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    };
  } finally {
    loading = false;
    await pauser.catch(() => undefined);
    a.child.kill('SIGCONT');
    await stopBot(a);
    await stopBot(b);
    await line.close();
  }
}
