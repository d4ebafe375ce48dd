import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, Tag, Tooltip } from 'antd';
import { FINDING_STATUSES, isOverdue, type Finding, type FindingStatus } from '../../../shared/domain/findings';
import { dayNumber } from '../../../shared/calendar/workCalendar';
import { useState } from 'react';
import { useRepositories } from '../inspections/hooks';
import { StatusChangeModal } from './StatusChangeModal';
import { AuditButton } from '../audit/AuditButton';

export const STATUS_COLORS: Record<FindingStatus, string> = {
  待整改: 'default',
  已下发通知: 'processing',
  已整改: 'cyan',
  已复核销号: 'success',
  整改不到位: 'warning',
  逾期未整改: 'error',
};

const SEVERITY_COLORS: Record<string, string> = { 一般: 'default', 较重: 'orange', 严重: 'red' };

/** A findings list: status changes in place, edit and delete. */
export function FindingsTable({
  findings,
  today,
  showTarget,
  relationText,
  onEdit,
  loading,
  pageSize = 20,
}: {
  findings: Finding[];
  today: string;
  showTarget?: (f: Finding) => string;
  relationText: (f: Finding) => string | null;
  onEdit: (f: Finding) => void;
  loading?: boolean;
  pageSize?: number;
}) {
  const repos = useRepositories();
  const { message, modal } = App.useApp();
  const [changing, setChanging] = useState<{ finding: Finding; to: FindingStatus } | null>(null);
  return (
    <>
    {changing && (
      <StatusChangeModal
        open
        from={changing.finding.status}
        to={changing.to}
        onCancel={() => setChanging(null)}
        onConfirm={async (reason) => {
          try {
            await repos.findings.setStatus(changing.finding.id, changing.to, reason);
            message.success(`已将问题状态改为「${changing.to}」`);
            setChanging(null);
          } catch (e) {
            message.error(e instanceof Error ? e.message : String(e));
          }
        }}
      />
    )}
    <Table<Finding>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={findings}
      data-testid="findings-table"
      pagination={{ pageSize, hideOnSinglePage: true, showSizeChanger: false, showTotal: (t) => `共 ${t} 个问题` }}
      locale={{ emptyText: '暂无问题记录' }}
      columns={[
        { title: '序号', width: 52, align: 'center', render: (_, __, i) => i + 1 },
        ...(showTarget ? [{ title: '被检查单位', width: 170, ellipsis: true, render: (_: unknown, f: Finding) => showTarget(f) }] : []),
        {
          title: '问题描述',
          render: (_, f) => {
            const rel = relationText(f);
            return (
              <div>
                <div>{f.description}</div>
                {rel && <div className="zw-muted" style={{ fontSize: 12 }}>关联：{rel}</div>}
                <div className="zw-muted" style={{ fontSize: 12 }}>整改要求：{f.requirement}</div>
              </div>
            );
          },
        },
        { title: '程度', width: 64, render: (_, f) => <Tag color={SEVERITY_COLORS[f.severity]}>{f.severity}</Tag> },
        {
          title: '整改期限',
          width: 128,
          render: (_, f) => {
            const overdue = isOverdue(f, today);
            const late = overdue && f.deadline < today ? dayNumber(today) - dayNumber(f.deadline) : 0;
            return (
              <Space orientation="vertical" size={0}>
                <span className="zw-num">{f.deadline}</span>
                {overdue && late > 0 && <Tag color="red">已逾期 {late} 天</Tag>}
              </Space>
            );
          },
        },
        {
          title: '整改状态',
          width: 130,
          render: (_, f) => (
            <Select<FindingStatus>
              size="small"
              value={f.status}
              style={{ width: 118 }}
              aria-label="整改状态"
              options={FINDING_STATUSES.map((s) => ({ value: s, label: <Tag color={STATUS_COLORS[s]} style={{ marginInlineEnd: 0 }}>{s}</Tag> }))}
              onChange={(s) => setChanging({ finding: f, to: s })}
            />
          ),
        },
        { title: '记录人', dataIndex: 'createdBy', width: 72 },
        {
          title: '',
          width: 104,
          render: (_, f) => (
            <Space size={0}>
              <Tooltip title="编辑">
                <Button size="small" type="text" icon={<EditOutlined />} aria-label="编辑问题" onClick={() => onEdit(f)} />
              </Tooltip>
              <AuditButton compact table="findings" rowId={f.id} title={`问题「${f.description.slice(0, 20)}」`} />
              <Tooltip title="删除">
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label="删除问题"
                  onClick={() =>
                    modal.confirm({
                      title: '删除这个问题？',
                      content: f.description,
                      okText: '删除',
                      okButtonProps: { danger: true },
                      cancelText: '取消',
                      onOk: async () => {
                        await repos.findings.softDelete(f.id);
                        message.success('已删除问题');
                      },
                    })
                  }
                />
              </Tooltip>
            </Space>
          ),
        },
      ]}
    />
    </>
  );
}

/** "公开事项目录编制 / 未编制本地区主动公开事项目录" or a 五统一 item, for a finding. */
export function makeRelationText(scheme: import('../../../shared/scheme/model').Scheme | undefined, checklistText: (id: string) => string | null) {
  const ind = new Map<string, string>();
  const rule = new Map<string, string>();
  for (const s of scheme?.sections ?? [])
    for (const i of s.indicators) {
      ind.set(i.id, i.title);
      for (const r of i.rules) rule.set(r.id, `${i.title} / ${r.text}`);
    }
  return (f: Finding): string | null => {
    const parts: string[] = [];
    if (f.checklistItemId) parts.push(`五统一 · ${checklistText(f.checklistItemId) ?? f.checklistItemId}`);
    if (f.ruleId && rule.has(f.ruleId)) parts.push(rule.get(f.ruleId)!);
    else if (f.indicatorId && ind.has(f.indicatorId)) parts.push(ind.get(f.indicatorId)!);
    return parts.length ? parts.join('；') : null;
  };
}
