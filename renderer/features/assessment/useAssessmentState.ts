import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Finding } from '../../../shared/domain/findings';
import type { Assessment, ChecklistAnswer, IndicatorNote, Inspection, PhoneCallRow } from '../../../shared/domain/inspections';
import { withDerivedResponses } from '../../../shared/inspections/derived';
import { progressFromResult, type AssessmentProgress } from '../../../shared/inspections/progress';
import { scoreAssessment, type ScoreResult } from '../../../shared/scoring/engine';
import type { Responses, RuleResponse } from '../../../shared/scoring/responses';
import { useSession } from '../../store/sessionStore';
import { useWorkCalendar } from '../inspections/hooks';
import { AssessmentRepository } from './assessmentRepository';
import { AutosaveQueue, type SaveStatus } from './autosave';

interface Override {
  value: RuleResponse | null;
  version: number;
  written: boolean;
}

export interface AssessmentState {
  repo: AssessmentRepository;
  /** Responses typed in (what db.responses holds, plus edits not yet written). */
  stored: Responses;
  /** What the engine scores: stored responses with the derived ones (拨测 log, complaint cases, 通报) laid over. */
  responses: Responses;
  derived: Map<string, RuleResponse>;
  result: ScoreResult;
  progress: AssessmentProgress;
  notes: Map<string, string>;
  phoneCalls: PhoneCallRow[] | undefined;
  findings: Finding[] | undefined;
  checklist: ChecklistAnswer[] | undefined;
  loaded: boolean;
  locked: boolean;
  saveStatus: SaveStatus;
  setResponse(ruleId: string, value: RuleResponse | null, debounce?: boolean): void;
  setResponses(entries: [string, RuleResponse | null][]): void;
  setNote(indicatorId: string, text: string): void;
  /** Queue any write through the autosave indicator (e.g. 五统一 ticks). */
  autosave(key: string, write: () => Promise<void>, debounce?: boolean): void;
  flush(): Promise<void>;
}

/**
 * The live state of one assessment: responses from IndexedDB with local edits
 * laid over them until written (so the score updates on the keystroke, not on
 * the database round trip), derived responses, the score and the progress.
 */
