import type { RunningServer } from '../../../server/app';
import { enrolProof, type Laptop, type TestOffice } from './office';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T & { error?: { code: string; message: string }; serverTime?: string };
}

/** A laptop's side of the wire, as plain HTTP (what renderer/… does, without the app). */
export class Api {
  constructor(
    readonly url: string,
    public token?: string,
  ) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  }

  push(entries: unknown[], blobs: unknown[] = []) {
    return this.call<{ accepted: string[]; refused: { id: string; code: string; reason: string }[]; missingBlobs: string[]; cursor: string }>('POST', '/v1/push', { entries, blobs });
  }

  pull(cursor?: string, limit?: number) {
    const q = new URLSearchParams();
    if (cursor) q.set('cursor', cursor);
    if (limit) q.set('limit', String(limit));
    return this.call<{ entries: { id: string }[]; blobs: { id: string; sha256: string }[]; cursor: string; hasMore: boolean; epoch: string }>('GET', `/v1/pull?${q}`);
  }

  /** Every page until hasMore is false; the ids in order. */
  async pullAll(cursor?: string, limit?: number): Promise<{ ids: string[]; cursor: string; pages: number }> {
    const ids: string[] = [];
    let pages = 0;
    for (;;) {
      const page = await this.pull(cursor, limit);
      if (page.status !== 200) throw new Error(`pull ${page.status}: ${JSON.stringify(page.body)}`);
      pages++;
      ids.push(...page.body.entries.map((e) => e.id));
      cursor = page.body.cursor;
      if (!page.body.hasMore) return { ids, cursor: cursor!, pages };
    }
  }
}

/** Creates the office on the server (if needed), makes a code for the laptop and enrols it: an Api with its token. */
export async function enrol(server: RunningServer, office: TestOffice, laptop: Laptop): Promise<Api> {
  const { code } = await server.store.makeEnrolCode(office.officeId, laptop.deviceId);
  const api = new Api(server.url);
  const res = await api.call<{ token: string }>('POST', '/v1/enrol', { officeId: office.officeId, code, deviceId: laptop.deviceId, proof: await enrolProof(laptop, office.officeId, code) });
  if (res.status !== 200) throw new Error(`enrol ${res.status}: ${JSON.stringify(res.body)}`);
  api.token = res.body.token;
  return api;
}
