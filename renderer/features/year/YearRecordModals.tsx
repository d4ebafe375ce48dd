import { App, Checkbox, Form, Input, Modal, Radio, Select, type FormInstance } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { BULLETIN_CHANNELS, type BulletinRecord, type ComplaintCase } from '../../../shared/domain/year';
import { quarterOfDate } from '../../../shared/inspections/phoneCalls';
import type { Quarter } from '../../../shared/scoring/responses';
import { useSession } from '../../store/sessionStore';
import { YearRepository } from './yearRepository';

const nullIfEmpty = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

interface ModalProps<T> {
  open: boolean;
  targetId: string;
  year: number;
  record: T | null;
  onClose(): void;
}

/**
 * The scaffolding every year-record form shares: a modal holding one form,
 * reset with the record's values each time it opens, saved through `save`
 * (a Chinese success message, or the repository's message on refusal).
 */
function RecordFormModal({
  open,
  title,
  testId,
  form,
  fill,
  save,
  saved,
  onClose,
  labelSpan,
  width,
  initialValues,
  children,
}: {
  open: boolean;
  title: string;
  testId: string;
  form: FormInstance;
  /** Values to show once the form is reset (nothing for a new record). */
  fill?: () => Record<string, unknown> | null;
  save(values: Record<string, unknown>): Promise<unknown>;
  saved: string;
  onClose(): void;
  labelSpan: number;
  width?: number;
  initialValues?: Record<string, unknown>;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const v = fill?.();
    if (v) form.setFieldsValue(v);
  }, [open, form]); // refilled only when the modal opens
  const onOk = async () => {
    try {
      await save(form.getFieldsValue() as Record<string, unknown>);
      message.success(saved);
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => void onOk()} okText="保存" width={width} destroyOnHidden>
      <Form form={form} labelCol={{ span: labelSpan }} initialValues={initialValues} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}

/** 投诉件: 意见箱来件 → 函询 → 回复 → 核实 → 书面要求整改 → 整改结果. */
export function ComplaintCaseModal({ open, targetId, year, record, onClose }: ModalProps<ComplaintCase>) {
  const { db, logger } = useSession();
  const [form] = Form.useForm();
  const triOf = (b: boolean | null) => (b === null ? 'unknown' : b ? 'yes' : 'no');
  const save = (v: Record<string, unknown>) => {
    const tri = (x: unknown) => (x === 'yes' ? true : x === 'no' ? false : null);
    return new YearRepository(db, logger).saveComplaintCase(
      {
        targetId,
        year,
        receivedAt: String(v.receivedAt ?? ''),
        complainant: String(v.complainant ?? ''),
        summary: String(v.summary ?? ''),
        inquirySentAt: nullIfEmpty(v.inquirySentAt),
        replyDeadline: nullIfEmpty(v.replyDeadline),
        repliedAt: nullIfEmpty(v.repliedAt),
        verifiedAt: nullIfEmpty(v.verifiedAt),
        problemConfirmed: tri(v.problemConfirmed),
        rectificationRequiredAt: nullIfEmpty(v.rectificationRequiredAt),
        rectificationDeadline: nullIfEmpty(v.rectificationDeadline),
        rectified: tri(v.rectified),
        rectificationCheckedAt: nullIfEmpty(v.rectificationCheckedAt),
        note: String(v.note ?? ''),
      },
      record?.id,
    );
  };
  const tri = (
    <Radio.Group>
      <Radio value="unknown">待定</Radio>
      <Radio value="yes">是</Radio>
      <Radio value="no">否</Radio>
    </Radio.Group>
  );
  return (
    <RecordFormModal
      open={open}
      title={record ? '编辑投诉件' : '登记投诉件'}
      testId="complaint-form"
      form={form}
      fill={() => (record ? { ...record, problemConfirmed: triOf(record.problemConfirmed), rectified: triOf(record.rectified) } : null)}
      save={save}
      saved="投诉件已保存"
      onClose={onClose}
      labelSpan={7}
      width={720}
      initialValues={{ problemConfirmed: 'unknown', rectified: 'unknown' }}
    >
        <Form.Item label="来件日期（意见箱）" name="receivedAt" required>
          <Input type="date" aria-label="来件日期" />
        </Form.Item>
        <Form.Item label="反映的问题" name="summary" required>
          <Input.TextArea rows={2} maxLength={2000} aria-label="反映的问题" />
        </Form.Item>
        <Form.Item label="来件人" name="complainant">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="函询日期" name="inquirySentAt">
          <Input type="date" aria-label="函询日期" />
        </Form.Item>
        <Form.Item label="回复期限" name="replyDeadline">
          <Input type="date" aria-label="回复期限" />
        </Form.Item>
        <Form.Item label="单位回复日期" name="repliedAt" extra="晚于回复期限或逾期未回复的，计入“未对函询进行及时回复”">
          <Input type="date" aria-label="回复日期" />
        </Form.Item>
        <Form.Item label="核实日期" name="verifiedAt">
          <Input type="date" aria-label="核实日期" />
        </Form.Item>
        <Form.Item label="经核实确有问题" name="problemConfirmed">
          {tri}
        </Form.Item>
        <Form.Item label="书面要求整改日期" name="rectificationRequiredAt" extra="计入“经核实确有问题并书面要求进行整改”">
          <Input type="date" aria-label="书面要求整改日期" />
        </Form.Item>
        <Form.Item label="整改期限" name="rectificationDeadline">
          <Input type="date" aria-label="整改期限" />
        </Form.Item>
        <Form.Item label="已按要求整改" name="rectified" extra="选“否”的计入“未按要求进行整改”">
          {tri}
        </Form.Item>
        <Form.Item label="整改核查日期" name="rectificationCheckedAt">
          <Input type="date" aria-label="整改核查日期" />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
    </RecordFormModal>
  );
}

