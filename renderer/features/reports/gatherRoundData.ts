import { createWorkCalendar, type CalendarOverride } from '../../../shared/calendar/workCalendar';
import { DEFAULT_NOTICE_SETTINGS, type AssessmentDocument, type DocumentPhoto, type NoticeSettings, type RoundDocumentData } from '../../../shared/documents/types';
import type { InspectorProfile } from '../../../shared/domain/profile';
import { derivedOverridesByAssessment, withDerivedResponses } from '../../../shared/inspections/derived';
import { shownScore } from '../../../shared/inspections/snapshot';
import { callsCountedBy } from '../../../shared/inspections/yearRecords';
import { blobId } from '../../../shared/photos/links';
import type { ChecklistDefinition } from '../../../shared/scheme/checklist';
import { FIVE_UNIFIED_CHECKLIST } from '../../../shared/schemes/index';
import { scoreAssessment } from '../../../shared/scoring/engine';
import type { Responses } from '../../../shared/scoring/responses';
import { LEGACY_NOTICE_SETTINGS_KEY, type InspectorDatabase } from '../../db/database';
import { CALENDAR_OVERRIDES_KEY, DEADLINE_SETTING_KEY, DEFAULT_DEADLINE_DAYS } from '../findings/findingRepository';

/** db.meta key of the notice settings before v8 (still read as a fallback); they now live in db.sharedSettings. */
export const NOTICE_SETTINGS_KEY = LEGACY_NOTICE_SETTINGS_KEY;
/** db.sharedSettings row of the notice settings (synced like other data). */
export const NOTICE_SETTINGS_ROW = 'notice';
/** db.meta key of this laptop's own font choice (installed fonts differ between laptops, so it is not synced). */
export const LOCAL_FONTS_KEY = 'settings.notice.systemFonts';

/** Checklists the app knows; a round uses those its scheme links to or that have answers. */
const KNOWN_CHECKLISTS: readonly ChecklistDefinition[] = [FIVE_UNIFIED_CHECKLIST];

export interface GatherOptions {
  /**
   * Load the stored photo bytes: for the whole round (true), for one
   * assessment (its id), or not at all (false: metadata only, e.g. for the
   * score sheet and notices).
   */
  photoBytes?: boolean | string;
}

/** The office's notice settings merged over the defaults. */
export async function readNoticeSettings(db: InspectorDatabase): Promise<NoticeSettings> {
  const [shared, legacy, fonts, days] = await Promise.all([
    db.sharedSettings.get(NOTICE_SETTINGS_ROW),
    db.meta.get(NOTICE_SETTINGS_KEY),
    db.meta.get(LOCAL_FONTS_KEY),
    db.meta.get(DEADLINE_SETTING_KEY),
  ]);
  const stored = shared?.value ?? legacy?.value;
  const v = (stored && typeof stored === 'object' ? stored : {}) as Partial<NoticeSettings>;
  const d = typeof days?.value === 'number' ? days.value : DEFAULT_DEADLINE_DAYS;
  const local = fonts?.value && typeof fonts.value === 'object' ? { systemFonts: fonts.value as NoticeSettings['systemFonts'] } : {};
  return { ...DEFAULT_NOTICE_SETTINGS, defaultDeadlineDays: d, ...v, ...local };
}

function later(a: string, b: string | null | undefined): string {
  return b && b > a ? b : a;
}

/**
 * Everything the documents of one round are made from, read from the database
 * and scored exactly as the round overview scores it (stored responses plus
 * the rules derived from the phone log and the findings, with the office's
 * working-day calendar).
 */
