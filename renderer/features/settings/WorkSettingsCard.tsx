import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { createWorkCalendar, type CalendarOverride } from '../../../shared/calendar/workCalendar';
import { useSession } from '../../store/sessionStore';
import { readCalendarOverrides, readDeadlineDays, saveCalendarOverrides, saveDeadlineDays } from './workSettings';

/** 整改期限 default and the office's corrections to the working-day calendar. */
export function WorkSettingsCard() {
  const { db } = useSession();
  const { message } = App.useApp();
  const days = useLiveQuery(() => readDeadlineDays(db), [db]);
  const overrides = useLiveQuery(() => readCalendarOverrides(db), [db]);
  const [draftDays, setDraftDays] = useState<number | null>(null);
  const [form] = Form.useForm<{ date: Dayjs; working: boolean; note: string }>();
  const covered = useMemo(() => {
    const years = createWorkCalendar().coveredYears();
    return `${years[0]}–${years[years.length - 1]}`;
  }, []);

  async function addOverride() {
    const v = await form.validateFields();
    const date = v.date.format('YYYY-MM-DD');
    await saveCalendarOverrides(db, [...(overrides ?? []).filter((o) => o.date !== date), { date, working: v.working, note: v.note }]);
    form.resetFields();
    message.success(`已将 ${date} 设为${v.working ? '工作日' : '休息日'}`);
  }

  async function remove(o: CalendarOverride) {
    await saveCalendarOverrides(db, (overrides ?? []).filter((x) => x.date !== o.date));
    message.success(`已删除 ${o.date} 的调整`);
  }

  return (
    <Card title="整改期限与工作日历">
      <Space align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text>问题的默认整改期限：自记录之日起</Typography.Text>
        <InputNumber min={1} max={365} precision={0} value={draftDays ?? days} onChange={(v) => setDraftDays(v)} aria-label="默认整改期限（工作日）" />
        <Typography.Text>个工作日</Typography.Text>
        <Button
          disabled={draftDays === null || draftDays === days}
          onClick={async () => {
            try {
              await saveDeadlineDays(db, draftDays ?? 0);
              setDraftDays(null);
              message.success('已保存默认整改期限');
            } catch (e) {
              message.error(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          保存
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">
        工作日按国务院办公厅公布的节假日和调休安排计算（已内置 {covered} 年）。如本地有另行安排，或新一年的安排尚未内置，请在下方逐日补充；此处的设置优先。
      </Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={{ working: false, note: '' }} style={{ marginBottom: 12 }}>
        <Form.Item name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker placeholder="日期" aria-label="调整日期" />
        </Form.Item>
        <Form.Item name="working">
          <Select
            style={{ width: 120 }}
            aria-label="调整为"
            options={[
              { value: false, label: '休息日' },
              { value: true, label: '工作日（调休上班）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="note">
          <Input placeholder="说明，如：2027年春节调休" style={{ width: 240 }} maxLength={40} aria-label="调整说明" />
        </Form.Item>
        <Button icon={<PlusOutlined />} onClick={addOverride}>
          添加
        </Button>
      </Form>
      <Table<CalendarOverride>
        size="small"
        rowKey="date"
        dataSource={overrides ?? []}
        pagination={false}
        locale={{ emptyText: '没有本地调整，全部按国务院安排' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 140 },
          { title: '调整为', dataIndex: 'working', width: 160, render: (w: boolean) => (w ? <Tag color="blue">工作日</Tag> : <Tag color="green">休息日</Tag>) },
          { title: '说明', dataIndex: 'note' },
          { title: '', width: 80, render: (_, o) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除调整" onClick={() => remove(o)} /> },
        ]}
      />
    </Card>
  );
}
