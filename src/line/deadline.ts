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
  let onAbort = () => {};
  const expired = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(controller.signal.reason);
    controller.signal.addEventListener('abort', onAbort, { once: true });
  });
  const unbounded = globalThis.fetch;
  let pending: Promise<T>;
  globalThis.fetch = (input, init) => unbounded(input, { ...init, signal: controller.signal });
  try {
    pending = call();
  } catch (error) {
    clearTimeout(timer);
    controller.signal.removeEventListener('abort', onAbort);
    throw error;
  } finally {
    globalThis.fetch = unbounded;
  }
  try {
    return await Promise.race([pending, expired]);
  } finally {
    clearTimeout(timer);
    // undici keeps the signal until a later garbage collection: without this, the listener would keep the
    // race, and through it the whole response, alive that long (measured: ~10 KB per reply under load).
    controller.signal.removeEventListener('abort', onAbort);
  }
}
