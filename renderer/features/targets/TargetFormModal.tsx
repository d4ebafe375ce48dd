import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { isHallKind, TARGET_KINDS, type TargetInput } from '../../../shared/domain/targets';
import { useSession } from '../../store/sessionStore';
import { splitPhones } from '../../../shared/targets/phones';

interface FormValues extends Omit<TargetInput, 'disclosurePhones'> {
  disclosurePhones: string;
}

export function TargetFormModal({
  open,
  initial,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  initial: TargetInput | null;
  onCancel: () => void;
  onSubmit: (input: TargetInput) => Promise<void>;
}) {
  const [form] = Form.useForm<FormValues>();
  const { db } = useSession();
  const kind = Form.useWatch('kind', form);
  const counties = useLiveQuery(async () => (await db.targets.where('[deleted+kind]').equals([0, '县区政府']).toArray()).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')), [db]);
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(
        initial
          ? { ...initial, parentId: initial.parentId ?? null, disclosurePhones: initial.disclosurePhones.join('、') }
          : { kind: '政府部门', name: '', region: '', address: '', contactPerson: '', contactPhone: '', disclosurePhones: '', note: '' },
      );
    }
  }, [open, initial, form]);
  return (
    <Modal
      open={open}
      title={initial ? '编辑被检查单位' : '新增被检查单位'}
      okText="保存"
      cancelText="取消"
      width={720}
      destroyOnHidden
      onCancel={onCancel}
      onOk={async () => {
        const v = await form.validateFields();
        await onSubmit({ ...v, parentId: isHallKind(v.kind) ? v.parentId ?? null : null, disclosurePhones: splitPhones(v.disclosurePhones ?? '') });
      }}
    >
      <Form form={form} layout="vertical" requiredMark>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}>
              <Input maxLength={80} placeholder="如：盘山县人民政府" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
              <Select options={TARGET_KINDS.map((k) => ({ value: k, label: k }))} />
            </Form.Item>
          </Col>
          {kind && isHallKind(kind) && (
            <Col span={24}>
              <Form.Item label="所属县区" name="parentId" extra="大厅按所属县区抽取，其“五统一”核查结果计入该县区的实体政务公开场所加分">
                <Select allowClear placeholder="选择所属县区政府" aria-label="所属县区" options={(counties ?? []).map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
            </Col>
          )}
          <Col span={10}>
            <Form.Item label="所属地区" name="region">
              <Input maxLength={30} placeholder="如：盘山县" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item label="地址" name="address">
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="联系人" name="contactPerson">
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item label="联系电话" name="contactPhone">
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="政府信息公开联系电话" name="disclosurePhones" extra="可填写多个，用顿号、逗号或分号分隔；拨测时使用">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="备注" name="note">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
