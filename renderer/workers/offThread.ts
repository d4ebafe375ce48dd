/**
 * Runs a pure function in a Web Worker so the window never freezes on heavy
 * work (parsing spreadsheets, building documents, processing photos). Where
 * workers do not exist (unit tests in jsdom) the same function runs inline.
 */
export type WorkerReply<O> = { ok: true; result: O } | { ok: false; error: string };

export function offThread<I, O>(
  createWorker: (() => Worker) | null,
  inline: (input: I) => O | Promise<O>,
  input: I,
  transfer: Transferable[] = [],
): Promise<O> {
  if (!createWorker || typeof Worker === 'undefined') {
    return Promise.resolve().then(() => inline(input));
  }
  return new Promise<O>((resolve, reject) => {
    const worker = createWorker();
    worker.onmessage = (e: MessageEvent<WorkerReply<O>>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.result);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
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
