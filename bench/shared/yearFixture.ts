// A year of an office's data, generated deterministically and written through
// the app's write path (the change logger), so the change log is what the app
// really produces: 300 units (with halls), 3 rounds and a year-end assessment,
// ~30 rules answered per assessment, 5,000 findings, 1,200 phone tests,
// 300 complaint cases and 3,000 photos (small JPEGs: database figures, not photo figures).
// Runs in Node (fake-indexeddb) and in Chromium.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { TargetRow } from '../../renderer/db/database';
import type { Session } from '../../renderer/db/session';
import type { Finding } from '../../shared/domain/findings';
import type { Assessment, Inspection, InspectionKind, PhoneCallRow, ResponseRow } from '../../shared/domain/inspections';
import type { PhotoBlobRow, PhotoLink, PhotoRow } from '../../shared/domain/photos';
import type { TargetKind } from '../../shared/domain/targets';
import type { ComplaintCase } from '../../shared/domain/year';
import { walkRules, type Rule } from '../../shared/scheme/model';
import { PANJIN_2024_COUNTY } from '../../shared/schemes';
import type { RuleResponse } from '../../shared/scoring/responses';

export interface YearSize {
  units: number;
  findings: number;
  phoneCalls: number;
  complaints: number;
  photos: number;
}

export const FULL_YEAR: YearSize = { units: 300, findings: 5000, phoneCalls: 1200, complaints: 300, photos: 3000 };

export interface YearFixture {
  inspections: Inspection[];
  targets: TargetRow[];
  assessments: Assessment[];
  responses: ResponseRow[];
  findings: Finding[];
  phoneCalls: PhoneCallRow[];
  complaintCases: ComplaintCase[];
  photos: PhotoRow[];
  photoLinks: PhotoLink[];
  photoBlobs: PhotoBlobRow[];
}

const ROUNDS: { key: string; title: string; kind: InspectionKind; start: string; end: string }[] = [
  { key: 'mid', title: '2024年年中考核', kind: '年中考核', start: '2024-06-10', end: '2024-06-28' },
  { key: 'q3', title: '2024年三季度考核', kind: '三季度考核', start: '2024-09-09', end: '2024-09-27' },
  { key: 'sp', title: '2024年政务公开专项检查', kind: '专项检查', start: '2024-10-14', end: '2024-10-25' },
  { key: 'ye', title: '2024年年终考核', kind: '年终考核', start: '2024-12-02', end: '2024-12-20' },
];
const REGIONS = ['双台子区', '兴隆台区', '大洼区', '盘山县', '市直'];
const STATUSES: Finding['status'][] = ['待整改', '已下发通知', '已整改', '已复核销号', '逾期未整改'];
const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;

/** A valid baseline JPEG (1×1 px); each photo gets its own bytes through a comment segment. */
const TINY_JPEG = Uint8Array.from(
  atob(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  ),
  (c) => c.charCodeAt(0),
);

/** A small JPEG of its own content per photo (a COM segment after SOI names it). */
export function smallJpeg(label: string, padTo = 0): Uint8Array {
  const text = new TextEncoder().encode(label.padEnd(Math.max(label.length, padTo), '.'));
  const len = text.length + 2;
  const out = new Uint8Array(TINY_JPEG.length + 2 + len);
  out.set(TINY_JPEG.subarray(0, 2), 0);
  out.set([0xff, 0xfe, len >> 8, len & 0xff], 2);
  out.set(text, 6);
  out.set(TINY_JPEG.subarray(2), 6 + text.length);
  return out;
}

function answerFor(rule: Rule, n: number): RuleResponse | null {
  switch (rule.kind) {
    case 'fixed':
      return { applies: n % 5 === 0 };
    case 'occurrence':
      return { count: n % 4 };
    case 'range':
      return { value: 0, reason: '' };
    case 'lag':
      return { items: [] };
    default:
      return null;
  }
}

/**
 * The rows of a year, deterministic for a given `tag` (ids are `${tag}-…`, so two
 * laptops' years never collide when their tags differ).
 */
