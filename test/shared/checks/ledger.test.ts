import { describe, expect, it } from 'vitest';
import {
  applyManualMatches,
  compareLedger,
  compareLedgerFiles,
  parseValidity,
  previewLedger,
  previewSite,
  type LedgerComparison,
  type LedgerEntry,
} from '../../../shared/checks';
import { sitePastedText } from '../../fixtures/checks/make-fixtures';
import { fixture, nodeSha256 } from './helpers';

async function compareFixtures(site: 'file' | 'pasted' = 'file'): Promise<LedgerComparison> {
  const r = await compareLedgerFiles(fixture('ledger.xlsx'), site === 'file' ? fixture('site.xls') : { pastedText: sitePastedText(), label: '网站政策栏目' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const entry = (r: LedgerComparison, key: string): LedgerEntry => {
  const e = r.entries.find((x) => x.key === key);
  if (!e) throw new Error(`no entry ${key}`);
  return e;
};

describe('ledger preview', () => {
  it('reads the ledger below its title row, with dates, validity and per-row problems', async () => {
    const f = fixture('ledger.xlsx');
    const p = await previewLedger(f);
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.headerRow).toBe(2);
    expect(p.value.source.sha256).toBe(nodeSha256(f.bytes));
    expect(p.value.rows).toHaveLength(11);
    expect(p.value.rows[0]).toMatchObject({ row: 3, docNumber: '盘政发〔2024〕1号', writtenDate: '2024-01-05', publishDate: '2024-01-08', validity: 'current' });
    expect(p.value.rows[2]).toMatchObject({ writtenDate: '2024-02-01', publishDate: '2024-02-03' });
    expect(p.value.rowIssues).toEqual([
      { row: 13, column: 'D', field: 'writtenDate', severity: 'warning', message: '成文日期：日期不存在：「2024-02-30」（2024年2月只有29天）' },
    ]);
  });

  it('reads the site table, taking a marking written into the title', async () => {
    const p = await previewSite(fixture('site.xls'));
    if (!p.ok) throw new Error(p.error.message);
    const marked = p.value.rows.find((r) => r.row === 5)!;
    expect(marked).toMatchObject({ title: '关于进一步规范出租车管理的通知', validity: 'amended', markingFrom: 'title' });
  });

  it('understands the usual validity words', () => {
    expect(['现行有效', '有效', '已修改', '已修订', '已废止', '废止', '已失效', '失效', ''].map(parseValidity)).toEqual([
      'current', 'current', 'amended', 'amended', 'repealed', 'repealed', 'expired', 'expired', null,
    ]);
  });
});

describe('ledger vs website', () => {
  it('classifies each document', async () => {
    const r = await compareFixtures();
    const summary = r.entries.map((e) => [e.key, e.status, e.needsReview]);
    expect(summary).toEqual([
      ['L3', 'consistent', false], // 文号 written 盘政发[2024]第１号 on the site
      ['L4', 'missing', false],
      ['L5', 'inconsistent', false], // title differs
      ['L6', 'unmarked', false], // 已废止, no marking on the site
      ['L7', 'consistent', false], // 已修改, marked 【已修改】 in the site title
      ['L8', 'consistent', false], // no 文号: matched by a title that needs normalisation
      ['L9', 'missing', true], // two site rows with the same title
      ['L10', 'inconsistent', true], // same title, 文号 7号 vs 17号
      ['L11', 'inconsistent', false], // 现行有效 but marked 已废止 on the site
      ['L12', 'absentInactive', false],
      ['L13', 'consistent', false],
      ['W7', 'extra', true],
      ['W8', 'extra', true],
      ['W11', 'extra', false],
    ]);
    expect(entry(r, 'L3').matchedBy).toBe('docNumber');
    expect(entry(r, 'L8').matchedBy).toBe('title');
    expect(entry(r, 'L5').differences).toEqual([
      { field: 'title', ledgerValue: '关于做好2024年春耕生产工作的通知', siteValue: '关于做好2024年春季农业生产工作的通知', message: expect.stringContaining('标题不一致') },
    ]);
    expect(entry(r, 'L6').message).toBe('台账记载为已废止，网站未作标注');
    expect(entry(r, 'L11').differences.map((d) => d.field)).toEqual(['validity']);
    expect(entry(r, 'L11').message).toBe('有效性不一致：台账为现行有效，网站标注为已废止');
    expect(entry(r, 'L4').message).toContain('未及时更新');
    expect(entry(r, 'W11').message).toBe('网站已公开，但台账中没有该文件');
  });

  it('lists the candidates of ambiguous matches and keeps them out of the counts', async () => {
    const r = await compareFixtures();
    const same = entry(r, 'L9');
    expect(same.reviewReason).toBe('sameTitleCandidates');
    expect(same.candidates.map((s) => [s.row, s.docNumber])).toEqual([
      [7, '盘政办发〔2023〕9号'],
      [8, '盘政办发〔2022〕4号'],
    ]);
    const differs = entry(r, 'L10');
    expect(differs.reviewReason).toBe('titleMatchDocNumberDiffers');
    expect(differs.site!.row).toBe(9);
    expect(r.complete).toBe(false);
    expect(r.counts).toEqual({
      consistent: 4,
      missing: 1,
      inconsistent: 2,
      unmarked: 1,
      extra: 1,
      absentInactive: 1,
      needsReview: 4,
      byDifference: { docNumber: 0, title: 1, validity: 1 },
    });
  });

  it('recomputes the classification from a person’s decisions', async () => {
    const r = await compareFixtures();
    // L9 is site row 7; L10 is indeed site row 9 (the 文号 on the site is wrong).
    const fixed = applyManualMatches(r, [
      { ledgerRow: 9, siteRow: 7 },
      { ledgerRow: 10, siteRow: 9 },
    ]);
    expect(fixed.complete).toBe(true);
    expect(entry(fixed, 'L9')).toMatchObject({ status: 'inconsistent', matchedBy: 'manual', needsReview: false });
    expect(entry(fixed, 'L9').differences.map((d) => d.field)).toEqual(['docNumber']);
    expect(entry(fixed, 'L10').message).toBe('文号不一致：台账为「盘政发〔2024〕7号」，网站为「盘政发〔2024〕17号」');
    expect(entry(fixed, 'W8')).toMatchObject({ status: 'extra', needsReview: false });
    expect(fixed.counts).toEqual({
      consistent: 4,
      missing: 1,
      inconsistent: 4,
      unmarked: 1,
      extra: 2,
      absentInactive: 1,
      needsReview: 0,
      byDifference: { docNumber: 2, title: 1, validity: 1 },
    });
    // A further decision builds on the earlier ones; the later decision for a row wins.
    const undo = applyManualMatches(fixed, [{ ledgerRow: 10, siteRow: null }]);
    expect(entry(undo, 'L10').status).toBe('missing');
    expect(entry(undo, 'W9').status).toBe('extra');
    expect(entry(undo, 'L9').matchedBy).toBe('manual');
    expect(undo.counts).toMatchObject({ missing: 2, extra: 3, inconsistent: 3, needsReview: 0 });
  });

  it('refuses impossible decisions with a message and leaves the rest as it was', async () => {
    const r = await compareFixtures();
    const bad = applyManualMatches(r, [
      { ledgerRow: 99, siteRow: 2 },
      { ledgerRow: 4, siteRow: 2 }, // decisions are applied in order: L4 takes site row 2 …
      { ledgerRow: 3, siteRow: 2 }, // … so it cannot also be L3's
    ]);
    expect(bad.warnings).toEqual(['人工对应无效：台账中没有第99行', '人工对应无效：网站第2行已对应台账中的其他文件（台账第3行）']);
    expect(entry(bad, 'L4').site!.row).toBe(2);
    expect(entry(bad, 'L3').status).toBe('missing');
    expect(bad.overrides).toEqual([{ ledgerRow: 4, siteRow: 2 }]);
  });

  it('gives the same result from a table pasted from the website', async () => {
    const file = await compareFixtures('file');
    const pasted = await compareFixtures('pasted');
    expect(pasted.counts).toEqual(file.counts);
    expect(pasted.entries.map((e) => [e.key, e.status])).toEqual(file.entries.map((e) => [e.key, e.status]));
    expect(pasted.siteSource).toMatchObject({ fileName: '网站政策栏目', format: 'pasted' });
  });

  it('matches two documents sharing a 文号 by their titles', () => {
    const l = (row: number, docNumber: string, title: string) => ({ row, docNumber, title, writtenDate: null, publishDate: null, validity: null, validityText: '' });
    const s = (row: number, docNumber: string, title: string) => ({ row, docNumber, title, rawTitle: title, publishDate: null, validity: null, validityText: '', markingFrom: null });
    const r = compareLedger([l(2, '盘政发〔2024〕1号', '关于甲的通知'), l(3, '盘政发〔2024〕1号', '关于乙的通知')], [s(2, '盘政发[2024]1号', '关于乙的通知'), s(3, '盘政发[2024]1号', '关于甲的通知')]);
    expect(r.entries.map((e) => [e.key, e.site?.row, e.status])).toEqual([
      ['L2', 3, 'consistent'],
      ['L3', 2, 'consistent'],
    ]);
  });
});
