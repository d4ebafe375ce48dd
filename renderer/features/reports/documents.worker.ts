// The documents worker: one per window, kept alive so fonts stay loaded;
// jobs run one after another. Messages: { id, job } in; { id, progress } while
// working; { id, ok, result } or { id, ok: false, error } at the end.
import pdfMake from 'pdfmake/build/pdfmake';
import { createDocumentEngine, type DocumentJob } from './documentEngine';
import { downscaleJpeg } from './downscale';
import type { DocumentWorkerReply, DocumentWorkerRequest } from './documentProtocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<DocumentWorkerRequest>) => void) | null;
  postMessage(msg: DocumentWorkerReply, transfer?: Transferable[]): void;
};

const engine = createDocumentEngine({
  pdfMake,
  fetchBytes: async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  },
  downscale: downscaleJpeg,
});

let queue: Promise<void> = Promise.resolve();

async function handle(id: number, job: DocumentJob): Promise<void> {
  try {
    const result = await engine.run(job, (progress) => scope.postMessage({ id, progress }));
    scope.postMessage({ id, ok: true, result }, [result.bytes.buffer as ArrayBuffer]);
  } catch (err) {
    scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = (e) => {
  const { id, job } = e.data;
  queue = queue.then(() => handle(id, job));
};
