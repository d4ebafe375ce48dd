/**
 * Charts in PDF documents: an ECharts option (from the shared chart
 * builders) rendered on the server side to an SVG string, without a DOM, and
 * embedded as a pdfmake `svg` node. ECharts is passed in (the worker loads it
 * lazily, tests import it), so this folder never loads it itself.
 */
import type { ChartSpec, ChartTable } from '../inspections/yearCharts';

/** The part of ECharts used here (server-side SVG rendering). */
export interface EChartsSsr {
  init(
    dom: null,
    theme: null,
    opts: { renderer: 'svg'; ssr: true; width: number; height: number },
  ): { setOption(option: object): void; renderToSVGString(): string; dispose(): void };
}

export interface RenderedChart {
  id: string;
  title: string;
  /** The chart as an SVG document, in points. */
  svg: string;
  width: number;
  height: number;
  table: ChartTable;
}

/**
 * Charts are laid out at a screen-like size and scaled down into the page
 * (about 0.6), so ECharts' default 12 px labels print near 7 pt.
 */
/** The font family chart text names: the PDF's own sans face (Noto Sans SC), so Chinese labels render. */
export const CHART_FONT = 'Sans';

export function renderChartSvg(echarts: EChartsSsr, spec: ChartSpec, size: { width: number; height: number } = { width: 480, height: 270 }): RenderedChart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT, fontSize: 9 }, ...spec.option });
    return { id: spec.id, title: spec.title, svg: chart.renderToSVGString(), width: size.width, height: size.height, table: spec.table };
  } finally {
    chart.dispose();
  }
}

export function renderCharts(echarts: EChartsSsr, specs: readonly (ChartSpec | null)[], size?: { width: number; height: number }): RenderedChart[] {
  return specs.filter((s): s is ChartSpec => s !== null).map((s) => renderChartSvg(echarts, s, size));
}
