// Documents in Chromium, through the same worker the app uses: the Excel score
// sheet for 200 targets, a batch of 50 rectification notices, and a round
// report with 300 photos (JPEGs drawn in the page, 1600×1200, downscaled for print).
import { demoRound } from '../../../shared/documents/demoRound';
import { composeNotice } from '../../../shared/documents/notice';
import type { RoundDocumentData } from '../../../shared/documents/types';
import { generateDocument } from '../../../renderer/features/reports/documentClient';
import type { Figures } from '../../types';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]);
}

function withNotices(data: RoundDocumentData): string[] {
  const ids: string[] = [];
  data.assessments.forEach((a, i) => {
    const findingIds = data.findings.filter((f) => f.assessmentId === a.assessment.id).map((f) => f.id);
    const n = composeNotice(data, {
      id: `notice-${i + 1}`,
      assessmentId: a.assessment.id,
      findingIds,
      year: 2024,
      seq: i + 1,
      issuedAt: '2024-06-10T09:00:00',
      createdAt: '2024-06-10T01:00:00.000Z',
      settings: data.settings,
    });
    data.notices.push(n);
    ids.push(n.id);
  });
  return ids;
}

async function photoJpegs(count: number): Promise<Uint8Array[]> {
  const canvas = document.createElement('canvas');
  canvas.width = 1600;
  canvas.height = 1200;
  const g = canvas.getContext('2d')!;
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const grad = g.createLinearGradient(0, 0, 1600, 1200);
    grad.addColorStop(0, `hsl(${(i * 37) % 360} 45% 55%)`);
    grad.addColorStop(1, `hsl(${(i * 37 + 120) % 360} 40% 80%)`);
    g.fillStyle = grad;
    g.fillRect(0, 0, 1600, 1200);
    for (let k = 0; k < 40; k++) {
      g.fillStyle = `hsl(${(i * 13 + k * 29) % 360} 60% ${30 + (k % 5) * 10}%)`;
      g.fillRect((k * 97 + i * 31) % 1500, (k * 53 + i * 17) % 1100, 60 + (k % 7) * 20, 40 + (k % 3) * 30);
    }
    g.fillStyle = '#fff';
    g.font = '48px sans-serif';
    g.fillText(`2024-06-05 10:${String(i % 60).padStart(2, '0')}  现场照片 ${i + 1}`, 40, 1150);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', 0.85));
    out.push(new Uint8Array(await blob.arrayBuffer()));
  }
  return out;
}

export default {
  title: 'Documents in Chromium',
  async run(): Promise<Figures> {
    // Score sheet, 200 targets (after one warm-up that boots the worker).
    const sheet = () => generateDocument({ kind: 'scoreSheet', data: demoRound({ targets: 200 }) });
    await sheet();
    const excel: number[] = [];
    for (let i = 0; i < 3; i++) excel.push(await timed(sheet));

    // 50 notices in one PDF; the first run also loads the fonts into the worker.
    const batch = async () => {
      const data = demoRound({ targets: 50 });
      const ids = withNotices(data);
      const r = await generateDocument({ kind: 'notices', data, noticeIds: ids });
      if (r.bytes.length < 10_000) throw new Error('notice batch too small');
      return r;
    };
    const cold = await timed(batch);
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await timed(batch));

    // Round report with 300 photos.
    const jpegs = await photoJpegs(300);
    const data = demoRound({ targets: 30, findingsPerTarget: 5, photos: 300, photoBytes: (i) => ({ jpeg: jpegs[i].slice(), width: 1600, height: 1200 }) });
    let size = 0;
    const report = await timed(async () => {
      const r = await generateDocument({ kind: 'report', data });
      size = r.bytes.length;
    });

    return {
      'excel.200targets.ms': { value: median(excel), unit: 'ms' },
      'pdf.50notices.ms': { value: median(warm), unit: 'ms' },
      'pdf.50notices.firstRun.ms': { value: Math.round(cold), unit: 'ms' },
      'pdf.report300photos.ms': { value: Math.round(report), unit: 'ms' },
      'pdf.report300photos.mb': { value: Math.round((size / 1048576) * 10) / 10, unit: 'MB' },
    };
  },
};
