import { parsePoints } from '../points/points';
import type { Scheme } from '../scheme/model';
import { bonus, deduct, fixed, lag, occurrence, phone, range } from './build';

/**
 * 2024年度盘锦市政务公开绩效考核实施细则 (Panjin 2024), written from the
 * published text . Two rule sets: one for county/district
 * governments (6 indicators), one for departments (7 indicators).
 *
 * Totals: a pure deduction scheme, 最高减5分; bonuses are granted inside the
 * deduction frame (在减分框架内,酌情予以加分), so the net stays within [−5, 0].
 *
 * Rule ids are the keys of stored responses: never change them.
 */

const SOURCE_DOC = '盘锦市政府《关于印发2024年政务公开相关工作资料的函》（2024年7月22日）附件2《2024年度盘锦市政务公开绩效考核实施细则》';

const DESCRIPTION =
  '2024年度政务公开绩效考核拟定为减分项，最高减5分，并在减分框架内，酌情予以加分。考核以日常监测、网上检查和现场考核相结合的方式开展，计划分年中、三季度末及年底三次进行。年中及三季度考核采取随机抽查、实地查验等方式，抽查地区和部门一般不重复抽取；全年考核时，对照指标事项，逐项考核并评分。';

const COMMON_NOTES = [
  '原文为网页转录，多处缺字、错字和标点缺失。以下修复只补全明显缺失的文字，分值与条件均按原文；未列出的仅为补全标点（如“减0.1分”前后的逗号、分号）。',
  '最高减5分，在减分框架内加分：减分合计先按5分封顶，再计入加分，最终得分保持在 −5 至 0 分之间。',
  '“行政性文件”均补为“行政规范性文件”（原文同一指标标题作“行政规范性文件发布及动态更新”）。',
  '“政府站”“门户站”均补为“政府网站”“门户网站”；“政府办公”补为“市政府办公室”；“我做好”补为“我市做好”。',
  '考核方式中“对照每印发的”“每抽取部分”补为“对照每季度印发的”“每季度抽取部分”（拨测按季度计分），如与实际不符请按本地区细则修改。',
  '“祝情况”“情况加”“情况减”均补为“视情况”；“0.I分”“0.l分”中的字母均为数字1之误，按“0.1分”计；“l-2分”按“1-2分”计。',
  '经核实确有问题并书面要求进行整改（每次减0.1分）、未按要求进行整改（每次减0.3分）两条规则与“问题”记录关联，次数可由问题与整改情况自动填入。',
];

const TOTALS = {
  base: 0,
  deductionCap: parsePoints('5'),
  bonusCap: null,
  min: parsePoints('-5'),
  max: 0,
};