export function useAssessmentState(inspection: Inspection, assessment: Assessment): AssessmentState {
  const { db, logger } = useSession();
  const aid = assessment.id;
  const repo = useMemo(() => new AssessmentRepository(db, logger), [db, logger]);
  const queue = useMemo(() => new AutosaveQueue(), []);
  const calendar = useWorkCalendar();

  const rows = useLiveQuery(() => db.responses.where('assessmentId').equals(aid).toArray(), [db, aid]);
  const noteRows = useLiveQuery(() => db.indicatorNotes.where('assessmentId').equals(aid).toArray(), [db, aid]);
  const phoneCalls = useLiveQuery(() => repo.phoneCalls(aid), [repo, aid]);
  const findings = useLiveQuery(() => db.findings.where('[assessmentId+deleted]').equals([aid, 0]).toArray(), [db, aid]);
  const checklist = useLiveQuery(() => repo.checklistAnswers(aid), [repo, aid]);
  // The records derived rules are fed from (拨测 counted by this round, the
  // year's complaint cases and 通报), read live: a rule fed by records is
  // answered from the moment the screen shows, not once syncDerived has
  // written its response.
  const { targetId } = assessment;
  const { kind, year, endDate } = inspection;
  const sources = useLiveQuery(() => repo.derivedInputs({ id: aid, targetId }, { kind, year, endDate }), [repo, aid, targetId, kind, year, endDate]);

  const [overrides, setOverrides] = useState<ReadonlyMap<string, Override>>(() => new Map());
  const version = useRef(0);

  // Once the database shows our writes, local edits are no longer needed.
  useEffect(() => {
    setOverrides((m) => {
      if (![...m.values()].some((o) => o.written)) return m;
      const next = new Map(m);
      for (const [k, o] of m) if (o.written) next.delete(k);
      return next;
    });
  }, [rows]);

  // Bring derived rules in line with their sources when the screen opens.
  useEffect(() => {
    void repo.syncDerived(aid).catch(() => undefined);
  }, [repo, aid]);

  // Nothing typed is lost: write pending text when leaving the screen or hiding the page.
  useEffect(() => {
    const onHide = () => void queue.flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void queue.flush();
    };
  }, [queue]);

  const saveStatus = useSyncExternalStore(
    useCallback((cb: () => void) => queue.subscribe(cb), [queue]),
    () => queue.getStatus(),
  );

  const stored = useMemo(() => {
    const out: Responses = {};
    for (const r of rows ?? []) if (r.response !== null) out[r.ruleId] = r.response;
    for (const [ruleId, o] of overrides) {
      if (o.value === null) delete out[ruleId];
      else out[ruleId] = o.value;
    }
    return out;
  }, [rows, overrides]);

  const { responses, derived } = useMemo(
    () => withDerivedResponses(inspection.scheme, stored, sources ?? { phoneCalls: [] }),
    [inspection.scheme, stored, sources],
  );
  const result = useMemo(() => scoreAssessment(inspection.scheme, responses, { calendar }), [inspection.scheme, responses, calendar]);
  const progress = useMemo(() => progressFromResult(result), [result]);
  const notes = useMemo(() => new Map((noteRows ?? []).map((n: IndicatorNote) => [n.indicatorId, n.text])), [noteRows]);

  const setResponse = useCallback(
    (ruleId: string, value: RuleResponse | null, debounce = false) => {
      const v = ++version.current;
      setOverrides((m) => new Map(m).set(ruleId, { value, version: v, written: false }));
      void queue.schedule(
        `r:${ruleId}`,
        async () => {
          try {
            await repo.setResponse(aid, ruleId, value);
            setOverrides((m) => {
              const o = m.get(ruleId);
              if (!o || o.version !== v) return m;
              return new Map(m).set(ruleId, { ...o, written: true });
            });
          } catch (e) {
            setOverrides((m) => {
              const o = m.get(ruleId);
              if (!o || o.version !== v) return m;
              const next = new Map(m);
              next.delete(ruleId);
              return next;
            });
            throw e;
          }
        },
        debounce,
      );
    },
    [queue, repo, aid],
  );

  const setResponses = useCallback(
    (entries: [string, RuleResponse | null][]) => {
      if (entries.length === 0) return;
      const v = ++version.current;
      setOverrides((m) => {
        const next = new Map(m);
        for (const [ruleId, value] of entries) next.set(ruleId, { value, version: v, written: false });
        return next;
      });
      const finish = (ok: boolean) =>
        setOverrides((m) => {
          const next = new Map(m);
          for (const [ruleId] of entries) {
            const o = next.get(ruleId);
            if (!o || o.version !== v) continue;
            if (ok) next.set(ruleId, { ...o, written: true });
            else next.delete(ruleId);
          }
          return next;
        });
      void queue.schedule(`batch:${v}`, async () => {
        try {
          await repo.setResponses(aid, entries);
          finish(true);
        } catch (e) {
          finish(false);
          throw e;
        }
      });
    },
    [queue, repo, aid],
  );

  const setNote = useCallback(
    (indicatorId: string, text: string) => {
      void queue.schedule(`n:${indicatorId}`, () => repo.setNote(aid, indicatorId, text), true);
    },
    [queue, repo, aid],
  );

  const autosave = useCallback((key: string, write: () => Promise<void>, debounce = false) => void queue.schedule(key, write, debounce), [queue]);
  const flush = useCallback(() => queue.flush(), [queue]);

  return {
    repo,
    stored,
    responses,
    derived,
    result,
    progress,
    notes,
    phoneCalls,
    findings,
    checklist,
    loaded: rows !== undefined && noteRows !== undefined && phoneCalls !== undefined && findings !== undefined && checklist !== undefined && sources !== undefined,
    locked: assessment.status === 'submitted',
    saveStatus,
    setResponse,
    setResponses,
    setNote,
    autosave,
    flush,
  };
}
