import * as echarts from 'echarts';
const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 200 });
c.setOption({ animation:false, textStyle:{fontFamily:'Sans'}, xAxis:{type:'category', data:['第一季度','第二季度']}, yAxis:{type:'value'}, series:[{type:'bar', data:[1,2], label:{show:true}}] });
const s = c.renderToSVGString(); console.log(s.length, s.slice(0,300)); console.log(/第一季度/.test(s));
