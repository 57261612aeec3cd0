/** Raised when LINE has not answered a call within its deadline; the request itself is aborted too. */
export class DeadlineExceeded extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer from LINE within ${timeoutMs} ms (request aborted)`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Runs one call of @line/bot-sdk bounded by `timeoutMs`. The SDK (11.0.0) sets no timeout and takes no
 * AbortSignal, so a hung request would hold the caller (a resident's queue, a notice) and its socket for as
 * long as undici waits (minutes). Every SDK method calls the global `fetch` before its first `await`, so the
 * call is started with a `fetch` that carries an abort signal, and the global is put back before anything else
 * can run; the hung socket is then closed at the deadline. The race keeps the bound for the caller even if a
 * later SDK awaited before fetching.
 */
export async function withDeadline<T>(timeoutMs: number, call: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(timeoutMs)), timeoutMs);
  const expired = new Promise<never>((_resolve, reject) =>
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
  );
  const unbounded = globalThis.fetch;
  let pending: Promise<T>;
  globalThis.fetch = (input, init) => unbounded(input, { ...init, signal: controller.signal });
  try {
    pending = call();
  } catch (error) {
    clearTimeout(timer);
    throw error;
  } finally {
    globalThis.fetch = unbounded;
  }
  try {
    return await Promise.race([pending, expired]);
  } finally {
    clearTimeout(timer);
  }
}
