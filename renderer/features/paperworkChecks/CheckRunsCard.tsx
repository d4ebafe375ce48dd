import { App, Button, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { CheckRunRow } from '../../db/database';
import { useCheckContext } from './components';
import { exportCheckReport, reportFileName, reportInputOfRun } from './reports';
import { CHECK_KIND_LABELS, type StoredCheckResult } from './types';
import { localDateText } from '../../../shared/util/localTime';

function resultOf(run: CheckRunRow): Partial<StoredCheckResult> {
  return (run.result ?? {}) as Partial<StoredCheckResult>;
}

/**
 * Every confirmed check of the assessment, newest first. The newest run of a
 * kind is the one in force; older runs stay for the record.
 */
export function CheckRunsTable() {
  const { runs, reportTitle, assessment } = useCheckContext();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const current = new Set<string>();
  const seen = new Set<string>();
  for (const r of runs) {
    if (seen.has(r.kind)) continue;
    seen.add(r.kind);
    current.add(r.id);
  }

  async function exportRun(run: CheckRunRow) {
    const result = resultOf(run);
    if (!result.version) return;
    setBusy(run.id);
    try {
      const date = localDateText(run.createdAt);
      const ok = await exportCheckReport(reportInputOfRun(result as StoredCheckResult, run.confirmed, reportTitle), reportFileName(assessment.targetName, run.kind, date));
      if (ok) message.success('检查报告已导出');
    } catch (e) {
      message.error(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  }

  if (!runs.length) return <Empty description="尚未确认任何核查结果" />;
  return (
    <Table<CheckRunRow>
      size="small"
      rowKey="id"
      dataSource={runs}
      data-testid="check-runs"
      pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
      columns={[
        {
          title: '时间',
          width: 160,
          render: (_, r) => new Date(r.createdAt).toLocaleString('zh-CN', { hour12: false }),
        },
        {
          title: '核查类别',
          width: 130,
          render: (_, r) => (
            <span>
              {CHECK_KIND_LABELS[r.kind]}
              {current.has(r.id) ? null : (
                <Tooltip title="同类核查已有更新的记录，本记录保留备查">
                  <Tag style={{ marginLeft: 4 }}>已更新</Tag>
                </Tooltip>
              )}
            </span>
          ),
        },
        {
          title: '文件',
          render: (_, r) => (
            <div>
              <div>{r.fileName}</div>
              {r.fileHash ? (
                <Typography.Text type="secondary" style={{ fontFamily: 'Consolas, monospace', fontSize: 12 }} copyable={{ text: r.fileHash, tooltips: ['复制 SHA-256', '已复制'] }}>
                  SHA-256 {r.fileHash.slice(0, 16)}…
                </Typography.Text>
              ) : null}
            </div>
          ),
        },
        { title: '数量', dataIndex: 'count', width: 64, align: 'center' },
        {
          title: '计入评分',
          width: 330,
          render: (_, r) => {
            const feeds = resultOf(r).feeds ?? [];
            if (!feeds.length) return <Typography.Text type="secondary">未计入评分</Typography.Text>;
            return feeds.map((f) => (
              <div key={f.ruleId}>
                {f.ruleText}：{f.count}
              </div>
            ));
          },
        },
        { title: '问题', width: 56, align: 'center', render: (_, r) => resultOf(r).findingIds?.length ?? 0 },
        { title: '检查人员', width: 90, render: (_, r) => resultOf(r).by ?? '' },
        {
          title: '',
          width: 96,
          render: (_, r) => (
            <Button size="small" onClick={() => exportRun(r)} loading={busy === r.id} disabled={!resultOf(r).version}>
              导出报告
            </Button>
          ),
        },
      ]}
    />
  );
}
