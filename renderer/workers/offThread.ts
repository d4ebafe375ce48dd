/**
 * Runs a pure function in a Web Worker so the window never freezes on heavy
 * work (parsing spreadsheets, building documents, processing photos). Where
 * workers do not exist (unit tests in jsdom) the same function runs inline.
 */
export type WorkerReply<O> = { ok: true; result: O } | { ok: false; error: string };

/** The message a cancelled job rejects with. */
export const CANCELLED_MESSAGE = '已取消';

export function isCancelled(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

function cancelled(): Error {
  const e = new Error(CANCELLED_MESSAGE);
  e.name = 'AbortError';
  return e;
}

/**
 * `signal` cancels the job: the worker is stopped at once (whatever it was
 * doing is dropped with it) and the promise rejects with an AbortError.
 */
export function offThread<I, O>(
  createWorker: (() => Worker) | null,
  inline: (input: I) => O | Promise<O>,
  input: I,
  transfer: Transferable[] = [],
  signal?: AbortSignal,
): Promise<O> {
  if (signal?.aborted) return Promise.reject(cancelled());
  if (!createWorker || typeof Worker === 'undefined') {
    const work = Promise.resolve().then(() => inline(input));
    if (!signal) return work;
    return new Promise<O>((resolve, reject) => {
      const onAbort = () => reject(cancelled());
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (v) => (signal.aborted ? reject(cancelled()) : resolve(v)),
        (e) => reject(signal.aborted ? cancelled() : e),
      ).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
  return new Promise<O>((resolve, reject) => {
    const worker = createWorker();
    const onAbort = () => {
      worker.terminate();
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    worker.onmessage = (e: MessageEvent<WorkerReply<O>>) => {
      done();
      if (e.data.ok) resolve(e.data.result);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      done();
      reject(new Error(e.message || '后台处理失败'));
    };
    worker.postMessage(input, transfer);
  });
}

/** Worker side: answer each message with the function's result or its error message. */
export function serveInWorker<I, O>(fn: (input: I) => O | Promise<O>): void {
  const scope = self as unknown as { onmessage: ((e: MessageEvent<I>) => void) | null; postMessage(msg: unknown): void };
  scope.onmessage = async (e) => {
    try {
      scope.postMessage({ ok: true, result: await fn(e.data) } satisfies WorkerReply<O>);
    } catch (err) {
      scope.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply<O>);
    }
  };
}
