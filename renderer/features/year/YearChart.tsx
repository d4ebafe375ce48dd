import { Button, Card, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { EChartsOption } from 'echarts';
import type { ChartTable } from '../../../shared/inspections/yearCharts';
import { getPlatform } from '../../platform';

type ECharts = import('echarts').ECharts;

/**
 * A chart people read at a glance (ECharts, loaded only when a chart is
 * shown), always with the same numbers as a table underneath, exportable as a
 * PNG image.
 */
export function YearChart({ title, option, table, fileName, testId }: { title: string; option: EChartsOption; table: ChartTable; fileName: string; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void import('echarts').then((echarts) => {
      if (!live || !el.current) return;
      chart.current = chart.current ?? echarts.init(el.current, undefined, { renderer: 'canvas' });
      chart.current.setOption({ animation: false, textStyle: { fontFamily: 'Noto Sans CJK SC, Microsoft YaHei, sans-serif' }, ...option }, true);
      setReady(true);
    });
    return () => {
      live = false;
    };
  }, [option]);
  useEffect(() => () => chart.current?.dispose(), []);
  const exportImage = async () => {
    if (!chart.current) return;
    const url = chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    const bytes = Uint8Array.from(atob(url.split(',')[1]), (c) => c.charCodeAt(0));
    await getPlatform().saveFile(`${fileName}.png`, bytes, [{ name: 'PNG 图片', extensions: ['png'] }]);
  };
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12 }}
      data-testid={testId}
      extra={
        <Button size="small" disabled={!ready} onClick={() => void exportImage()}>
          导出图片
        </Button>
      }
    >
      <div ref={el} style={{ width: '100%', height: 240 }} data-chart-ready={ready ? '1' : '0'} />
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => String(r[table.columns[0].key])}
        dataSource={table.rows}
        columns={table.columns.map((c) => ({ title: c.title, dataIndex: c.key, key: c.key }))}
        locale={{ emptyText: <Typography.Text type="secondary">暂无数据</Typography.Text> }}
      />
    </Card>
  );
}