export const PANJIN_2024_COUNTY: Scheme = {
  id: 'panjin-2024-county',
  name: '2024年度盘锦市政务公开绩效考核实施细则（县区政府）',
  year: 2024,
  issuer: '盘锦市政府办公室',
  source: `${SOURCE_DOC}三、评分细则（一）`,
  version: 1,
  targetKinds: ['县区政府'],
  builtin: true,
  description: DESCRIPTION,
  notes: [
    ...COMMON_NOTES,
    '指标1：“本地区政府部门编制主动公开事项目录，每发现l家减0.1分”缺“未”字且“l”为“1”之误，修复为“本地区政府部门未编制主动公开事项目录，每发现1家减0.1分”。',
    '指标1：“主动公开事项目录未统一标准编制，每发现l0.05分”修复为“主动公开事项目录未按统一标准编制，每发现1家减0.05分”。',
    '指标3：“对本地区出台的重要政策进行解读，每件减0.1分”缺“未”字，修复为“未对本地区出台的重要政策进行解读”。',
    '指标3：“级政府积极采取视频访谈等形式”补为“县区政府积极采取视频访谈等形式”；“县区总加分不超过0.I分”按0.1分计。',
    '指标4：“政府网站和政务新媒体通报为不合格的”补为“被通报为不合格的”。',
    '指标5：“经核实确有问题并书面要求进行整改，每0.l分”修复为“每次减0.1分”；“要求限时整政”修复为“要求限时整改”。',
    '指标6：“政务公开工作机构未按编制数量足配置工作人员减0.1”修复为“未按编制数量足额配置工作人员，减0.1分”；“占效考核”补为“占绩效考核”；“对全政务公开工作”补为“对全市政务公开工作”。',
  ],
  totals: TOTALS,
  grades: null,
  sections: [
    {
      id: 'pj24c',
      title: '对各县区政府（含辽滨沿海经济技术开发区、高新技术产业开发区管委会）考核评分',
      deductionCap: null,
      bonusCap: null,
      indicators: [
        {
          id: 'pj24c.catalogue',
          title: '公开事项目录编制',
          content: '县区政府按照统一标准，组织县区政府部门编制主动公开事项目录。',
          method: '现场查阅被考核单位主动公开事项目录。',
          scoringText:
            '未编制本地区主动公开事项目录，减1分；本地区政府部门未编制主动公开事项目录，每发现1家减0.1分；主动公开事项目录未按统一标准编制，每发现1家减0.05分。',
          weight: null,
          bonusCap: null,
          rules: [
            fixed('pj24c.catalogue.missing', '未编制本地区主动公开事项目录', deduct, '1'),
            occurrence('pj24c.catalogue.dept-missing', '本地区政府部门未编制主动公开事项目录', deduct, '0.1', '家'),
            occurrence('pj24c.catalogue.nonstandard', '主动公开事项目录未按统一标准编制', deduct, '0.05', '家'),
          ],
        },
        {
          id: 'pj24c.documents',
          title: '行政规范性文件发布及动态更新',
          content: '各县区政府门户网站“政策”栏目集中公开本地区现行有效行政规范性文件（含部门行政规范性文件），及时做好动态更新。',
          method: '按照部门的《文件公开台账》，与被考核单位网站公开信息进行比对。',
          scoringText:
            '未及时更新现行有效行政规范性文件，每件减0.2分；政府门户网站发布的行政规范性文件，与文件台账不一致，每件减0.1分。',
          weight: null,
          bonusCap: null,
          rules: [
            occurrence('pj24c.documents.not-updated', '未及时更新现行有效行政规范性文件', deduct, '0.2', '件'),
            occurrence('pj24c.documents.mismatch', '政府门户网站发布的行政规范性文件与文件台账不一致', deduct, '0.1', '件'),
          ],
        },
        {
          id: 'pj24c.interpretation',
          title: '政策解读',
          content:
            '各县区政府就本地区出台的政策文件，积极采取召开政策吹风会、新闻发布会、撰写解读文章、接受媒体访谈等方式，综合利用文字解读、视频访谈等多种形式，通过政府网站和政务新媒体等渠道，多角度全方位加强政策解读，准确传递政策内涵，精准释放政策信号，有效引导市场预期。',
          method: '对照被考核单位网站文件栏目，检查其中重要政策开展解读情况，随机选取查看解读材料，对解读数量、质量、形式进行综合评价。',
          scoringText:
            '未对本地区出台的重要政策进行解读，每件减0.1分；最初发布的解读信息时间超过文件发布时间5日，每件减0.05分；解读材料质量较差，未对政策内容进行实质性说明的，每件减0.05分；解读材料未通过政府网站、政务新媒体发布，扩大政策宣传的，每件减0.05分。\n' +
            '县区政府积极采取视频访谈等形式开展政策解读，每件加0.02分（县区总加分不超过0.1分）；加强与各类网络平台的协同联动，做好政策解读的二次传播，提高政策知晓度，视情况加0.1-0.2分（需提供与网络平台的协同联动机制及具体案例）；根据政策执行情况，积极开展进一步动态跟踪解读，取得良好效果的，视情况加0.1-0.2分。',
          weight: null,
          bonusCap: null,
          rules: [
            occurrence('pj24c.interpretation.missing', '未对本地区出台的重要政策进行解读', deduct, '0.1', '件'),
            lag('pj24c.interpretation.late', '最初发布的解读信息时间超过文件发布时间5日', '0.05', 5, 'calendarDays', {
              from: '文件发布日期',
              to: '解读发布日期',
              lag: '解读滞后',
            }),
            occurrence('pj24c.interpretation.poor-quality', '解读材料质量较差，未对政策内容进行实质性说明', deduct, '0.05', '件'),
            occurrence('pj24c.interpretation.not-published', '解读材料未通过政府网站、政务新媒体发布，扩大政策宣传', deduct, '0.05', '件'),
            occurrence('pj24c.interpretation.video', '县区政府积极采取视频访谈等形式开展政策解读', bonus, '0.02', '件', { cap: '0.1' }),
            range(
              'pj24c.interpretation.secondary',
              '加强与各类网络平台的协同联动，做好政策解读的二次传播，提高政策知晓度',
              bonus,
              '0.1',
              '0.2',
              '需提供与网络平台的协同联动机制及具体案例',
            ),
            range('pj24c.interpretation.follow-up', '根据政策执行情况，积极开展进一步动态跟踪解读，取得良好效果', bonus, '0.1', '0.2'),
          ],
        },
        {
          id: 'pj24c.platform',
          title: '公开平台建设',
          content: '按照政务公开相关规定，做好政府网站、政务新媒体建设管理，积极开展实体政务公开场所建设，发挥政府信息公开联系电话作用。',
          method:
            '对照每季度印发的全市政府网站和政务新媒体监管情况的通报，对政府网站和政务新媒体建设情况进行考核；每季度抽取部分县区政府及部门，分2到3个不同时间段拨测其在政府网站发布的政府信息公开联系电话，考察联系电话接听情况及问题答复情况；随机选取2个政务服务大厅，考察实体政务公开场所建设情况。',
          scoringText:
            '政府网站和政务新媒体被通报为不合格的，每次减0.1分；拨测政府信息公开联系电话均无人接听，每季度减0.2分；接听政府信息公开联系电话回答内容存在明显问题的，每次减0.1分。\n' +
            '实体政务公开场所建设标准规范、公开内容完善、有专人负责解答群众咨询的，视情况加0.1-0.2分；政府网站、政务新媒体采用数字化手段，开展政策精准推送、网上智能问答的，视情况加0.1-0.2分。',
          weight: null,
          bonusCap: null,
          rules: [
            occurrence('pj24c.platform.unqualified', '政府网站和政务新媒体被通报为不合格', deduct, '0.1', '次', { feed: 'bulletinUnqualified' }),
            phone('pj24c.platform.phone', '拨测政府信息公开联系电话', '0.2', '0.1'),
            range(
              'pj24c.platform.hall',
              '实体政务公开场所建设标准规范、公开内容完善、有专人负责解答群众咨询',
              bonus,
              '0.1',
              '0.2',
              '随机选取2个政务服务大厅，可对照政务公开专区“五统一”标准检查',
            ),
            range('pj24c.platform.digital', '政府网站、政务新媒体采用数字化手段，开展政策精准推送、网上智能问答', bonus, '0.1', '0.2'),
          ],
        },
        {
          id: 'pj24c.complaints',
          title: '政务公开问题投诉',
          content: '企业群众通过政府信息公开意见箱反映各地区政务公开工作存在的问题，及问题解决办理情况。',
          method: '对企业群众通过政府信息公开意见箱反映各地区政务公开工作存在的问题，函询相关地区，对确实存在问题的，要求限时整改。',
          scoringText: '未对函询进行及时回复，每次减0.5分；经核实确有问题并书面要求进行整改，每次减0.1分；未按要求进行整改，每次减0.3分。',
          weight: null,
          bonusCap: null,
          rules: [
            occurrence('pj24c.complaints.no-reply', '未对函询进行及时回复', deduct, '0.5', '次', { feed: 'inquiryNotAnswered' }),
            occurrence('pj24c.complaints.rectify-required', '经核实确有问题并书面要求进行整改', deduct, '0.1', '次', {
              feed: 'rectificationRequired',
            }),
            occurrence('pj24c.complaints.not-rectified', '未按要求进行整改', deduct, '0.3', '次', { feed: 'notRectified' }),
          ],
        },
        {
          id: 'pj24c.implementation',
          title: '贯彻落实我市做好新时代政务公开工作相关配套文件情况',
          content: '贯彻落实我市做好新时代政务公开工作相关配套文件，做好本地区重点任务分解，加强组织保障和监督培训，积极推进相关重点工作落实情况。',
          method: '通过日常调度、网上检查和实地调研等方式，评估被考核单位新时代政务公开工作落实情况。',
          scoringText:
            '我市做好新时代政务公开工作相关配套文件部署的重点工作，未按时间节点完成，视情况减0.1-2分；政府领导同志未专题研究部署政务公开工作，减0.2分；政务公开工作机构未按编制数量足额配置工作人员，减0.1分；未开展本地区政务公开工作培训，减0.1分；政务公开工作占绩效考核分值权重不足4%，减0.1分；被确认为落实政务公开工作要求不到位，且引发较大范围负面舆情，造成严重影响，减3分；未开展政府信息公开保密审查，造成失泄密等严重后果，减3分。\n' +
            '政府领导同志专题研究部署政务公开工作2次以上，加0.1分；政务公开工作占绩效考核分值权重超过4%，加0.05分；政务公开创新性做法被国家、省政务公开工作主管部门表彰表扬、宣传推广，每次加2分；对全市政务公开工作给予重要支持的，视情况加1-2分。',
          weight: null,
          bonusCap: null,
          rules: [
            range('pj24c.implementation.key-tasks', '我市做好新时代政务公开工作相关配套文件部署的重点工作未按时间节点完成', deduct, '0.1', '2'),
            fixed('pj24c.implementation.leaders', '政府领导同志未专题研究部署政务公开工作', deduct, '0.2'),
            fixed('pj24c.implementation.staffing', '政务公开工作机构未按编制数量足额配置工作人员', deduct, '0.1'),
            fixed('pj24c.implementation.training', '未开展本地区政务公开工作培训', deduct, '0.1'),
            fixed('pj24c.implementation.weight-low', '政务公开工作占绩效考核分值权重不足4%', deduct, '0.1'),
            fixed('pj24c.implementation.opinion', '被确认为落实政务公开工作要求不到位，且引发较大范围负面舆情，造成严重影响', deduct, '3'),
            fixed('pj24c.implementation.secrecy', '未开展政府信息公开保密审查，造成失泄密等严重后果', deduct, '3'),
            fixed('pj24c.implementation.leaders-bonus', '政府领导同志专题研究部署政务公开工作2次以上', bonus, '0.1'),
            fixed('pj24c.implementation.weight-high', '政务公开工作占绩效考核分值权重超过4%', bonus, '0.05'),
            occurrence('pj24c.implementation.commended', '政务公开创新性做法被国家、省政务公开工作主管部门表彰表扬、宣传推广', bonus, '2', '次'),
            range('pj24c.implementation.support', '对全市政务公开工作给予重要支持', bonus, '1', '2'),
          ],
        },
      ],
    },
  ],
};

