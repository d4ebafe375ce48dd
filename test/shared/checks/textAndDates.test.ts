import { describe, expect, it } from 'vitest';
import {
  addMonths,
  citesNamedRule,
  hasTimeExpression,
  isPlaceholder,
  isRetentionOnly,
  normaliseDocNumber,
  normaliseTitle,
  parseDateValue,
  proposeColumnMapping,
  splitTitleMarking,
} from '../../../shared/checks';
import { serialOf } from '../../fixtures/checks/make-fixtures';

describe('文号 and title normalisation', () => {
  it('treats bracket kinds, 第, 号, width, spaces and leading zeros as the same 文号', () => {
    const forms = ['盘政发〔2024〕12号', '盘政发[2024]12号', '盘政发【2024】第12号', '盘政发（2024）012 号', '盘政发(２０２４)12', ' 盘政发 ﹝2024﹞ 12號'];
    expect(new Set(forms.map(normaliseDocNumber)).size).toBe(1);
    expect(normaliseDocNumber('盘政发〔2024〕12号')).not.toBe(normaliseDocNumber('盘政发〔2024〕112号'));
    expect(normaliseDocNumber('盘政发〔2024〕12号')).not.toBe(normaliseDocNumber('盘政办发〔2024〕12号'));
  });

  it('ignores punctuation, quotes, width, whitespace and validity markings in titles', () => {
    const a = normaliseTitle('关于推进政务服务“一网通办”的实施意见');
    expect(normaliseTitle('关于推进政务服务"一网通办"的实施意见 ')).toBe(a);
    expect(normaliseTitle('【已废止】关于推进政务服务 「一网通办」 的实施意见。')).toBe(a);
    expect(normaliseTitle('关于印发２０２４年工作要点的通知')).toBe(normaliseTitle('关于印发2024年工作要点的通知'));
    expect(normaliseTitle('关于印发2024年工作要点的通知')).not.toBe(normaliseTitle('关于印发2023年工作要点的通知'));
  });

  it('splits a marking off a website title', () => {
    expect(splitTitleMarking('【已废止】关于加强管理的通知')).toEqual({ title: '关于加强管理的通知', marking: '已废止' });
    expect(splitTitleMarking('关于加强管理的通知（已失效）')).toEqual({ title: '关于加强管理的通知', marking: '已失效' });
    expect(splitTitleMarking('关于印发《管理办法》的通知')).toEqual({ title: '关于印发《管理办法》的通知', marking: null });
  });
});

describe('catalogue wording', () => {
  it('recognises placeholder text but not real content', () => {
    for (const p of ['无', '/', '-', '暂无', 'XXX', 'xx', '待定', '略', '——', '／', ' 无 ']) expect(isPlaceholder(p), p).toBe(true);
    for (const v of ['无偿献血信息', '政府网站', '全社会', '略阳县人民政府', 'X光机采购']) expect(isPlaceholder(v), v).toBe(false);
  });

  it('accepts time expressions and standing terms, rejects vague wording alone', () => {
    for (const t of ['信息形成或变更之日起20个工作日内', '5日内', '十五个工作日内', '每年3月31日前', '每季度', '按月更新', '6月底前', '实时', '即时公开', '年度结束后']) {
      expect(hasTimeExpression(t), t).toBe(true);
    }
    for (const t of ['及时', '及时公开', '按规定', '适时', '按要求公开', '依法公开', '定期']) expect(hasTimeExpression(t), t).toBe(false);
  });

  it('requires a legal basis to name its rule in 《》', () => {
    expect(citesNamedRule('《中华人民共和国政府信息公开条例》第二十条')).toBe(true);
    expect(citesNamedRule('〈行政许可法〉')).toBe(true);
    expect(citesNamedRule('根据有关规定')).toBe(false);
    expect(citesNamedRule('中华人民共和国政府信息公开条例')).toBe(false);
    // A document given by its number is cited as well as by its title.
    expect(citesNamedRule('国办发〔2017〕47号')).toBe(true);
    expect(citesNamedRule('依据国办发[2019]54号文件')).toBe(true);
    expect(citesNamedRule('国务院令第711号')).toBe(true);
    expect(citesNamedRule('2017年47号')).toBe(false);
  });

  it('tells how long a thing stays published from when it is published', () => {
    for (const t of ['1年', '6个月', '保留1年', '长期', '长期，最新有效', '永久', '常年公开', '公开期3年']) expect(isRetentionOnly(t), t).toBe(true);
    for (const t of ['信息形成或变更之日起20个工作日内', '6月底前', '实时', '每季度', '20个工作日内', '长期公开，信息形成之日起20个工作日内', '及时']) expect(isRetentionOnly(t), t).toBe(false);
  });
});

