import { App, Button, Progress, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { DocumentCancelled } from './documentCancelled';
import { generateDocument } from './documentClient';
import type { DocumentProgress, DocumentRequest, DocumentResult } from './documentEngine';

/** The stage shown while the file is being saved. */
export const SAVING = '保存文件';

interface Running {
  label: string;
  progress: DocumentProgress;
}

export interface DocumentJobControls {
  /** Whether a document is being generated or saved. */
  busy: boolean;
  /**
   * Gathers the request (`make`), generates the document with progress, then
   * hands it to `deliver` (save, print) while 保存文件 shows. A cancelled job
   * ends quietly; any other failure is shown in plain words.
   */
  run(label: string, make: () => Promise<DocumentRequest>, deliver: (result: DocumentResult) => Promise<void>): Promise<void>;
  /** The progress bar with its 取消 button while a job runs, else null. */
  view: ReactNode;
}

/**
 * A long document (a report with photos, a year's 通报, a workbook of
 * thousands of rows) shows its progress and can be cancelled. A document
 * writes nothing to the database, so a cancelled one leaves nothing behind.
 */
export function useDocumentJob(): DocumentJobControls {
  const { message } = App.useApp();
  const [running, setRunning] = useState<Running | null>(null);
  const controller = useRef<AbortController | null>(null);
  // Leaving the screen cancels its document.
  useEffect(() => () => controller.current?.abort(), []);

  /** The document, or null when the person cancelled it. */
  const start = useCallback(async (label: string, make: () => Promise<DocumentRequest>): Promise<DocumentResult | null> => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setRunning({ label, progress: { stage: '读取数据', fraction: 0 } });
    try {
      const request = await make();
      if (c.signal.aborted) return null;
      return await generateDocument(request, (progress) => !c.signal.aborted && setRunning({ label, progress }), c.signal);
    } catch (e) {
      if (e instanceof DocumentCancelled || c.signal.aborted) return null;
      throw e;
    }
  }, []);
  const run = useCallback(
    async (label: string, make: () => Promise<DocumentRequest>, deliver: (result: DocumentResult) => Promise<void>) => {
      try {
        const result = await start(label, make);
        if (!result) return;
        setRunning({ label, progress: { stage: SAVING, fraction: 1 } });
        await deliver(result);
      } catch (e) {
        message.error(e instanceof Error ? e.message : String(e));
      } finally {
        controller.current = null;
        setRunning(null);
      }
    },
    [start, message],
  );
  const cancel = () => {
    controller.current?.abort();
    setRunning(null);
    message.info(new DocumentCancelled().message);
  };

  const view = running ? (
    <div className="zw-reports-progress" role="status" style={{ minWidth: 320 }}>
      <Progress percent={Math.round(running.progress.fraction * 100)} status="active" />
      <Space>
        <Typography.Text type="secondary">
          正在生成{running.label}：{running.progress.stage}…
        </Typography.Text>
        {/* While saving, the save dialog has its own 取消. */}
        {running.progress.stage !== SAVING ? (
          <Button size="small" onClick={cancel}>
            取消
          </Button>
        ) : null}
      </Space>
    </div>
  ) : null;
  return { busy: running !== null, run, view };
}
