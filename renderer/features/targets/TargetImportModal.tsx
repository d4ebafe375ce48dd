import { Alert, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TargetImportPreview } from '../../../shared/targets/targetImport';

/** Shows every row of a targets workbook with its errors; imports only when all rows are valid. */
export function TargetImportModal({
  fileName,
  preview,
  onCancel,
  onConfirm,
}: {
  fileName: string;
  preview: TargetImportPreview | null;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  if (!preview) return null;
  const canImport = preview.errorCount === 0;
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
                await onConfirm();
              } finally {
                setBusy(false);
              }
            }}
          >
            确认导入 {preview.rows.length} 家单位
          </Button>
        </Space>
      }
    >
      {canImport ? (
        <Alert type="success" showIcon title={`共 ${preview.rows.length} 行，全部检查通过，确认后一次性写入。`} />
      ) : (
        <Alert
          type="error"
          showIcon
          data-testid="import-errors"
          title={`共 ${preview.rows.length} 行，其中 ${preview.errorCount} 行有错误，未写入任何数据。请修改表格后重新导入。`}
        />
      )}
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="rowNumber"
        dataSource={preview.rows}
        pagination={{ pageSize: 8, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        columns={[
          { title: '行号', dataIndex: 'rowNumber', width: 60 },
          { title: '单位名称', render: (_, r) => r.input.name, width: 220 },
          { title: '类别', render: (_, r) => r.input.kind, width: 110 },
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
                </Space>
              ) : (
                <Typography.Text type="success">通过</Typography.Text>
              ),
          },
        ]}
      />
    </Modal>
  );
}
