import { Button, Form, Input } from 'antd';
import type { InspectorProfile } from '../../../shared/domain/profile';

export function ProfileForm({
  initial,
  submitText,
  onSubmit,
}: {
  initial?: InspectorProfile | null;
  submitText: string;
  onSubmit: (p: InspectorProfile) => Promise<void>;
}) {
  const [form] = Form.useForm<InspectorProfile>();
  return (
    <Form form={form} layout="vertical" initialValues={initial ?? {}} onFinish={onSubmit} requiredMark style={{ maxWidth: 420 }}>
      <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
        <Input placeholder="如：王明" maxLength={20} autoFocus />
      </Form.Item>
      <Form.Item label="单位" name="organisation" rules={[{ required: true, whitespace: true, message: '请输入所在单位' }]}>
        <Input placeholder="如：盘锦市政务公开办公室" maxLength={50} />
      </Form.Item>
      <Form.Item label="所在检查组" name="team" rules={[{ required: true, whitespace: true, message: '请输入所在检查组' }]}>
        <Input placeholder="如：第一检查组" maxLength={30} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {submitText}
      </Button>
    </Form>
  );
}
