import { afterEach, describe, expect, it } from 'vitest';
import { checkCatalogue, previewCatalogue } from '../../../shared/checks/catalogue';
import { compareLedger, previewLedger, previewSite } from '../../../shared/checks/ledger';
import { checkTimeliness, previewTimeliness, previewTimelinessEntries } from '../../../shared/checks/timeliness';
import { withDerivedResponses } from '../../../shared/inspections/derived';
import { PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT } from '../../../shared/schemes/panjin2024';
import { scoreAssessment } from '../../../shared/scoring/engine';
import { historyOf } from '../../../renderer/db/changeLogger';
import { CheckRunRepository } from '../../../renderer/features/paperworkChecks/checkRunRepository';
import { DEADLINE_SETTING_KEY as DEADLINE_SETTING } from '../../../renderer/features/settings/workSettings';
import { catalogueFindingDrafts, catalogueOutcome, countableLedgerEntries, ledgerOutcome, timelinessOutcome } from '../../../renderer/features/paperworkChecks/outcomes';
import { feedableRules, suggestRule } from '../../../renderer/features/paperworkChecks/ruleChoice';
import type { StoredCheckResult } from '../../../renderer/features/paperworkChecks/types';
import { catalogueDefectsXlsx, emptyRowsXlsx, interpretationsXlsx, ledgerXlsx, siteXls } from '../../fixtures/checks/make-fixtures';
import { dropRound, newRound, writtenCounts, type Round } from './helpers';

let round: Round | undefined;
afterEach(async () => {
  await dropRound(round);
  round = undefined;
});

async function catalogueReport() {
  const p = await previewCatalogue({ bytes: catalogueDefectsXlsx(), fileName: '交通运输局目录.xlsx' }, { required: 'panjin2024' });
  if (!p.ok) throw new Error(p.error.message);
  return checkCatalogue(p.value, { required: 'panjin2024' });
}

async function totalOf(r: Round) {
  const repo = new CheckRunRepository(r.session.db, r.session.logger);
  const stored = await repo.storedResponses(r.assessment.id);
  return scoreAssessment(r.inspection.scheme, withDerivedResponses(r.inspection.scheme, stored, { phoneCalls: [], findings: [] }).responses).totalText;
}