describe('dates in Chinese spreadsheets', () => {
  it('reads the common forms into ISO dates', () => {
    const cases: [string | number, string][] = [
      ['2024年3月5日', '2024-03-05'],
      ['2024.3.5', '2024-03-05'],
      ['2024/03/05', '2024-03-05'],
      ['2024-3-5', '2024-03-05'],
      ['２０２４－０３－０５', '2024-03-05'],
      ['2024-03-05 10:30', '2024-03-05'],
      ['20240305', '2024-03-05'],
      ['二〇二四年三月五日', '2024-03-05'],
      ['二〇二四年十二月三十一日', '2024-12-31'],
      [serialOf('2024-03-05'), '2024-03-05'],
      [serialOf('2024-03-05') + 0.5, '2024-03-05'],
      [serialOf('1900-03-01'), '1900-03-01'],
    ];
    for (const [input, iso] of cases) expect(parseDateValue(input), String(input)).toEqual({ ok: true, iso });
  });

  it('follows the 1904 date system when the workbook uses it', () => {
    expect(parseDateValue(serialOf('2024-03-05') - 1462, true)).toEqual({ ok: true, iso: '2024-03-05' });
  });

  it('explains why a date is bad', () => {
    const bad = (v: string | number) => {
      const r = parseDateValue(v);
      if (r.ok) throw new Error(`accepted ${v}`);
      return r.message;
    };
    expect(bad('2024-02-30')).toContain('日期不存在');
    expect(bad('2024-02-30')).toContain('2024年2月只有29天');
    expect(bad('2023-02-29')).toContain('只有28天');
    expect(bad('2024.13.01')).toContain('月份应为1—12');
    expect(bad('下周一')).toContain('无法识别的日期');
    expect(bad('3/5/2024')).toContain('无法识别的日期');
    expect(bad(60)).toContain('1900年2月29日');
    expect(parseDateValue('')).toMatchObject({ ok: false, empty: true });
  });

  it('adds months clamped to the end of the month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-11-15', 2)).toBe('2025-01-15');
  });
});

describe('column mapping proposal', () => {
  it('matches Chinese headers and their synonyms to catalogue fields', () => {
    const p = proposeColumnMapping(['序号', '公开事项', '主要内容', '法律依据', '时限', '责任主体', '公开载体', '方式', '对象', '责任部门'], 'catalogue');
    const at = (field: string) => p.fields.find((x) => x.field === field)!;
    expect(at('itemName').header).toBe('公开事项');
    expect(at('content').header).toBe('主要内容');
    expect(at('basis').header).toBe('法律依据');
    expect(at('timeLimit').header).toBe('时限');
    expect(at('subject').header).toBe('责任主体');
    expect(at('channel').header).toBe('公开载体');
    expect(at('method').header).toBe('方式');
    expect(at('audience').header).toBe('对象');
    expect(at('responsibility').header).toBe('责任部门');
    expect(p.complete).toBe(true);
    expect(p.mapping.columns).toMatchObject({ itemName: '公开事项', responsibility: '责任部门' });
  });

  it('proposes partial matches and lists what is missing when headers do not match', () => {
    const p = proposeColumnMapping(['编号', '条目', '公开内容（要素）', '公开时限（工作日）'], 'catalogue');
    const at = (field: string) => p.fields.find((x) => x.field === field)!;
    expect(at('content').confidence).toBe('exact');
    expect(at('timeLimit').letters).toBe('D');
    expect(at('itemName').confidence).toBe('none');
    expect(p.missingRequired).toEqual(['itemName']);
    expect(p.complete).toBe(false);
    // The mapping is a plain object that survives JSON (the UI stores it).
    expect(JSON.parse(JSON.stringify(p.mapping))).toEqual(p.mapping);
  });
});
