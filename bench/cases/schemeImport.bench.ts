// Imports a 300-rule scheme from an .xlsx file: SheetJS parse + row reading +
// zod validation, as when an office imports its own 实施细则.
import { parsePoints } from '../../shared/points';
import type { Indicator, Rule, Scheme, Section } from '../../shared/scheme/model';
import { countRules } from '../../shared/scheme/model';
import { exportSchemeXlsx, importSchemeXlsx } from '../../shared/scheme/xlsxFile';
import { bonus, deduct, fixed, lag, occurrence, phone, range } from '../../shared/schemes/build';
import { medianMs, type BenchCase } from '../types';

function bigScheme(): Scheme {
  const sections: Section[] = [];
  for (let s = 1; s <= 10; s++) {
    const indicators: Indicator[] = [];
    for (let i = 1; i <= 10; i++) {
      const id = `s${s}.i${i}`;
      const rules: Rule[] = [
        fixed(`${id}.f`, `第${s}节第${i}项未建立相关工作制度`, deduct, '0.5'),
        i % 3 === 0
          ? lag(`${id}.l`, `第${s}节第${i}项文件公开3个工作日内发布解读`, '0.05', 3, 'workingDays', { from: '文件公开日期', to: '解读发布日期', lag: '解读滞后' })
          : occurrence(`${id}.o`, `第${s}节第${i}项每发现1件问题`, deduct, '0.1', '件', { cap: '1' }),
        i === 10 ? phone(`${id}.p`, '拨测政府信息公开联系电话', '0.2', '0.1') : i % 2 === 0 ? range(`${id}.r`, `第${s}节第${i}项工作成效`, bonus, '0.1', '0.2') : occurrence(`${id}.b`, `第${s}节第${i}项经验做法被推广`, bonus, '0.05', '次'),
      ];
      indicators.push({
        id,
        title: `第${s}节第${i}项指标`,
        content: '按照政务公开相关规定,做好政府网站、政务新媒体建设管理,发挥政府信息公开联系电话作用。',
        method: '对照通报和台账,现场查阅、随机抽查。',
        scoringText: '未建立相关工作制度,减0.5分;每发现1件问题减0.1分,最多减1分;工作成效突出的,视情况加0.1-0.2分。',
        weight: parsePoints('2'),
        bonusCap: null,
        rules,
      });
    }
    sections.push({ id: `s${s}`, title: `第${s}部分`, deductionCap: parsePoints('8'), bonusCap: null, indicators });
  }
  return {
    id: 'bench-300',
    name: '性能测试方案(300条规则)',
    year: 2025,
    issuer: '某市政务公开办公室',
    source: '',
    version: 1,
    targetKinds: ['县区政府', '政府部门'],
    builtin: false,
    description: '',
    notes: [],
    totals: { base: 0, deductionCap: parsePoints('5'), bonusCap: null, min: parsePoints('-5'), max: 0 },
    grades: null,
    sections,
  };
}

export default {
  title: 'Scheme import',
  async run() {
    const scheme = bigScheme();
    if (countRules(scheme) !== 300) throw new Error('expected 300 rules');
    const bytes = exportSchemeXlsx(scheme);
    const once = importSchemeXlsx(bytes);
    if (!once.ok) throw new Error(once.errors.map((e) => e.message).join('\n'));
    const ms = await medianMs(() => {
      const r = importSchemeXlsx(bytes);
      if (!r.ok) throw new Error('import failed');
    }, 7);
    return { 'scheme.import300rules.ms': { value: ms, unit: 'ms' } };
  },
} satisfies BenchCase;
