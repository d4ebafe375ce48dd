import type { ChecklistDefinition } from '../scheme/checklist';

/**
 * 政务公开专区“五统一”建设标准 (Panjin 2023, seed 002): 标识统一, 设备统一,
 * 资料统一, 功能统一, 管理统一, each with the concrete items named in the source.
 * It informs the Panjin 2024 county bonus rule 实体政务公开场所建设标准规范、公开
 * 内容完善、有专人负责解答群众咨询的,视情况加0.1-0.2分. Item ids are stable.
 */
export const FIVE_UNIFIED_CHECKLIST: ChecklistDefinition = {
  id: 'panjin-five-unified',
  title: '政务公开专区“五统一”',
  source: '盘锦日报《坚持以人民为中心发展思想，以政务公开“透明度”提升社会主体“满意度”》（2023年5月29日）',
  linkedRuleIds: ['pj24c.platform.hall'],
  dimensions: [
    {
      id: 'fu.sign',
      title: '标识统一',
      summary: '各专区统一命名为政务公开专区，做到标识醒目。',
      items: [
        { id: 'fu.sign.name', text: '统一命名为“政务公开专区”', optional: false },
        { id: 'fu.sign.visible', text: '标识醒目', optional: false },
      ],
    },
    {
      id: 'fu.equipment',
      title: '设备统一',
      summary: '各级政务公开专区配备电脑区、资料查询区、依申请公开受理区，提供免费查询、复印服务。',
      items: [
        { id: 'fu.equipment.computer', text: '配备电脑区', optional: false },
        { id: 'fu.equipment.reading', text: '配备资料查询区', optional: false },
        { id: 'fu.equipment.application', text: '配备依申请公开受理区', optional: false },
        { id: 'fu.equipment.free-query', text: '提供免费查询服务', optional: false },
        { id: 'fu.equipment.free-copy', text: '提供免费复印服务', optional: false },
        { id: 'fu.equipment.kiosk', text: '配备触摸查询一体机（提供办事指南、材料填报模拟展示、业务自助办理等服务）', optional: true },
      ],
    },
    {
      id: 'fu.materials',
      title: '资料统一',
      summary:
        '配备资料架，提供政府公报、政府工作报告、政府信息公开条例、惠民惠企政策汇编、办事指南、便民服务手册等文件资料；悬挂张贴工作流程图、依申请公开指南等。',
      items: [
        { id: 'fu.materials.rack', text: '配备资料架', optional: false },
        { id: 'fu.materials.gazette', text: '提供政府公报', optional: false },
        { id: 'fu.materials.work-report', text: '提供政府工作报告', optional: false },
        { id: 'fu.materials.regulations', text: '提供政府信息公开条例', optional: false },
        { id: 'fu.materials.policy-compilation', text: '提供惠民惠企政策汇编', optional: false },
        { id: 'fu.materials.guides', text: '提供办事指南', optional: false },
        { id: 'fu.materials.handbook', text: '提供便民服务手册', optional: false },
        { id: 'fu.materials.flowchart', text: '悬挂张贴工作流程图', optional: false },
        { id: 'fu.materials.application-guide', text: '悬挂张贴依申请公开指南', optional: false },
      ],
    },
    {
      id: 'fu.function',
      title: '功能统一',
      summary:
        '专门设置政府信息依申请公开区，公开依申请公开制度、办理流程、政府各部门及镇（街道）依申请公开联系电话及受理地址，提供申请表格、填写模板、寄送申请表等方式申请政府信息。',
      items: [
        { id: 'fu.function.area', text: '专门设置政府信息依申请公开区', optional: false },
        { id: 'fu.function.rules', text: '公开依申请公开制度', optional: false },
        { id: 'fu.function.process', text: '公开依申请公开办理流程', optional: false },
        { id: 'fu.function.contacts', text: '公开政府各部门及镇（街道）依申请公开联系电话及受理地址', optional: false },
        { id: 'fu.function.forms', text: '提供申请表格和填写模板', optional: false },
        { id: 'fu.function.mail', text: '提供寄送申请表等申请方式', optional: false },
      ],
    },
    {
      id: 'fu.management',
      title: '管理统一',
      summary:
        '各政务公开专区配备1名工作人员，负责定期补充更新政府公报、政策汇编、公示公告等资料，提供办事咨询答复服务，并为初次体验的群众提供针对性帮助。',
      items: [
        { id: 'fu.management.staff', text: '配备1名工作人员', optional: false },
        { id: 'fu.management.update', text: '定期补充更新政府公报、政策汇编、公示公告等资料', optional: false },
        { id: 'fu.management.consult', text: '提供办事咨询答复服务', optional: false },
        { id: 'fu.management.first-time', text: '为初次体验的群众提供针对性帮助', optional: false },
      ],
    },
  ],
};
