import { Alert, Checkbox, DatePicker, Descriptions, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { findRule } from '../../../shared/scheme/model';
import type { SourceInfo } from '../../../shared/checks/types';
import type { ScoreResult } from '../../../shared/scoring/engine';
import { useCheckContext } from './components';
import { responseText, type FeedableRule } from './ruleChoice';
import type { FindingDraft, RuleFeed } from './types';

export interface ConfirmRequest {
  title: string;
  sources: SourceInfo[];
  /** What the check found, in words (e.g. 计入 1 家：确认的问题 5 处). */
  countText: string;
  feeds: RuleFeed[];
  /** Documents written into a time-limit rule (for the wording). */
  lagItems?: number;
  drafts: FindingDraft[];
}

/**
 * The last step before anything is written: what goes into which rule, the
 * score before and after, and the findings to create. One click writes it all
 * in one transaction.
 */
export function ConfirmCheckModal({ request, onCancel, onConfirm }: { request: ConfirmRequest; onCancel: () => void; onConfirm: (opts: { createFindings: boolean; deadline: string }) => Promise<void> }) {
  const { repo, assessment, inspection } = useCheckContext();
  const [score, setScore] = useState<{ before: ScoreResult; after: ScoreResult } | null>(null);
  const [deadline, setDeadline] = useState<string | null>(null);
  const [createFindings, setCreateFindings] = useState(request.drafts.length > 0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void repo.scoreBeforeAfter(assessment, inspection, request.feeds).then((s) => live && setScore(s));
    void repo.defaultDeadline().then((d) => live && setDeadline(d));
    return () => {
      live = false;
    };
  }, [repo, assessment, inspection, request.feeds]);

  async function confirm() {
    if (!deadline) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm({ createFindings, deadline });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={760}
      title={`确认写入：${request.title}`}
      okText="确认写入"
      cancelText="取消"
      onOk={confirm}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: !deadline || (createFindings && !deadline) }}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions size="small" column={1} bordered styles={{ label: { width: 120 } }}>
          <Descriptions.Item label="来源">
            {request.sources.map((s) => (
              <div key={s.fileName + s.sha256}>
                {s.fileName}
                {s.sha256 ? (
                  <details className="zw-details">
                    <summary>详细信息</summary>
                    <Typography.Text type="secondary">
                      文件校验值（SHA-256）：<span style={{ fontFamily: 'Consolas, monospace', fontSize: 12 }}>{s.sha256}</span>
                    </Typography.Text>
                  </details>
                ) : null}
              </div>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="核查结果">{request.countText}</Descriptions.Item>
          <Descriptions.Item label="写入评分">
            {request.feeds.length ? (
              request.feeds.map((f) => {
                const rule = findRule(inspection.scheme, f.ruleId) as FeedableRule | undefined;
                return (
                  <div key={f.ruleId} data-testid="confirm-feed">
                    {f.ruleText}：{rule ? responseText(rule, f.count, request.lagItems ?? 0) : f.count}
                  </div>
                );
              })
            ) : (
              <Typography.Text type="warning">未选择计入的规则：只保存核查记录，不改变评分</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="本单位得分">
            {score ? (
              <span data-testid="confirm-score">
                {score.before.totalText} → <strong>{score.after.totalText}</strong>
                {score.before.total === score.after.total ? <Typography.Text type="secondary">（不变）</Typography.Text> : null}
              </span>
            ) : (
              '计算中…'
            )}
          </Descriptions.Item>
        </Descriptions>
        {request.drafts.length ? (
          <div>
            <Space size={16} wrap>
              <Checkbox checked={createFindings} onChange={(e) => setCreateFindings(e.target.checked)}>
                同时生成问题（{request.drafts.length} 条，状态为“待整改”）
              </Checkbox>
              {createFindings ? (
                <Space>
                  <span>整改期限</span>
                  <DatePicker aria-label="整改期限" allowClear={false} value={deadline ? dayjs(deadline) : null} onChange={(d) => d && setDeadline(d.format('YYYY-MM-DD'))} />
                </Space>
              ) : null}
            </Space>
            {createFindings ? (
              <div className="pc-draft-list" data-testid="finding-drafts">
                {request.drafts.map((d) => (
                  <div key={d.key} className="pc-draft">
                    <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
                      {d.description}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">整改要求：{d.requirement}</Typography.Text>
                  </div>
                ))}
              </div>
            ) : null}
          </div>
        ) : null}
        <Typography.Text type="secondary">核查记录、评分和问题将一并写入；重新核查会生成新的记录并覆盖该规则的数量，原记录保留备查。</Typography.Text>
        {error ? <Alert type="error" showIcon title={`写入失败：${error}`} description="未写入任何数据。" /> : null}
      </Space>
    </Modal>
  );
}
