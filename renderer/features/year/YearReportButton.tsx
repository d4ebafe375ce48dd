import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import type { YearView } from '../../../shared/inspections/yearView';
import { getPlatform } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { generateDocument } from '../reports/documentClient';

/** 导出年度报告: the year view with its charts as a PDF (the charts drawn by the same builders as on screen). */
export function YearReportButton({ year, view }: { year: number; view: YearView }) {
  const { profile } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const result = await generateDocument({ kind: 'yearReport', year, view, organisation: profile?.organisation ?? '', asOf: new Date().toISOString() });
      await getPlatform().saveFile(result.fileName, result.bytes, [{ name: 'PDF 文件', extensions: ['pdf'] }]);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FilePdfOutlined />} loading={busy} onClick={() => void run()}>
      导出年度报告（PDF）
    </Button>
  );
}
