/**
 * The window's side of document generation: one long-lived worker (fonts stay
 * loaded between documents), jobs queued, progress reported. Where workers do
 * not exist the same engine runs inline.
 */
import { chooseSystemFonts, type SystemFontChoice } from '../../../shared/documents/pdfFonts';
import type { DesktopApi } from '../../../shared/ipc/desktopApi';
// Types only: the engine itself (pdfmake builders, docx, exceljs) runs in the worker, and is
// loaded into the window only where workers do not exist, so screens that merely offer a
// document do not load it.
import type { DocumentEngine, DocumentJob, DocumentProgress, DocumentRequest, DocumentResult } from './documentEngine';
import type { DocumentWorkerReply, DocumentWorkerRequest } from './documentProtocol';
import { DocumentCancelled } from './documentCancelled';

interface Pending {
  resolve(r: DocumentResult): void;
  reject(e: Error): void;
  onProgress?: (p: DocumentProgress) => void;
}

/** Free the worker (and its fonts) after this long without a job. */
const IDLE_MS = 10 * 60 * 1000;

let worker: Worker | null = null;
let nextId = 1;
let idleTimer: ReturnType<typeof setTimeout> | null = null;
const pending = new Map<number, Pending>();
/** System font files already sent to the current worker. */
const sentFonts = new Set<string>();
let inlineEngine: Promise<DocumentEngine> | null = null;

function fontsBaseUrl(): string {
  const base = typeof document !== 'undefined' ? document.baseURI : String(globalThis.location?.href ?? '');
  return new URL('fonts/', base).href;
}

function failAll(message: string): void {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./documents.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<DocumentWorkerReply>) => {
    const msg = e.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if ('progress' in msg) {
      p.onProgress?.(msg.progress);
      return;
    }
    pending.delete(msg.id);
    if (msg.ok) p.resolve({ ...msg.result, bytes: new Uint8Array(msg.result.bytes) });
    else p.reject(new Error(msg.error));
    scheduleIdle();
  };
  w.onerror = (e) => {
    e.preventDefault?.();
    disposeDocumentWorker();
    failAll(e.message ? `生成文档失败：${e.message}` : '生成文档失败，请重试');
  };
  sentFonts.clear();
  worker = w;
  return w;
}

function scheduleIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (pending.size === 0) disposeDocumentWorker();
  }, IDLE_MS);
}

/** Stops the worker (fonts are loaded again by the next job). */
export function disposeDocumentWorker(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  worker?.terminate();
  worker = null;
  sentFonts.clear();
}

/** Reads chosen system faces through the desktop API (only those the worker does not hold yet). */
async function systemFontBytes(choice: SystemFontChoice | undefined, skip: (file: string) => boolean): Promise<Record<string, Uint8Array>> {
  const desktop = (globalThis as { desktop?: DesktopApi }).desktop;
  const out: Record<string, Uint8Array> = {};
  if (!desktop || !choice) return out;
  for (const file of new Set(Object.values(choice).filter((f): f is string => !!f))) {
    if (skip(file)) continue;
    try {
      out[file] = await desktop.readSystemFont({ file });
    } catch {
      // Missing or unreadable: the engine falls back to the bundled face for that role.
    }
  }
  return out;
}

function transferables(request: DocumentRequest): Transferable[] {
  const seen = new Set<ArrayBufferLike>();
  if ('data' in request) for (const p of request.data.photos) if (p.jpeg) seen.add(p.jpeg.buffer);
  return [...seen].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

/**
 * Generates a document off the main thread. Photo bytes in the request are
 * transferred to the worker (the request's data should not be reused after).
 */
/** Installed official faces (desktop), listed once per window. */
let installed: Promise<string[]> | null = null;

async function systemChoice(request: DocumentRequest): Promise<SystemFontChoice> {
  // The year report uses the bundled faces only (no official faces); a workbook has none.
  if (request.kind === 'yearReport' || request.kind === 'ledger' || request.kind === 'scoreSheet') return {};
  const s = 'data' in request ? request.data.settings : 'rounds' in request ? request.rounds[0]?.settings : request.settings;
  if (!s) return {};
  const desktop = (globalThis as { desktop?: DesktopApi }).desktop;
  if (!desktop || s.preferInstalledFonts === false) return s.systemFonts ?? {};
  installed ??= desktop.listSystemFonts().then(
    (list) => list.map((f) => f.file),
    () => [],
  );
  return chooseSystemFonts(s.systemFonts ?? {}, await installed, true);
}

/** `work`, or a DocumentCancelled rejection as soon as `signal` aborts (then `onCancel` runs). */
function cancellable<T>(work: Promise<T>, signal: AbortSignal | undefined, onCancel?: () => void): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const cancel = () => {
      reject(new DocumentCancelled());
      onCancel?.();
    };
    if (signal.aborted) return cancel();
    signal.addEventListener('abort', cancel, { once: true });
    work.then(
      (r) => {
        signal.removeEventListener('abort', cancel);
        resolve(r);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', cancel);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * `signal` cancels the job: its promise rejects at once with DocumentCancelled.
 * A job cannot be interrupted inside the worker (a PDF is laid out in one
 * go), so the worker is stopped; jobs queued behind it are told to start again.
 */
export async function generateDocument(request: DocumentRequest, onProgress?: (p: DocumentProgress) => void, signal?: AbortSignal): Promise<DocumentResult> {
  if (signal?.aborted) throw new DocumentCancelled();
  const system = await systemChoice(request);
  if (signal?.aborted) throw new DocumentCancelled();
  if (typeof Worker === 'undefined') {
    inlineEngine ??= import('pdfmake/build/pdfmake').then(async (m) => {
      const [{ downscaleJpeg }, { createDocumentEngine }] = await Promise.all([import('./downscale'), import('./documentEngine')]);
      return createDocumentEngine({
        pdfMake: m.default,
        fetchBytes: async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer()),
        downscale: downscaleJpeg,
      });
    });
    const engine = await inlineEngine;
    const job: DocumentJob = { request, fonts: { baseUrl: fontsBaseUrl(), system, systemBytes: await systemFontBytes(system, engine.hasSystemFont) } };
    // Inline, the work itself cannot be stopped: its result is dropped.
    return cancellable(engine.run(job, (p) => !signal?.aborted && onProgress?.(p)), signal);
  }
  const w = getWorker();
  const systemBytes = await systemFontBytes(system, (f) => sentFonts.has(f));
  for (const f of Object.keys(systemBytes)) sentFonts.add(f);
  const id = nextId++;
  const job: DocumentJob = { request, fonts: { baseUrl: fontsBaseUrl(), system, systemBytes } };
  if (idleTimer) clearTimeout(idleTimer);
  const work = new Promise<DocumentResult>((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    const msg: DocumentWorkerRequest = { id, job };
    try {
      w.postMessage(msg, transferables(request));
    } catch (e) {
      pending.delete(id);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
  return cancellable(work, signal, () => {
    if (!pending.has(id)) return;
    pending.delete(id);
    // Stop the work; any other job still in this worker is refused with a reason.
    disposeDocumentWorker();
    failAll('另一份文档的生成已被取消，请重新生成本文档');
  });
}
