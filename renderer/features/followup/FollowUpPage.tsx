import { PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isClosed, isOverdue, type Finding, type FollowUpTask } from '../../../shared/domain/findings';
import { useSession } from '../../store/sessionStore';
import { localDate } from '../inspections/dates';
import { STATUS_COLORS } from '../findings/FindingsTable';
import { FollowUpDrawer } from './FollowUpDrawer';
import { FollowUpRepository } from './followUpRepository';
import '../inspections/inspections.css';

interface TaskValues {
  title: string;
  year: number;
  scope: string;
  dueBy: Dayjs;
}

const WHOLE_YEAR = '__year__';

/**
 * 回头看: tasks that list the findings due (one round or the whole year);
 * for each finding the unit's reply, after-photos and the verification.
 * Route: #/followup and #/followup/:taskId.
 */
export default function FollowUpPage() {
  const { db, logger } = useSession();
  const repo = useMemo(() => new FollowUpRepository(db, logger), [db, logger]);
  const params = useParams();
  const taskId = (params['*'] ?? '').split('/')[0] || null;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  // The new task's starting values, given to the form as it mounts (it exists only while the modal is open).
  const [defaults, setDefaults] = useState<Partial<TaskValues>>({});
  const [open, setOpen] = useState<string | null>(null);
  const [form] = Form.useForm<TaskValues>();
  const today = localDate();

  const tasks = useLiveQuery(() => repo.listTasks(), [repo]);
  const inspections = useLiveQuery(async () => (await db.inspections.where('deleted').equals(0).toArray()).sort((a, b) => b.startDate.localeCompare(a.startDate)), [db]);
  const names = useLiveQuery(async () => new Map((await db.assessments.toArray()).map((a) => [a.id, a.targetName])), [db]);
  const task = useMemo(() => (tasks ?? []).find((t) => t.id === taskId) ?? (taskId ? null : ((tasks ?? [])[0] ?? null)), [tasks, taskId]);
  const findings = useLiveQuery(async () => (task ? repo.taskFindings(task) : []), [repo, task]);
  const allFindings = useLiveQuery(() => db.findings.toArray(), [db]);
  const titles = useMemo(() => new Map((inspections ?? []).map((i) => [i.id, i.title])), [inspections]);

  const year = Form.useWatch('year', form);
  const scope = Form.useWatch('scope', form);
  const dueBy = Form.useWatch('dueBy', form);
  const preview = useLiveQuery(
    async () => (creating && year && dueBy ? (await repo.candidates({ year, inspectionId: scope && scope !== WHOLE_YEAR ? scope : null, dueBy: dueBy.format('YYYY-MM-DD') })).length : null),
    [repo, creating, year, scope, dueBy?.valueOf(), allFindings],
  );

  function startCreate() {
    const y = inspections?.[0]?.year ?? new Date().getFullYear();
    setDefaults({ title: `${y}年度政务公开问题整改回头看`, year: y, scope: WHOLE_YEAR, dueBy: dayjs(today) });
    setCreating(true);
  }

  async function create() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const t = await repo.createTask({ title: v.title, year: v.year, inspectionId: v.scope === WHOLE_YEAR ? null : v.scope, dueBy: v.dueBy.format('YYYY-MM-DD') });
      message.success(`已建立回头看任务，列入 ${t.findingIds.length} 个问题`);
      setCreating(false);
      navigate(`/followup/${t.id}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const checked = (t: FollowUpTask, rows: Finding[] | undefined) => (rows ?? []).filter((f) => f.followUpTaskId === t.id && !!f.outcome).length;
  const openFinding = (findings ?? []).find((f) => f.id === open) ?? null;

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/findings">问题整改</Link> }, { title: '回头看' }]} />
      <div className="zw-page-head">
        <h1 className="page-title">回头看</h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={startCreate}>
          新建回头看任务
        </Button>
      </div>
      <Row gutter={12}>
        <Col span={7}>
          <Card size="small" title="回头看任务">
            {tasks && tasks.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无回头看任务" />}
            <div className="zw-task-list" data-testid="followup-tasks">
              {(tasks ?? []).map((t) => {
                const rows = (allFindings ?? []).filter((f) => t.findingIds.includes(f.id) && !f.deleted);
                const done = checked(t, rows);
                return (
                  <div
                    key={t.id}
                    role="button"
                    tabIndex={0}
                    className={`zw-task-item${task?.id === t.id ? ' active' : ''}`}
                    onClick={() => navigate(`/followup/${t.id}`)}
                    onKeyDown={(e) => e.key === 'Enter' && navigate(`/followup/${t.id}`)}
                  >
                    <div style={{ fontWeight: 500 }}>{t.title}</div>
                    <div className="zw-muted" style={{ fontSize: 12 }}>
                      {t.inspectionId ? (titles.get(t.inspectionId) ?? '（检查任务已删除）') : `${t.year}年度全部检查任务`}；期限截至 {t.dueBy}
                    </div>
                    <Progress size="small" percent={rows.length ? Math.floor((done * 100) / rows.length) : 0} format={() => `${done}/${rows.length}`} />
                  </div>
                );
              })}
            </div>
          </Card>
        </Col>
        <Col span={17}>
          {task ? (
            <Card
              size="small"
              title={task.title}
              extra={
                <Typography.Text type="secondary">
                  {task.createdBy} 建立；已核查 {checked(task, findings)}/{findings?.length ?? 0}，未销号 {(findings ?? []).filter((f) => !isClosed(f)).length}
                </Typography.Text>
              }
            >
              <Table<Finding>
                rowKey="id"
                size="small"
                data-testid="followup-table"
                loading={!findings}
                dataSource={findings ?? []}
                pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
                onRow={(f) => ({ onDoubleClick: () => setOpen(f.id) })}
                columns={[
                  { title: '序号', width: 48, align: 'center', render: (_, __, i) => i + 1 },
                  { title: '被检查单位', width: 130, ellipsis: true, render: (_, f) => names?.get(f.assessmentId) ?? '' },
                  { title: '问题描述', render: (_, f) => f.description },
                  {
                    title: '整改期限',
                    width: 110,
                    render: (_, f) => (
                      <Space orientation="vertical" size={0}>
                        <span className="zw-num">{f.deadline}</span>
                        {isOverdue(f, today) && <Tag color="red">已逾期</Tag>}
                      </Space>
                    ),
                  },
                  { title: '整改报告', width: 120, render: (_, f) => (f.replyReceivedAt ? <span className="zw-num">{f.replyReceivedAt} 收到</span> : <span className="zw-muted">未收到</span>) },
                  {
                    title: '核查',
                    width: 150,
                    render: (_, f) =>
                      f.followUpTaskId === task.id && f.outcome ? (
                        <div>
                          <Tag color={STATUS_COLORS[f.status]} data-testid="followup-outcome">
                            {f.outcome}
                          </Tag>
                          <div className="zw-muted" style={{ fontSize: 12 }}>
                            {f.verifiedBy} {f.verifiedAt}
                          </div>
                        </div>
                      ) : (
                        <Tag color={STATUS_COLORS[f.status]}>{f.status}</Tag>
                      ),
                  },
                  {
                    title: '',
                    width: 72,
                    render: (_, f) => (
                      <Button size="small" onClick={() => setOpen(f.id)}>
                        登记
                      </Button>
                    ),
                  },
                ]}
              />
            </Card>
          ) : (
            <Card size="small">
              <Empty description="新建回头看任务：列出截至某日到期的问题，逐个登记单位整改报告、整改后照片和核查结果" />
            </Card>
          )}
        </Col>
      </Row>
      {openFinding && task && <FollowUpDrawer finding={openFinding} targetName={names?.get(openFinding.assessmentId) ?? ''} taskId={task.id} repo={repo} onClose={() => setOpen(null)} />}
      <Modal open={creating} title="新建回头看任务" okText="建立" cancelText="取消" onCancel={() => setCreating(false)} onOk={create} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={defaults}>
          <Form.Item label="任务名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写任务名称' }, { max: 80, message: '不能超过80个字' }]}>
            <Input />
          </Form.Item>
          <Space size={16}>
            <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item label="整改期限截至" name="dueBy" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker allowClear={false} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item label="范围" name="scope">
            <Select
              options={[
                { value: WHOLE_YEAR, label: `${year ?? ''}年度全部检查任务` },
                ...(inspections ?? []).filter((i) => i.year === year).map((i) => ({ value: i.id, label: i.title })),
              ]}
            />
          </Form.Item>
          <Typography.Text type={preview === 0 ? 'warning' : 'secondary'} data-testid="followup-preview">
            {preview === null || preview === undefined ? '' : preview === 0 ? '没有到期未销号的问题' : `将列入 ${preview} 个到期未销号的问题（含已整改待核查的）`}
          </Typography.Text>
        </Form>
      </Modal>
    </div>
  );
}
