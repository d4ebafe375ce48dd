import type { DocumentJob, DocumentProgress, DocumentResult } from './documentEngine';

export interface DocumentWorkerRequest {
  id: number;
  job: DocumentJob;
}

export type DocumentWorkerReply =
  | { id: number; progress: DocumentProgress }
  | { id: number; ok: true; result: DocumentResult }
  | { id: number; ok: false; error: string };
