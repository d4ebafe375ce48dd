import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Progress, Space, Table, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Inspection } from '../../../shared/domain/inspections';
import { useSession } from '../../store/sessionStore';
import { CreateInspectionModal } from './CreateInspectionModal';
import { useRepositories, useSchemeChoices } from './hooks';
import { InspectionInputError } from './inspectionRepository';

const KIND_COLORS: Record<string, string> = { 年中考核: 'blue', 三季度考核: 'cyan', 年终考核: 'red', 专项检查: 'purple' };

/** 检查任务 list with 新建检查任务. */
export function InspectionList() {
  const { db, profile } = useSession();
  const repos = useRepositories();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const schemes = useSchemeChoices();
  const [creating, setCreating] = useState(false);
  const rows = useLiveQuery(() => repos.inspections.list(), [repos]);
  const counts = useLiveQuery(async () => {
    const m = new Map<string, { units: number; submitted: number }>();
    for (const a of await db.assessments.toArray()) {
      if (a.deleted) continue;
      const c = m.get(a.inspectionId) ?? { units: 0, submitted: 0 };
      c.units++;
      if (a.status === 'submitted') c.submitted++;
      m.set(a.inspectionId, c);
    }
    return m;
  }, [db]);

  return (
    <div>
      <div className="zw-page-head">
        <h1 className="page-title">检查任务</h1>
        <Button type="primary" icon={<PlusOutlined />} disabled={!schemes} onClick={() => setCreating(true)}>
          新建检查任务
        </Button>
      </div>
      <Card size="small">
        <Table<Inspection>
          rowKey="id"
          size="middle"
          loading={!rows}
          dataSource={rows ?? []}
          pagination={{ pageSize: 15, showTotal: (t) => `共 ${t} 个任务`, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无检查任务，请点击「新建检查任务」' }}
          onRow={(r) => ({ onDoubleClick: () => navigate(r.id) })}
          columns={[
            { title: '任务名称', dataIndex: 'title', render: (t: string, r) => <Link to={r.id}>{t}</Link> },
            { title: '类型', dataIndex: 'kind', width: 96, render: (k: string) => <Tag color={KIND_COLORS[k]}>{k}</Tag> },
            { title: '考核方案', width: 180, ellipsis: { showTitle: true }, render: (_, r) => r.scheme.name },
            { title: '检查日期', width: 186, render: (_, r) => <span className="zw-num">{r.startDate} 至 {r.endDate}</span> },
            {
              title: '被检查单位',
              width: 150,
              render: (_, r) => {
                const c = counts?.get(r.id);
                if (!c || c.units === 0) return <span className="zw-muted">尚未确定</span>;
                return (
                  <div>
                    <div className="zw-num">
                      {c.units} 家<span className="zw-muted">，已提交 {c.submitted} 家</span>
                    </div>
                    <Progress size="small" percent={Math.round((c.submitted * 100) / c.units)} showInfo={false} style={{ width: 120, margin: 0 }} />
                  </div>
                );
              },
            },
            { title: '检查组', width: 100, ellipsis: true, render: (_, r) => r.team.join('、') },
            {
              title: '操作',
              width: 120,
              render: (_, r) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => navigate(r.id)}>
                    打开
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() =>
                      modal.confirm({
                        title: `删除检查任务「${r.title}」？`,
                        content: '删除后该任务不再显示；评分、拨测、问题等记录仍保留在本机数据中，可由管理员恢复。',
                        okText: '删除',
                        okButtonProps: { danger: true },
                        cancelText: '取消',
                        onOk: async () => {
                          await repos.inspections.softDelete(r.id);
                          message.success(`已删除「${r.title}」`);
                        },
                      })
                    }
                  >
                    删除
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {schemes && (
        <CreateInspectionModal
          open={creating}
          schemes={schemes}
          defaultTeam={profile?.name ? [profile.name] : []}
          onCancel={() => setCreating(false)}
          onSubmit={async (input) => {
            try {
              const row = await repos.inspections.create(input);
              setCreating(false);
              message.success(`已创建「${row.title}」`);
              navigate(row.id);
            } catch (e) {
              message.error(e instanceof InspectionInputError ? e.message : `创建失败：${e instanceof Error ? e.message : String(e)}`);
              throw e;
            }
          }}
        />
      )}
    </div>
  );
}
