import type { EChartsOption } from 'echarts';
import { formatPoints, pointsToNumber, type Points } from '../points/points';
import { QUARTER_LABELS } from '../scoring/responses';
import type { YearView } from './yearView';

/**
 * The charts of the year view and of the reports, as pure ECharts options
 * with the same numbers as a table: the screen draws them on a canvas, the
 * PDF builders as SVG (server-side rendering), so both show one chart.
 */
export interface ChartTable {
  columns: { title: string; key: string }[];
  rows: Record<string, string | number>[];
}

export interface ChartSpec {
  id: string;
  title: string;
  option: EChartsOption;
  table: ChartTable;
}

export function deductionsChart(view: Pick<YearView, 'deductionsByIndicator'>): ChartSpec {
  const d = view.deductionsByIndicator;
  return {
    id: 'deductions',
    title: '各指标减分合计（年终考核）',
    option: {
      grid: { left: 160, right: 40, top: 10, bottom: 24 },
      xAxis: { type: 'value', name: '分' },
      yAxis: { type: 'category', inverse: true, data: d.map((x) => x.title) },
      series: [{ type: 'bar', data: d.map((x) => pointsToNumber(x.deductions)), itemStyle: { color: '#b71c1c' }, label: { show: true, position: 'right' } }],
    },
    table: {
      columns: [
        { title: '指标', key: 'title' },
        { title: '减分合计', key: 'deductions' },
        { title: '涉及单位', key: 'units' },
      ],
      rows: d.map((x) => ({ title: x.title, deductions: `−${formatPoints(x.deductions)}`, units: `${x.units} 家` })),
    },
  };
}

export function findingsStatusChart(view: Pick<YearView, 'findingsByStatus'>): ChartSpec {
  return {
    id: 'findings',
    title: '问题整改状态',
    option: {
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: view.findingsByStatus.filter((s) => s.count > 0).map((s) => ({ name: s.status, value: s.count })), label: { formatter: '{b}：{c}', color: '#333333' } }],
    },
    table: { columns: [{ title: '状态', key: 'status' }, { title: '问题数', key: 'count' }], rows: view.findingsByStatus.map((s) => ({ status: s.status, count: s.count })) },
  };
}

export function phoneCoverageChart(view: Pick<YearView, 'phoneCoverage'>): ChartSpec {
  const q = view.phoneCoverage;
  return {
    id: 'phone',
    title: '季度拨测覆盖',
    option: {
      grid: { left: 50, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: q.map((x) => QUARTER_LABELS[x.quarter]) },
      yAxis: { type: 'value', minInterval: 1, name: '家' },
      series: [
        { name: '已拨测', type: 'bar', data: q.map((x) => x.tested), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'top' } },
        { name: '应拨测', type: 'bar', data: q.map((x) => x.units), itemStyle: { color: '#d9d9d9' } },
      ],
      legend: { top: 0, right: 0 },
    },
    table: {
      columns: [
        { title: '季度', key: 'quarter' },
        { title: '已拨测', key: 'tested' },
        { title: '应拨测', key: 'units' },
      ],
      rows: q.map((x) => ({ quarter: QUARTER_LABELS[x.quarter], tested: `${x.tested} 家`, units: `${x.units} 家` })),
    },
  };
}

/** The year view's charts, in the order the screen shows them. */
export function yearCharts(view: YearView): ChartSpec[] {
  return [deductionsChart(view), findingsStatusChart(view), phoneCoverageChart(view)];
}

/**
 * 得分对比 of a round: one bar per ranked (submitted) unit, best first. Units
 * not ranked are left out of the chart (their 未完成 shows in the tables).
 */
export function scoreComparisonChart(rows: readonly { name: string; kind: string; total: Points; totalText: string; rank: number | null }[]): ChartSpec | null {
  const ranked = rows.filter((r) => r.rank !== null).sort((a, b) => a.kind.localeCompare(b.kind) || (a.rank ?? 0) - (b.rank ?? 0));
  if (ranked.length === 0) return null;
  const label = (r: (typeof ranked)[number]) => (new Set(ranked.map((x) => x.kind)).size > 1 ? `${r.name}（${r.kind}）` : r.name);
  return {
    id: 'scores',
    title: '得分对比（已提交单位）',
    option: {
      grid: { left: 170, right: 50, top: 10, bottom: 24 },
      xAxis: { type: 'value', name: '分' },
      yAxis: { type: 'category', inverse: true, data: ranked.map(label) },
      series: [
        {
          type: 'bar',
          data: ranked.map((r) => ({ value: pointsToNumber(r.total), itemStyle: { color: r.total < 0 ? '#b71c1c' : '#1677ff' } })),
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => ranked[p.dataIndex].totalText },
        },
      ],
    },
    table: {
      columns: [
        { title: '排名', key: 'rank' },
        { title: '单位', key: 'name' },
        { title: '总分', key: 'total' },
      ],
      rows: ranked.map((r) => ({ rank: r.rank ?? '', name: label(r), total: r.totalText })),
    },
  };
}