export const PANJIN_2024_DEPARTMENT: Scheme = {
  id: 'panjin-2024-department',
  name: '2024年度盘锦市政务公开绩效考核实施细则（政府部门）',
  year: 2024,
  issuer: '盘锦市政府办公室',
  source: `${SOURCE_DOC}三、评分细则（二）`,
  version: 1,
  targetKinds: ['政府部门'],
  builtin: true,
  description: DESCRIPTION,
  notes: [
    ...COMMON_NOTES,
    '指标1：“主动公开事项目录按统一标准编制减0.5分”缺“未”字，修复为“主动公开事项目录未按统一标准编制，减0.5分”；“县政府部门”补为“县区政府部门”。',
    '指标2：“在本部门网站“法定主动公开”栏目中开设“政策”栏0.1分”缺“未”“目，减”等字，修复为“未在本部门网站“法定主动公开”栏目中开设“政策”栏目，减0.1分”。',
    '指标3：“方式：对本部门出台的重要政策进行解读”修复为“评分方式：未对本部门出台的重要政策进行解读”；“对政策内容进行实质性说明”“解读材料通过部门网站政务新媒体发布”均缺“未”字，已补；“每件扣0.2”补为“每件扣0.2分”。',
    '指标4：“每件扣0.I分”按“每件扣0.1分”计；“超过1个月”按整月计算（如1月15日印发，2月15日报送未超过，2月16日报送超过）。',
    '指标5：“拔测”“每0.2分”“不台格”修复为“拨测”“每季度减0.2分”“不合格”。',
    '指标7：“每次加1政府政务公开工作给予重要支持的，视情况加l-2分”修复为“每次加1分；对全市政务公开工作给予重要支持的，视情况加1-2分”。',
  ],
  totals: TOTALS,
  grades: null,
  sections: [
    {
      id: 'pj24d',
      title: '对政府有关部门考核评分',
      deductionCap: null,
      bonusCap: null,
      indicators: [
        {
          id: 'pj24d.catalogue',
          title: '主动公开事项目录编制',
          content: '各部门按照统一标准，编制本部门主动公开事项目录，并对本行业系统县区政府部门主动公开事项目录编制工作进行指导监督。',
          method: '现场查阅被考核单位主动公开事项目录及指导监督县区政府部门目录编制情况相关证明材料。',
          scoringText:
            '未编制本部门主动公开事项目录，减1分；主动公开事项目录未按统一标准编制，减0.5分；未对本行业系统县区政府部门主动公开事项目录编制工作进行指导监督，减1分；对本行业系统县区政府部门目录编制监督指导不到位，县区部门目录编制水平较低，减0.5分。',
          weight: null,
          bonusCap: null,
          rules: [
            fixed('pj24d.catalogue.missing', '未编制本部门主动公开事项目录', deduct, '1'),
            fixed('pj24d.catalogue.nonstandard', '主动公开事项目录未按统一标准编制', deduct, '0.5'),
            fixed('pj24d.catalogue.no-guidance', '未对本行业系统县区政府部门主动公开事项目录编制工作进行指导监督', deduct, '1'),
            fixed('pj24d.catalogue.weak-guidance', '对本行业系统县区政府部门目录编制监督指导不到位，县区部门目录编制水平较低', deduct, '0.5'),
          ],
        },
        {
          id: 'pj24d.documents',
          title: '行政规范性文件发布及动态更新',
          content: '各部门网站“法定主动公开”栏目中开设“政策”栏目，集中公开本部门现行有效行政规范性文件，及时做好动态更新。',
          method: '按照省司法厅发布的规章规范性文件备案登记公告，与被考核单位网站公开信息进行比对。',
          scoringText: '未在本部门网站“法定主动公开”栏目中开设“政策”栏目，减0.1分；未及时更新现行有效行政规范性文件，每件减0.2分。',
          weight: null,
          bonusCap: null,
          rules: [
            fixed('pj24d.documents.no-column', '未在本部门网站“法定主动公开”栏目中开设“政策”栏目', deduct, '0.1'),
            occurrence('pj24d.documents.not-updated', '未及时更新现行有效行政规范性文件', deduct, '0.2', '件'),
          ],
        },
        {
          id: 'pj24d.interpretation',
          title: '政策解读',
          content:
            '就本部门出台的政策文件，积极采取召开政策吹风会、新闻发布会、撰写解读文章、接受媒体访谈等方式，综合利用文字解读、视频访谈等多种形式，通过政府网站和政务新媒体等渠道，多角度全方位加强政策解读，准确传递政策内涵，精准释放政策信号，有效引导市场预期。同时做好本部门起草的市政府、市政府办公室政策文件解读材料编制工作。',
          method:
            '对照被考核单位网站文件栏目，检查其中重要政策开展解读情况，随机选取查看解读材料，对解读数量、质量、形式进行综合评价。市政府办公室对起草部门提供的市政府、市政府办公室政策文件解读材料进行综合把关和日常管理。',
          scoringText:
            '未对本部门出台的重要政策进行解读，每件减0.1分；最初发布的解读信息时间超过文件发布时间5日，每件减0.05分；解读材料质量较差，未对政策内容进行实质性说明的，每件减0.05分；解读材料未通过部门网站、政务新媒体发布，扩大政策宣传的，每件减0.05分；起草部门提供的市政府、市政府办公室政策文件解读材料被要求返工修改2次及以上，每件扣0.2分。\n' +
            '积极采取视频访谈、12345平台等形式开展政策解读，每件加0.02分（总加分不超过0.1分）；加强与各类网络平台的协同联动，做好政策解读的二次传播，提高政策知晓度，视情况加0.1-0.2分（需提供与网络平台的协同联动机制及具体案例）；根据政策执行情况，积极开展进一步动态跟踪解读，取得良好效果的，视情况加0.1-0.2分。',
          weight: null,
          bonusCap: null,
          rules: [
            occurrence('pj24d.interpretation.missing', '未对本部门出台的重要政策进行解读', deduct, '0.1', '件'),
            lag('pj24d.interpretation.late', '最初发布的解读信息时间超过文件发布时间5日', '0.05', 5, 'calendarDays', {
              from: '文件发布日期',
              to: '解读发布日期',
              lag: '解读滞后',
            }),
            occurrence('pj24d.interpretation.poor-quality', '解读材料质量较差，未对政策内容进行实质性说明', deduct, '0.05', '件'),
            occurrence('pj24d.interpretation.not-published', '解读材料未通过部门网站、政务新媒体发布，扩大政策宣传', deduct, '0.05', '件'),
            occurrence('pj24d.interpretation.rework', '起草部门提供的市政府、市政府办公室政策文件解读材料被要求返工修改2次及以上', deduct, '0.2', '件'),
            occurrence('pj24d.interpretation.video', '积极采取视频访谈、12345平台等形式开展政策解读', bonus, '0.02', '件', { cap: '0.1' }),
            range(
              'pj24d.interpretation.secondary',
              '加强与各类网络平台的协同联动，做好政策解读的二次传播，提高政策知晓度',
              bonus,
              '0.1',
              '0.2',
              '需提供与网络平台的协同联动机制及具体案例',
            ),
            range('pj24d.interpretation.follow-up', '根据政策执行情况，积极开展进一步动态跟踪解读，取得良好效果', bonus, '0.1', '0.2'),
          ],
        },
        {
          id: 'pj24d.reporting',
          title: '主动公开文件报送',
          content: '每月向市政府办公室报送本部门主动公开文件情况。',
          method: '市政府办公室对政府部门每月报送的《主动公开文件送交明细表》及主动公开文件进行日常管理。',
          scoringText: '未按要求每月向市政府办公室报送主动公开文件的，每次扣0.5分；报送主动公开文件时，距文件印发超过1个月的，每件扣0.1分。',
          weight: null,
          bonusCap: null,
          rules: [
            occurrence('pj24d.reporting.monthly', '未按要求每月向市政府办公室报送主动公开文件', deduct, '0.5', '次'),
            lag('pj24d.reporting.late', '报送主动公开文件时，距文件印发超过1个月', '0.1', 1, 'months', {
              from: '文件印发日期',
              to: '报送日期',
              lag: '报送距印发',
            }),
          ],
        },
        {
          id: 'pj24d.platform',
          title: '公开平台建设',
          content: '按照政务公开相关规定，做好政府网站、政务新媒体建设管理，发挥政府信息公开联系电话作用。',
          method:
            '对照每季度印发的全市政府网站和政务新媒体监管情况的通报，对政府网站和政务新媒体建设情况进行考核；每季度抽取部分政府部门，分2到3个不同时间段拨测其在政府网站发布的政府信息公开联系电话，考察联系电话接听情况、问题答复情况。',
          scoringText:
            '政府网站和政务新媒体被通报为不合格的，每次减0.1分；拨测政府信息公开联系电话均无人接听，每季度减0.2分；接听政府信息公开联系电话回答存在明显问题的，每次减0.1分。\n' +
            '政府网站、政务新媒体采用数字化手段，开展政策精准推送、网上智能问答的，视情况加0.1-0.2分。',
          weight: null,
          bonusCap: null,
          rules: [
            occurrence('pj24d.platform.unqualified', '政府网站和政务新媒体被通报为不合格', deduct, '0.1', '次', { feed: 'bulletinUnqualified' }),
            phone('pj24d.platform.phone', '拨测政府信息公开联系电话', '0.2', '0.1'),
            range('pj24d.platform.digital', '政府网站、政务新媒体采用数字化手段，开展政策精准推送、网上智能问答', bonus, '0.1', '0.2'),
          ],
        },
        {
          id: 'pj24d.complaints',
          title: '政务公开问题投诉',
          content: '企业群众通过政府信息公开意见箱反映各部门政务公开工作存在的问题及解决办理情况。',
          method: '对企业群众通过政府信息公开意见箱反映各部门政务公开工作存在的问题，函询相关部门，对确实存在问题的，要求限时整改。',
          scoringText: '未对函询进行及时回复，每次减0.5分；经核实确有问题并书面要求进行整改，每次减0.1分；未按要求进行整改，每次减0.3分。',
          weight: null,
          bonusCap: null,
          rules: [
            occurrence('pj24d.complaints.no-reply', '未对函询进行及时回复', deduct, '0.5', '次', { feed: 'inquiryNotAnswered' }),
            occurrence('pj24d.complaints.rectify-required', '经核实确有问题并书面要求进行整改', deduct, '0.1', '次', {
              feed: 'rectificationRequired',
            }),
            occurrence('pj24d.complaints.not-rectified', '未按要求进行整改', deduct, '0.3', '次', { feed: 'notRectified' }),
          ],
        },
        {
          id: 'pj24d.implementation',
          title: '贯彻落实我市做好新时代政务公开工作相关配套文件情况',
          content: '贯彻落实我市做好新时代政务公开工作相关配套文件，做好本部门重点任务分解，加强组织保障和监督培训，积极推进相关重点工作落实情况。',
          method: '通过日常监测、网上检查和现场考核等方式，评估被考核单位新时代政务公开工作落实情况。',
          scoringText:
            '我市做好新时代政务公开工作相关配套文件部署的重点工作，未按时间节点完成，视情况减0.1-2分；部门领导同志未专题研究部署政务公开工作，减0.2分；被确认为落实政务公开工作要求不到位，且引发较大范围负面舆情，造成严重影响，减3分；未开展政府信息公开保密审查，造成失泄密等严重后果，减3分。\n' +
            '部门领导同志专题研究部署政务公开工作2次以上，加0.1分；政务公开创新性做法被国家、省政务公开工作主管部门表彰表扬、宣传推广，每次加2分；在国家有关部委、省有关厅局召开的会议、培训班上作经验交流的，每次加1分；对全市政务公开工作给予重要支持的，视情况加1-2分。',
          weight: null,
          bonusCap: null,
          rules: [
            range('pj24d.implementation.key-tasks', '我市做好新时代政务公开工作相关配套文件部署的重点工作未按时间节点完成', deduct, '0.1', '2'),
            fixed('pj24d.implementation.leaders', '部门领导同志未专题研究部署政务公开工作', deduct, '0.2'),
            fixed('pj24d.implementation.opinion', '被确认为落实政务公开工作要求不到位，且引发较大范围负面舆情，造成严重影响', deduct, '3'),
            fixed('pj24d.implementation.secrecy', '未开展政府信息公开保密审查，造成失泄密等严重后果', deduct, '3'),
            fixed('pj24d.implementation.leaders-bonus', '部门领导同志专题研究部署政务公开工作2次以上', bonus, '0.1'),
            occurrence('pj24d.implementation.commended', '政务公开创新性做法被国家、省政务公开工作主管部门表彰表扬、宣传推广', bonus, '2', '次'),
            occurrence('pj24d.implementation.exchange', '在国家有关部委、省有关厅局召开的会议、培训班上作经验交流', bonus, '1', '次'),
            range('pj24d.implementation.support', '对全市政务公开工作给予重要支持', bonus, '1', '2'),
          ],
        },
      ],
    },
  ],
};
