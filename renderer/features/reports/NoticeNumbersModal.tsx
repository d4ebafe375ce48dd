import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { NoticeRecord } from '../../../shared/documents/notice';
import type { NoticeBlockRow } from '../../db/database';
import { useSession } from '../../store/sessionStore';
import { formatDateTime } from '../inspections/dates';
import type { NoticeRepository } from './noticeRepository';

interface BlockValues {
  deviceId: string;
  deviceLabel: string;
  from: number;
  to: number;
}

/**
 * 文号管理: who numbers the issuer's notices this year (the laptop holding the
 * series, and the blocks it assigned to other laptops), and the guided fix of
 * a number that two notices share after a merge (重新编号 or 作废, with a reason).
 */
export function NoticeNumbersModal({ open, repo, onClose }: { open: boolean; repo: NoticeRepository; onClose(): void }) {
  const { device } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<BlockValues>();
  const [year, setYear] = useState(new Date().getFullYear());
  const [fixing, setFixing] = useState<{ notice: NoticeRecord; action: '重新编号' | '作废' } | null>(null);
  const [reason, setReason] = useState('');
  const data = useLiveQuery(async () => {
    if (!open) return null;
    const settings = await repo.settings();
    const [blocks, holder, devices, duplicates] = await Promise.all([repo.blocks(settings.issuer, year), repo.holder(settings.issuer, year), repo.knownDevices(), repo.duplicateNumbers()]);
    const dupNotices = (await Promise.all([...duplicates].map((n) => repo.withNumber(n)))).flat();
    let next: string | null = null;
    try {
      next = await repo.nextNumber(new Date(year, new Date().getMonth(), new Date().getDate()));
    } catch {
      next = null;
    }
    return { settings, blocks, holder, devices, dupNotices, next };
  }, [open, repo, year]);

  async function assign() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const b = await repo.assignBlock({ year, ...v });
      message.success(`已将${b.from}–${b.to}号分配给${b.deviceLabel}，同步后该电脑即可使用`);
      form.resetFields();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  async function fix() {
    if (!fixing) return;
    try {
      if (fixing.action === '重新编号') {
        const n = await repo.renumber(fixing.notice.id, reason);
        message.success(`已重新编号为${n.number}，请重新打印该通知书`);
      } else {
        await repo.voidNotice(fixing.notice.id, reason);
        message.success(`已作废${fixing.notice.number}，所列问题可重新下发`);
      }
      setFixing(null);
      setReason('');
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const holderIsMe = data?.holder?.deviceId === device.deviceId;
  return (
    <Modal open={open} title="整改通知书文号管理" footer={null} onCancel={onClose} width={760} destroyOnHidden>
      <Space style={{ marginBottom: 8 }}>
        <span>年度</span>
        <InputNumber min={2000} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} />
        <Typography.Text type="secondary">发文机关：{data?.settings.issuer || '未设置'}</Typography.Text>
      </Space>
      <Typography.Paragraph>
        {data?.holder ? (
          <>
            文号由 <b>{data.holder.deviceLabel}</b>
            {holderIsMe ? '（本机）' : ''} 持有，自 {formatDateTime(data.holder.assignedAt)} 起。
          </>
        ) : (
          '尚无电脑持有文号：本机下发第一份通知书时即持有本年度文号。'
        )}
        本机下一个文号：<b data-testid="next-number">{data?.next ?? '本机无可用文号'}</b>
      </Typography.Paragraph>
      <Table<NoticeBlockRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={(data?.blocks ?? []).filter((b) => !b.holder)}
        locale={{ emptyText: '未分配文号段：只有持有文号的电脑可以下发' }}
        columns={[
          { title: '电脑', render: (_, b) => `${b.deviceLabel}${b.deviceId === device.deviceId ? '（本机）' : ''}` },
          { title: '文号段', width: 120, render: (_, b) => `${b.from}–${b.to}号` },
          { title: '分配人', dataIndex: 'assignedBy', width: 90 },
          { title: '分配时间', width: 150, render: (_, b) => formatDateTime(b.assignedAt) },
        ]}
      />
      {(holderIsMe || !data?.holder) && (
        <Card size="small" title="为其他电脑分配文号段" style={{ marginTop: 12 }}>
          <Form form={form} layout="inline">
            <Form.Item name="deviceId" rules={[{ required: true, message: '请选择电脑' }]}>
              <Select
                placeholder="已同步过数据的电脑"
                style={{ width: 200 }}
                options={(data?.devices ?? []).filter((d) => d.deviceId !== device.deviceId).map((d) => ({ value: d.deviceId, label: `${d.author || '未署名'}（${d.deviceId.slice(-6)}）` }))}
                onChange={(id: string) => {
                  const d = data?.devices.find((x) => x.deviceId === id);
                  if (d && !form.getFieldValue('deviceLabel')) form.setFieldValue('deviceLabel', `${d.author}的电脑`);
                }}
              />
            </Form.Item>
            <Form.Item name="deviceLabel" rules={[{ required: true, whitespace: true, message: '请填写电脑名称' }]}>
              <Input placeholder="电脑名称" style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="from" rules={[{ required: true, message: '起号' }]}>
              <InputNumber min={1} precision={0} placeholder="起" style={{ width: 80 }} />
            </Form.Item>
            <Form.Item name="to" rules={[{ required: true, message: '止号' }]}>
              <InputNumber min={1} precision={0} placeholder="止" style={{ width: 80 }} />
            </Form.Item>
            <Button type="primary" onClick={assign}>
              分配
            </Button>
          </Form>
        </Card>
      )}
      <Card size="small" title="重复文号处理" style={{ marginTop: 12 }}>
        {data && data.dupNotices.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有重复的文号" />
        ) : (
          <Table<NoticeRecord>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data?.dupNotices ?? []}
            columns={[
              { title: '文号', dataIndex: 'number', width: 200, render: (v: string) => <Tag color="red">{v}</Tag> },
              { title: '下发', render: (_, n) => `${n.issuedAt.slice(0, 10)}，${n.findingIds.length}个问题` },
              {
                title: '处理',
                width: 170,
                render: (_, n) => (
                  <Space size={4}>
                    <Button size="small" onClick={() => setFixing({ notice: n, action: '重新编号' })}>
                      重新编号
                    </Button>
                    <Button size="small" danger onClick={() => setFixing({ notice: n, action: '作废' })}>
                      作废
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 6, marginBottom: 0 }}>
          重新编号：该通知书取得本机的下一个文号，原文号记入其历史；作废：通知书保留在记录中并标为作废，所列问题可重新下发。
        </Typography.Paragraph>
      </Card>
      <Modal
        open={!!fixing}
        title={fixing ? `${fixing.action}${fixing.notice.number}` : ''}
        okText={fixing?.action ?? '确定'}
        cancelText="取消"
        okButtonProps={{ danger: fixing?.action === '作废', disabled: [...reason.trim()].length < 2 }}
        onCancel={() => setFixing(null)}
        onOk={fix}
        destroyOnHidden
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="理由（必填），如：与另一台电脑下发的通知书文号重复" aria-label="理由" />
      </Modal>
    </Modal>
  );
}
