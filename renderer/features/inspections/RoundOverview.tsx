import { AuditOutlined, ExperimentOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Descriptions, Empty, Progress, Result, Space, Spin, Table, Tag, Tooltip } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { DrawRecord } from '../../../shared/domain/inspections';
import { scoreVersionText } from '../../../shared/inspections/snapshot';
import { incompleteText, standingText } from '../../../shared/scoring/rank';
import { AddTargetsModal } from './AddTargetsModal';
import { useRepositories, useRoundScores, type RoundRow } from './hooks';
import { formatDateTime } from './dates';
import { LockActions } from './LockActions';
import { ReportsPanel } from '../reports/ReportsPanel';
import { ScoreChart } from './ScoreChart';

/** One round: its units with progress, score, grade and rank; draw, add, submit. */
export function RoundOverview() {
  const { id = '' } = useParams();
  const repos = useRepositories();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState(false);
  const inspection = useLiveQuery(async () => (await repos.inspections.get(id)) ?? null, [repos, id]);
  const rows = useRoundScores(inspection ?? undefined);
  const draws = useLiveQuery(() => repos.inspections.listDraws(id), [repos, id]);
  const present = useMemo(() => new Set((rows ?? []).map((r) => r.assessment.targetId)), [rows]);

  if (inspection === undefined) return <Spin style={{ marginTop: 80, width: '100%' }} />;
  if (inspection === null || inspection.deleted) return <Result status="404" title="检查任务不存在或已删除" extra={<Link to="/inspections">返回检查任务</Link>} />;
  const graded = !!inspection.scheme.grades;
  const submitted = (rows ?? []).filter((r) => r.assessment.status === 'submitted').length;

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/inspections">检查任务</Link> }, { title: inspection.title }]} />
      <div className="zw-page-head">
        <h1 className="page-title">{inspection.title}</h1>
        <Space>
          <Button icon={<ExperimentOutlined />} type="primary" onClick={() => navigate('draw')}>
            随机抽取
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            手动添加
          </Button>
          <Button icon={<AuditOutlined />} onClick={() => navigate(`/findings?inspection=${inspection.id}`)}>
            问题清单
          </Button>
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={3}
          items={[
            { label: '检查类型', children: inspection.kind },
            { label: '检查日期', children: `${inspection.startDate} 至 ${inspection.endDate}` },
            { label: '检查组', children: inspection.team.join('、') || '—' },
            { label: '考核方案', span: 3, children: `${inspection.scheme.name}（第${inspection.scheme.version}版）` },
          ]}
        />
        <details className="zw-details" data-testid="round-details">
          <summary>详细信息</summary>
          方案副本校验码（创建任务时保存的方案副本的 SHA-256，用于核对各台电脑所用方案是否一致）：<span className="zw-num">{inspection.schemeHash}</span>
        </details>
      </Card>
      <Card
        size="small"
        title={
          <Space>
            <span>被检查单位</span>
            <span className="zw-muted" style={{ fontWeight: 400 }}>
              共 {rows?.length ?? 0} 家，已提交 {submitted} 家
            </span>
          </Space>
        }
        style={{ marginBottom: 12 }}
      >
        <Table<RoundRow>
          rowKey={(r) => r.assessment.id}
          size="small"
          loading={!rows}
          dataSource={rows ?? []}
          pagination={false}
          data-testid="round-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未确定被检查单位，请「随机抽取」或「手动添加」" /> }}
          onRow={(r) => ({ onDoubleClick: () => navigate(`assessments/${r.assessment.id}`) })}
          columns={[
            { title: '序号', width: 56, align: 'center', render: (_, __, i) => i + 1 },
            { title: '单位名称', render: (_, r) => <Link to={`assessments/${r.assessment.id}`}>{r.assessment.targetName}</Link> },
            { title: '类别', width: 90, render: (_, r) => r.assessment.targetKind },
            { title: '确定方式', width: 86, render: (_, r) => (r.assessment.addedBy === 'draw' ? <Tag color="geekblue">随机抽取</Tag> : <Tag>手动添加</Tag>) },
            {
              title: '评分进度',
              width: 150,
              render: (_, r) => (
                <Space size={6}>
                  <Progress size="small" percent={r.progress.percent} showInfo={false} style={{ width: 80, margin: 0 }} />
                  <span className="zw-num">
                    {r.progress.answeredIndicators}/{r.progress.totalIndicators}
                  </span>
                </Space>
              ),
            },
            {
              title: '得分',
              width: 80,
              align: 'right',
              render: (_, r) =>
                r.assessment.status === 'submitted' ? (
                  <Tooltip title={scoreVersionText(r.snapshot)}>
                    <strong className="zw-num" data-testid="round-total">
                      {r.result.totalText}
                    </strong>
                  </Tooltip>
                ) : (
                  <Tooltip title="评分未提交，分数为暂计，可能变化">
                    <span className="zw-num zw-muted" data-testid="round-total">
                      {r.result.totalText}
                    </span>
                  </Tooltip>
                ),
            },
            ...(graded ? [{ title: '等次', width: 70, render: (_: unknown, r: RoundRow) => r.result.grade ?? '—' }] : []),
            {
              title: '排名',
              width: 76,
              align: 'center',
              render: (_, r) =>
                r.standing.ranked ? (
                  <Tooltip title={standingText(r.standing)}>
                    <span className="zw-num" data-testid="round-rank">
                      {r.standing.rank}
                    </span>
                  </Tooltip>
                ) : (
                  <Tooltip title={`${incompleteText(r.progress)}，提交后参与排名`}>
                    <Tag color="default" style={{ marginInlineEnd: 0 }} data-testid="round-rank">
                      未完成
                    </Tag>
                  </Tooltip>
                ),
            },
            { title: '问题', width: 56, align: 'center', render: (_, r) => (r.findings ? <Tag color="orange">{r.findings}</Tag> : <span className="zw-muted">0</span>) },
            {
              title: '状态',
              width: 84,
              render: (_, r) =>
                r.assessment.status === 'submitted' ? (
                  <Tooltip title={`${r.assessment.submittedBy ?? ''} 于 ${formatDateTime(r.assessment.submittedAt)} 提交`}>
                    <Tag color="green">已提交</Tag>
                  </Tooltip>
                ) : (
                  <Tag color="processing">评分中</Tag>
                ),
            },
            {
              title: '操作',
              width: 190,
              render: (_, r) => (
                <Space size={4}>
                  <Button size="small" onClick={() => navigate(`assessments/${r.assessment.id}`)}>
                    评分
                  </Button>
                  <LockActions size="small" assessment={r.assessment} answered={{ done: r.progress.answeredIndicators, total: r.progress.totalIndicators }} />
                  {r.assessment.status !== 'submitted' && (
                    <Button
                      size="small"
                      type="text"
                      danger
                      onClick={() =>
                        modal.confirm({
                          title: `将「${r.assessment.targetName}」移出本任务？`,
                          content: '移出后不再参与本任务排名；已录入的评分记录仍保留，修改记录中记载操作人。',
                          okText: '移出',
                          okButtonProps: { danger: true },
                          cancelText: '取消',
                          onOk: async () => {
                            try {
                              await repos.inspections.removeAssessment(r.assessment.id);
                              message.success(`已移出「${r.assessment.targetName}」`);
                            } catch (e) {
                              message.error(e instanceof Error ? e.message : String(e));
                            }
                          },
                        })
                      }
                    >
                      移出
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ScoreChart rows={rows ?? []} scheme={inspection.scheme} />
      {(draws?.length ?? 0) > 0 && (
        <Card size="small" title="随机抽取记录">
          <Table<DrawRecord>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={draws}
            columns={[
              { title: '抽取时间', width: 170, render: (_, d) => <span className="zw-num">{formatDateTime(d.at)}</span> },
              { title: '操作人', dataIndex: 'by', width: 100 },
              { title: '随机数种子', dataIndex: 'seed', width: 120, render: (s: string) => <span className="zw-num">{s}</span> },
              { title: '抽取结果', render: (_, d) => d.result.map((tid) => d.pool.find((p) => p.targetId === tid)?.name ?? tid).join('、') },
              {
                title: '',
                width: 110,
                render: (_, d) => (
                  <Button size="small" icon={<PrinterOutlined />} onClick={() => navigate(`draws/${d.id}`)}>
                    查看/打印
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
      <div style={{ marginTop: 12 }}>
        <ReportsPanel inspectionId={inspection.id} />
      </div>
      <AddTargetsModal
        open={adding}
        present={present}
        defaultKind={inspection.scheme.targetKinds.length === 1 ? inspection.scheme.targetKinds[0] : undefined}
        onCancel={() => setAdding(false)}
        onSubmit={async (targets) => {
          const added = await repos.inspections.addTargets(inspection.id, targets, 'manual');
          message.success(`已加入 ${added.length} 家单位`);
          setAdding(false);
        }}
      />
    </div>
  );
}
