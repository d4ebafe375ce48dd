import { Alert, Button, Checkbox, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { TargetImportPreview, TargetImportRow } from '../../../shared/targets/targetImport';

/** What the confirm button will do, in words. */
export function importButtonText(preview: TargetImportPreview, skipBad: boolean): string {
  const what = preview.updateCount > 0 ? `新增 ${preview.validCount - preview.updateCount} 家、更新 ${preview.updateCount} 家单位` : `${preview.validCount} 家单位`;
  if (preview.errorCount === 0) return preview.updateCount > 0 ? `确认导入：${what}` : `确认导入 ${what}`;
  if (!skipBad || preview.validCount === 0) return `有 ${preview.errorCount} 行需修改，暂不能导入`;
  return `跳过 ${preview.errorCount} 行有问题的行，确认导入${preview.updateCount > 0 ? '：' : ' '}${what}`;
}

/**
 * Shows every row of a targets workbook, rows with errors first. Imports all rows when all are
 * valid, or — when the inspector ticks 跳过有问题的行 — only the valid ones.
 */
export function TargetImportModal({
  fileName,
  preview,
  onCancel,
  onConfirm,
}: {
  fileName: string;
  preview: TargetImportPreview | null;
  onCancel: () => void;
  onConfirm: (rows: TargetImportRow[]) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [skipBad, setSkipBad] = useState(false);
  const ordered = useMemo(() => (preview ? [...preview.rows.filter((r) => r.errors.length > 0), ...preview.rows.filter((r) => r.errors.length === 0)] : []), [preview]);
  if (!preview) return null;
  const canImport = preview.errorCount === 0 || (skipBad && preview.validCount > 0);
  return (
    <Modal
      open
      width={1100}
      title={`导入预览：${fileName}`}
      onCancel={onCancel}
      footer={
        <Space>
          <Button onClick={onCancel}>取消</Button>
          <Button
            type="primary"
            disabled={!canImport}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm(preview.rows.filter((r) => r.errors.length === 0));
              } finally {
                setBusy(false);
              }
            }}
          >
            {importButtonText(preview, skipBad)}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {preview.errorCount === 0 ? (
          <Alert
            type="success"
            showIcon
            title={`共 ${preview.rows.length} 行，全部检查通过${preview.updateCount > 0 ? `，其中 ${preview.updateCount} 行与已有单位同名，将按表格更新（空白单元格保留原值）` : ''}，确认后写入。`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            data-testid="import-errors"
            title={`共 ${preview.rows.length} 行，其中 ${preview.errorCount} 行有问题（列在最前），尚未写入任何数据。可修改表格后重新导入，或跳过这些行只导入其余 ${preview.validCount} 家。`}
            description={
              preview.validCount > 0 ? (
                <Checkbox checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)}>
                  跳过有问题的行
                </Checkbox>
              ) : undefined
            }
          />
        )}
        {preview.skippedNotes.length > 0 && (
          <Alert
            type="info"
            showIcon
            data-testid="import-notes"
            title={`表格下方的 ${preview.skippedNotes.length} 行说明文字不作为单位导入：${preview.skippedNotes.map((n) => `第 ${n.rowNumber} 行「${n.text.length > 20 ? `${n.text.slice(0, 20)}…` : n.text}」`).join('；')}`}
          />
        )}
        {preview.hints.map((h) => (
          <Alert key={h} type="warning" showIcon data-testid="import-hint" title={h} />
        ))}
      </Space>
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="rowNumber"
        dataSource={ordered}
        pagination={{ pageSize: 8, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        columns={[
          { title: '行号', dataIndex: 'rowNumber', width: 60 },
          { title: '单位名称', render: (_, r) => r.input.name, width: 220 },
          // The kind as written: a row with a kind error shows no kind rather than a made-up 其他.
          { title: '类别', render: (_, r) => (r.errors.some((e) => e.includes('类别')) ? r.kindText : r.input.kind), width: 110 },
          { title: '所属地区', render: (_, r) => r.input.region, width: 100 },
          { title: '公开电话', render: (_, r) => r.input.disclosurePhones.join('、'), width: 180 },
          {
            title: '检查结果',
            render: (_, r) =>
              r.errors.length ? (
                <Space wrap size={4}>
                  {r.errors.map((e) => (
                    <Tag color="error" key={e}>
                      {e}
                    </Tag>
                  ))}
                  {skipBad && <Typography.Text type="secondary">将跳过</Typography.Text>}
                </Space>
              ) : r.update ? (
                r.update.changes.length ? (
                  <Space orientation="vertical" size={0}>
                    <Tag color="processing">更新已有单位</Tag>
                    {r.update.changes.map((c) => (
                      <Typography.Text key={c.field} style={{ fontSize: 12 }}>
                        {c.label}：{c.from || '（空）'} → {c.to}
                      </Typography.Text>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">与已有单位一致，无变化</Typography.Text>
                )
              ) : (
                <Typography.Text type="success">通过（新增）</Typography.Text>
              ),
          },
        ]}
      />
    </Modal>
  );
}
