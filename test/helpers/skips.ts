/**
 * A test that cannot run here (no PostgreSQL, no Chromium) is registered as skipped, with the reason in its
 * name, never run as an early `return` that jest counts as passed. The skipped-tests reporter
 * (test/reporters/skipped-tests.js) lists every skip loudly at the end, and fails the run when CI is set.
 */
export function describeUnless(reason: string | null): (name: string, body: () => void) => void {
  if (reason === null) return (name, body) => describe(name, body);
  return (name, body) => describe.skip(`${name} [skipped: ${reason}]`, body);
}
