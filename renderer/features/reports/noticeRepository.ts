import { composeNotice, noticeContent, noticeContentHash, noticeSettingsProblems, type NoticeRecord } from '../../../shared/documents/notice';
import { formatNoticeNumber } from '../../../shared/documents/text';
import { DEFAULT_NOTICE_SETTINGS, type NoticeSettings, type RoundDocumentData } from '../../../shared/documents/types';
import type { Finding } from '../../../shared/domain/findings';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase, NoticeBlockRow, NoticeDraftRow } from '../../db/database';
import { AssessmentRepository } from '../assessment/assessmentRepository';
import { LEAD_ONLY, mayLead } from '../trust/officeKeys';
import { signIssuedNotice } from '../trust/noticeSigning';
import { serverNoticeSeq } from '../serverSync/noticeNumbers';
import { gatherRoundData, LOCAL_FONTS_KEY, NOTICE_SETTINGS_KEY, NOTICE_SETTINGS_ROW, readNoticeSettings } from './gatherRoundData';

export class NoticeSettingsError extends Error {}

/** This laptop may not number a notice of the issuer and year (no block, or its block is used up). */
export class NoticeNumberingError extends Error {}

/** Where the next number of a laptop comes from. */
export type NumberSource =
  | { kind: 'holder'; block: NoticeBlockRow }
  | { kind: 'block'; block: NoticeBlockRow }
  /** Nobody holds the series yet: this laptop takes it at its first issue. */
  | { kind: 'unclaimed' };

