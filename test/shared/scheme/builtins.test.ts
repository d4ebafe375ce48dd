import { describe, expect, it } from 'vitest';
import { countRules, findRule, validateScheme, walkRules, exportSchemeJson } from '../../../shared/scheme';
import { BUILTIN_SCHEMES, CHANGZHOU_2020_TEMPLATE, FIVE_UNIFIED_CHECKLIST, PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT } from '../../../shared/schemes';
import { rectificationRuleIds, ruleExplanationTemplate } from '../../../shared/scoring';

describe('built-in schemes', () => {
  it('are valid, marked built-in and carry their metadata', () => {
    for (const s of BUILTIN_SCHEMES) {
      const r = validateScheme(s);
      if (!r.ok) throw new Error(`${s.id}: ${r.errors.map((e) => e.message).join('\n')}`);
      expect(s.builtin).toBe(true);
      expect(s.version).toBeGreaterThanOrEqual(1);
      expect(s.name && s.issuer && s.source).toBeTruthy();
      expect(s.source).toMatch(/《.+》/); // names the source document
      expect(s.targetKinds.length).toBeGreaterThan(0);
    }
    expect(new Set(BUILTIN_SCHEMES.map((s) => s.id)).size).toBe(BUILTIN_SCHEMES.length);
  });

  it('Panjin 2024 has 6 county indicators and 7 department indicators, with the scheme caps', () => {
    expect(PANJIN_2024_COUNTY.sections.flatMap((s) => s.indicators).map((i) => i.title)).toEqual([
      '公开事项目录编制',
      '行政规范性文件发布及动态更新',
      '政策解读',
      '公开平台建设',
      '政务公开问题投诉',
      '贯彻落实我市做好新时代政务公开工作相关配套文件情况',
    ]);
    expect(PANJIN_2024_DEPARTMENT.sections.flatMap((s) => s.indicators)).toHaveLength(7);
    for (const s of [PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT]) {
      expect(s.totals).toEqual({ base: 0, deductionCap: 5000, bonusCap: null, min: -5000, max: 0 });
      expect(s.grades).toBeNull();
    }
    expect(PANJIN_2024_COUNTY.targetKinds).toEqual(['县区政府']);
    expect(PANJIN_2024_DEPARTMENT.targetKinds).toEqual(['政府部门']);
  });

  it('keeps the county rule ids stable (they key stored responses)', () => {
    expect([...walkRules(PANJIN_2024_COUNTY)].map(({ rule }) => `${rule.id} ${ruleExplanationTemplate(rule)}`)).toEqual([
      'pj24c.catalogue.missing 减1分',
      'pj24c.catalogue.dept-missing 每家减0.1分',
      'pj24c.catalogue.nonstandard 每家减0.05分',
      'pj24c.documents.not-updated 每件减0.2分',
      'pj24c.documents.mismatch 每件减0.1分',
      'pj24c.interpretation.missing 每件减0.1分',
      'pj24c.interpretation.late 超过5日的，每件减0.05分',
      'pj24c.interpretation.poor-quality 每件减0.05分',
      'pj24c.interpretation.not-published 每件减0.05分',
      'pj24c.interpretation.video 每件加0.02分，总加分不超过0.1分',
      'pj24c.interpretation.secondary 视情况加0.1-0.2分',
      'pj24c.interpretation.follow-up 视情况加0.1-0.2分',
      'pj24c.platform.unqualified 每次减0.1分',
      'pj24c.platform.phone 每季度拨测均无人接听减0.2分；回答存在明显问题的，每次减0.1分',
      'pj24c.platform.hall 视情况加0.1-0.2分',
      'pj24c.platform.digital 视情况加0.1-0.2分',
      'pj24c.complaints.no-reply 每次减0.5分',
      'pj24c.complaints.rectify-required 每次减0.1分',
      'pj24c.complaints.not-rectified 每次减0.3分',
      'pj24c.implementation.key-tasks 视情况减0.1-2分',
      'pj24c.implementation.leaders 减0.2分',
      'pj24c.implementation.staffing 减0.1分',
      'pj24c.implementation.training 减0.1分',
      'pj24c.implementation.weight-low 减0.1分',
      'pj24c.implementation.opinion 减3分',
      'pj24c.implementation.secrecy 减3分',
      'pj24c.implementation.leaders-bonus 加0.1分',
      'pj24c.implementation.weight-high 加0.05分',
      'pj24c.implementation.commended 每次加2分',
      'pj24c.implementation.support 视情况加1-2分',
    ]);
    expect(countRules(PANJIN_2024_DEPARTMENT)).toBe(4 + 2 + 8 + 2 + 3 + 3 + 8);
    expect(findRule(PANJIN_2024_DEPARTMENT, 'pj24d.reporting.late')).toMatchObject({ kind: 'lag', limit: 1, limitUnit: 'months', points: 100 });
    expect(findRule(PANJIN_2024_DEPARTMENT, 'pj24d.interpretation.video')).toMatchObject({ cap: 100 });
  });

  it('repairs the garbled seed text and notes each repair', () => {
    const garbled = /0\.[Il]分|[l][家-]|l0\.05|祝情况|拔测|不台格|政府站|整政|每0\.|行政性文件|0\.I/;
    for (const s of [PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT]) {
      const body = exportSchemeJson({ ...s, notes: [] });
      expect(body).not.toMatch(garbled);
    }
    const notes = PANJIN_2024_COUNTY.notes.join('\n');
    expect(notes).toContain('每发现l家减0.1分');
    expect(notes).toContain('每发现l0.05分');
    expect(notes).toContain('每0.l分');
    expect(PANJIN_2024_DEPARTMENT.notes.join('\n')).toContain('每0.2分');
  });

  it('marks the rectification rules so findings can feed their counts', () => {
    expect(rectificationRuleIds(PANJIN_2024_COUNTY)).toEqual({
      rectificationRequired: 'pj24c.complaints.rectify-required',
      notRectified: 'pj24c.complaints.not-rectified',
    });
    expect(rectificationRuleIds(PANJIN_2024_DEPARTMENT)).toEqual({
      rectificationRequired: 'pj24d.complaints.rectify-required',
      notRectified: 'pj24d.complaints.not-rectified',
    });
    expect(rectificationRuleIds(CHANGZHOU_2020_TEMPLATE)).toEqual({ rectificationRequired: null, notRectified: null });
  });

  it('the Changzhou template scores out of 100 with editable default bands', () => {
    const weights = CHANGZHOU_2020_TEMPLATE.sections.flatMap((s) => s.indicators).map((i) => i.weight ?? 0);
    expect(weights.reduce((a, b) => a + b, 0)).toBe(100000);
    expect(CHANGZHOU_2020_TEMPLATE.grades).toEqual([
      { label: '优秀', min: 90000 },
      { label: '良好', min: 80000 },
      { label: '合格', min: 60000 },
      { label: '不合格', min: null },
    ]);
    expect(CHANGZHOU_2020_TEMPLATE.notes.join('\n')).toMatch(/未规定分数线；90分、80分、60分为默认分数线/);
  });
});

describe('五统一 checklist', () => {
  it('has the five dimensions with stable item ids, linked to the county hall bonus rule', () => {
    expect(FIVE_UNIFIED_CHECKLIST.dimensions.map((d) => d.title)).toEqual(['标识统一', '设备统一', '资料统一', '功能统一', '管理统一']);
    const ids = FIVE_UNIFIED_CHECKLIST.dimensions.flatMap((d) => d.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of FIVE_UNIFIED_CHECKLIST.dimensions) expect(d.items.length).toBeGreaterThanOrEqual(2);
    expect(ids).toContain('fu.materials.gazette');
    const linked = FIVE_UNIFIED_CHECKLIST.linkedRuleIds.map((id) => findRule(PANJIN_2024_COUNTY, id));
    expect(linked).toEqual([expect.objectContaining({ kind: 'range', direction: 'bonus', min: 100, max: 200 })]);
    expect(linked[0]!.text).toContain('实体政务公开场所建设标准规范');
  });
});
