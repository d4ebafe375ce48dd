import { HistoryOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { getPlatform, userMessage } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { fieldLabel, laptopText, localStamp, recordHistory, valueText, verifyChange, VERIFIED_TEXT, type AuditTable, type FieldChange } from './auditTrail';

/** 修改记录: opens the record's audit trail (who changed which field, when, on which laptop). */
export function AuditButton({ table, rowId, title, size = 'small', compact = false }: { table: AuditTable; rowId: string; title: string; size?: 'small' | 'middle'; compact?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      {compact ? (
        <Tooltip title="修改记录">
          <Button size={size} type="text" icon={<HistoryOutlined />} aria-label="修改记录" onClick={() => setOpen(true)} />
        </Tooltip>
      ) : (
        <Button size={size} icon={<HistoryOutlined />} onClick={() => setOpen(true)}>
          修改记录
        </Button>
      )}
      {open && <AuditDialog table={table} rowId={rowId} title={title} onClose={() => setOpen(false)} />}
    </>
  );
}

function AuditDialog({ table, rowId, title, onClose }: { table: AuditTable; rowId: string; title: string; onClose: () => void }) {
  const { db, device } = useSession();
  const { message } = App.useApp();
  const [changes, setChanges] = useState<FieldChange[] | null>(null);
  const [verified, setVerified] = useState(new Map<string, boolean | null>());
  useEffect(() => {
    let live = true;
    void recordHistory(db, table, rowId).then(async (list) => {
      if (!live) return;
      setChanges(list);
      const v = new Map<string, boolean | null>();
      for (const c of list) if (!v.has(c.entry.id)) v.set(c.entry.id, await verifyChange(c.entry, db));
      if (live) setVerified(v);
    });
    return () => {
      live = false;
    };
  }, [db, table, rowId]);
  async function exportXlsx() {
    try {
      const { auditWorkbook } = await import('./auditExport');
      const bytes = await auditWorkbook(title, changes ?? [], verified);
      const name = `${title.replace(/[\\/:*?"<>|\s]/g, '')}修改记录.xlsx`;
      if (await getPlatform().saveFile(name, bytes, [{ name: 'Excel 工作簿', extensions: ['xlsx'] }])) message.success(`已导出修改记录（${changes?.length ?? 0} 条）`);
    } catch (e) {
      message.error(`导出失败：${userMessage(e)}`);
    }
  }
  return (
    <Modal open title={`修改记录：${title}`} width={980} onCancel={onClose} footer={null}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Text type="secondary">按时间倒序；时间为本机时间。「验证」一栏核对每条修改的设备签名：加入本单位后，本机的修改在导出同步数据包时签名。</Typography.Text>
          <Button size="small" disabled={!changes?.length} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
        </Space>
        <Table<FieldChange>
          size="small"
          rowKey="id"
          loading={!changes}
          dataSource={changes ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '没有修改记录' }}
          columns={[
            { title: '时间', width: 160, render: (_, c) => localStamp(c.at) },
            { title: '字段', width: 140, render: (_, c) => fieldLabel(c) },
            { title: '新值', render: (_, c) => valueText(c) },
            { title: '修改人', width: 90, render: (_, c) => c.author || '未署名' },
            { title: '电脑', width: 130, render: (_, c) => (c.deviceId === device.deviceId ? `本机（${laptopText(c)}）` : laptopText(c)) },
            {
              title: '验证',
              width: 80,
              render: (_, c) => {
                const v = verified.get(c.entry.id);
                return <Tag color={v === true ? 'green' : v === false ? 'red' : 'default'}>{VERIFIED_TEXT(v)}</Tag>;
              },
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
