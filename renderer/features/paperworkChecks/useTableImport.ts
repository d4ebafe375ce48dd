import { useCallback, useRef, useState } from 'react';
import type { ColumnMapping, MappingHelp, MappingProposal, TableKind } from '../../../shared/checks/columns';
import type { ImportError, ImportResult, SourceInfo, TableInput } from '../../../shared/checks/types';
import { headerSignature, type CheckRunRepository } from './checkRunRepository';

/** What every preview of shared/checks carries. */
export interface PreviewLike {
  source: SourceInfo;
  proposal: MappingProposal | null;
  needsMapping: boolean;
}

export type PreviewFn<P> = (input: TableInput, mapping: ColumnMapping | undefined, sheetName: string | undefined, signal?: AbortSignal) => Promise<ImportResult<P> & { help?: MappingHelp }>;

export interface TableImportState<P> {
  status: 'idle' | 'parsing' | 'error' | 'ready';
  /** Name of the file (or label of the pasted table) being read. */
  label: string;
  input: TableInput | null;
  preview: P | null;
  error: ImportError | null;
  /** Sample rows and a guess, when no header row was found. */
  help: MappingHelp | null;
  /** The mapping applied (null: automatic). */
  mapping: ColumnMapping | null;
  /** The mapping came from an earlier file with the same columns. */
  recalled: boolean;
}

const IDLE = { status: 'idle', label: '', input: null, preview: null, error: null, help: null, mapping: null, recalled: false } as const;

function inputLabel(input: TableInput): string {
  return 'bytes' in input ? input.fileName : (input.label ?? '粘贴的表格');
}

/**
 * Reading one table for a check: parse off the main thread, apply the mapping
 * remembered for the same columns, and let the inspector map columns by hand.
 * Nothing here writes check results: a preview only.
 */
export function useTableImport<P extends PreviewLike>(kind: TableKind, repo: CheckRunRepository, run: PreviewFn<P>) {
  const [state, setState] = useState<TableImportState<P>>(IDLE);
  const seq = useRef(0);
  const reading = useRef<AbortController | null>(null);
  /** A new reading: the one under way (if any) is cancelled. */
  const begin = () => {
    reading.current?.abort();
    reading.current = new AbortController();
    return reading.current.signal;
  };

  const load = useCallback(
    async (input: TableInput) => {
      const n = ++seq.current;
      const signal = begin();
      const label = inputLabel(input);
      setState({ ...IDLE, status: 'parsing', label, input });
      try {
        let r = await run(input, undefined, undefined, signal);
        let mapping: ColumnMapping | null = null;
        let recalled = false;
        const headers = r.ok ? r.value.proposal?.headers : r.help?.proposal.headers;
        if (headers && headers.length) {
          const remembered = await repo.recallMapping(kind, headerSignature(headers));
          if (remembered) {
            const sheet = r.ok ? r.value.source.sheetName : r.help?.sheetName;
            const again = await run(input, remembered, sheet || undefined, signal);
            if (again.ok) {
              r = again;
              mapping = remembered;
              recalled = true;
            }
          }
        }
        if (n !== seq.current) return;
        if (r.ok) setState({ status: 'ready', label, input, preview: r.value, error: null, help: null, mapping, recalled });
        else setState({ status: 'error', label, input, preview: null, error: r.error, help: r.help ?? null, mapping: null, recalled: false });
      } catch (e) {
        if (n !== seq.current || signal.aborted) return;
        setState({ ...IDLE, status: 'error', label, input, error: { code: 'NOT_A_TABLE', message: `读取失败：${e instanceof Error ? e.message : String(e)}`, fileName: label } });
      }
    },
    [kind, repo, run],
  );

  /**
   * Reads the table again with a mapping made by hand; remembers it for files
   * with the same columns when it works. Returns the error message, if any.
   */
  const applyMapping = useCallback(
    async (mapping: ColumnMapping): Promise<string | null> => {
      const current = state;
      if (!current.input) return '请先导入表格';
      const n = ++seq.current;
      const sheet = current.preview?.source.sheetName || current.help?.sheetName || undefined;
      const signatureHeaders = current.preview?.proposal?.headers ?? current.help?.proposal.headers ?? [];
      const signal = begin();
      setState((s) => ({ ...s, status: 'parsing' }));
      let r: Awaited<ReturnType<PreviewFn<P>>>;
      try {
        r = await run(current.input, mapping, sheet, signal);
      } catch (e) {
        if (n !== seq.current || signal.aborted) return null;
        throw e;
      }
      if (n !== seq.current) return null;
      if (!r.ok) {
        setState((s) => ({ ...s, status: current.status === 'parsing' ? 'error' : current.status }));
        return r.error.message;
      }
      if (signatureHeaders.length) await repo.rememberMapping(kind, headerSignature(signatureHeaders), mapping);
      setState({ status: 'ready', label: current.label, input: current.input, preview: r.value, error: null, help: null, mapping, recalled: false });
      return null;
    },
    [kind, repo, run, state],
  );

  /** Shows a preview computed elsewhere (hand-entered rows). */
  const setPreview = useCallback((preview: P | null) => {
    ++seq.current;
    setState(preview ? { ...IDLE, status: 'ready', label: preview.source.fileName, preview } : IDLE);
  }, []);

  const reset = useCallback(() => {
    ++seq.current;
    reading.current?.abort();
    setState(IDLE);
  }, []);

  /**
   * 取消 while a big file is read: the reading stops (its worker is ended) and
   * the tab is as before the file was chosen. Reading writes nothing, so nothing
   * is left half-written.
   */
  const cancel = reset;

  return { state, load, applyMapping, setPreview, reset, cancel };
}
