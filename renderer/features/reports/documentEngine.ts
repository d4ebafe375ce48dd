/**
 * Turns a document request into bytes. Runs in the documents worker (and in
 * benchmarks); keeps fonts loaded between jobs, because pdfmake re-reads a
 * font for every document but loading 10–15 MB per face over and over is what
 * makes the first document slow.
 */
import { buildNoticesPdf, buildOverprintTestPdf, noticeFileName, type NoticeRecord } from '../../../shared/documents/notice';
import { ensureFonts, layoutPdf, renderPdf, type PdfMakeLike } from '../../../shared/documents/pdf';
import { BUNDLED_FONTS, SYSTEM_FONT_PREFIX, fontEmTop, fontLineFactor, fontPlan, type FontPlan, type SystemFontChoice } from '../../../shared/documents/pdfFonts';
import { buildBulletinPdf, bulletinFileName, bulletinModelForYear, bulletinModelFromRound } from '../../../shared/documents/bulletin';
import { bulletinDocx, docxBytes, noticesDocx } from '../../../shared/documents/docx/officialDocx';
import { renderCharts, type EChartsSsr } from '../../../shared/documents/charts';
import { buildReportPdf, buildYearReportPdf, reportFileName, reportPhotos, yearReportFileName } from '../../../shared/documents/report';
import { roundChartSpecs } from '../../../shared/documents/roundModel';
import { yearCharts } from '../../../shared/inspections/yearCharts';
import type { YearView } from '../../../shared/inspections/yearView';
import { scoreSheetFileName, writeScoreSheet } from '../../../shared/documents/scoreSheet';
import { ledgerFileName, writeRectificationLedger, type LedgerInput } from '../../../shared/documents/rectificationLedger';
import type { DocumentPhoto, NoticeSettings, RoundDocumentData } from '../../../shared/documents/types';

export type DocumentRequest =
  | { kind: 'scoreSheet'; data: RoundDocumentData }
  /** 问题整改台账 (Excel) of the findings listed. */
  | { kind: 'ledger'; input: LedgerInput }
  | { kind: 'report'; data: RoundDocumentData; assessmentId?: string }
  | { kind: 'yearReport'; year: number; view: YearView; organisation: string; asOf: string }
  | { kind: 'notices'; data: RoundDocumentData; noticeIds: string[]; officeCopy?: boolean; format?: 'pdf' | 'docx' }
  /** The preview of an unnumbered draft (see draftNoticePreview): 草稿 mark, no number, no QR code. */
  | { kind: 'noticeDraft'; data: RoundDocumentData; notice: NoticeRecord }
  | { kind: 'overprintTest'; settings: NoticeSettings; issuedAt: string }
  | { kind: 'bulletin'; data: RoundDocumentData; number: string; issuedAt: string; deadline: string; nameUnits: boolean; format?: 'pdf' | 'docx' }
  /** The year's 通报 (from the year view): every round of the year, the year-end ones ranked. */
  | { kind: 'yearBulletin'; year: number; rounds: RoundDocumentData[]; number: string; issuedAt: string; deadline: string; nameUnits: boolean; format?: 'pdf' | 'docx' };

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface FontSetup {
  /** Absolute URL of the folder holding the bundled fonts (…/fonts/). */
  baseUrl: string;
  /** System faces chosen in the notice settings (desktop). */
  system?: SystemFontChoice;
  /** Bytes of system faces the engine has not been given yet, by file name. */
  systemBytes?: Record<string, Uint8Array>;
}

export interface DocumentJob {
  request: DocumentRequest;
  fonts: FontSetup;
}

export interface DocumentProgress {
  /** What is being done, in words: 处理照片, 排版, 生成表格. */
  stage: string;
  /** 0..1 over the whole job. */
  fraction: number;
}

export interface DocumentResult {
  bytes: Uint8Array;
  fileName: string;
  mime: string;
}

export interface EngineDeps {
  pdfMake: PdfMakeLike;
  fetchBytes(url: string): Promise<Uint8Array>;
  /** Downscales a photo for print; null when this environment cannot (the original is used). */
  downscale?(bytes: Uint8Array, maxSide: number): Promise<{ bytes: Uint8Array; width: number; height: number } | null>;
}

/** Long side of photos in the report: about 300 dpi at the printed width (8 cm). */
export const PRINT_PHOTO_SIDE = 960;

export class FontUnavailableError extends Error {}

function pickNotices(data: RoundDocumentData, ids: readonly string[]): NoticeRecord[] {
  return ids.map((id) => {
    const n = data.notices.find((x) => x.id === id);
    if (!n) throw new Error('整改通知书记录不存在，可能已被删除');
    return n as NoticeRecord;
  });
}

/** ECharts, loaded the first time a document draws a chart. */
async function loadECharts(): Promise<EChartsSsr> {
  return (await import('echarts')) as unknown as EChartsSsr;
}

