import { App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { FONT_ROLE_LABELS, type SystemFontChoice } from '../../../shared/documents/pdfFonts';
import { formatNoticeNumber } from '../../../shared/documents/text';
import { HEADER_STYLE_LABELS, type HeaderStyle, type NoticeSettings } from '../../../shared/documents/types';
import type { DesktopApi, SystemFont } from '../../../shared/ipc/desktopApi';
import type { NoticeRepository } from './noticeRepository';

interface Props {
  open: boolean;
  repo: NoticeRepository;
  onClose(): void;
  /** Prints the 套印 alignment test page for the saved settings. */
  onTestPage?(): void;
}

type FormValues = Omit<NoticeSettings, 'systemFonts' | 'defaultDeadlineDays' | 'copyTo'> & { systemFonts: SystemFontChoice; copyTo: string };

/** 抄送 typed as one line: names separated by 、，; or spaces. */
export function parseCopyTo(text: string): string[] {
  return text
    .split(/[，,、；;\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

const SYSTEM_ROLES = ['Body', 'Title', 'Hei', 'Kai'] as const;

/** 通知书设置: issuer, number prefix, contact, date style, receipt, fonts. */
export function NoticeSettingsModal({ open, repo, onClose, onTestPage }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [fonts, setFonts] = useState<SystemFont[]>([]);
  const [current, setCurrent] = useState<NoticeSettings | null>(null);
  const prefix = Form.useWatch('numberPrefix', form);
  const headerStyle = Form.useWatch('headerStyle', form) as HeaderStyle | undefined;

  useEffect(() => {
    if (!open) return;
    void repo.settings().then((s) => {
      setCurrent(s);
      form.setFieldsValue({ ...s, systemFonts: s.systemFonts ?? {}, copyTo: (s.copyTo ?? []).join('，') });
    });
    const desktop = (globalThis as { desktop?: DesktopApi }).desktop;
    if (desktop) void desktop.listSystemFonts().then(setFonts, () => setFonts([]));
  }, [open, repo, form]);

  async function save() {
    const values = await form.validateFields();
    if (!current) return;
    setSaving(true);
    try {
      await repo.saveSettings({
        ...current,
        ...values,
        copyTo: parseCopyTo(values.copyTo ?? ''),
        overprintOffsetMm: { x: Number(values.overprintOffsetMm?.x ?? 0), y: Number(values.overprintOffsetMm?.y ?? 0) },
        systemFonts: values.systemFonts ?? {},
      });
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
        <Form.Item name="headerStyle" label="版头">
          <Radio.Group options={(Object.keys(HEADER_STYLE_LABELS) as HeaderStyle[]).map((v) => ({ value: v, label: HEADER_STYLE_LABELS[v] }))} />
        </Form.Item>
        {headerStyle !== 'overprint' && (
          <Form.Item name="issuerMark" label="发文机关标志" extra="留空则使用发文机关名称（文件格式后加“文件”二字）" rules={[{ max: 24, message: '不能超过24个字' }]}>
            <Input placeholder="例如：盘锦市人民政府办公室文件" />
          </Form.Item>
        )}
        {headerStyle === 'overprint' && (
          <Form.Item label="套印偏移（毫米，向右、向下为正）" extra="先用白纸打印对齐测试页，与红头纸叠放量出偏差后填写">
            <Space>
              <Form.Item name={['overprintOffsetMm', 'x']} noStyle rules={[{ type: 'number', min: -20, max: 20, message: '偏移应在±20毫米以内' }]}>
                <InputNumber addonBefore="右" step={0.5} />
              </Form.Item>
              <Form.Item name={['overprintOffsetMm', 'y']} noStyle rules={[{ type: 'number', min: -20, max: 20, message: '偏移应在±20毫米以内' }]}>
                <InputNumber addonBefore="下" step={0.5} />
              </Form.Item>
              {onTestPage && <Button onClick={onTestPage}>打印对齐测试页</Button>}
            </Space>
          </Form.Item>
        )}
        <Form.Item name="copyTo" label="抄送机关" extra="多个机关用顿号或逗号分隔，印在版记中" rules={[{ max: 200, message: '不能超过200个字' }]}>
          <Input placeholder="例如：市委办公室、市人大常委会办公室" />
        </Form.Item>
        <Form.Item name="printedBy" label="印发机关" extra="留空则为发文机关" rules={[{ max: 40, message: '不能超过40个字' }]}>
          <Input placeholder="例如：盘锦市人民政府办公室秘书科" />
        </Form.Item>
        <Form.Item name="address" label="整改报告和回执报送地址" rules={[{ max: 60, message: '不能超过60个字' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="fax" label="传真" rules={[{ pattern: /^[0-9０-９\-－()（）\s]{5,30}$/, message: '只能包含数字、短横线和括号' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
          <Input maxLength={60} />
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
              { value: 'arabic', label: '2024年6月10日（GB/T 9704-2012）' },
              { value: 'chinese', label: '二〇二四年六月十日' },
            ]}
          />
        </Form.Item>
        <Form.Item name="receipt" label="附回执" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="sealed" label="加盖印章（成文日期右空四字）" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="sealPlaceholder" label="标出印章位置（虚线圆，仅供草稿）" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="verifyOnSentCopies" label="发出的通知书也印核验码（留存版始终印）" valuePropName="checked">
          <Switch />
        </Form.Item>
        {fonts.length > 0 && (
          <>
            <Form.Item name="preferInstalledFonts" label="自动使用本机安装的仿宋、楷体、黑体、方正小标宋" valuePropName="checked">
              <Switch />
            </Form.Item>
            <div style={{ marginBottom: 8, color: 'rgba(0,0,0,0.65)' }}>指定字体（不选则自动选用本机公文字体，没有时使用内置的 Fandol 仿宋、楷体）：</div>
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
