/**
 * What the PDF builders produce and how it becomes bytes. A builder returns a
 * PdfJob: a pdfmake document definition, the image files it refers to, and
 * the font roles it uses. `renderPdf` takes the pdfmake instance as an
 * argument (the browser build in the worker, the Node build in tests), so this
 * folder never loads pdfmake itself.
 */
import { fontFilesFor, pdfMakeFonts, type FontPlan, type FontRole, type PdfMakeFonts } from './pdfFonts';

/** A pdfmake content node (pdfmake has no TypeScript types of its own). */
export type PdfContent = string | PdfNode | PdfContent[];
export interface PdfNode {
  [key: string]: unknown;
}

export interface PdfNodeInfo {
  id?: string;
  pageNumbers: number[];
  headlineLevel?: number;
  startPosition?: { pageNumber: number; top: number };
}

/**
 * pdfmake's page-break hook: true for a heading that starts too low on its
 * page to have `minBelow` points of room under it (so it moves to the next page
 * with what follows). Only the heading's own position is used: pdfmake reports
 * wrong pages for the contents of unbreakable blocks that moved.
 */
export function headingOrphaned(node: PdfNodeInfo, bodyBottom: number, minBelow: number): boolean {
  if (node.headlineLevel === undefined || !node.startPosition) return false;
  return node.startPosition.top + minBelow > bodyBottom;
}

export interface PdfDocDefinition {
  pageSize: 'A4';
  pageOrientation?: 'portrait' | 'landscape';
  /** [left, top, right, bottom] in points. */
  pageMargins: [number, number, number, number];
  content: PdfContent[];
  defaultStyle: PdfNode;
  styles?: Record<string, PdfNode>;
  info: { title: string; author: string; subject?: string; keywords?: string; creator: string; producer: string; creationDate: Date; modDate: Date };
  header?: (currentPage: number, pageCount: number) => PdfContent | null;
  footer?: (currentPage: number, pageCount: number) => PdfContent | null;
  /** Drawn under each page's content in page coordinates (called when the page is added). */
  background?: (currentPage: number, pageSize: unknown) => PdfContent | null;
  images?: Record<string, string>;
  /** Text set diagonally across every page (e.g. 草稿 on an unnumbered draft). */
  watermark?: PdfNode;
  pageBreakBefore?: (node: PdfNodeInfo, helpers: { getFollowingNodesOnPage(): PdfNodeInfo[] }) => boolean;
  language?: string;
  compress?: boolean;
}

export interface PdfJob {
  doc: PdfDocDefinition;
  /** Files the document refers to by name (images), written to the virtual file system before rendering. */
  files: Record<string, Uint8Array>;
  /** Font roles the document uses; their files must be loaded first. */
  fontRoles: FontRole[];
  /**
   * 2 when footers depend on where content falls (per-notice page numbers):
   * a first layout pass records the pages, the second one renders.
   */
  layoutPasses?: 1 | 2;
  /**
   * Called after a layout pass (layoutPasses 2): a job laid out differently
   * (e.g. tighter line pitch where a signature would leave its page), or null
   * when this one is right. Asked a few times at most.
   */
  refine?: () => PdfJob | null;
}

/** How many times a job may be refined before it is rendered as it is. */
export const MAX_REFINES = 12;

/** The part of pdfmake (0.3) used here; satisfied by both its browser and Node builds. */
export interface PdfMakeLike {
  virtualfs: {
    existsSync(name: string): boolean;
    writeFileSync(name: string, data: unknown): void;
    storage?: Record<string, unknown>;
  };
  setFonts(fonts: PdfMakeFonts): void;
  setProgressCallback?(cb: ((progress: number) => void) | undefined): void;
  createPdf(doc: unknown, options?: unknown): { getBuffer(): Promise<Uint8Array | ArrayBuffer>; getStream(): Promise<unknown> };
}

/** Producer and creator stamped in every PDF (fixed, so output is reproducible). */
export const PDF_PRODUCER = '政务公开检查助手';

/** Makes sure the font files of `roles` are in pdfmake's virtual file system, loading missing ones. */
export async function ensureFonts(
  pdfMake: PdfMakeLike,
  plan: FontPlan,
  roles: readonly FontRole[],
  load: (file: string) => Promise<Uint8Array>,
): Promise<void> {
  for (const file of fontFilesFor(plan, roles)) {
    if (!pdfMake.virtualfs.existsSync(file)) pdfMake.virtualfs.writeFileSync(file, await load(file));
  }
}

/**
 * Renders a job to PDF bytes. Fonts must already be loaded (ensureFonts).
 * Image files are written for this document and removed afterwards.
 */
export async function renderPdf(pdfMake: PdfMakeLike, job: PdfJob, plan: FontPlan, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  const names = Object.keys(job.files);
  for (const name of names) {
    const bytes = job.files[name];
    // pdfkit reads images from a Buffer or an ArrayBuffer (not a bare Uint8Array).
    pdfMake.virtualfs.writeFileSync(name, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  try {
    // Fresh font table per document: pdfmake replaces array entries (.ttc faces) with the loaded bytes.
    const current = await layoutPdf(pdfMake, job, plan);
    pdfMake.setProgressCallback?.(onProgress);
    const out = await pdfMake.createPdf(current.doc).getBuffer();
    return out instanceof Uint8Array ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : new Uint8Array(out);
  } finally {
    pdfMake.setProgressCallback?.(undefined);
    const storage = pdfMake.virtualfs.storage;
    if (storage) for (const name of names) delete storage[name];
  }
}

/**
 * Runs a job's layout passes (layoutPasses 2) and refinements and returns the
 * job that is to be rendered, its page tracker filled. Fonts must be loaded.
 */
export async function layoutPdf<J extends PdfJob>(pdfMake: PdfMakeLike, job: J, plan: FontPlan): Promise<J> {
  pdfMake.setFonts(pdfMakeFonts(plan));
  let current = job;
  if (current.layoutPasses !== 2) return current;
  for (let i = 0; ; i++) {
    // Layout only (the unfinished document is dropped): fills the page tracker the footers read.
    // pdfmake annotates the nodes it lays out, so the first pass works on a copy.
    await pdfMake.createPdf({ ...current.doc, content: cloneContent(current.doc.content) }).getStream();
    pdfMake.setFonts(pdfMakeFonts(plan));
    const next = i < MAX_REFINES ? ((current.refine?.() as J | null) ?? null) : null;
    if (!next) break;
    current = next;
  }
  return current;
}

/** Deep copy of plain content (arrays and plain objects); functions and byte arrays are shared. */
export function cloneContent<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneContent) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneContent(v);
    return out as T;
  }
  return value;
}

/** The PDF's date from an ISO time (fixed from the data, so regenerating gives the same file). */
export function pdfDate(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`日期格式不正确：「${iso}」`);
  return d;
}

/** Content width of an A4 page with the given margins. */
export function contentWidth(margins: [number, number, number, number], orientation: 'portrait' | 'landscape' = 'portrait'): number {
  const width = orientation === 'portrait' ? 595.28 : 841.89;
  return width - margins[0] - margins[2];
}

export const A4_HEIGHT = 841.89;
export const A4_WIDTH = 595.28;
