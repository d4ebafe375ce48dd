import { parsePoints } from '../points/points';
import type { Indicator, Scheme, Section } from '../scheme/model';
import { rating, weighted } from './build';

/**
 * 常州市政务公开工作考核办法(试行) (Changzhou 2020, seed 004) as a 100-point
 * template: the assessment content of 第六条 as weighted items, plus the public
 * evaluation (社会评议, 第七条 and the 社会评议制度). The document fixes neither
 * the weights nor the grade thresholds: both are defaults to be edited.
 */

function item(id: string, title: string, content: string, weight: string): Indicator {
  return {
    id,
    title,
    content,
    method: '',
    scoringText: `按完成情况评分，满分${weight}分（默认分值，可修改）。`,
    weight: parsePoints(weight),
    bonusCap: null,
    rules: [weighted(`${id}.score`, title, weight)],
  };
}

function section(id: string, title: string, indicators: Indicator[]): Section {
  return { id, title, deductionCap: null, bonusCap: null, indicators };
}

export const CHANGZHOU_2020_TEMPLATE: Scheme = {
  id: 'changzhou-2020-template',
  name: '常州市政务公开工作考核（百分制模板）',
  year: 2020,
  issuer: '常州市政务公开领导小组办公室',
  source: '常州市政务公开领导小组办公室《常州市政务公开工作考核办法（试行）》《常州市政务公开工作社会评议制度（试行）》（常政公开办发〔2020〕1号）',
  version: 1,
  targetKinds: ['县区政府', '政府部门'],
  builtin: true,
  description:
    '政务公开考核工作实行量化考核，按照考核指标进行打分。考核实行百分制并划分等次，考核结果分为“优秀”“良好”“合格”“不合格”4个等次。考核采取平时考核、社会评议和定期考核相结合、部门自查与综合评定相结合的方式。',
  notes: [
    '考核办法未规定各项分值。本模板按第六条考核内容设项，分值为默认值：组织推进10分、制度建设20分（每项4分）、基础工作40分（每项4分）、平台应用情况15分（每项5分）、创新性工作5分、社会评议10分，合计100分，可按年度考核细则修改。',
    '考核办法第八条只规定“优秀”“良好”“合格”“不合格”4个等次，未规定分数线；90分、80分、60分为默认分数线，可修改。',
    '社会评议结果分为“满意”“基本满意”“不满意”3个等次（社会评议制度第七条），作为考核的重要依据之一；本模板按满意10分、基本满意6分、不满意0分计入，为默认值，可修改。',
  ],
  totals: { base: 0, deductionCap: null, bonusCap: null, min: 0, max: parsePoints('100') },
  grades: [
    { label: '优秀', min: parsePoints('90') },
    { label: '良好', min: parsePoints('80') },
    { label: '合格', min: parsePoints('60') },
    { label: '不合格', min: null },
  ],
  sections: [
    section('cz20.organisation', '组织推进', [item('cz20.organisation.1', '组织推进', '组织领导、机构人员、保障措施等。', '10')]),
    section('cz20.system', '制度建设', [
      item('cz20.system.1', '年度工作计划', '政府信息公开年度工作计划、目标、措施制订及组织实施情况。', '4'),
      item('cz20.system.2', '公开制度建设', '政府信息公开属性确定、保密审查、工作考核、社会评议、责任追究等制度建设和执行情况。', '4'),
      item('cz20.system.3', '依申请公开制度', '政府信息依申请公开登记、审核、办理、答复、归档的工作制度建设和执行情况。', '4'),
      item('cz20.system.4', '政务新媒体制度', '政务新媒体信息发布三级审核、公众互动留言处置反馈、日常维护管理等制度建设和执行情况。', '4'),
      item('cz20.system.5', '政务舆情制度', '政务舆情收集、处置和回应等制度建立和执行情况。', '4'),
    ]),
    section('cz20.basic', '基础工作', [
      item('cz20.basic.1', '基层政务公开标准化规范化', '基层政务公开标准化规范化工作推进情况。', '4'),
      item('cz20.basic.2', '年度工作要点落实', '全市政务公开年度工作要点的落实情况。', '4'),
      item('cz20.basic.3', '法定公开内容与公开指南', '政府信息公开平台法定公开内容的发布和更新情况；政府信息公开指南的编制和更新情况。', '4'),
      item('cz20.basic.4', '文件公开', '文件的公开性审核、属性标注、按时发布情况，主动公开信息文本移交情况。', '4'),
      item('cz20.basic.5', '政策解读', '政策解读同步发布情况，新闻发布会、在线访谈、政策简明问答图解等工作开展情况。', '4'),
      item('cz20.basic.6', '年度报告', '政府信息公开工作年度报告的编制、报送和发布工作。', '4'),
      item(
        'cz20.basic.7',
        '依申请公开办理',
        '政府信息公开申请办理情况，市政府转办政府信息公开申请件协助办理情况，政府信息公开申请办理被投诉举报情况，政府信息公开申请办理复议或诉讼情况。',
        '4',
      ),
      item('cz20.basic.8', '政务新媒体运营管理', '政务新媒体开设备案、整合清理、内容保障、功能建设、安全防护等运营管理情况。', '4'),
      item('cz20.basic.9', '公众参与', '公众参与包括开展公众开放日或网络问政等公共参与、回应公众诉求等情况。', '4'),
      item('cz20.basic.10', '交办工作落实', '对于交办的政务公开相关工作落实完成情况。', '4'),
    ]),
    section('cz20.platform', '平台应用情况', [
      item('cz20.platform.1', '网站与新媒体公开', '通过政府网站、政务新媒体等平台公开政府信息情况。', '5'),
      item('cz20.platform.2', '营商环境政策服务平台', '优化营商环境政策服务平台内容保障情况。', '5'),
      item('cz20.platform.3', '公开查阅设施', '档案馆、公共图书馆、政务服务等场所设置政府信息公开查阅设施情况。', '5'),
    ]),
    section('cz20.innovation', '政务公开方面创新性工作情况', [item('cz20.innovation.1', '创新性工作', '政务公开方面创新性工作情况。', '5')]),
    section('cz20.evaluation', '社会评议', [
      {
        id: 'cz20.evaluation.1',
        title: '社会评议',
        content: '公开内容的真实性、全面性、准确性；公开形式的便捷性、有效性；依申请公开的合法性、便民性；公开效果的社会和群众的认可度。',
        method: '通过政府门户网站设置调查问卷等形式，由社会公众对政务公开工作情况进行评议。',
        scoringText: '评议结果分为“满意”“基本满意”“不满意”3个等次；满意得10分，基本满意得6分，不满意得0分（默认分值，可修改）。',
        weight: parsePoints('10'),
        bonusCap: null,
        rules: [
          rating('cz20.evaluation.1.result', '社会评议结果', [
            ['满意', '10'],
            ['基本满意', '6'],
            ['不满意', '0'],
          ]),
        ],
      },
    ]),
  ],
};
