import { DatePicker, Form, Input, Modal, Radio, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

export interface BulletinRequestValues {
  number: string;
  issuedAt: string;
  deadline: string;
  nameUnits: boolean;
  format: 'pdf' | 'docx';
}

interface Props {
  open: boolean;
  /** A suggested 文号 (e.g. from the notice prefix). */
  suggestedNumber: string;
  onCancel(): void;
  onOk(values: BulletinRequestValues): void;
}

interface FormValues {
  number: string;
  issuedAt: Dayjs;
  deadline: Dayjs;
  nameUnits: boolean;
  format: 'pdf' | 'docx';
}

/** 考核结果通报: 文号, 成文日期, 整改时限 and whether to name units under 主要问题. */
export function BulletinModal({ open, suggestedNumber, onCancel, onOk }: Props) {
  const [form] = Form.useForm<FormValues>();
  async function submit() {
    const v = await form.validateFields();
    onOk({ number: v.number.trim(), issuedAt: v.issuedAt.format('YYYY-MM-DD'), deadline: v.deadline.format('YYYY-MM-DD'), nameUnits: v.nameUnits, format: v.format });
  }
  return (
    <Modal title="生成考核结果通报" open={open} onCancel={onCancel} onOk={() => void submit()} okText="生成" cancelText="取消" destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ number: suggestedNumber, issuedAt: dayjs(), deadline: dayjs().add(30, 'day'), nameUnits: false, format: 'pdf' }}
      >
        <Form.Item name="number" label="文号" rules={[{ required: true, whitespace: true, message: '请填写通报的文号' }, { max: 30, message: '不能超过30个字' }]}>
          <Input placeholder="例如：盘政办公开〔2024〕5号" />
        </Form.Item>
        <Form.Item name="issuedAt" label="成文日期" rules={[{ required: true, message: '请选择成文日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="deadline"
          label="整改时限"
          dependencies={['issuedAt']}
          rules={[
            { required: true, message: '请选择整改时限' },
            ({ getFieldValue }) => ({
              validator: (_r, value: Dayjs | undefined) =>
                value && getFieldValue('issuedAt') && value.isBefore(getFieldValue('issuedAt'), 'day') ? Promise.reject(new Error('整改时限不能早于成文日期')) : Promise.resolve(),
            }),
          ]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="nameUnits" label="在“主要问题”中点名存在问题的单位" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="format" label="格式">
          <Radio.Group
            options={[
              { value: 'pdf', label: 'PDF（印发用）' },
              { value: 'docx', label: 'Word（修改后再印发）' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
