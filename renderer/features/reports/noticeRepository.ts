import { composeNotice, noticeSettingsProblems, type NoticeRecord } from '../../../shared/documents/notice';
import { formatNoticeNumber } from '../../../shared/documents/text';
import { DEFAULT_NOTICE_SETTINGS, type NoticeSettings, type RoundDocumentData } from '../../../shared/documents/types';
import type { Finding } from '../../../shared/domain/findings';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { AssessmentRepository } from '../assessment/assessmentRepository';
import { gatherRoundData, LOCAL_FONTS_KEY, NOTICE_SETTINGS_KEY, NOTICE_SETTINGS_ROW, readNoticeSettings } from './gatherRoundData';

export class NoticeSettingsError extends Error {}

/** Counter key of the last number used by an issuer in a year; never goes down, so numbers are never reused. */
export function noticeCounterKey(issuer: string, year: number): string {
  return `notice.seq:${issuer.trim()}:${year}`;
}

/**
 * 整改通知书 records: settings, numbering and issue. A number is allocated and
 * the notice saved in one transaction with the counter (db.meta) and the
 * findings it lists, so two notices never get the same number on this device.
 */
export class NoticeRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {}

  settings(): Promise<NoticeSettings> {
    return readNoticeSettings(this.db);
  }

  async saveSettings(input: NoticeSettings): Promise<NoticeSettings> {
    const clean: NoticeSettings = {
      ...DEFAULT_NOTICE_SETTINGS,
      ...input,
      issuer: input.issuer.trim(),
      numberPrefix: input.numberPrefix.trim(),
      contactPerson: input.contactPerson.trim(),
      contactPhone: input.contactPhone.trim(),
    };
    const problems = noticeSettingsProblems(clean).map((p) => p.replace(/^请先在“通知书设置”中/, '请'));
    if ([...clean.issuer].length > 40) problems.push('发文机关不能超过40个字');
    if ([...clean.numberPrefix].length > 12) problems.push('文号前缀不能超过12个字');
    if (clean.contactPhone && !/^[0-9０-９\-－()（）\s、,，转]{5,40}$/.test(clean.contactPhone)) problems.push('联系电话只能包含数字、短横线和括号');
    if (!Number.isInteger(clean.defaultDeadlineDays) || clean.defaultDeadlineDays < 1 || clean.defaultDeadlineDays > 365) problems.push('默认整改期限应为1至365个工作日');
    if (problems.length) throw new NoticeSettingsError(problems.join('；'));
    // The default deadline belongs to the findings settings; it is not stored here. The fonts
    // are this laptop's own (installed faces differ); everything else is the office's and is
    // stored whole in a change-logged row, so every laptop gets it with the next sync.
    const { defaultDeadlineDays: _days, systemFonts, ...shared } = clean;
    await this.db.transaction('rw', [this.db.sharedSettings, this.db.meta, this.db.changes], async () => {
      await this.logger.save(this.db.sharedSettings, [{ id: NOTICE_SETTINGS_ROW, value: shared, updatedAt: this.logger.nowIso() }]);
      await this.db.meta.put({ key: LOCAL_FONTS_KEY, value: systemFonts ?? {} });
      await this.db.meta.delete(NOTICE_SETTINGS_KEY);
    });
    return clean;
  }

  /** The number the next notice of this issuer would get (for display; issue() allocates). */
  async nextNumber(now: Date = new Date()): Promise<string | null> {
    const settings = await this.settings();
    if (noticeSettingsProblems(settings).length) return null;
    const year = now.getFullYear();
    const seq = (await this.lastSeq(settings.issuer, year)) + 1;
    return formatNoticeNumber(settings.numberPrefix, year, seq);
  }

  /** Highest number used by an issuer in a year: the counter, or a stored notice if higher. */
  private async lastSeq(issuer: string, year: number): Promise<number> {
    const counter = Number((await this.db.meta.get(noticeCounterKey(issuer, year)))?.value ?? 0) || 0;
    let used = 0;
    await this.db.notices
      .where('[year+seq]')
      .between([year, 0], [year, Number.MAX_SAFE_INTEGER])
      .each((n) => {
        if (n.issuer === issuer && n.seq > used) used = n.seq;
      });
    return Math.max(counter, used);
  }

  /**
   * Numbers given to more than one notice. Numbers are allocated on each laptop,
   * so two laptops issuing offline can collide; after a merge this shows it.
   */
  async duplicateNumbers(): Promise<Set<string>> {
    const seen = new Map<string, Set<string>>();
    await this.db.notices.each((n) => {
      const ids = seen.get(n.number) ?? new Set<string>();
      ids.add(n.id);
      seen.set(n.number, ids);
    });
    return new Set([...seen].filter(([, ids]) => ids.size > 1).map(([number]) => number));
  }

  async list(inspectionId: string): Promise<NoticeRecord[]> {
    const rows = (await this.db.notices.where('inspectionId').equals(inspectionId).toArray()) as NoticeRecord[];
    return rows.sort((a, b) => a.year - b.year || a.seq - b.seq || a.id.localeCompare(b.id));
  }

  /**
   * Issues a notice for findings of one assessment: next number for the
   * issuer and year, content hash, findings marked 已下发通知 and linked.
   * Throws (and changes nothing) if a finding is gone or already on a notice.
   */
  async issue(inspectionId: string, assessmentId: string, findingIds: string[], now: Date = new Date()): Promise<NoticeRecord> {
    const data = await gatherRoundData(this.db, inspectionId);
    const settings = data.settings;
    const problems = noticeSettingsProblems(settings);
    if (problems.length) throw new NoticeSettingsError(problems.join('；'));
    if (findingIds.length === 0) throw new Error('请至少选择一个问题');
    const year = now.getFullYear();
    const db = this.db;
    const assessments = new AssessmentRepository(db, this.logger);
    return db.transaction('rw', [db.meta, db.notices, db.findings, db.assessments, db.inspections, db.phoneCalls, db.responses, db.changes], async () => {
      const fresh = await db.findings.bulkGet(findingIds);
      const listed: Finding[] = [];
      fresh.forEach((f, i) => {
        if (!f || f.deleted || f.assessmentId !== assessmentId) throw new Error(`第${i + 1}个问题已被删除或不属于该单位，请刷新后重试`);
        if (f.noticeId) throw new Error(`问题“${clip(f.description)}”已列入其他整改通知书`);
        listed.push(f);
      });
      const key = noticeCounterKey(settings.issuer, year);
      const seq = (await this.lastSeq(settings.issuer, year)) + 1;
      const current: RoundDocumentData = { ...data, findings: [...data.findings.filter((f) => !findingIds.includes(f.id)), ...listed] };
      const notice = composeNotice(current, {
        id: uuidv7(now.getTime()),
        assessmentId,
        findingIds,
        year,
        seq,
        issuedAt: localDateTime(now),
        createdAt: now.toISOString(),
        settings,
      });
      await db.meta.put({ key, value: seq });
      await this.logger.save(db.notices, [notice]);
      for (const f of listed) {
        const notified = f.status === '待整改';
        await this.logger.patch<Finding>(db.findings, f.id, {
          noticeId: notice.id,
          status: notified ? '已下发通知' : f.status,
          ...(notified ? { statusReason: `下发整改通知书${notice.number}` } : {}),
        });
      }
      await assessments.syncDerived(assessmentId);
      return notice;
    });
  }
}

function clip(s: string): string {
  return s.length > 20 ? `${s.slice(0, 20)}…` : s;
}

/** The local calendar date (the 成文日期 is the date where the office is). */
function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Office-local date-time without zone, e.g. 2024-06-10T09:30:00. */
function localDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${localDate(d)}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
