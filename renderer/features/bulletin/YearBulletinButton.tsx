import { App, Button } from 'antd';
import { useState } from 'react';
import type { DocumentRequest } from '../reports/documentEngine';
import { BulletinModal, type BulletinRequestValues } from '../reports/BulletinModal';
import { useDocumentJob } from '../reports/useDocumentJob';
import { gatherRoundData, readNoticeSettings } from '../reports/gatherRoundData';
import { getPlatform } from '../../platform';
import { useSession } from '../../store/sessionStore';
import type { InspectorDatabase } from '../../db/database';

/** The request for a year's 通报: every round of the year (the year-end ones are ranked). */
export async function yearBulletinRequest(db: InspectorDatabase, year: number, v: BulletinRequestValues): Promise<DocumentRequest> {
  const rounds = (await db.inspections.where('year').equals(year).toArray()).filter((i) => !i.deleted).sort((a, b) => a.startDate.localeCompare(b.startDate));
  if (!rounds.some((r) => r.kind === '年终考核')) throw new Error(`${year}年度还没有年终考核，无法生成年度考核结果通报`);
  return { kind: 'yearBulletin', year, rounds: await Promise.all(rounds.map((r) => gatherRoundData(db, r.id))), ...v };
}

/** 年度考核结果通报 from the year view: 文号, dates and format asked first, then saved. */
export function YearBulletinButton({ year }: { year: number }) {
  const { db } = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const job = useDocumentJob();
  const [suggested, setSuggested] = useState('');

  async function start() {
    const s = await readNoticeSettings(db);
    setSuggested(s.numberPrefix.trim() ? `${s.numberPrefix.trim()}〔${year}〕号` : '');
    setOpen(true);
  }

  async function make(v: BulletinRequestValues) {
    setOpen(false);
    await job.run('年度考核结果通报', () => yearBulletinRequest(db, year, v), async (result) => {
      const saved = await getPlatform().saveFile(result.fileName, result.bytes, [v.format === 'docx' ? { name: 'Word 文档', extensions: ['docx'] } : { name: 'PDF 文件', extensions: ['pdf'] }]);
      if (saved) message.success(`已保存：${result.fileName}`);
    });
  }

  return (
    <>
      <Button loading={job.busy} onClick={() => void start()}>
        年度考核结果通报
      </Button>
      {job.view}
      <BulletinModal open={open} suggestedNumber={suggested} onCancel={() => setOpen(false)} onOk={(v) => void make(v)} />
    </>
  );
}
