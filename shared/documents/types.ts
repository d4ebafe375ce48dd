import type { Finding, Notice } from '../domain/findings';
import type { Assessment, ChecklistAnswer, Inspection, PhoneCallRow } from '../domain/inspections';
import type { PhotoLink, PhotoRow } from '../domain/photos';
import type { Target } from '../domain/targets';
import type { ChecklistDefinition } from '../scheme/checklist';
import type { ScoreResult } from '../scoring/engine';
import type { Responses } from '../scoring/responses';
import type { SystemFontChoice } from './pdfFonts';
import type { DateStyle } from './text';

/** One target inside the round, with what was recorded and the engine's result. */
export interface AssessmentDocument {
  assessment: Assessment;
  /** The target's register row (contact person, address), or null if it was removed from the register. */
  target: Target | null;
  responses: Responses;
  /** scoreAssessment(inspection.scheme, responses) as the app shows it. */
  result: ScoreResult;
  /** indicatorId → the inspector's note. */
  notes: Record<string, string>;
}

/** A photo used in the round, with its links and the print copy of its bytes. */
export interface DocumentPhoto {
  photo: PhotoRow;
  /** Links of this photo inside the round (not deleted). */
  links: PhotoLink[];
  /** The stored (watermarked) JPEG, downscaled for print; null when bytes are not at hand. */
  jpeg: Uint8Array | null;
  /** Pixel size of `jpeg` (the stored copy's size when null). */
  width: number;
  height: number;
}

/** Office settings for rectification notices (db.meta 'settings.notice'). */
export interface NoticeSettings {
  /** 发文机关, e.g. 盘锦市人民政府办公室. */
  issuer: string;
  /** 文号前缀 (机关代字), e.g. 盘政公改. */
  numberPrefix: string;
  contactPerson: string;
  contactPhone: string;
  /** Date style of the 成文日期 under the issuer. */
  dateStyle: DateStyle;
  /** Add a 回执 slip on a page of its own after each notice. */
  receipt: boolean;
  /** Draw a dashed circle where the seal goes (for drafts); otherwise blank space. */
  sealPlaceholder: boolean;
  /** Working days after issue the default deadline falls on (used when findings carry none). */
  defaultDeadlineDays: number;
  /** Installed system faces (desktop, e.g. simfang.ttf for 仿宋) to use instead of the bundled ones. */
  systemFonts: SystemFontChoice;
  /** On desktop, use installed official faces (仿宋/楷体/黑体/方正小标宋) for roles left unchosen. */
  preferInstalledFonts: boolean;
  /**
   * 版头 (GB/T 9704 7.2 / 10.1): 文件格式 with the red 发文机关标志 and separator line,
   * 信函格式 (for 函) with the red double lines, or 套印 on pre-printed 红头纸 (band left empty).
   */
  headerStyle: HeaderStyle;
  /** 发文机关标志; empty: the issuer followed by 文件 (文件格式) or the issuer alone (信函格式). */
  issuerMark: string;
  /** Whether the notice is sealed (印章): the date then stays 右空四字 (7.3.5.1); otherwise 7.3.5.2. */
  sealed: boolean;
  /** 抄送机关, in order. */
  copyTo: string[];
  /** 印发机关 in the 版记; empty: the issuer. */
  printedBy: string;
  /** Where the 整改报告 and the 回执 go. */
  address: string;
  fax: string;
  email: string;
  /** QR code and 内容摘要 hash in the bottom margin of copies that are sent (the office's own copy always has them). */
  verifyOnSentCopies: boolean;
  /** 套印 printer correction in millimetres (right and down positive), measured with the alignment test page. */
  overprintOffsetMm: { x: number; y: number };
}

export type HeaderStyle = 'file' | 'letter' | 'overprint';

export const HEADER_STYLE_LABELS: Record<HeaderStyle, string> = {
  file: '文件格式（红色发文机关标志和分隔线）',
  letter: '信函格式（用于函）',
  overprint: '套印（在印好的红头纸上打印）',
};

export const DEFAULT_NOTICE_SETTINGS: NoticeSettings = {
  issuer: '',
  numberPrefix: '',
  contactPerson: '',
  contactPhone: '',
  dateStyle: 'arabic',
  receipt: true,
  sealPlaceholder: false,
  defaultDeadlineDays: 15,
  systemFonts: {},
  preferInstalledFonts: true,
  headerStyle: 'file',
  issuerMark: '',
  sealed: true,
  copyTo: [],
  printedBy: '',
  address: '',
  fax: '',
  email: '',
  verifyOnSentCopies: false,
  overprintOffsetMm: { x: 0, y: 0 },
};

/**
 * Everything the documents of one round are made from. The renderer gathers
 * it from the database (renderer/features/reports/gatherRoundData.ts); the
 * builders in this folder turn it into a workbook or a PDF definition and never
 * read anything else, so the same data always give the same document.
 */
export interface RoundDocumentData {
  inspection: Inspection;
  /** Assessments in the order the round lists them. */
  assessments: AssessmentDocument[];
  findings: Finding[];
  phoneCalls: PhoneCallRow[];
  /** Checklists used in this round (e.g. 五统一) and the answers recorded. */
  checklists: ChecklistDefinition[];
  checklistAnswers: ChecklistAnswer[];
  photos: DocumentPhoto[];
  notices: Notice[];
  settings: NoticeSettings;
  /** The organisation that runs the round (printed on covers), e.g. 盘锦市政务公开办公室. */
  organisation: string;
  /** Latest change among the rows gathered (ISO). Documents carry it as their date, so they are reproducible. */
  asOf: string;
}
