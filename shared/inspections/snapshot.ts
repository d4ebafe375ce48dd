import { sha256Hex } from '../documents/sha256';
import { shortDateTime } from '../documents/text';
import type { Scheme } from '../scheme/model';
import { scoreAssessment, type ScoreOptions, type ScoreResult } from '../scoring/engine';
import type { Responses } from '../scoring/responses';

/**
 * The score of an assessment as it was submitted. A submitted assessment shows
 * this snapshot in lists, the score sheet and the report: later follow-up,
 * notices or a changed calendar never move it. Changing it takes an unlock
 * with a reason and a new submission, which makes a new version.
 */
export interface ScoreSnapshot {
  /** 1 for the first submission, 2 after an unlock and a new submission, … */
  version: number;
  /** ISO time of the submission and who submitted. */
  submittedAt: string;
  submittedBy: string;
  /** The content hash of the round's frozen scheme. */
  schemeHash: string;
  /** SHA-256 of the scheme hash and the responses: the version of the inputs. */
  inputsHash: string;
  /** The responses the score was computed from (derived rules included). */
  responses: Responses;
  /** The engine's result: total and every explanation line. */
  result: ScoreResult;
}

/** Canonical JSON: object keys sorted, so the same responses always hash the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function inputsHash(schemeHash: string, responses: Responses): string {
  return sha256Hex(canonical({ schemeHash, responses }));
}

export interface SnapshotInput {
  scheme: Scheme;
  schemeHash: string;
  responses: Responses;
  submittedAt: string;
  submittedBy: string;
  /** The snapshot of the previous submission, if any (its version + 1 is the new one). */
  previous?: Pick<ScoreSnapshot, 'version'> | null;
  options?: ScoreOptions;
}

export function takeSnapshot(input: SnapshotInput): ScoreSnapshot {
  const responses = structuredClone(input.responses);
  return {
    version: (input.previous?.version ?? 0) + 1,
    submittedAt: input.submittedAt,
    submittedBy: input.submittedBy,
    schemeHash: input.schemeHash,
    inputsHash: inputsHash(input.schemeHash, responses),
    responses,
    result: scoreAssessment(input.scheme, responses, input.options),
  };
}

/** Whether a snapshot is intact: its responses still give its recorded inputs hash. */
export function snapshotIntact(s: ScoreSnapshot): boolean {
  return inputsHash(s.schemeHash, s.responses) === s.inputsHash;
}

/** 评分版本：第2次提交，2024-07-08 09:11 — printed on every document that shows a submitted score. */
export function scoreVersionText(s: Pick<ScoreSnapshot, 'version' | 'submittedAt'> | null | undefined): string {
  if (!s) return '评分版本：评分中，未提交（分数可能变化）';
  return `评分版本：第${s.version}次提交，${shortDateTime(s.submittedAt)}`;
}

/**
 * What a screen or document shows for an assessment: the snapshot of a
 * submitted one, the live result of an open one.
 */
export function shownScore<T extends { status: string; scoreSnapshot?: ScoreSnapshot | null }>(
  assessment: T,
  live: () => { responses: Responses; result: ScoreResult },
): { responses: Responses; result: ScoreResult; snapshot: ScoreSnapshot | null } {
  const s = assessment.status === 'submitted' ? (assessment.scoreSnapshot ?? null) : null;
  if (s) return { responses: s.responses, result: s.result, snapshot: s };
  return { ...live(), snapshot: null };
}
