import { App, DatePicker, Form, Input, Modal, Radio, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { FINDING_SEVERITIES, FINDING_STATUSES, type Finding, type FindingSeverity, type FindingStatus } from '../../../shared/domain/findings';
import type { Assessment } from '../../../shared/domain/inspections';
import { FIVE_UNIFIED_CHECKLIST } from '../../../shared/schemes/index';
import type { Scheme } from '../../../shared/scheme/model';
import { useRepositories } from '../inspections/hooks';
import { localDate } from '../inspections/dates';
import { FindingInputError } from './findingRepository';
import { PhotoSlot } from '../assessment/PhotoSlot';
import type { PendingPhoto } from '../photos/pendingPhotos';
import { useSession } from '../../store/sessionStore';

// The photos feature, loaded when the form opens: photos chosen before the finding is saved are held here.
const PendingPhotos = lazy(() => import('../photos/PendingPhotos'));
let pendingCounter = 0;

/** Where a new finding comes from: an indicator, one of its rules, or a 五统一 item. */
export interface FindingPreset {
  indicatorId?: string | null;
  ruleId?: string | null;
  checklistItemId?: string | null;
  description?: string;
}

export interface FindingFormModalProps {
  open: boolean;
  assessment: Pick<Assessment, 'id' | 'targetName'> & Partial<Pick<Assessment, 'inspectionId'>>;
  /** The round's frozen scheme, for the 关联评分项 choices. */
  scheme: Scheme;
  /** Prefill for a new finding. */
  preset?: FindingPreset | null;
  /** Edit this finding instead of creating one. */
  finding?: Finding | null;
  onClose: (saved?: Finding) => void;
}

interface FormValues {
  relation?: string;
  description: string;
  severity: FindingSeverity;
  requirement: string;
  deadline: Dayjs;
  status: FindingStatus;
  statusReason?: string;
}

export const DEFAULT_REQUIREMENT = '请对照考核要求抓紧整改，并于整改期限内将整改情况书面报送市政务公开办。';

export function checklistItemText(id: string | null | undefined): string | null {
  if (!id) return null;
  for (const d of FIVE_UNIFIED_CHECKLIST.dimensions) for (const i of d.items) if (i.id === id) return `${d.title}：${i.text}`;
  return id;
}

/**
 * 记录问题 / 编辑问题: description, related indicator or rule, severity,
 * requirement, deadline (default: the configured working days from today) and status.
 */
export function FindingFormModal({ open, assessment, scheme, preset, finding, onClose }: FindingFormModalProps) {
  const repos = useRepositories();
  const session = useSession();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [days, setDays] = useState<number | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  /** Photos chosen before the finding is saved (and any that could not be saved), held with the form. */
  const [pending, setPending] = useState<PendingPhoto[]>([]);
  /** The finding this form created when its photos could not all be saved: the form stays open on it. */
  const [created, setCreated] = useState<Finding | null>(null);
  const current = finding ?? created;
  const confirming = useRef(false);
  const status = Form.useWatch('status', form);
  const statusChanged = !!current && !!status && status !== current.status;

  const options = useMemo(
    () =>
      scheme.sections.flatMap((s) =>
        s.indicators.map((ind) => ({
          label: ind.title,
          title: ind.title,
          options: [{ value: `ind:${ind.id}`, label: `${ind.title}（整项）` }, ...ind.rules.map((r) => ({ value: `rule:${r.id}`, label: r.text }))],
        })),
      ),
    [scheme],
  );
  const indicatorOfRule = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of scheme.sections) for (const ind of s.indicators) for (const r of ind.rules) m.set(r.id, ind.id);
    return m;
  }, [scheme]);
  const ruleText = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of scheme.sections) for (const ind of s.indicators) for (const r of ind.rules) m.set(r.id, r.text);
    return m;
  }, [scheme]);

  const checklistItemId = finding ? finding.checklistItemId : (preset?.checklistItemId ?? null);

  useEffect(() => {
    if (!open) return;
    setPending([]);
    setCreated(null);
  }, [open]);

  // The form is filled when it opens (or is pointed at another finding) and never
  // again while it stays open: the round's scheme and the finding are read afresh
  // from the database whenever anything about them changes (an autosave elsewhere on
  // the screen gives new objects with the same content), and refilling then wiped
  // what the inspector had typed.
  const fillKey = open ? (finding ? `edit:${finding.id}` : `new:${JSON.stringify(preset ?? null)}`) : null;
  const latest = useRef({ finding, preset, ruleText });
  latest.current = { finding, preset, ruleText };
  /** The default deadline for a new finding, read when the form opens; 保存 waits for it. */
  const deadlineLoaded = useRef<Promise<void>>(Promise.resolve());
  useLayoutEffect(() => {
    if (fillKey === null) return;
    const { finding, preset, ruleText } = latest.current;
    let cancelled = false;
    form.resetFields();
    if (finding) {
      form.setFieldsValue({
        relation: finding.ruleId ? `rule:${finding.ruleId}` : finding.indicatorId ? `ind:${finding.indicatorId}` : undefined,
        description: finding.description,
        severity: finding.severity,
        requirement: finding.requirement,
        deadline: dayjs(finding.deadline),
        status: finding.status,
      });
      deadlineLoaded.current = Promise.resolve();
      return;
    }
    const relation = preset?.ruleId ? `rule:${preset.ruleId}` : preset?.indicatorId ? `ind:${preset.indicatorId}` : undefined;
    form.setFieldsValue({
      relation,
      description: preset?.description ?? (preset?.ruleId ? ruleText.get(preset.ruleId) ?? '' : ''),
      severity: '一般',
      requirement: DEFAULT_REQUIREMENT,
      status: '待整改',
    });
    deadlineLoaded.current = (async () => {
      const [n, deadline] = await Promise.all([repos.findings.deadlineDays(), repos.findings.defaultDeadline(localDate())]);
      if (cancelled) return;
      setDays(n);
      if (!form.getFieldValue('deadline')) form.setFieldValue('deadline', dayjs(deadline));
    })().catch(() => {
      // No default: the inspector picks the deadline and 保存 asks for it.
    });
    return () => {
      cancelled = true;
    };
  }, [fillKey, form, repos]);

  async function save() {
    // 保存 pressed before the default deadline was read would otherwise fail as 请选择整改期限.
    await deadlineLoaded.current;
    const v = await form.validateFields();
    const relation = v.relation ?? '';
    const ruleId = relation.startsWith('rule:') ? relation.slice(5) : null;
    const indicatorId = relation.startsWith('ind:') ? relation.slice(4) : ruleId ? (indicatorOfRule.get(ruleId) ?? null) : null;
    setSaving('正在保存');
    let saved: Finding;
    try {
      const fields = {
        indicatorId,
        ruleId,
        description: v.description,
        severity: v.severity,
        requirement: v.requirement,
        deadline: v.deadline.format('YYYY-MM-DD'),
        status: v.status,
        ...(statusChanged ? { statusReason: v.statusReason ?? '' } : {}),
      };
      saved = current ? await repos.findings.update(current.id, fields) : await repos.findings.create({ ...fields, assessmentId: assessment.id, checklistItemId });
      if (!finding) setCreated(saved);
    } catch (e) {
      // Nothing was saved: the form stays open with everything in it, photos included.
      message.error(e instanceof FindingInputError ? e.message : `保存失败：${e instanceof Error ? e.message : String(e)}`);
      setSaving(null);
      return;
    }
    const held = pending;
    let photoNote = '';
    if (held.length > 0) {
      try {
        const { attachPending } = await import('../photos/pendingPhotos');
        const owner = { ownerType: 'finding' as const, ownerId: saved.id, inspectionId: saved.inspectionId, assessmentId: saved.assessmentId };
        const r = await attachPending(session, held, owner, (done, total) => setSaving(`正在保存照片 ${Math.min(done + 1, total)}/${total}`));
        setPending(r.left);
        if (r.left.length > 0) {
          message.error({ content: `问题已保存，但有 ${r.left.length} 张照片未能保存，仍保留在表单中：${r.left.map((x) => `${x.file.name}（${x.problem}）`).join('；')}`, duration: 8 });
          setSaving(null);
          return;
        }
        photoNote = `，照片 ${r.saved} 张`;
      } catch (e) {
        message.error({ content: `问题已保存，但照片未能保存，仍保留在表单中：${e instanceof Error ? e.message : String(e)}`, duration: 8 });
        setSaving(null);
        return;
      }
    }
    setSaving(null);
    message.success(finding ? `已保存问题${photoNote}` : `已记录「${assessment.targetName}」的问题${photoNote}`);
    onClose(saved);
  }

  /** 取消 / Esc / ×: photos not saved yet are discarded, after asking. */
  function cancel() {
    if (saving) return;
    if (pending.length === 0) {
      onClose(created ?? undefined);
      return;
    }
    if (confirming.current) return;
    confirming.current = true;
    modal.confirm({
      title: '放弃尚未保存的照片？',
      content: `已选择的 ${pending.length} 张照片尚未保存${created ? '（问题本身已保存）' : '，问题也尚未保存'}；关闭后这些照片不会保存。`,
      okText: '放弃并关闭',
      okButtonProps: { danger: true },
      cancelText: '继续编辑',
      onOk: () => {
        confirming.current = false;
        setPending([]);
        onClose(created ?? undefined);
      },
      onCancel: () => {
        confirming.current = false;
      },
    });
  }

  const addPending = (files: File[]) => setPending((p) => [...p, ...files.map((file) => ({ key: `pending-${++pendingCounter}`, file }))]);
  const removePending = (key: string) => setPending((p) => p.filter((x) => x.key !== key));
  const inspectionId = current?.inspectionId ?? assessment.inspectionId ?? '';

  const itemText = checklistItemText(checklistItemId);
  return (
    <Modal
      open={open}
      title={current ? '编辑问题' : `记录问题 · ${assessment.targetName}`}
      okText={saving ?? '保存'}
      cancelText="取消"
      width={680}
      destroyOnHidden
      confirmLoading={!!saving}
      onCancel={cancel}
      onOk={save}
    >
      <Form form={form} layout="horizontal" labelCol={{ span: 4 }} wrapperCol={{ span: 20 }} requiredMark>
        {itemText && (
          <Form.Item label="五统一项">
            <Typography.Text>{itemText}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item label="关联评分项" name="relation">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="可选：问题涉及的指标或评分规则" options={options} popupMatchSelectWidth={600} />
        </Form.Item>
        <Form.Item label="问题描述" name="description" rules={[{ required: true, whitespace: true, message: '请填写问题描述' }, { max: 1000, message: '不能超过1000个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如：政府门户网站“政策”栏目未更新《××办法》等2件现行有效行政规范性文件" />
        </Form.Item>
        <Form.Item label="问题程度" name="severity" rules={[{ required: true, message: '请选择问题程度' }]}>
          <Radio.Group optionType="button" options={FINDING_SEVERITIES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item label="整改要求" name="requirement" rules={[{ required: true, whitespace: true, message: '请填写整改要求' }, { max: 1000, message: '不能超过1000个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item
          label="整改期限"
          name="deadline"
          rules={[{ required: true, message: '请选择整改期限' }]}
          extra={!finding && days ? `默认为自今日起 ${days} 个工作日（按国务院节假日安排，可在问题整改页修改默认天数）` : undefined}
        >
          <DatePicker allowClear={false} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label="整改状态" name="status" rules={[{ required: true, message: '请选择整改状态' }]}>
          <Select style={{ width: 180 }} options={FINDING_STATUSES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        {statusChanged && (
          <Form.Item
            label="变更理由"
            name="statusReason"
            rules={[
              { required: true, whitespace: true, message: '请填写状态变更理由' },
              { min: 2, message: '请填写状态变更理由' },
              { max: 500, message: '不能超过500个字' },
            ]}
            extra="理由将与操作人、时间一并记入修改记录"
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        )}
        <Form.Item label="照片证据">
          {current && <PhotoSlot ownerType="finding" ownerId={current.id} inspectionId={current.inspectionId} assessmentId={current.assessmentId} />}
          {(!current || pending.length > 0) && (
            <Suspense fallback={<Spin size="small" />}>
              <PendingPhotos items={pending} inspectionId={inspectionId} assessmentId={assessment.id} addable={!current} onAdd={addPending} onRemove={removePending} />
            </Suspense>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
