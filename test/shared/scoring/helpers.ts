import type { Indicator, Rule, Scheme, SchemeTotals, Section } from '../../../shared/scheme/model';

/** A small valid scheme around the given rules, for tests. */
export function indicator(id: string, rules: Rule[], extra: Partial<Indicator> = {}): Indicator {
  return { id, title: `指标${id}`, content: '', method: '', scoringText: '', weight: null, bonusCap: null, rules, ...extra };
}

export function section(id: string, indicators: Indicator[], extra: Partial<Section> = {}): Section {
  return { id, title: `节${id}`, deductionCap: null, bonusCap: null, indicators, ...extra };
}

export function scheme(sections: Section[], totals: Partial<SchemeTotals> = {}, extra: Partial<Scheme> = {}): Scheme {
  return {
    id: 'test',
    name: '测试方案',
    year: 2024,
    issuer: '',
    source: '',
    version: 1,
    targetKinds: ['县区政府'],
    builtin: false,
    description: '',
    notes: [],
    totals: { base: 0, deductionCap: null, bonusCap: null, min: null, max: null, ...totals },
    grades: null,
    sections,
    ...extra,
  };
}
