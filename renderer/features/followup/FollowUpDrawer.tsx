import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Radio, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { FOLLOW_UP_OUTCOMES, type Finding, type FollowUpOutcome } from '../../../shared/domain/findings';
import { useSession } from '../../store/sessionStore';
import { formatDateTime, localDate } from '../inspections/dates';
import { useRepositories } from '../inspections/hooks';
import { STATUS_COLORS } from '../findings/FindingsTable';
import { PhotoAttach } from '../photos/PhotoAttach';
import type { FollowUpRepository } from './followUpRepository';

interface ReplyValues {
  receivedAt: Dayjs;
  text: string;
}

interface VerifyValues {
  verifiedBy: string;
  verifiedAt: Dayjs;
  outcome: FollowUpOutcome;
  newDeadline?: Dayjs;
  reason: string;
}

/**
 * One finding at 回头看: the unit's 整改报告 (date, text, scans), the
 * after-photos, the verification (who, when, outcome, reason) and the
 * history of its status with the reason of each change.
 */
export function FollowUpDrawer({ finding, targetName, taskId, repo, onClose }: { finding: Finding; targetName: string; taskId: string; repo: FollowUpRepository; onClose(): void }) {
  const { profile } = useSession();
  const repos = useRepositories();
  const { message } = App.useApp();
  const [reply] = Form.useForm<ReplyValues>();
  const [verify] = Form.useForm<VerifyValues>();
  const outcome = Form.useWatch('outcome', verify);
  const history = useLiveQuery(() => repos.findings.statusHistory(finding.id), [repos, finding.id, finding.updatedAt]);

  useEffect(() => {
    reply.setFieldsValue({ receivedAt: finding.replyReceivedAt ? dayjs(finding.replyReceivedAt) : dayjs(localDate()), text: finding.replyText ?? '' });
    verify.setFieldsValue({
      verifiedBy: finding.verifiedBy ?? profile?.name ?? '',
      verifiedAt: finding.verifiedAt ? dayjs(finding.verifiedAt) : dayjs(localDate()),
      outcome: finding.outcome ?? undefined,
      reason: '',
    });
  }, [finding.id]);

  async function saveReply() {
    const v = await reply.validateFields().catch(() => null);
    if (!v) return;
    try {
      await repo.recordReply(finding.id, { receivedAt: v.receivedAt.format('YYYY-MM-DD'), text: v.text }, taskId);
      message.success('已登记整改报告');
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  async function saveVerify() {
    const v = await verify.validateFields().catch(() => null);
    if (!v) return;
    try {
      await repo.verify(
        finding.id,
        { outcome: v.outcome, verifiedBy: v.verifiedBy, verifiedAt: v.verifiedAt.format('YYYY-MM-DD'), reason: v.reason, newDeadline: v.newDeadline?.format('YYYY-MM-DD') ?? null },
        taskId,
      );
      message.success(`已记录核查结果：${v.outcome}`);
      verify.setFieldValue('reason', '');
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Drawer open size={640} title={`回头看 · ${targetName}`} onClose={onClose} destroyOnHidden data-testid="followup-drawer">
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 12 }}
        items={[
          { label: '问题', span: 2, children: finding.description },
          { label: '整改要求', span: 2, children: finding.requirement },
          { label: '整改期限', children: <span className="zw-num">{finding.deadline}</span> },
          { label: '当前状态', children: <Tag color={STATUS_COLORS[finding.status]}>{finding.status}</Tag> },
        ]}
      />
      <Card size="small" title="单位整改报告" style={{ marginBottom: 12 }}>
        <Form form={reply} layout="vertical">
          <Form.Item label="收到日期" name="receivedAt" rules={[{ required: true, message: '请选择收到整改报告的日期' }]}>
            <DatePicker allowClear={false} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="整改情况" name="text" rules={[{ required: true, whitespace: true, message: '请填写整改报告的主要内容' }, { max: 2000, message: '不能超过2000个字' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如：已在政府门户网站“政策”栏目补充发布2件现行有效行政规范性文件" />
          </Form.Item>
          <Button onClick={saveReply}>保存整改报告</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 4px' }}>
          整改报告扫描件：
        </Typography.Paragraph>
        <PhotoAttach ownerType="finding" ownerId={`${finding.id}:reply`} inspectionId={finding.inspectionId} assessmentId={finding.assessmentId} emptyText="可添加整改报告的扫描件或照片" />
      </Card>
      <Card size="small" title="整改后照片" style={{ marginBottom: 12 }}>
        <PhotoAttach ownerType="finding" ownerId={`${finding.id}:after`} inspectionId={finding.inspectionId} assessmentId={finding.assessmentId} emptyText="回头看时拍摄的整改后照片" />
      </Card>
      <Card size="small" title="核查结果" style={{ marginBottom: 12 }}>
        <Form form={verify} layout="vertical">
          <Space size={16}>
            <Form.Item label="核查人" name="verifiedBy" rules={[{ required: true, whitespace: true, message: '请填写核查人' }]}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item label="核查日期" name="verifiedAt" rules={[{ required: true, message: '请选择核查日期' }]}>
              <DatePicker allowClear={false} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item label="结果" name="outcome" rules={[{ required: true, message: '请选择核查结果' }]}>
            <Radio.Group optionType="button" options={FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: o }))} />
          </Form.Item>
          {outcome === '整改不到位' && (
            <Form.Item label="新的整改期限" name="newDeadline" rules={[{ required: true, message: '请选择新的整改期限' }]}>
              <DatePicker style={{ width: 180 }} />
            </Form.Item>
          )}
          <Form.Item label="核查情况及理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写核查情况或理由' }, { min: 2, message: '请填写核查情况或理由' }, { max: 500, message: '不能超过500个字' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder="如：现场查看“政策”栏目，2件文件已补充发布，予以销号" />
          </Form.Item>
          <Button type="primary" onClick={saveVerify}>
            保存核查结果
          </Button>
        </Form>
      </Card>
      <Card size="small" title="状态变更记录">
        <Timeline
          data-testid="status-history"
          items={(history ?? []).map((h) => ({
            key: h.hlc,
            content: (
              <div>
                <Tag color={STATUS_COLORS[h.status]}>{h.status}</Tag>
                <span className="zw-muted">
                  {formatDateTime(h.at)} {h.author}
                </span>
                {h.reason && <div>理由：{h.reason}</div>}
              </div>
            ),
          }))}
        />
      </Card>
    </Drawer>
  );
}