export function makeYear(tag: string, size: YearSize = FULL_YEAR, author = '王明'): YearFixture {
  const t = '2024-01-05T01:00:00.000Z';
  const stamps = { createdAt: t, updatedAt: t, deletedAt: null, deleted: 0 as const };
  const inspections: Inspection[] = ROUNDS.map((r) => ({
    id: `${tag}-round-${r.key}`, title: r.title, year: 2024, kind: r.kind, startDate: r.start, endDate: r.end, team: [author, '李华'],
    scheme: PANJIN_2024_COUNTY, schemeHash: 'panjin-2024-county', watermarkPhotos: true, ...stamps,
  }));
  // Units: one county government per region outside 市直 with two halls each, the rest departments.
  const targets: TargetRow[] = [];
  const counties = REGIONS.slice(0, 4);
  for (const [c, region] of counties.entries()) {
    const countyId = `${tag}-unit-county${c}`;
    targets.push(unitRow(countyId, `${region}人民政府`, '县区政府', region, null));
    targets.push(unitRow(`${tag}-unit-hall${c}a`, `${region}政务服务中心`, '政务服务大厅', region, countyId));
    targets.push(unitRow(`${tag}-unit-hall${c}b`, `${region}便民服务中心`, '便民服务中心', region, countyId));
  }
  for (let i = targets.length; i < size.units; i++) targets.push(unitRow(`${tag}-unit-${i}`, `${REGIONS[i % REGIONS.length]}测试局${i}`, '政府部门', REGIONS[i % REGIONS.length], null));
  function unitRow(id: string, name: string, kind: TargetKind, region: string, parentId: string | null): TargetRow {
    return { id, name, kind, region, address: `盘锦市${region}示例路${targets.length + 1}号`, contactPerson: `联系人${targets.length % 97}`, contactPhone: `0427-${2000000 + targets.length}`, disclosurePhones: [`0427-${3000000 + targets.length}`], note: '', parentId, ...stamps };
  }

  const assessments: Assessment[] = [];
  for (const round of inspections) {
    for (const u of targets) {
      assessments.push({
        id: `${round.id}-${u.id}`, inspectionId: round.id, targetId: u.id, targetName: u.name, targetKind: u.kind, addedBy: 'manual',
        status: round.kind === '年终考核' ? 'open' : 'submitted', submittedAt: round.kind === '年终考核' ? null : `${round.endDate}T08:00:00.000Z`,
        submittedBy: round.kind === '年终考核' ? null : author, unlockReason: null, ...stamps,
      });
    }
  }
  const rules = [...walkRules(PANJIN_2024_COUNTY)].map((w) => w.rule).filter((r) => answerFor(r, 0));
  const responses: ResponseRow[] = [];
  for (const [n, a] of assessments.entries()) {
    for (const [k, rule] of rules.entries()) {
      responses.push({ id: `${a.id}:${rule.id}`, assessmentId: a.id, inspectionId: a.inspectionId, ruleId: rule.id, response: answerFor(rule, n + k), updatedAt: t });
    }
  }
  const findingRules = rules.filter((r) => r.kind === 'occurrence');
  const findings: Finding[] = Array.from({ length: size.findings }, (_, i) => {
    const a = assessments[i % (assessments.length - targets.length)]; // rounds before the year-end
    const rule = findingRules[i % findingRules.length];
    return {
      id: `${tag}-finding-${i}`, inspectionId: a.inspectionId, assessmentId: a.id, targetId: a.targetId, indicatorId: null, ruleId: i % 7 === 0 ? null : rule.id,
      checklistItemId: null, description: `第${i + 1}项问题：栏目内容未按要求更新`, severity: i % 9 === 0 ? '较重' : '一般', requirement: '按要求整改并报送整改情况',
      deadline: `2024-${String(7 + (i % 5)).padStart(2, '0')}-15`, status: STATUSES[i % STATUSES.length], noticeId: null, followUpNote: '', createdBy: author, ...stamps,
    } as Finding;
  });
  const phoneCalls: PhoneCallRow[] = Array.from({ length: size.phoneCalls }, (_, i) => {
    const u = targets[i % targets.length];
    const q = QUARTERS[i % 4];
    const month = String(1 + (i % 4) * 3).padStart(2, '0');
    return {
      id: `${tag}-call-${i}`, assessmentId: `${inspections[3].id}-${u.id}`, inspectionId: inspections[3].id, targetId: u.id, year: 2024, quarter: q, number: u.disclosurePhones[0], at: `2024-${month}-1${i % 10}T09:30`,
      answered: i % 3 !== 0, correct: i % 3 === 0 ? null : i % 5 !== 0, caller: author, note: '', ...stamps,
    };
  });
  const complaintCases: ComplaintCase[] = Array.from({ length: size.complaints }, (_, i) => ({
    id: `${tag}-case-${i}`, targetId: targets[i % targets.length].id, year: 2024, receivedAt: '2024-08-01', complainant: '', summary: `来件${i + 1}：申请公开事项答复超期`,
    inquirySentAt: '2024-08-02', replyDeadline: '2024-08-12', repliedAt: i % 2 ? '2024-08-20' : '2024-08-10', verifiedAt: '2024-08-22', problemConfirmed: i % 3 === 0,
    rectificationRequiredAt: i % 3 === 0 ? '2024-08-23' : null, rectificationDeadline: null, rectified: i % 3 === 0 ? i % 2 === 0 : null, rectificationCheckedAt: null, note: '', ...stamps,
  }));
  const photos: PhotoRow[] = [];
  const photoLinks: PhotoLink[] = [];
  const photoBlobs: PhotoBlobRow[] = [];
  for (let i = 0; i < size.photos; i++) {
    const bytes = smallJpeg(`${tag} photo ${i}`, 600);
    const id = bytesToHex(sha256(bytes));
    const a = assessments[i % assessments.length];
    photos.push({
      id, originalName: `IMG_${String(i + 1).padStart(4, '0')}.jpg`, originalBytes: bytes.length, mime: 'image/jpeg', width: 1, height: 1, takenAt: '2024-06-12T10:00:00',
      gps: null, camera: null, attachedAt: t, attachedBy: author, watermarked: false, watermarkText: [], processedBytes: bytes.length, ...stamps,
    });
    photoLinks.push({ id: `${tag}-link-${i}`, photoId: id, ownerType: 'assessment', ownerId: a.id, inspectionId: a.inspectionId, assessmentId: a.id, caption: '', forReport: i % 4 === 0, ...stamps });
    photoBlobs.push({ id: `${id}:processed`, photoId: id, blob: new Blob([bytes as BlobPart], { type: 'image/jpeg' }) });
    photoBlobs.push({ id: `${id}:thumb`, photoId: id, blob: new Blob([bytes as BlobPart], { type: 'image/jpeg' }) });
  }
  return { inspections, targets, assessments, responses, findings, phoneCalls, complaintCases, photos, photoLinks, photoBlobs };
}

/** The logged tables of a year, in the order the app writes them (a round before its assessments…). */
export const YEAR_TABLES = ['inspections', 'targets', 'assessments', 'responses', 'findings', 'phoneCalls', 'complaintCases', 'photos', 'photoLinks'] as const;

export function yearRowCount(y: YearFixture): number {
  return YEAR_TABLES.reduce((n, t) => n + y[t].length, 0);
}

/**
 * Write a year through the change logger (every row and its log entry in one
 * transaction per chunk, as the screens write), and the photo bytes as the photo
 * repository stores them.
 */
export async function writeYear(session: Session, y: YearFixture, chunk = 2_000): Promise<void> {
  const { db, logger } = session;
  for (const table of YEAR_TABLES) {
    const rows = y[table] as { id: string }[];
    for (let i = 0; i < rows.length; i += chunk) await logger.save(db.table(table) as never, rows.slice(i, i + chunk));
  }
  for (let i = 0; i < y.photoBlobs.length; i += chunk) await db.photoBlobs.bulkPut(y.photoBlobs.slice(i, i + chunk));
}
