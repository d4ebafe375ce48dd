import { App } from 'antd';
import { useCallback, useState } from 'react';
import type { CheckReportInput } from '../../../shared/checks/reportWorkbook';
import { exportCheckReport } from './reports';

/** 导出检查报告: builds the Excel report off the main thread, saves it, and says how it went. */
export function useReportExport(): { exporting: boolean; exportReport: (input: CheckReportInput, fileName: string) => Promise<void> } {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const exportReport = useCallback(
    async (input: CheckReportInput, fileName: string) => {
      setExporting(true);
      try {
        if (await exportCheckReport(input, fileName)) message.success('检查报告已导出');
      } catch (e) {
        message.error(`导出失败：${e instanceof Error ? e.message : String(e)}`);
      } finally {
        setExporting(false);
      }
    },
    [message],
  );
  return { exporting, exportReport };
}
