import { App, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { FONT_ROLE_LABELS, type SystemFontChoice } from '../../../shared/documents/pdfFonts';
import { formatNoticeNumber } from '../../../shared/documents/text';
import type { NoticeSettings } from '../../../shared/documents/types';
import type { DesktopApi, SystemFont } from '../../../shared/ipc/desktopApi';
import type { NoticeRepository } from './noticeRepository';

interface Props {
  open: boolean;
  repo: NoticeRepository;
  onClose(): void;
}

type FormValues = Omit<NoticeSettings, 'systemFonts' | 'defaultDeadlineDays'> & { systemFonts: SystemFontChoice };

const SYSTEM_ROLES = ['Body', 'Title', 'Hei', 'Kai'] as const;

/** 通知书设置: issuer, number prefix, contact, date style, receipt, fonts. */
export function NoticeSettingsModal({ open, repo, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [fonts, setFonts] = useState<SystemFont[]>([]);
  const [current, setCurrent] = useState<NoticeSettings | null>(null);
  const prefix = Form.useWatch('numberPrefix', form);

  useEffect(() => {
    if (!open) return;
    void repo.settings().then((s) => {
      setCurrent(s);
      form.setFieldsValue({ ...s, systemFonts: s.systemFonts ?? {} });
    });
    const desktop = (globalThis as { desktop?: DesktopApi }).desktop;
    if (desktop) void desktop.listSystemFonts().then(setFonts, () => setFonts([]));
  }, [open, repo, form]);

  async function save() {
    const values = await form.validateFields();
    if (!current) return;
    setSaving(true);
    try {
      await repo.saveSettings({ ...current, ...values, systemFonts: values.systemFonts ?? {} });
      message.success('通知书设置已保存');
      onClose();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  let example = '';
  try {
    example = prefix?.trim() ? formatNoticeNumber(prefix, new Date().getFullYear(), 1) : '';
  } catch {
    example = '';
  }

  return (
    <Modal title="整改通知书设置" open={open} onCancel={onClose} onOk={save} okText="保存" cancelText="取消" confirmLoading={saving} destroyOnHidden width={560}>
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="issuer" label="发文机关" rules={[{ required: true, whitespace: true, message: '请填写发文机关' }, { max: 40, message: '不能超过40个字' }]}>
          <Input placeholder="例如：盘锦市人民政府办公室" />
        </Form.Item>
        <Form.Item
          name="numberPrefix"
          label="文号前缀（机关代字）"
          extra={example ? `文号示例：${example}。每年从1号起按顺序编号，已用的号不再使用。` : '年份和序号自动加上，例如“盘政办公开改”生成“盘政办公开改〔2024〕1号”'}
          rules={[
            { required: true, whitespace: true, message: '请填写文号前缀' },
            { max: 12, message: '不能超过12个字' },
            { pattern: /^[^〔〕[\]]*$/, message: '不要包含括号，年份会自动加上' },
          ]}
        >
          <Input placeholder="例如：盘政办公开改" />
        </Form.Item>
        <Form.Item name="contactPerson" label="联系人">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话" rules={[{ pattern: /^[0-9０-９\-－()（）\s、,，转]{5,40}$/, message: '只能包含数字、短横线和括号' }]}>
          <Input maxLength={40} placeholder="例如：0427-2826114" />
        </Form.Item>
        <Form.Item name="dateStyle" label="成文日期写法">
          <Radio.Group
            options={[
              { value: 'chinese', label: '二〇二四年六月十日' },
              { value: 'arabic', label: '2024年6月10日（GB/T 9704-2012）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="receipt" label="附回执" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="sealPlaceholder" label="标出印章位置（虚线圆，仅供草稿）" valuePropName="checked">
          <Switch />
        </Form.Item>
        {fonts.length > 0 && (
          <>
            <div style={{ marginBottom: 8, color: 'rgba(0,0,0,0.65)' }}>使用本机安装的公文字体（不选则使用内置思源字体）：</div>
            {SYSTEM_ROLES.map((role) => (
              <Form.Item key={role} name={['systemFonts', role]} label={FONT_ROLE_LABELS[role]}>
                <Select allowClear placeholder="内置字体" options={fonts.map((f) => ({ value: f.file, label: `${f.face}（${f.file}）` }))} />
              </Form.Item>
            ))}
          </>
        )}
      </Form>
    </Modal>
  );
}
