import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import type { YearView } from '../../../shared/inspections/yearView';
import { getPlatform } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { useDocumentJob } from '../reports/useDocumentJob';

/** 导出年度报告: the year view with its charts as a PDF (the charts drawn by the same builders as on screen), with progress and 取消. */
export function YearReportButton({ year, view }: { year: number; view: YearView }) {
  const { profile } = useSession();
  const { message } = App.useApp();
  const job = useDocumentJob();
  const run = () =>
    job.run('年度报告', async () => ({ kind: 'yearReport', year, view, organisation: profile?.organisation ?? '', asOf: new Date().toISOString() }), async (result) => {
      if (await getPlatform().saveFile(result.fileName, result.bytes, [{ name: 'PDF 文件', extensions: ['pdf'] }])) message.success(`已保存：${result.fileName}`);
    });
  return (
    <>
      <Button icon={<FilePdfOutlined />} loading={job.busy} onClick={() => void run()}>
        导出年度报告（PDF）
      </Button>
      {job.view}
    </>
  );
}
