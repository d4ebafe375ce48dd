import { Card, Col, Empty, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { warmUpScreens } from '../../app/navigation';
import { FINDING_STATUSES, type Finding } from '../../../shared/domain/findings';
import type { InspectorDatabase } from '../../db/database';
import { useSession } from '../../store/sessionStore';
import { chineseDate, localDate } from '../inspections/dates';
import { FirstStepsGuide } from './FirstStepsGuide';
import { FullBackupAlert } from '../sync/FullBackupAlert';

const OVERDUE_AFTER_DEADLINE = new Set<string>(['待整改', '已下发通知', '整改不到位']);

/**
 * What 工作台 shows, read through the indexes: finding counts come from index
 * keys (status, deadline, deleted) without reading the findings themselves;
 * only the rounds listed and the current year's rounds are read in full, and
 * only the overdue findings listed.
 */
export async function dashboardData(db: InspectorDatabase, today: string) {
  const year = Number(today.slice(0, 4));
  const [targets, inspections, allRoundIds] = await Promise.all([
    db.targets.where('deleted').equals(0).count(),
    db.inspections.where('deleted').equals(0).toArray(),
    db.inspections.toCollection().primaryKeys(),
  ]);
  const sorted = [...inspections].sort((a, b) => b.startDate.localeCompare(a.startDate) || b.createdAt.localeCompare(a.createdAt));
  const shown = sorted.slice(0, 6);
  const yearRounds = inspections.filter((i) => i.year === year);
  const wanted = [...new Map([...shown, ...yearRounds].map((i) => [i.id, i])).values()];
  const [perRound, byStatus, byDeadline, beforeToday, deletedLists] = await Promise.all([
    Promise.all(wanted.map((i) => db.assessments.where('[inspectionId+deleted]').equals([i.id, 0]).toArray())),
    Promise.all(FINDING_STATUSES.map(async (st) => [st, await db.findings.where('status').equals(st).primaryKeys()] as const)),
    db.findings.orderBy('deadline').primaryKeys(),
    db.findings.where('deadline').below(today).primaryKeys(),
    Promise.all(allRoundIds.map((id) => db.findings.where('[inspectionId+deleted]').equals([id, 1]).primaryKeys())),
  ]);
  const roundAssessments = new Map(wanted.map((i, k) => [i.id, perRound[k]]));
  const deleted = new Set(deletedLists.flat());
  const statusOf = new Map<string, string>();
  for (const [st, ids] of byStatus) for (const id of ids) statusOf.set(id, st);
  // 未销号: everything not verified at 回头看, 已整改 awaiting verification included.
  let open = 0;
  for (const [id, st] of statusOf) if (st !== '已复核销号' && !deleted.has(id)) open++;
  const late = new Set(beforeToday);
  // In deadline order, as the list shows them.
  const overdueIds = byDeadline.filter((id) => {
    if (deleted.has(id)) return false;
    const st = statusOf.get(id);
    return st === '逾期未整改' || (st !== undefined && OVERDUE_AFTER_DEADLINE.has(st) && late.has(id));
  });
  const overdue = (await db.findings.bulkGet(overdueIds.slice(0, 8))).filter((f): f is Finding => !!f);
  const named = await db.assessments.bulkGet([...new Set(overdue.map((f) => f.assessmentId))]);
  const names = new Map(named.filter((a) => !!a && !a.deleted).map((a) => [a!.id, a!.targetName]));
  const rounds = shown.map((i) => {
    const units = roundAssessments.get(i.id) ?? [];
    return { inspection: i, units: units.length, submitted: units.filter((a) => a.status === 'submitted').length };
  });
  // The current year: what needs doing next.
  const openInYear = yearRounds.reduce((n, i) => n + (roundAssessments.get(i.id) ?? []).filter((a) => a.status !== 'submitted').length, 0);
  const cases = (await db.complaintCases.where('year').equals(year).toArray()).filter((c) => !c.deleted);
  const awaitingReply = cases.filter((c) => c.inquirySentAt && !c.repliedAt).length;
  const quarter = `Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const tested = new Set((await db.phoneCalls.where('year').equals(year).toArray()).filter((c) => !c.deleted && c.quarter === quarter).map((c) => c.targetId)).size;
  const todo = [
    openInYear ? `${openInYear} 家单位的评分尚未提交` : '',
    overdueIds.length ? `${overdueIds.length} 个问题逾期未整改，待回头看` : '',
    awaitingReply ? `${awaitingReply} 件投诉函询待单位回复` : '',
    `本季度已拨测 ${tested} 家单位`,
  ].filter(Boolean);
  return { targets, rounds, roundCount: inspections.length, open, overdue, overdueCount: overdueIds.length, names, year, todo };
}

/** 工作台: what needs attention today, at a glance. */
export default function DashboardPage() {
  const { db, profile } = useSession();
  const today = localDate();
  const data = useLiveQuery(() => dashboardData(db, today), [db, today]);
  // Once 工作台 is filled, the screens opened next are loaded while the app is idle.
  const shown = !!data;
  useEffect(() => (shown ? warmUpScreens() : undefined), [shown]);

  return (
    <div>
      <h1 className="page-title">工作台</h1>
      <Typography.Paragraph type="secondary">{profile?.name}，您好。今天是 {chineseDate(today)}。</Typography.Paragraph>
      <FullBackupAlert style={{ marginBottom: 16 }} />
      <FirstStepsGuide />
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={`${data?.year ?? today.slice(0, 4)}年度考核`}
        extra={<Link to={`/year/${data?.year ?? today.slice(0, 4)}`}>打开年度视图</Link>}
        data-testid="dashboard-year"
      >
        <Space wrap size={[16, 4]}>
          {(data?.todo ?? []).map((t) => (
            <Typography.Text key={t}>• {t}</Typography.Text>
          ))}
        </Space>
      </Card>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card>
            <Statistic title="被检查单位" value={data?.targets ?? 0} suffix="家" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="检查任务" value={data?.roundCount ?? 0} suffix="个" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="未销号的问题" value={data?.open ?? 0} suffix="个" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="逾期未整改" value={data?.overdueCount ?? 0} suffix="个" styles={{ content: { color: data?.overdueCount ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Card title="最近的检查任务" extra={<Link to="/inspections">全部</Link>}>
            {data && data.rounds.length === 0 ? (
              <Empty description="尚无检查任务" />
            ) : (
              <ul className="dashboard-list">
                {(data?.rounds ?? []).map(({ inspection, units, submitted }) => (
                  <li key={inspection.id}>
                    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                        <Link to={`/inspections/${inspection.id}`}>{inspection.title}</Link>
                        <Typography.Text type="secondary">
                          {inspection.startDate} 至 {inspection.endDate}
                        </Typography.Text>
                      </Space>
                      <Progress
                        percent={units ? Math.round((submitted / units) * 100) : 0}
                        format={() => `已提交 ${submitted}/${units} 家`}
                        size="small"
                      />
                    </Space>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col span={10}>
          <Card title="逾期未整改的问题" extra={<Link to="/findings">问题整改</Link>}>
            {data && data.overdueCount === 0 ? (
              <Empty description="没有逾期问题" />
            ) : (
              <ul className="dashboard-list">
                {(data?.overdue ?? []).map((f) => (
                  <li key={f.id}>
                    <Space orientation="vertical" size={2}>
                      <Space>
                        <Tag color="red">期限 {f.deadline}</Tag>
                        <Typography.Text strong>{data?.names.get(f.assessmentId) ?? ''}</Typography.Text>
                      </Space>
                      <Typography.Text ellipsis style={{ maxWidth: 460 }}>
                        {f.description}
                      </Typography.Text>
                    </Space>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