export function createDocumentEngine(deps: EngineDeps) {
  const systemBytes = new Map<string, Uint8Array>();
  const measured: Record<string, number> = {};
  const measuredEmTops: Record<string, number> = {};
  let serifRegular: boolean | undefined;
  let official: boolean | undefined;

  async function load(file: string, baseUrl: string): Promise<Uint8Array> {
    let bytes: Uint8Array | undefined;
    if (file.startsWith(SYSTEM_FONT_PREFIX)) {
      bytes = systemBytes.get(file.slice(SYSTEM_FONT_PREFIX.length));
      if (!bytes) throw new FontUnavailableError(`系统字体「${file.slice(SYSTEM_FONT_PREFIX.length)}」读取失败，请在通知书设置中改用内置字体`);
    } else {
      try {
        bytes = await deps.fetchBytes(new URL(file, baseUrl).href);
      } catch {
        throw new FontUnavailableError(`字体文件「${file}」加载失败，无法生成PDF。请重新安装本软件`);
      }
    }
    const factor = fontLineFactor(bytes);
    if (factor === null) throw new FontUnavailableError(`字体文件「${file}」已损坏，无法生成PDF`);
    measured[file] = factor;
    const em = fontEmTop(bytes);
    if (em !== null) measuredEmTops[file] = em;
    return bytes;
  }

  /** The plan for this job: serif Regular when installed (probed once), system faces when chosen and given. */
  async function planFor(fonts: FontSetup): Promise<FontPlan> {
    for (const [file, bytes] of Object.entries(fonts.systemBytes ?? {})) systemBytes.set(file, bytes);
    if (serifRegular === undefined) {
      try {
        const file = BUNDLED_FONTS.serifRegular;
        if (!deps.pdfMake.virtualfs.existsSync(file)) deps.pdfMake.virtualfs.writeFileSync(file, await load(file, fonts.baseUrl));
        serifRegular = true;
      } catch {
        serifRegular = false;
      }
    }
    if (official === undefined) {
      // The bundled 仿宋 and 楷体 (Fandol): without them notices fall back to the Noto faces.
      try {
        for (const file of [BUNDLED_FONTS.fang, BUNDLED_FONTS.kai]) {
          if (!deps.pdfMake.virtualfs.existsSync(file)) deps.pdfMake.virtualfs.writeFileSync(file, await load(file, fonts.baseUrl));
        }
        official = true;
      } catch {
        official = false;
      }
    }
    const system: SystemFontChoice = {};
    for (const [role, file] of Object.entries(fonts.system ?? {}) as [keyof SystemFontChoice, string | undefined][]) {
      if (file && systemBytes.has(file)) system[role] = file;
    }
    return fontPlan({ hasSerifRegular: serifRegular, hasOfficial: official, system });
  }

  async function printPhotos(photos: DocumentPhoto[], onProgress: (f: number) => void): Promise<Map<DocumentPhoto, DocumentPhoto>> {
    const out = new Map<DocumentPhoto, DocumentPhoto>();
    let done = 0;
    for (const p of photos) {
      let next = p;
      if (p.jpeg && deps.downscale && Math.max(p.width, p.height) > PRINT_PHOTO_SIDE) {
        const small = await deps.downscale(p.jpeg, PRINT_PHOTO_SIDE).catch(() => null);
        if (small) next = { ...p, jpeg: small.bytes, width: small.width, height: small.height };
      }
      out.set(p, next);
      onProgress(++done / Math.max(1, photos.length));
    }
    return out;
  }

  async function run(job: DocumentJob, onProgress: (p: DocumentProgress) => void = () => undefined): Promise<DocumentResult> {
    const req = job.request;
    if (req.kind === 'scoreSheet') {
      onProgress({ stage: '生成表格', fraction: 0.1 });
      const bytes = await writeScoreSheet(req.data);
      onProgress({ stage: '生成表格', fraction: 1 });
      return { bytes, fileName: scoreSheetFileName(req.data), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    }
    if (req.kind === 'ledger') {
      onProgress({ stage: '生成表格', fraction: 0.1 });
      const bytes = await writeRectificationLedger(req.input);
      onProgress({ stage: '生成表格', fraction: 1 });
      return { bytes, fileName: ledgerFileName(req.input.title), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    }
    const bulletinModel = () => {
      if (req.kind !== 'bulletin' && req.kind !== 'yearBulletin') throw new Error('不是考核结果通报');
      const options = { number: req.number, issuedAt: req.issuedAt, deadline: req.deadline, nameUnits: req.nameUnits };
      return req.kind === 'bulletin' ? bulletinModelFromRound(req.data, options) : bulletinModelForYear(req.year, req.rounds, options);
    };
    // Word copies of a 通报 need no fonts: they name the official faces for Word or WPS to use.
    if ((req.kind === 'bulletin' || req.kind === 'yearBulletin') && req.format === 'docx') {
      const model = bulletinModel();
      return { bytes: await docxBytes(bulletinDocx(model)), fileName: bulletinFileName(model, 'docx'), mime: DOCX_MIME };
    }
    onProgress({ stage: '加载字体', fraction: 0.02 });
    const plan = await planFor(job.fonts);
    if (req.kind === 'notices' && req.format === 'docx') {
      // The Word copy follows the PDF's layout (tightened lines, where the 版记 goes): lay the PDF out first.
      const list = pickNotices(req.data, req.noticeIds);
      await ensureFonts(deps.pdfMake, plan, ['Title', 'Body', 'Hei', 'Kai', 'Sans', 'Song'], (f) => load(f, job.fonts.baseUrl));
      onProgress({ stage: '排版', fraction: 0.3 });
      const laid = await layoutPdf(deps.pdfMake, buildNoticesPdf(req.data, list, { plan, measured, measuredEmTops }), plan);
      onProgress({ stage: '生成 Word 文档', fraction: 0.8 });
      return { bytes: await docxBytes(noticesDocx(req.data, list, laid.plans())), fileName: noticeFileName(req.data, list, 'docx'), mime: DOCX_MIME };
    }
    if (req.kind === 'overprintTest') {
      await ensureFonts(deps.pdfMake, plan, ['Title', 'Body'], (f) => load(f, job.fonts.baseUrl));
      const bytes = await renderPdf(deps.pdfMake, buildOverprintTestPdf(req.settings, { plan, measuredEmTops, issuedAt: req.issuedAt }), plan);
      return { bytes, fileName: '套印对齐测试页.pdf', mime: 'application/pdf' };
    }
    if (req.kind === 'bulletin' || req.kind === 'yearBulletin') {
      const model = bulletinModel();
      await ensureFonts(deps.pdfMake, plan, ['Title', 'Body', 'Hei', 'Kai', 'Song'], (f) => load(f, job.fonts.baseUrl));
      const pdfJob = buildBulletinPdf(model, { plan, measured, measuredEmTops });
      const bytes = await renderPdf(deps.pdfMake, pdfJob, plan, (f) => onProgress({ stage: '排版', fraction: 0.1 + 0.9 * f }));
      return { bytes, fileName: bulletinFileName(model), mime: 'application/pdf' };
    }
    if (req.kind === 'report') {
      const wanted = reportPhotos(req.data, { assessmentId: req.assessmentId });
      const scaled = await printPhotos(wanted, (f) => onProgress({ stage: '处理照片', fraction: 0.05 + 0.45 * f }));
      const data: RoundDocumentData = { ...req.data, photos: req.data.photos.map((p) => scaled.get(p) ?? p) };
      // A round report carries the round's charts (ECharts loaded only now, rendered to SVG without a DOM).
      const charts = req.assessmentId ? [] : renderCharts(await loadECharts(), roundChartSpecs(data));
      const pdfJob = buildReportPdf(data, { assessmentId: req.assessmentId, charts });
      await ensureFonts(deps.pdfMake, plan, pdfJob.fontRoles, (f) => load(f, job.fonts.baseUrl));
      const bytes = await renderPdf(deps.pdfMake, pdfJob, plan, (f) => onProgress({ stage: '排版', fraction: 0.5 + 0.5 * f }));
      return { bytes, fileName: reportFileName(req.data, { assessmentId: req.assessmentId }), mime: 'application/pdf' };
    }
    if (req.kind === 'yearReport') {
      const charts = renderCharts(await loadECharts(), yearCharts(req.view));
      const pdfJob = buildYearReportPdf({ year: req.year, view: req.view, organisation: req.organisation, asOf: req.asOf, charts });
      await ensureFonts(deps.pdfMake, plan, pdfJob.fontRoles, (f) => load(f, job.fonts.baseUrl));
      const bytes = await renderPdf(deps.pdfMake, pdfJob, plan, (f) => onProgress({ stage: '排版', fraction: 0.2 + 0.8 * f }));
      return { bytes, fileName: yearReportFileName(req.year), mime: 'application/pdf' };
    }
    const draft = req.kind === 'noticeDraft';
    const notices = draft ? [req.notice] : pickNotices(req.data, req.noticeIds);
    // Fonts first: their measured line factors and em tops place every line.
    await ensureFonts(deps.pdfMake, plan, ['Title', 'Body', 'Hei', 'Kai', 'Sans', 'Song'], (f) => load(f, job.fonts.baseUrl));
    const pdfJob = buildNoticesPdf(req.data, notices, { plan, measured, measuredEmTops, officeCopy: draft ? false : req.officeCopy, draft });
    const bytes = await renderPdf(deps.pdfMake, pdfJob, plan, (f) => onProgress({ stage: '排版', fraction: 0.1 + 0.9 * f }));
    return { bytes, fileName: noticeFileName(req.data, notices), mime: 'application/pdf' };
  }

  return {
    run,
    /** System font files the engine already holds (the client sends each only once). */
    hasSystemFont: (file: string) => systemBytes.has(file),
  };
}

export type DocumentEngine = ReturnType<typeof createDocumentEngine>;