/** 通报: 政府网站和政务新媒体监管情况的通报. */
export function BulletinModal({ open, targetId, year, record, onClose }: ModalProps<BulletinRecord>) {
  const { db, logger } = useSession();
  const [form] = Form.useForm();
  const save = (v: Record<string, unknown>) =>
    new YearRepository(db, logger).saveBulletin(
      { targetId, year, date: String(v.date ?? ''), number: String(v.number ?? ''), channel: v.channel as BulletinRecord['channel'], subject: String(v.subject ?? ''), unqualified: !!v.unqualified, note: String(v.note ?? '') },
      record?.id,
    );
  return (
    <RecordFormModal
      open={open}
      title={record ? '编辑通报记录' : '登记通报记录'}
      testId="bulletin-form"
      form={form}
      fill={() => (record ? { ...record } : null)}
      save={save}
      saved="通报记录已保存"
      onClose={onClose}
      labelSpan={6}
      initialValues={{ channel: '政府网站', unqualified: true }}
    >
        <Form.Item label="通报日期" name="date" required>
          <Input type="date" aria-label="通报日期" />
        </Form.Item>
        <Form.Item label="通报文号" name="number" required>
          <Input maxLength={100} placeholder="如 盘政办通〔2024〕5号" aria-label="通报文号" />
        </Form.Item>
        <Form.Item label="渠道" name="channel">
          <Select options={BULLETIN_CHANNELS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item label="网站或账号" name="subject" required>
          <Input maxLength={200} aria-label="网站或账号" />
        </Form.Item>
        <Form.Item name="unqualified" valuePropName="checked" wrapperCol={{ offset: 6 }}>
          <Checkbox>被通报为不合格（每次减0.1分）</Checkbox>
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
    </RecordFormModal>
  );
}

/** A quarterly 拨测 call logged in the year file. */
export function YearPhoneCallModal({ open, targetId, year, defaultNumber, onClose }: Omit<ModalProps<null>, 'record'> & { defaultNumber: string }) {
  const { db, logger, profile } = useSession();
  const [form] = Form.useForm();
  const answered = Form.useWatch('answered', form);
  const save = (v: Record<string, unknown>) => {
    const at = String(v.at ?? '');
    return new YearRepository(db, logger).addPhoneCall(targetId, year, {
        quarter: (quarterOfDate(at) ?? 'Q1') as Quarter,
        number: String(v.number ?? ''),
        at,
        answered: !!v.answered,
        correct: v.answered ? v.correct === 'yes' : null,
        caller: String(v.caller ?? ''),
      note: String(v.note ?? ''),
    });
  };
  return (
    <RecordFormModal
      open={open}
      title="登记季度拨测"
      testId="year-phone-form"
      form={form}
      fill={() => ({ at: '', number: defaultNumber, answered: false, correct: 'yes', caller: profile?.name ?? '', note: '' })}
      save={save}
      saved="拨测记录已保存"
      onClose={onClose}
      labelSpan={6}
    >
        <Form.Item label="拨测时间" name="at" required extra="按时间自动归入季度">
          <Input type="datetime-local" aria-label="拨测时间" />
        </Form.Item>
        <Form.Item label="拨打号码" name="number" required>
          <Input aria-label="拨打号码" />
        </Form.Item>
        <Form.Item name="answered" valuePropName="checked" wrapperCol={{ offset: 6 }}>
          <Checkbox>有人接听</Checkbox>
        </Form.Item>
        {answered && (
          <Form.Item label="回答内容" name="correct">
            <Radio.Group>
              <Radio value="yes">无明显问题</Radio>
              <Radio value="no">存在明显问题</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item label="拨测人" name="caller" required>
          <Input />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input maxLength={2000} />
        </Form.Item>
    </RecordFormModal>
  );
}
