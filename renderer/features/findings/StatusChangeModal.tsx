import { Form, Input, Modal } from 'antd';
import type { FindingStatus } from '../../../shared/domain/findings';

/** Asks why a finding's status changes; the reason goes into the change log with the change. */
export function StatusChangeModal({
  open,
  from,
  to,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  from: FindingStatus;
  to: FindingStatus;
  onCancel(): void;
  onConfirm(reason: string): Promise<void>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={`将问题状态由「${from}」改为「${to}」`}
      okText="确定"
      cancelText="取消"
      destroyOnHidden
      onCancel={onCancel}
      onOk={async () => {
        const v = await form.validateFields().catch(() => null);
        if (v) await onConfirm(v.reason.trim());
      }}
    >
      <p className="zw-muted">状态变更理由将与操作人、时间一并记入修改记录。</p>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          label="变更理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写变更理由' },
            { min: 2, message: '请填写变更理由' },
            { max: 500, message: '不能超过500个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="如：单位已报送整改报告，待回头看核查" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
