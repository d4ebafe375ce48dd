import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DocumentCancelled } from '../../../renderer/features/reports/documentCancelled';
import { disposeDocumentWorker, generateDocument } from '../../../renderer/features/reports/documentClient';
import type { DocumentRequest } from '../../../renderer/features/reports/documentEngine';
import type { DocumentWorkerRequest } from '../../../renderer/features/reports/documentProtocol';

/** A documents worker that takes jobs and answers only when told to. */
class HeldWorker {
  static all: HeldWorker[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  jobs: DocumentWorkerRequest[] = [];
  terminated = false;
  constructor() {
    HeldWorker.all.push(this);
  }
  postMessage(msg: DocumentWorkerRequest) {
    this.jobs.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(id: number, fileName: string) {
    this.onmessage?.({ data: { id, ok: true, result: { bytes: new Uint8Array([1]).buffer, fileName, mime: 'application/pdf' } } } as MessageEvent);
  }
}

const yearReport: DocumentRequest = { kind: 'yearReport', year: 2024, view: {} as never, organisation: '测试', asOf: '2024-12-31T00:00:00Z' };
const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 0));
};

beforeEach(() => {
  HeldWorker.all = [];
  vi.stubGlobal('Worker', HeldWorker);
});
afterEach(() => {
  disposeDocumentWorker();
  vi.unstubAllGlobals();
});

describe('cancelling a document', () => {
  it('rejects the job at once, stops the worker, and tells a job queued behind it to start again', async () => {
    const first = new AbortController();
    const a = generateDocument(yearReport, undefined, first.signal);
    const b = generateDocument(yearReport);
    await until(() => (HeldWorker.all[0]?.jobs.length ?? 0) === 2);
    const worker = HeldWorker.all[0];
    first.abort();
    await expect(a).rejects.toBeInstanceOf(DocumentCancelled);
    await expect(a).rejects.toThrow('已取消生成，未保存任何文件');
    await expect(b).rejects.toThrow('另一份文档的生成已被取消，请重新生成本文档');
    expect(worker.terminated).toBe(true);
    // A late answer of the stopped worker changes nothing; the next job gets a fresh worker.
    worker.reply(worker.jobs[0].id, 'late.pdf');
    const c = generateDocument(yearReport);
    await until(() => (HeldWorker.all[1]?.jobs.length ?? 0) === 1);
    HeldWorker.all[1].reply(HeldWorker.all[1].jobs[0].id, '年度报告.pdf');
    expect((await c).fileName).toBe('年度报告.pdf');
  });

  it('refuses a job whose signal was already cancelled without starting any work', async () => {
    const c = new AbortController();
    c.abort();
    await expect(generateDocument(yearReport, undefined, c.signal)).rejects.toBeInstanceOf(DocumentCancelled);
    expect(HeldWorker.all).toHaveLength(0);
  });

  it('a job that finishes before any cancel is kept as it is', async () => {
    const c = new AbortController();
    const p = generateDocument(yearReport, undefined, c.signal);
    await until(() => (HeldWorker.all[0]?.jobs.length ?? 0) === 1);
    HeldWorker.all[0].reply(HeldWorker.all[0].jobs[0].id, '年度报告.pdf');
    expect((await p).fileName).toBe('年度报告.pdf');
    c.abort();
    expect(HeldWorker.all[0].terminated).toBe(false);
  });
});
