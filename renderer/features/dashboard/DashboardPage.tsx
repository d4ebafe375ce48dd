import { Card, Col, Empty, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router-dom';
import { isOverdue, isUnclosed } from '../../../shared/domain/findings';
import { useSession } from '../../store/sessionStore';
import { chineseDate, localDate } from '../inspections/dates';
import { FirstStepsGuide } from './FirstStepsGuide';
import { FullBackupAlert } from '../sync/FullBackupAlert';

/** 工作台: what needs attention today, at a glance. */
export default function DashboardPage() {
  const { db, profile } = useSession();
  const today = localDate();
  const data = useLiveQuery(async () => {
    const [targets, inspections, assessments, findings] = await Promise.all([
      db.targets.where('deleted').equals(0).count(),
      db.inspections.where('deleted').equals(0).toArray(),
      db.assessments.toArray(),
      db.findings.toArray(),
    ]);
    const liveAssessments = assessments.filter((a) => !a.deleted);
    const liveFindings = findings.filter((f) => !f.deleted);
    const rounds = inspections
      .sort((a, b) => b.startDate.localeCompare(a.startDate) || b.createdAt.localeCompare(a.createdAt))
      .slice(0, 6)
      .map((i) => {
        const units = liveAssessments.filter((a) => a.inspectionId === i.id);
        return { inspection: i, units: units.length, submitted: units.filter((a) => a.status === 'submitted').length };
      });
    // 未销号: everything not verified at 回头看, 已整改 awaiting verification included.
    const open = liveFindings.filter((f) => isUnclosed(f));
    const overdue = liveFindings.filter((f) => isOverdue(f, today)).sort((a, b) => a.deadline.localeCompare(b.deadline));
    const names = new Map(liveAssessments.map((a) => [a.id, a.targetName]));
    // The current year: what needs doing next.
    const year = Number(today.slice(0, 4));
    const yearRounds = new Set(inspections.filter((i) => i.year === year).map((i) => i.id));
    const openInYear = liveAssessments.filter((a) => yearRounds.has(a.inspectionId) && a.status !== 'submitted').length;
    const cases = (await db.complaintCases.where('year').equals(year).toArray()).filter((c) => !c.deleted);
    const awaitingReply = cases.filter((c) => c.inquirySentAt && !c.repliedAt).length;
    const quarter = `Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    const tested = new Set((await db.phoneCalls.where('year').equals(year).toArray()).filter((c) => !c.deleted && c.quarter === quarter).map((c) => c.targetId)).size;
    const todo = [
      openInYear ? `${openInYear} 家单位的评分尚未提交` : '',
      overdue.length ? `${overdue.length} 个问题逾期未整改，待回头看` : '',
      awaitingReply ? `${awaitingReply} 件投诉函询待单位回复` : '',
      `本季度已拨测 ${tested} 家单位`,
    ].filter(Boolean);
    return { targets, rounds, roundCount: inspections.length, open: open.length, overdue, names, year, todo };
  }, [db, today]);

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
            <Statistic title="逾期未整改" value={data?.overdue.length ?? 0} suffix="个" styles={{ content: { color: data?.overdue.length ? '#cf1322' : undefined } }} />
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
            {data && data.overdue.length === 0 ? (
              <Empty description="没有逾期问题" />
            ) : (
              <ul className="dashboard-list">
                {(data?.overdue ?? []).slice(0, 8).map((f) => (
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
