import { describe, expect, it } from 'vitest';
import { inputsHash, scoreVersionText, shownScore, snapshotIntact, takeSnapshot } from '../../../shared/inspections/snapshot';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes/panjin2024';
import { scoreAssessment } from '../../../shared/scoring/engine';

const scheme = PANJIN_2024_COUNTY;
const responses = { 'pj24c.catalogue.dept-missing': { count: 3 }, 'pj24c.complaints.rectify-required': { count: 1 } };

describe('score snapshot', () => {
  it('keeps the submitted total and explanation, numbered by submission', () => {
    const s1 = takeSnapshot({ scheme, schemeHash: 'abc', responses, submittedAt: '2024-07-08T09:11:00', submittedBy: '王明' });
    expect(s1.version).toBe(1);
    expect(s1.result.total).toBe(scoreAssessment(scheme, responses).total);
    expect(s1.result.indicators.flatMap((i) => i.lines).join('\n')).toContain('每家减0.1分 × 3家');
    expect(snapshotIntact(s1)).toBe(true);
    const s2 = takeSnapshot({ scheme, schemeHash: 'abc', responses: { ...responses, 'pj24c.complaints.not-rectified': { count: 2 } }, submittedAt: '2024-10-14T10:00:00', submittedBy: '李华', previous: s1 });
    expect(s2.version).toBe(2);
    expect(s2.inputsHash).not.toBe(s1.inputsHash);
    expect(scoreVersionText(s2)).toBe('评分版本：第2次提交，2024-10-14 10:00');
  });

  it('hashes the inputs independently of key order, and tells a tampered snapshot', () => {
    const a = inputsHash('abc', { x: { count: 1 }, y: { applies: true } });
    const b = inputsHash('abc', { y: { applies: true }, x: { count: 1 } });
    expect(a).toBe(b);
    expect(inputsHash('abd', { x: { count: 1 }, y: { applies: true } })).not.toBe(a);
    const s = takeSnapshot({ scheme, schemeHash: 'abc', responses, submittedAt: '2024-07-08T09:11:00', submittedBy: '王明' });
    s.responses['pj24c.catalogue.dept-missing'] = { count: 0 };
    expect(snapshotIntact(s)).toBe(false);
  });

  it('a submitted assessment shows its snapshot whatever the live inputs say; an open one the live score', () => {
    const snap = takeSnapshot({ scheme, schemeHash: 'abc', responses, submittedAt: '2024-07-08T09:11:00', submittedBy: '王明' });
    const later = { ...responses, 'pj24c.complaints.not-rectified': { count: 2 } };
    const live = () => ({ responses: later, result: scoreAssessment(scheme, later) });
    expect(live().result.total).toBeLessThan(snap.result.total);
    expect(shownScore({ status: 'submitted', scoreSnapshot: snap }, live).result.total).toBe(snap.result.total);
    expect(shownScore({ status: 'open', scoreSnapshot: snap }, live).result.total).toBe(live().result.total);
    expect(shownScore({ status: 'submitted', scoreSnapshot: null }, live).snapshot).toBeNull();
  });
});