describe('confirming a catalogue check', () => {
  it('stores the run, sets the rule’s count, creates the findings, all change-logged', async () => {
    round = await newRound();
    const { db, logger } = round.session;
    const repo = new CheckRunRepository(db, logger);
    const report = await catalogueReport();
    const options = feedableRules(round.inspection.scheme);
    const rule = options.find((o) => o.ruleId === suggestRule(options, 'catalogue'))!;
    expect(rule.ruleId).toBe('pj24c.catalogue.nonstandard');

    // The inspector does not count the duplicate.
    const dup = report.problems.find((p) => p.code === 'DUPLICATE')!;
    const confirmed = new Set(report.problems.filter((p) => p.id !== dup.id).map((p) => p.id));
    const outcome = catalogueOutcome(report, confirmed, 'row', rule);
    expect(outcome.count).toBe(report.summary.rowsWithProblems - 1);
    const drafts = catalogueFindingDrafts(report, confirmed, 'panjin2024', rule);
    expect(drafts.map((d) => d.key)).not.toContain('catalogue:DUPLICATE');
    expect(await totalOf(round)).toBe('0');

    const deadline = await repo.defaultDeadline('2024-09-27');
    // 15 working days: 9/29 (Sun) and 10/12 (Sat) are 调休 working days, 10/1–10/7 are holidays.
    expect(deadline).toBe('2024-10-23');
    const saved = await repo.confirm({
      assessmentId: round.assessment.id,
      kind: 'catalogue',
      fileName: report.source.fileName,
      fileHash: report.source.sha256,
      count: outcome.count,
      confirmed: [...confirmed],
      feeds: outcome.feeds,
      ruleChoice: { catalogue: rule.ruleId },
      result: { sources: [report.source], catalogue: { report, preset: 'panjin2024', countUnit: 'row', mapping: null } },
      findings: drafts,
      deadline,
    });

    const runs = await db.checkRuns.toArray();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ kind: 'catalogue', fileName: '交通运输局目录.xlsx', fileHash: report.source.sha256, ruleId: 'pj24c.catalogue.nonstandard', count: 2, assessmentId: round.assessment.id });
    expect(runs[0].fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(runs[0].confirmed).not.toContain(dup.id);
    expect((runs[0].result as StoredCheckResult).by).toBe('王明');

    const response = await db.responses.get(`${round.assessment.id}:pj24c.catalogue.nonstandard`);
    expect(response?.response).toEqual({ count: 2 });
    expect(await totalOf(round)).toBe('−0.1'); // 2 × 0.05

    const findings = await db.findings.toArray();
    expect(findings).toHaveLength(drafts.length);
    expect(findings.every((f) => f.status === '待整改' && f.deadline === '2024-10-23' && f.ruleId === 'pj24c.catalogue.nonstandard' && f.indicatorId === 'pj24c.catalogue')).toBe(true);
    expect(findings.map((f) => f.description).join('\n')).toContain('第7行「规划计划」公开时限「及时」未明确具体时间');
    expect(saved.findings.map((f) => f.id).sort()).toEqual(((runs[0].result as StoredCheckResult).findingIds ?? []).slice().sort());

    for (const [table, id] of [['checkRuns', runs[0].id], ['responses', response!.id], ['findings', findings[0].id]] as const) {
      const history = await historyOf(db, table, id);
      expect(history.length).toBeGreaterThan(0);
      expect(history.every((e) => e.author === '王明')).toBe(true);
    }
  });

  it('a second run replaces the count and keeps the first run', async () => {
    round = await newRound();
    const { db, logger } = round.session;
    const repo = new CheckRunRepository(db, logger);
    const report = await catalogueReport();
    const options = feedableRules(round.inspection.scheme);
    const rule = options.find((o) => o.ruleId === 'pj24c.catalogue.nonstandard')!;
    const input = (confirmed: Set<string>) => {
      const outcome = catalogueOutcome(report, confirmed, 'problem', rule);
      return {
        assessmentId: round!.assessment.id,
        kind: 'catalogue' as const,
        fileName: report.source.fileName,
        fileHash: report.source.sha256,
        count: outcome.count,
        confirmed: [...confirmed],
        feeds: outcome.feeds,
        ruleChoice: { catalogue: rule.ruleId },
        result: { sources: [report.source] },
        findings: [],
        deadline: '2024-10-25',
      };
    };
    await repo.confirm(input(new Set(report.problems.map((p) => p.id))));
    await repo.confirm(input(new Set([report.problems[0].id])));
    expect(await db.checkRuns.count()).toBe(2);
    expect((await db.responses.get(`${round.assessment.id}:${rule.ruleId}`))?.response).toEqual({ count: 1 });
    expect((await repo.listRuns(round.assessment.id)).map((r) => r.count)).toEqual([1, report.problems.length]);
    expect(await repo.lastRuleChoice(round.inspection.id, 'catalogue')).toEqual({ catalogue: rule.ruleId });
  });

  it('refuses a rule outside the round’s scheme and a submitted assessment, writing nothing', async () => {
    round = await newRound();
    const { db, logger } = round.session;
    const repo = new CheckRunRepository(db, logger);
    const report = await catalogueReport();
    const dept = feedableRules(PANJIN_2024_DEPARTMENT).find((o) => o.ruleId === 'pj24d.catalogue.nonstandard')!;
    const outcome = catalogueOutcome(report, new Set(report.problems.map((p) => p.id)), 'catalogue', dept);
    const before = await writtenCounts(round);
    const base = {
      assessmentId: round.assessment.id,
      kind: 'catalogue' as const,
      fileName: 'x.xlsx',
      fileHash: report.source.sha256,
      count: outcome.count,
      confirmed: [],
      feeds: outcome.feeds,
      ruleChoice: {},
      result: { sources: [report.source] },
      findings: catalogueFindingDrafts(report, new Set(report.problems.map((p) => p.id)), 'panjin2024', dept),
      deadline: '2024-10-25',
    };
    await expect(repo.confirm(base)).rejects.toThrow('本次检查的考核方案中没有规则「主动公开事项目录未按统一标准编制」');
    expect(await writtenCounts(round)).toEqual(before);

    await logger.patch(db.assessments, round.assessment.id, { status: 'submitted' });
    const afterLock = await writtenCounts(round);
    const county = feedableRules(round.inspection.scheme).find((o) => o.ruleId === 'pj24c.catalogue.nonstandard')!;
    await expect(repo.confirm({ ...base, feeds: catalogueOutcome(report, new Set(), 'catalogue', county).feeds })).rejects.toThrow('该单位的评分已提交');
    expect(await writtenCounts(round)).toEqual(afterLock);
  });

  it('a malformed file gives the reader’s message and nothing to confirm', async () => {
    round = await newRound();
    const before = await writtenCounts(round);
    const empty = await previewCatalogue({ bytes: emptyRowsXlsx(1_000_000), fileName: '目录.xlsx' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.message).toBe('表格中没有内容：请确认选择了正确的文件和工作表');
    expect(await writtenCounts(round)).toEqual(before);
  });
});

