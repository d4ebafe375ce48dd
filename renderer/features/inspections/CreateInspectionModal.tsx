import { DatePicker, Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { INSPECTION_KINDS, type InspectionKind } from '../../../shared/domain/inspections';
import { defaultRoundDates } from '../../../shared/inspections/roundDates';
import type { Scheme } from '../../../shared/scheme/model';
import type { InspectionInput } from './inspectionRepository';

interface FormValues {
  schemeId: string;
  year: number;
  kind: InspectionKind;
  title: string;
  dates: [Dayjs, Dayjs];
  team: string[];
  watermarkPhotos: boolean;
}

function suggestTitle(year: number | undefined, kind: InspectionKind | undefined, scheme: Scheme | undefined): string {
  if (!year || !kind) return '';
  const who = scheme ? `（${scheme.targetKinds.join('、')}）` : '';
  return `${year}年度政务公开${kind}${who}`;
}

/** The round's default dates as the range picker holds them (inside its assessment year). */
function suggestDates(year: number, kind: InspectionKind): [Dayjs, Dayjs] {
  const d = defaultRoundDates(year, kind);
  return [dayjs(d.startDate), dayjs(d.endDate)];
}

/** 新建检查任务: scheme, year, kind, title, dates, team. */
export function CreateInspectionModal({
  open,
  schemes,
  defaultTeam,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  schemes: Scheme[];
  defaultTeam: string[];
  onCancel: () => void;
  onSubmit: (input: InspectionInput) => Promise<void>;
}) {
  const [form] = Form.useForm<FormValues>();
  const titleTouched = useRef(false);
  const datesTouched = useRef(false);

  useEffect(() => {
    if (!open) return;
    titleTouched.current = false;
    datesTouched.current = false;
    const scheme = schemes[0];
    const year = scheme?.year ?? dayjs().year();
    const kind: InspectionKind = '年中考核';
    form.resetFields();
    form.setFieldsValue({
      schemeId: scheme?.id,
      year,
      kind,
      title: suggestTitle(year, kind, scheme),
      dates: suggestDates(year, kind),
      team: defaultTeam,
      watermarkPhotos: true,
    });
  }, [open, schemes, defaultTeam, form]);

  const retitle = () => {
    const v = form.getFieldsValue();
    if (!titleTouched.current) form.setFieldValue('title', suggestTitle(v.year, v.kind, schemes.find((s) => s.id === v.schemeId)));
    // Dates the user has not picked follow the year and the kind.
    if (!datesTouched.current && v.year && v.kind) form.setFieldValue('dates', suggestDates(v.year, v.kind));
  };

  return (
    <Modal
      open={open}
      title="新建检查任务"
      okText="创建"
      cancelText="取消"
      width={640}
      destroyOnHidden
      onCancel={onCancel}
      onOk={async () => {
        const v = await form.validateFields();
        const scheme = schemes.find((s) => s.id === v.schemeId)!;
        await onSubmit({
          title: v.title,
          year: v.year,
          kind: v.kind,
          startDate: v.dates[0].format('YYYY-MM-DD'),
          endDate: v.dates[1].format('YYYY-MM-DD'),
          team: v.team,
          scheme,
          watermarkPhotos: v.watermarkPhotos,
        });
      }}
    >
      <Form form={form} layout="horizontal" labelCol={{ span: 5 }} wrapperCol={{ span: 19 }} requiredMark onValuesChange={(changed) => {
        if ('title' in changed) titleTouched.current = true;
        if ('dates' in changed) datesTouched.current = true;
        if ('schemeId' in changed) {
          const s = schemes.find((x) => x.id === changed.schemeId);
          if (s) form.setFieldValue('year', s.year);
        }
        if ('schemeId' in changed || 'year' in changed || 'kind' in changed) retitle();
      }}>
        <Form.Item label="考核方案" name="schemeId" rules={[{ required: true, message: '请选择考核方案' }]} extra="创建时保存方案的副本，以后修改方案不影响本任务">
          <Select
            options={schemes.map((s) => ({ value: s.id, label: `${s.name}${s.builtin ? '（内置）' : ''}` }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item label="年度" required style={{ marginBottom: 0 }}>
          <Form.Item name="year" rules={[{ required: true, message: '请填写年度' }]} style={{ display: 'inline-block', width: 120 }}>
            <InputNumber min={2000} max={2100} precision={0} suffix="年" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label="检查类型" name="kind" rules={[{ required: true, message: '请选择检查类型' }]} style={{ display: 'inline-block', width: 'calc(100% - 130px)', marginLeft: 10 }}>
            <Select options={INSPECTION_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        </Form.Item>
        <Form.Item label="任务名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写任务名称' }, { max: 80, message: '不能超过80个字' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="检查日期" name="dates" rules={[{ required: true, message: '请选择检查日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="检查组成员" name="team" extra="输入姓名后按回车添加；第一位为组长">
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['，', ',', '、', ' ']} />
        </Form.Item>
        <Form.Item label="照片水印" name="watermarkPhotos" valuePropName="checked">
          <Switch checkedChildren="加" unCheckedChildren="不加" />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          照片水印包含拍摄时间、被检查单位、检查人员和任务名称。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
