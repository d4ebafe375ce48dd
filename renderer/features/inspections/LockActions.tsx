import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Tooltip } from 'antd';
import { useState } from 'react';
import type { Assessment } from '../../../shared/domain/inspections';
import { useRepositories } from './hooks';
import { useLeadRole } from '../trust/useRole';

/**
 * 提交 / 解锁 buttons for one assessment. Submitting locks it; unlocking asks
 * for a reason, which the change log keeps with who and when.
 */
export function LockActions({ assessment, size = 'middle', answered }: { assessment: Assessment; size?: 'small' | 'middle'; answered?: { done: number; total: number } }) {
  const repos = useRepositories();
  const { message, modal } = App.useApp();
  const [unlocking, setUnlocking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const lead = useLeadRole();

  if (assessment.status === 'submitted') {
    return (
      <>
        <Tooltip title={lead.reason}>
          <Button size={size} icon={<UnlockOutlined />} disabled={!lead.mayLead} onClick={() => setUnlocking(true)}>
            解锁
          </Button>
        </Tooltip>
        {lead.reason && size !== 'small' && <span className="zw-muted">解锁{lead.reason}</span>}
        <Modal
          open={unlocking}
          title={`解锁「${assessment.targetName}」的评分`}
          okText="解锁"
          cancelText="取消"
          destroyOnHidden
          onCancel={() => setUnlocking(false)}
          onOk={async () => {
            const { reason } = await form.validateFields();
            try {
              await repos.inspections.unlock(assessment.id, reason);
              message.success('已解锁，可继续修改评分');
              setUnlocking(false);
            } catch (e) {
              message.error(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          <p className="zw-muted">评分已于提交后锁定。解锁理由将与操作人、时间一并记入修改记录。</p>
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item label="解锁理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写解锁理由' }, { min: 2, message: '请填写解锁理由' }, { max: 200, message: '不能超过200个字' }]}>
              <Input.TextArea rows={3} placeholder="如：复核发现第3项指标计数有误，需更正" />
            </Form.Item>
          </Form>
        </Modal>
      </>
    );
  }
  return (
    <Button
      size={size}
      icon={<LockOutlined />}
      onClick={() =>
        modal.confirm({
          title: `提交「${assessment.targetName}」的评分？`,
          content: (
            <>
              {answered && answered.done < answered.total && <p style={{ color: '#d46b08' }}>尚有 {answered.total - answered.done} 项指标未评完。</p>}
              <p>提交后评分锁定，不能再修改；如需修改须由组长解锁并说明理由。</p>
            </>
          ),
          okText: '提交',
          cancelText: '取消',
          onOk: async () => {
            try {
              await repos.inspections.submit(assessment.id);
              message.success(`已提交「${assessment.targetName}」的评分`);
            } catch (e) {
              message.error(e instanceof Error ? e.message : String(e));
            }
          },
        })
      }
    >
      提交
    </Button>
  );
}