describe('ledger and timeliness feeds', () => {
  it('feeds missing documents and mismatches into their rules, counting a document once per rule', async () => {
    round = await newRound();
    const { db, logger } = round.session;
    const l = await previewLedger({ bytes: ledgerXlsx(), fileName: '台账.xlsx' });
    const s = await previewSite({ bytes: siteXls(), fileName: '网站.xls' });
    if (!l.ok || !s.ok) throw new Error('fixtures');
    // Settle the entries that need a person: none of them is on the site.
    let c = compareLedger(l.value, s.value);
    c = compareLedger(l.value, s.value, c.entries.filter((e) => e.needsReview && e.ledger).map((e) => ({ ledgerRow: e.ledger!.row, siteRow: null })));
    expect(c.complete).toBe(true);
    const options = feedableRules(round.inspection.scheme);
    const pick = (slot: Parameters<typeof suggestRule>[1]) => options.find((o) => o.ruleId === suggestRule(options, slot)) ?? null;
    const missingRule = pick('ledger.missing')!;
    const mismatchRule = pick('ledger.inconsistent')!;
    expect([missingRule.ruleId, mismatchRule.ruleId]).toEqual(['pj24c.documents.not-updated', 'pj24c.documents.mismatch']);
    const keys = new Set(countableLedgerEntries(c).map((e) => e.key));
    const out = ledgerOutcome(c, keys, { 'ledger.missing': missingRule, 'ledger.inconsistent': mismatchRule, 'ledger.unmarked': mismatchRule });
    const unionMismatch = new Set(c.entries.filter((e) => !e.needsReview && (e.differences.length > 0 || e.unmarked)).map((e) => e.key)).size;
    expect(out.feeds).toEqual([
      expect.objectContaining({ ruleId: 'pj24c.documents.not-updated', count: c.counts.missing, response: { count: c.counts.missing } }),
      expect.objectContaining({ ruleId: 'pj24c.documents.mismatch', count: unionMismatch, slots: ['ledger.inconsistent', 'ledger.unmarked'] }),
    ]);
    const repo = new CheckRunRepository(db, logger);
    await repo.confirm({
      assessmentId: round.assessment.id,
      kind: 'ledger',
      fileName: '台账.xlsx；网站.xls',
      fileHash: l.value.source.sha256,
      count: c.counts.missing + unionMismatch,
      confirmed: [...keys],
      feeds: out.feeds,
      ruleChoice: {},
      result: { sources: [l.value.source, s.value.source], ledger: { comparison: c } },
      findings: [],
      deadline: '2024-10-25',
    });
    expect((await db.responses.get(`${round.assessment.id}:pj24c.documents.not-updated`))?.response).toEqual({ count: c.counts.missing });
    expect((await db.responses.get(`${round.assessment.id}:pj24c.documents.mismatch`))?.response).toEqual({ count: unionMismatch });
  });

  it('writes the documents of a time-limit rule so the engine finds the same late ones', async () => {
    round = await newRound();
    const p = await previewTimeliness({ bytes: interpretationsXlsx(), fileName: '解读.xlsx' }, { kind: 'interpretation' });
    if (!p.ok) throw new Error(p.error.message);
    const report = checkTimeliness(p.value, { limit: 5, unit: 'calendarDays' });
    const options = feedableRules(round.inspection.scheme);
    const rule = options.find((o) => o.ruleId === suggestRule(options, 'interpretation'))!;
    expect(rule.ruleId).toBe('pj24c.interpretation.late');
    const all = new Set(report.late.map((i) => `row:${i.row}`));
    const out = timelinessOutcome(report, all, rule);
    expect(out.count).toBe(report.late.length);
    expect(out.lagItems).toHaveLength(report.items.length);
    const { db, logger } = round.session;
    await new CheckRunRepository(db, logger).confirm({
      assessmentId: round.assessment.id,
      kind: 'interpretation',
      fileName: '解读.xlsx',
      fileHash: report.source.sha256,
      count: out.count,
      confirmed: [...all],
      feeds: out.feeds,
      ruleChoice: { interpretation: rule.ruleId },
      result: { sources: [report.source], timeliness: { report } },
      findings: [],
      deadline: '2024-10-25',
    });
    const score = scoreAssessment(round.inspection.scheme, await new CheckRunRepository(db, logger).storedResponses(round.assessment.id));
    const ruleResult = score.indicators.flatMap((i) => i.rules).find((r) => r.ruleId === rule.ruleId)!;
    expect(ruleResult.points).toBe(-50 * report.late.length);

    // An unconfirmed late document is left out of the rule.
    const first = report.late[0];
    const fewer = timelinessOutcome(report, new Set([...all].filter((k) => k !== `row:${first.row}`)), rule);
    expect(fewer.lagItems.map((i) => i.label)).not.toContain(first.title);
    expect(fewer.count).toBe(report.late.length - 1);
  });

  it('hand-entered pairs count against an occurrence rule; the deadline setting is used', async () => {
    round = await newRound(PANJIN_2024_DEPARTMENT);
    const { db, logger } = round.session;
    await db.meta.put({ key: DEADLINE_SETTING, value: 10 });
    const repo = new CheckRunRepository(db, logger);
    // 10 working days; 6/10 is the Dragon Boat Festival.
    expect(await repo.defaultDeadline('2024-06-03')).toBe('2024-06-18');
    const preview = previewTimelinessEntries('submission', [
      { title: '关于印发2024年政务公开工作要点的通知', from: '2024-01-31', to: '2024年3月1日' },
      { title: '关于做好防汛工作的通知', from: '2024-05-06', to: '2024-06-06' },
    ]);
    const report = checkTimeliness(preview, { limit: 1, unit: 'months' });
    expect(report.count).toBe(1);
    const options = feedableRules(round.inspection.scheme);
    expect(suggestRule(options, 'submission')).toBe('pj24d.reporting.late');
    const monthly = options.find((o) => o.ruleId === 'pj24d.reporting.monthly')!;
    const out = timelinessOutcome(report, new Set(report.late.map((i) => `row:${i.row}`)), monthly);
    expect(out.feeds[0].response).toEqual({ count: 1 });
  });
});

describe('rule suggestions', () => {
  it('picks the rule each check feeds in the built-in Panjin schemes, and none where the scheme has none', () => {
    const county = feedableRules(PANJIN_2024_COUNTY);
    const dept = feedableRules(PANJIN_2024_DEPARTMENT);
    expect(suggestRule(county, 'catalogue')).toBe('pj24c.catalogue.nonstandard');
    expect(suggestRule(dept, 'catalogue')).toBe('pj24d.catalogue.nonstandard');
    expect(suggestRule(county, 'interpretation')).toBe('pj24c.interpretation.late');
    expect(suggestRule(county, 'submission')).toBeNull();
    expect(suggestRule(county, 'ledger.unmarked')).toBeNull();
    // Rules fed by the findings are never offered.
    expect(county.some((o) => o.rule.kind === 'occurrence' && o.rule.feed)).toBe(false);
  });
});