export async function gatherRoundData(db: InspectorDatabase, inspectionId: string, options: GatherOptions = {}): Promise<RoundDocumentData> {
  const inspection = await db.inspections.get(inspectionId);
  if (!inspection || inspection.deleted) throw new Error('检查任务不存在或已被删除');
  // Deleted rows are read too: removing something changes the documents, so it moves their date.
  const [allAssessments, responseRows, allFindings, calls, links, notices, settings, profile, overrides] = await Promise.all([
    db.assessments.where('inspectionId').equals(inspectionId).toArray(),
    db.responses.where('inspectionId').equals(inspectionId).toArray(),
    db.findings.where('inspectionId').equals(inspectionId).toArray(),
    inspection.kind === '年终考核' ? db.phoneCalls.where('year').equals(inspection.year).toArray() : db.phoneCalls.where('inspectionId').equals(inspectionId).toArray(),
    db.photoLinks.where('inspectionId').equals(inspectionId).toArray(),
    db.notices.where('inspectionId').equals(inspectionId).toArray(),
    readNoticeSettings(db),
    db.meta.get('profile'),
    db.meta.get(CALENDAR_OVERRIDES_KEY),
  ]);
  const assessments = allAssessments.filter((a) => !a.deleted).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const ids = new Set(assessments.map((a) => a.id));
  const [targets, answers, noteRows, decisions] = await Promise.all([
    db.targets.bulkGet(assessments.map((a) => a.targetId)),
    db.checklistAnswers.where('assessmentId').anyOf([...ids]).toArray(),
    db.indicatorNotes.where('assessmentId').anyOf([...ids]).toArray(),
    // The year-end pre-fill's overrides (a 拨测 override judges the calls itself).
    inspection.kind === '年终考核' ? db.prefillDecisions.where('assessmentId').anyOf([...ids]).toArray() : [],
  ]);
  const derivedOverrides = derivedOverridesByAssessment(decisions);
  const calendar = createWorkCalendar(Array.isArray(overrides?.value) ? (overrides.value as CalendarOverride[]) : []);
  let asOf = later(inspection.updatedAt, inspection.createdAt);

  const stored = new Map<string, Responses>();
  for (const r of responseRows) {
    asOf = later(asOf, r.updatedAt);
    if (r.response === null) continue;
    let m = stored.get(r.assessmentId);
    if (!m) stored.set(r.assessmentId, (m = {}));
    m[r.ruleId] = r.response;
  }
  const notes = new Map<string, Record<string, string>>();
  for (const n of noteRows) {
    if (!ids.has(n.assessmentId) || !n.text.trim()) continue;
    asOf = later(asOf, n.updatedAt);
    const m = notes.get(n.assessmentId) ?? {};
    m[n.indicatorId] = n.text.trim();
    notes.set(n.assessmentId, m);
  }
  for (const rows of [allAssessments, allFindings, calls, links, notices, answers, decisions] as { updatedAt: string }[][]) for (const r of rows) asOf = later(asOf, r.updatedAt);
  const findings = allFindings.filter((f) => !f.deleted);

  const docs: AssessmentDocument[] = assessments.map((a, i) => {
    // A submitted assessment's documents show the score as submitted (its snapshot), never a later recount.
    const { responses, result } = shownScore(a, () => {
      const { responses } = withDerivedResponses(inspection.scheme, stored.get(a.id) ?? {}, {
        phoneCalls: callsCountedBy(inspection, a, calls),
        overrides: derivedOverrides.get(a.id),
      });
      return { responses, result: scoreAssessment(inspection.scheme, responses, { calendar }) };
    });
    const t = targets[i];
    return {
      assessment: a,
      target: t ? { ...t } : null,
      responses,
      result,
      notes: notes.get(a.id) ?? {},
    };
  });

  const linkedRules = new Set(inspection.scheme.sections.flatMap((s) => s.indicators.flatMap((i) => i.rules.map((r) => r.id))));
  const answered = new Set(answers.map((a) => a.itemId));
  const checklists = KNOWN_CHECKLISTS.filter(
    (c) => c.linkedRuleIds.some((id) => linkedRules.has(id)) || c.dimensions.some((d) => d.items.some((it) => answered.has(it.id))),
  );

  // Photos: links of this round that go into the report, with metadata and (when asked) bytes.
  const reportLinks = links.filter((l) => !l.deleted && l.forReport && ids.has(l.assessmentId));
  const photoIds = [...new Set(reportLinks.map((l) => l.photoId))];
  const photoRows = await db.photos.bulkGet(photoIds);
  const wantBytes = options.photoBytes ?? false;
  const photos: DocumentPhoto[] = [];
  for (let i = 0; i < photoIds.length; i++) {
    const p = photoRows[i];
    if (!p || p.deleted) continue;
    asOf = later(asOf, p.updatedAt);
    const own = reportLinks.filter((l) => l.photoId === p.id);
    const needBytes = wantBytes === true || (typeof wantBytes === 'string' && own.some((l) => l.assessmentId === wantBytes));
    let jpeg: Uint8Array | null = null;
    if (needBytes) {
      const blob = (await db.photoBlobs.get(blobId(p.id, 'processed')))?.blob;
      if (blob) jpeg = new Uint8Array(await blob.arrayBuffer());
    }
    photos.push({ photo: p, links: own, jpeg, width: p.width, height: p.height });
  }

  return {
    inspection,
    assessments: docs,
    findings,
    // The year-end assessment counts the unit's calls of the whole year; documents list them under it.
    phoneCalls: assessments.flatMap((a) => callsCountedBy(inspection, a, calls).map((c) => ({ ...c, assessmentId: a.id }))),
    checklists,
    checklistAnswers: answers,
    photos,
    notices,
    settings,
    organisation: ((profile?.value as InspectorProfile | undefined)?.organisation ?? '').trim(),
    asOf,
  };
}