/** A laptop seen in the change log (merged from sync), for assigning number blocks. */
export interface KnownDevice {
  deviceId: string;
  author: string;
}

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

  /**
   * The year a round's notices are numbered in (〔year〕 and the number series):
   * the round's assessment year, whatever the clock says, so a year's notices
   * form one series and sit in that year's files.
   */
  async roundYear(inspectionId: string): Promise<number> {
    const inspection = await this.db.inspections.get(inspectionId);
    if (!inspection || inspection.deleted) throw new Error('检查任务不存在或已被删除');
    return inspection.year;
  }

  /**
   * The number the next notice of this issuer would get on this laptop in an
   * assessment year (for display; issue() allocates), or null if it may not
   * number. Given a moment instead, its local calendar year.
   */
  async nextNumber(at: number | Date = new Date()): Promise<string | null> {
    const settings = await this.settings();
    if (noticeSettingsProblems(settings).length) return null;
    const year = typeof at === 'number' ? at : at.getFullYear();
    try {
      const seq = await this.nextSeq(settings.issuer, year);
      return formatNoticeNumber(settings.numberPrefix, year, seq);
    } catch (e) {
      if (e instanceof NoticeNumberingError) return null;
      throw e;
    }
  }

  // ---- who numbers: the series holder, or a block per laptop -------------------

  /** The blocks of an issuer's series in a year (not withdrawn), holder first, then by range. */
  async blocks(issuer: string, year: number): Promise<NoticeBlockRow[]> {
    const rows = await this.db.noticeBlocks.where('[issuer+year]').equals([issuer.trim(), year]).toArray();
    return rows.filter((b) => !b.deleted).sort((a, b) => Number(b.holder) - Number(a.holder) || a.from - b.from || a.id.localeCompare(b.id));
  }

  /** The laptop holding the series (the earliest claim wins if two laptops claimed it offline). */
  async holder(issuer: string, year: number): Promise<NoticeBlockRow | null> {
    const holders = (await this.blocks(issuer, year)).filter((b) => b.holder).sort((a, b) => a.assignedAt.localeCompare(b.assignedAt) || a.id.localeCompare(b.id));
    return holders[0] ?? null;
  }

  async numberSource(issuer: string, year: number): Promise<NumberSource> {
    const me = this.logger.deviceId;
    const holder = await this.holder(issuer, year);
    if (!holder) return { kind: 'unclaimed' };
    if (holder.deviceId === me) return { kind: 'holder', block: holder };
    const mine = (await this.blocks(issuer, year)).filter((b) => !b.holder && b.deviceId === me);
    for (const block of mine) {
      const used = await this.usedSeqs(issuer, year);
      const counter = Number((await this.db.meta.get(blockCounterKey(block.id)))?.value ?? 0) || 0;
      for (let n = Math.max(block.from, counter + 1); n <= block.to; n++) if (!used.has(n)) return { kind: 'block', block };
    }
    if (mine.length) throw new NoticeNumberingError(`本机的文号段（${mine.map((b) => `${b.from}–${b.to}号`).join('、')}）已用完，请${holder.deviceLabel || '持有文号的电脑'}下发，或请组长再分配文号段`);
    throw new NoticeNumberingError(`本机没有${year}年度的文号：请由持有文号的电脑（${holder.deviceLabel || holder.assignedBy}）下发，或请组长为本机分配文号段`);
  }

  private async usedSeqs(issuer: string, year: number): Promise<Set<number>> {
    const used = new Set<number>();
    await this.db.notices
      .where('[year+seq]')
      .between([year, 0], [year, Number.MAX_SAFE_INTEGER])
      .each((n) => {
        if (n.issuer === issuer) used.add(n.seq);
        for (const f of (n as NoticeRecord).formerNumbers ?? []) if (n.issuer === issuer) used.add(f.seq);
      });
    return used;
  }

  /** The next number this laptop gives: above every block and number used (holder), or the next free one in its block. */
  private async nextSeq(issuer: string, year: number): Promise<number> {
    const source = await this.numberSource(issuer, year);
    if (source.kind === 'block') {
      const used = await this.usedSeqs(issuer, year);
      const counter = Number((await this.db.meta.get(blockCounterKey(source.block.id)))?.value ?? 0) || 0;
      for (let n = Math.max(source.block.from, counter + 1); n <= source.block.to; n++) if (!used.has(n)) return n;
      throw new NoticeNumberingError('本机的文号段已用完，请组长再分配');
    }
    const blockTop = Math.max(0, ...(await this.blocks(issuer, year)).map((b) => b.to));
    return Math.max(await this.lastSeq(issuer, year), blockTop) + 1;
  }

  /** The holder's claim on its first issue (recorded and synced like other data). */
  private async claimSeries(issuer: string, year: number): Promise<void> {
    const now = this.logger.nowIso();
    const row: NoticeBlockRow = {
      id: uuidv7(),
      issuer: issuer.trim(),
      year,
      deviceId: this.logger.deviceId,
      deviceLabel: this.logger.author ? `${this.logger.author}的电脑` : '本机',
      holder: true,
      from: 0,
      to: 0,
      assignedBy: this.logger.author,
      assignedAt: now,
      updatedAt: now,
      deletedAt: null,
      deleted: 0,
    };
    await this.logger.save(this.db.noticeBlocks, [row]);
  }

  /**
   * 组长 assigns a block of numbers to another laptop (e.g. 21–40 to 李华的电脑).
   * Only the series holder assigns; a block never overlaps another block or a
   * number already used, so the laptops can never give the same number.
   */
  async assignBlock(input: { year: number; deviceId: string; deviceLabel: string; from: number; to: number }): Promise<NoticeBlockRow> {
    const settings = await this.settings();
    const problems = noticeSettingsProblems(settings);
    if (problems.length) throw new NoticeSettingsError(problems.join('；'));
    const issuer = settings.issuer;
    const { year, from, to } = input;
    const label = input.deviceLabel.trim();
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from) throw new NoticeNumberingError('文号段应为从小到大的正整数，如21至40');
    if (to - from >= 1000) throw new NoticeNumberingError('一个文号段不能超过1000个号');
    if (!(await mayLead(this.db))) throw new NoticeNumberingError(`分配文号段${LEAD_ONLY}`);
    if (!label) throw new NoticeNumberingError('请填写电脑名称，如“李华的笔记本”');
    if (input.deviceId === this.logger.deviceId) throw new NoticeNumberingError('本机持有文号，无需为本机分配文号段');
    return this.db.transaction('rw', [this.db.noticeBlocks, this.db.notices, this.db.meta, this.db.changes], async () => {
      let holder = await this.holder(issuer, year);
      if (!holder) {
        await this.claimSeries(issuer, year);
        holder = await this.holder(issuer, year);
      }
      if (holder!.deviceId !== this.logger.deviceId) throw new NoticeNumberingError(`文号由${holder!.deviceLabel || '另一台电脑'}持有，只能由该电脑分配文号段`);
      const overlap = (await this.blocks(issuer, year)).find((b) => !b.holder && b.from <= to && from <= b.to);
      if (overlap) throw new NoticeNumberingError(`与已分配给${overlap.deviceLabel}的${overlap.from}–${overlap.to}号重叠`);
      const last = await this.lastSeq(issuer, year);
      if (from <= last) throw new NoticeNumberingError(`${last}号及以前的文号已使用，文号段应从${last + 1}号以后开始`);
      const now = this.logger.nowIso();
      const row: NoticeBlockRow = {
        id: uuidv7(),
        issuer,
        year,
        deviceId: input.deviceId,
        deviceLabel: label,
        holder: false,
        from,
        to,
        assignedBy: this.logger.author,
        assignedAt: now,
        updatedAt: now,
        deletedAt: null,
        deleted: 0,
      };
      await this.logger.save(this.db.noticeBlocks, [row]);
      return row;
    });
  }

  /** Laptops whose changes this database has (its own and merged ones), with the latest name used on each. */
  async knownDevices(): Promise<KnownDevice[]> {
    const latest = new Map<string, { author: string; hlc: string }>();
    await this.db.changes.each((e) => {
      const had = latest.get(e.deviceId);
      if (!had || e.hlc > had.hlc) latest.set(e.deviceId, { author: e.author, hlc: e.hlc });
    });
    // A laptop whose sync bundle was merged, even one that has changed nothing yet.
    await this.db.importedBundles.each((b) => {
      if (!latest.has(b.fromDevice)) latest.set(b.fromDevice, { author: b.fromAuthor, hlc: '' });
    });
    if (!latest.has(this.logger.deviceId)) latest.set(this.logger.deviceId, { author: this.logger.author, hlc: '' });
    return [...latest].map(([deviceId, v]) => ({ deviceId, author: v.author })).sort((a, b) => a.author.localeCompare(b.author, 'zh-CN') || a.deviceId.localeCompare(b.deviceId));
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
      if ((n as NoticeRecord).voided) return;
      const ids = seen.get(n.number) ?? new Set<string>();
      ids.add(n.id);
      seen.set(n.number, ids);
    });
    return new Set([...seen].filter(([, ids]) => ids.size > 1).map(([number]) => number));
  }

  // ---- a duplicate number after a merge: 作废 or 重新编号, with the history kept -------

  /** The notices (not voided) that share a number, for the guided fix. */
  async withNumber(number: string): Promise<NoticeRecord[]> {
    const rows = (await this.db.notices.where('number').equals(number).toArray()) as NoticeRecord[];
    return rows.filter((n) => !n.voided).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /**
   * 作废: the notice stays on record with its number, marked void with the
   * reason; its findings are released so they can go on a new notice.
   */
  async voidNotice(id: string, reason: string): Promise<NoticeRecord> {
    const text = reason.trim();
    if ([...text].length < 2) throw new NoticeNumberingError('请填写作废理由');
    if ([...text].length > 200) throw new NoticeNumberingError('作废理由不能超过200个字');
    const db = this.db;
    return db.transaction('rw', [db.notices, db.findings, db.changes], async () => {
      const n = (await db.notices.get(id)) as NoticeRecord | undefined;
      if (!n) throw new NoticeNumberingError('通知书不存在');
      if (n.voided) throw new NoticeNumberingError(`通知书${n.number}已作废`);
      const next = await this.logger.patch<NoticeRecord>(db.notices, id, { voided: true, voidReason: text, voidedBy: this.logger.author, voidedAt: this.logger.nowIso() });
      for (const fid of n.findingIds) {
        const f = await db.findings.get(fid);
        if (f && f.noticeId === id) await this.logger.patch<Finding>(db.findings, fid, { noticeId: null });
      }
      return next;
    });
  }

  /**
   * 重新编号: the notice gets the next number this laptop may give; the old
   * number is kept in its history with the reason, and its content hash (QR
   * code) is recomputed for the new number. Reprint it afterwards.
   */
  async renumber(id: string, reason: string): Promise<NoticeRecord> {
    const text = reason.trim();
    if ([...text].length < 2) throw new NoticeNumberingError('请填写重新编号的理由');
    const n0 = (await this.db.notices.get(id)) as NoticeRecord | undefined;
    if (!n0) throw new NoticeNumberingError('通知书不存在');
    if (n0.voided) throw new NoticeNumberingError(`通知书${n0.number}已作废，不能重新编号`);
    if (!(await mayLead(this.db))) throw new NoticeNumberingError(`重新编号${LEAD_ONLY}`);
    const settings = await this.settings();
    const data = await gatherRoundData(this.db, n0.inspectionId);
    const db = this.db;
    const renumbered = await db.transaction('rw', [db.meta, db.notices, db.noticeBlocks, db.changes], async () => {
      const n = (await db.notices.get(id)) as NoticeRecord;
      const source = await this.numberSource(n.issuer, n.year);
      if (source.kind === 'unclaimed') await this.claimSeries(n.issuer, n.year);
      const seq = await this.nextSeq(n.issuer, n.year);
      const prefix = n.number.replace(/〔\d{4}〕\d+号$/, '') || settings.numberPrefix;
      const number = formatNoticeNumber(prefix, n.year, seq);
      const history = [...(n.formerNumbers ?? []), { number: n.number, seq: n.seq, reason: text, by: this.logger.author, at: this.logger.nowIso() }];
      const row: NoticeRecord = { ...n, seq, number, formerNumbers: history };
      row.contentHash = noticeContentHash(noticeContent(data, row));
      await db.meta.put({ key: source.kind === 'block' ? blockCounterKey(source.block.id) : noticeCounterKey(n.issuer, n.year), value: seq });
      await this.logger.save(db.notices, [row]);
      return row;
    });
    return signIssuedNotice(db, this.logger, renumbered);
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
  async issue(inspectionId: string, assessmentId: string, findingIds: string[], now: Date = new Date(), options: { heldByDraft?: string } = {}): Promise<NoticeRecord> {
    const data = await gatherRoundData(this.db, inspectionId);
    const settings = data.settings;
    const problems = noticeSettingsProblems(settings);
    if (problems.length) throw new NoticeSettingsError(problems.join('；'));
    if (findingIds.length === 0) throw new Error('请至少选择一个问题');
    if (!(await mayLead(this.db))) throw new NoticeNumberingError(`签发整改通知书${LEAD_ONLY}`);
    // Numbered in the round's assessment year (a 2024 round's notice is 〔2024〕 even when issued later).
    const year = data.inspection.year;
    const db = this.db;
    const noticeId = uuidv7(now.getTime());
    // Connected to the office sync server: the number comes from its series (offline: this laptop's series or block, below).
    const fromServer = await serverNoticeSeq(db, this.logger, { issuer: settings.issuer, year, noticeId }, async (n) => (await this.usedSeqs(settings.issuer, year)).has(n));
    const assessments = new AssessmentRepository(db, this.logger);
    const issued = await db.transaction('rw', [db.meta, db.notices, db.noticeBlocks, db.noticeDrafts, db.findings, db.assessments, db.inspections, db.phoneCalls, db.responses, db.changes], async () => {
      // Findings held by a draft go out only with that draft.
      const drafts = (await db.noticeDrafts.where('inspectionId').equals(inspectionId).toArray()).filter((d) => !d.deleted && !d.noticeId && d.id !== options.heldByDraft);
      const held = new Set(drafts.flatMap((d) => d.findingIds));
      const fresh = await db.findings.bulkGet(findingIds);
      const listed: Finding[] = [];
      fresh.forEach((f, i) => {
        if (!f || f.deleted || f.assessmentId !== assessmentId) throw new Error(`第${i + 1}个问题已被删除或不属于该单位，请刷新后重试`);
        if (f.noticeId) throw new Error(`问题“${clip(f.description)}”已列入其他整改通知书`);
        if (held.has(f.id)) throw new Error(`问题“${clip(f.description)}”已列入整改通知书草稿，请从草稿编号下发`);
        listed.push(f);
      });
      // Numbered now, by the laptop that holds the series or from this laptop's block.
      const source = fromServer === null ? await this.numberSource(settings.issuer, year) : null;
      if (source?.kind === 'unclaimed') await this.claimSeries(settings.issuer, year);
      const seq = fromServer ?? (await this.nextSeq(settings.issuer, year));
      const key = source?.kind === 'block' ? blockCounterKey(source.block.id) : noticeCounterKey(settings.issuer, year);
      const current: RoundDocumentData = { ...data, findings: [...data.findings.filter((f) => !findingIds.includes(f.id)), ...listed] };
      const notice = composeNotice(current, {
        id: noticeId,
        assessmentId,
        findingIds,
        year,
        seq,
        issuedAt: localDateTime(now),
        createdAt: now.toISOString(),
        settings,
      });
      await db.meta.put({ key, value: fromServer === null ? seq : Math.max(seq, await this.lastSeq(settings.issuer, year)) });
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
    return signIssuedNotice(db, this.logger, issued);
  }
}


/**
 * 草稿: a notice saved on a laptop that cannot number it (no series, no block).
 * It carries no number and is never printed; its findings are held for it.
 * 编号下发 issues it as a real notice once the laptop has a number source.
 */
export class NoticeDraftRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {}

  async list(inspectionId: string): Promise<NoticeDraftRow[]> {
    const rows = await this.db.noticeDrafts.where('inspectionId').equals(inspectionId).toArray();
    return rows.filter((d) => !d.deleted && !d.noticeId).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async save(inspectionId: string, assessmentId: string, findingIds: string[], now: Date = new Date()): Promise<NoticeDraftRow> {
    if (findingIds.length === 0) throw new Error('请至少选择一个问题');
    const db = this.db;
    return db.transaction('rw', [db.assessments, db.inspections, db.findings, db.noticeDrafts, db.changes], async () => {
      const a = await db.assessments.get(assessmentId);
      if (!a || a.deleted || a.inspectionId !== inspectionId) throw new Error('评分记录不存在或已被移出检查任务');
      const inspection = await db.inspections.get(inspectionId);
      if (!inspection || inspection.deleted) throw new Error('检查任务不存在或已被删除');
      const held = new Set((await this.list(inspectionId)).flatMap((d) => d.findingIds));
      const fresh = await db.findings.bulkGet(findingIds);
      fresh.forEach((f, i) => {
        if (!f || f.deleted || f.assessmentId !== assessmentId) throw new Error(`第${i + 1}个问题已被删除或不属于该单位，请刷新后重试`);
        if (f.noticeId) throw new Error(`问题“${clip(f.description)}”已列入其他整改通知书`);
        if (held.has(f.id)) throw new Error(`问题“${clip(f.description)}”已列入其他草稿`);
      });
      const at = this.logger.nowIso();
      const row: NoticeDraftRow = {
        id: uuidv7(now.getTime()),
        inspectionId,
        assessmentId,
        targetId: a.targetId,
        // The year it will be numbered in: the round's assessment year.
        year: inspection.year,
        findingIds: [...findingIds],
        createdBy: this.logger.author,
        createdAt: at,
        noticeId: null,
        updatedAt: at,
        deletedAt: null,
        deleted: 0,
      };
      await this.logger.save(db.noticeDrafts, [row]);
      return row;
    });
  }

  /** 编号下发: issues the draft as a numbered notice (series or block of this laptop); refused, changing nothing, while it has none. */
  async number(draftId: string, now: Date = new Date()): Promise<NoticeRecord> {
    const draft = await this.db.noticeDrafts.get(draftId);
    if (!draft || draft.deleted) throw new Error('草稿不存在或已删除');
    if (draft.noticeId) throw new Error('该草稿已编号下发');
    const notice = await new NoticeRepository(this.db, this.logger).issue(draft.inspectionId, draft.assessmentId, draft.findingIds, now, { heldByDraft: draft.id });
    await this.logger.patch<NoticeDraftRow>(this.db.noticeDrafts, draftId, { noticeId: notice.id });
    return notice;
  }

  async remove(draftId: string): Promise<void> {
    const draft = await this.db.noticeDrafts.get(draftId);
    if (!draft || draft.deleted || draft.noticeId) return;
    await this.logger.patch<NoticeDraftRow>(this.db.noticeDrafts, draftId, { deletedAt: this.logger.nowIso(), deleted: 1 });
  }
}

/** Counter key of the last number used from a block on this laptop. */
export function blockCounterKey(blockId: string): string {
  return `notice.block:${blockId}`;
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
