import type { PhotoAnalysis } from '../../../shared/photos/analyse';
import type { RenderedPhoto } from './photoRender';

/** Messages between the window and the long-lived photo worker. */
export type PhotoWorkerRequest =
  | { id: number; op: 'init'; fontUrl: string | null }
  | { id: number; op: 'analyse'; buffer: ArrayBuffer }
  | { id: number; op: 'render'; token: string; watermark: string[] | null }
  | { id: number; op: 'discard'; token: string };

export type PhotoWorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

export interface AnalysedPhoto {
  /** Names the original kept in the worker until it is rendered or discarded. */
  token: string;
  analysis: PhotoAnalysis;
}

export type { RenderedPhoto };
