import { DeleteOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Card, DatePicker, Form, Input, Radio, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Assessment, PhoneCallRow } from '../../../shared/domain/inspections';
import { parseCallTime, phoneCallWarnings, PHONE_SLOT_LABELS, phoneSlotOf, OFFICE_HOURS_TEXT } from '../../../shared/inspections/phoneCalls';
import type { IndicatorResult } from '../../../shared/scoring/engine';
import { QUARTER_LABELS } from '../../../shared/scoring/responses';
import type { TargetRow } from '../../db/database';
import { useSession } from '../../store/sessionStore';
import { useWorkCalendar } from '../inspections/hooks';
import type { AssessmentState } from './useAssessmentState';

interface CallForm {
  number: string;
  at: Dayjs | null;
  answered: 'yes' | 'no';
  correct: 'right' | 'wrong' | 'unjudged';
  caller: string;
  note: string;
}

/** 拨测记录: log calls to the unit's 政府信息公开联系电话; the phone-test rule is scored from this log. */
export function PhoneTestTab({
  assessment,
  target,
  state,
  minCalls,
  phoneResult,
}: {
  assessment: Assessment;
  target: TargetRow | null;
  state: AssessmentState;
  minCalls: number;
  phoneResult: IndicatorResult['rules'][number] | null;
}) {
  const { profile } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const calendar = useWorkCalendar();
  const [form] = Form.useForm<CallForm>();
  const [saving, setSaving] = useState(false);
  const answered = Form.useWatch('answered', form);
  const atValue = Form.useWatch('at', form);
  const at = atValue ? atValue.format('YYYY-MM-DDTHH:mm') : '';
  const calls = state.phoneCalls ?? [];
  const warnings = useMemo(() => phoneCallWarnings(calls, { minCalls, calendar }), [calls, minCalls, calendar]);
  const flagged = useMemo(() => new Set(warnings.flatMap((w) => w.callIds)), [warnings]);
  const phones = target?.disclosurePhones ?? [];
  const parsed = at ? parseCallTime(at) : null;

  async function add() {
    const v = await form.validateFields();
    const when = v.at ? v.at.format('YYYY-MM-DDTHH:mm') : '';
    const t = parseCallTime(when);
    if (!t) return;
    setSaving(true);
    try {
      await state.repo.addPhoneCall(assessment.id, {
        quarter: t.quarter,
        number: v.number,
        at: when,
        answered: v.answered === 'yes',
        correct: v.answered === 'yes' ? (v.correct === 'right' ? true : v.correct === 'wrong' ? false : null) : null,
        caller: v.caller,
        note: v.note ?? '',
      });
      message.success(`已登记 ${t.date} ${t.time} 的拨测`);
      form.setFieldsValue({ note: '' });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div>
      <Card
        size="small"
        title="登记拨测"
        style={{ marginBottom: 10 }}
        extra={
          <Button size="small" icon={<PrinterOutlined />} onClick={() => navigate('phone-log')}>
            打印拨测记录
          </Button>
        }
      >
        <Form
          form={form}
          layout="inline"
          disabled={state.locked}
          initialValues={{ number: phones[0] ?? '', at: dayjs().second(0), answered: 'no', correct: 'unjudged', caller: profile?.name ?? '', note: '' }}
          style={{ rowGap: 8 }}
        >
          <Form.Item label="拨打号码" name="number" rules={[{ required: true, whitespace: true, message: '请填写号码' }]}>
            <AutoComplete options={phones.map((p) => ({ value: p }))} style={{ width: 150 }} placeholder="政府信息公开联系电话" />
          </Form.Item>
          <Form.Item
            label="拨测时间"
            name="at"
            rules={[{ required: true, message: '请填写拨测时间' }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" needConfirm={false} allowClear={false} style={{ width: 170 }} aria-label="拨测时间" />
          </Form.Item>
          <Form.Item label="接听情况" name="answered">
            <Radio.Group optionType="button" size="middle" options={[{ value: 'no', label: '无人接听' }, { value: 'yes', label: '已接听' }]} />
          </Form.Item>
          <Form.Item label="答复情况" name="correct">
            <Radio.Group
              optionType="button"
              disabled={answered !== 'yes' || state.locked}
              options={[
                { value: 'right', label: '答复正确' },
                { value: 'wrong', label: '存在明显问题' },
                { value: 'unjudged', label: '未判定' },
              ]}
            />
          </Form.Item>
          <Form.Item label="拨测人" name="caller" rules={[{ required: true, whitespace: true, message: '请填写拨测人' }]}>
            <Input style={{ width: 90 }} />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input style={{ width: 220 }} placeholder="如：占线、转接、答复内容要点" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" loading={saving} onClick={add}>
                登记
              </Button>
              {parsed && (
                <span className="zw-muted" style={{ fontSize: 12 }}>
                  {QUARTER_LABELS[parsed.quarter]} · {PHONE_SLOT_LABELS[phoneSlotOf(at!)!]}
                </span>
              )}
            </Space>
          </Form.Item>
        </Form>
        {phones.length === 0 && <div className="zw-muted" style={{ fontSize: 12, marginTop: 6 }}>该单位未登记政府信息公开联系电话，可在「被检查单位」中补充。</div>}
        <div className="zw-muted" style={{ fontSize: 12, marginTop: 6 }}>
          每季度应分 {minCalls} 至 3 个不同时间段拨测；办公时间为{OFFICE_HOURS_TEXT}，同一天同一时段的多次拨测视为同一时间段。
        </div>
      </Card>
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 10 }}
          title="拨测提示"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="phone-warnings">
              {warnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {phoneResult && phoneResult.lines.length > 0 && (
        <Alert type="error" style={{ marginBottom: 10 }} title={`拨测扣分 ${phoneResult.pointsText} 分`} description={phoneResult.lines.map((l, i) => <div key={i}>{l}</div>)} />
      )}
      <Card size="small" title={`拨测记录（${calls.length} 次）`}>
        <Table<PhoneCallRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={calls}
          data-testid="phone-table"
          locale={{ emptyText: '尚未登记拨测' }}
          columns={[
            { title: '季度', width: 90, render: (_, c) => QUARTER_LABELS[c.quarter] },
            {
              title: '拨测时间',
              width: 170,
              render: (_, c) => {
                const slot = phoneSlotOf(c.at);
                return (
                  <Space size={4}>
                    <span className="zw-num">{c.at.replace('T', ' ')}</span>
                    {slot && <Tag color={slot === 'other' ? 'orange' : undefined}>{PHONE_SLOT_LABELS[slot]}</Tag>}
                  </Space>
                );
              },
            },
            { title: '号码', dataIndex: 'number', width: 130 },
            { title: '接听', width: 90, render: (_, c) => (c.answered ? <Tag color="green">已接听</Tag> : <Tag color="red">无人接听</Tag>) },
            { title: '答复', width: 110, render: (_, c) => (!c.answered ? '—' : c.correct === true ? '答复正确' : c.correct === false ? <Tag color="red">存在明显问题</Tag> : '未判定') },
            { title: '拨测人', dataIndex: 'caller', width: 80 },
            { title: '备注', dataIndex: 'note', render: (n: string, c) => <>{flagged.has(c.id) && <Tag color="warning">需核对</Tag>}{n}</> },
            {
              title: '',
              width: 50,
              render: (_, c) => (
                <Button
                  size="small"
                  type="text"
                  danger
                  disabled={state.locked}
                  icon={<DeleteOutlined />}
                  aria-label="删除拨测记录"
                  onClick={() =>
                    modal.confirm({
                      title: '删除这条拨测记录？',
                      content: `${c.at.replace('T', ' ')} 拨打 ${c.number}`,
                      okText: '删除',
                      okButtonProps: { danger: true },
                      cancelText: '取消',
                      onOk: async () => {
                        try {
                          await state.repo.deletePhoneCall(c.id);
                        } catch (e) {
                          message.error(e instanceof Error ? e.message : String(e));
                        }
                      },
                    })
                  }
                />
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
