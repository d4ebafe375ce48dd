import { Card, Col, Empty, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { Link, Navigate, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { YEAR_ROUND_ORDER } from '../../../shared/domain/year';
import { useSession } from '../../store/sessionStore';
import { localDate } from '../inspections/dates';
import { useWorkCalendar } from '../inspections/hooks';
import { inspectionPaths } from '../inspections/InspectionsPage';
import { yearCharts } from '../../../shared/inspections/yearCharts';
import { YearBulletinButton } from '../bulletin/YearBulletinButton';
import { yearPaths } from './paths';
import { YearReportButton } from './YearReportButton';
import UnitYearFilePage from './UnitYearFilePage';
import { YearChart } from './YearChart';
import { loadYearData, type YearData } from './yearViewData';
import './year.css';

/**
 * 考核年度. Routes (under #/year):
 *   /                          the current year
 *   /:year                     the year: rounds, units' year files, the year view
 *   /:year/units/:targetId     one unit's year file (单位年度档案)
 */
export default function YearRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to={yearPaths.year(new Date().getFullYear())} replace />} />
      <Route path=":year" element={<YearPage />} />
      <Route path=":year/units/:targetId" element={<UnitYearFilePage />} />
    </Routes>
  );
}

function YearPage() {
  const { year: yearText = '' } = useParams();
  const year = Number(yearText);
  const { db } = useSession();
  const calendar = useWorkCalendar();
  const navigate = useNavigate();
  const today = localDate();
  const years = useLiveQuery(async () => [...new Set((await db.inspections.where('deleted').equals(0).toArray()).map((i) => i.year))].sort((a, b) => b - a), [db]);
  const data = useLiveQuery(() => loadYearData(db, year, calendar, today), [db, year, calendar, today]);
  const choices = [...new Set([...(years ?? []), year, new Date().getFullYear()])].sort((a, b) => b - a);
  return (
    <div data-testid="year-page">
      <Space align="baseline" style={{ marginBottom: 8 }}>
        <h1 className="page-title">{year}年度考核</h1>
        <Select value={year} style={{ width: 110 }} options={choices.map((y) => ({ value: y, label: `${y}年度` }))} onChange={(y) => navigate(yearPaths.year(y))} aria-label="考核年度" />
        {data && <YearReportButton year={year} view={data.view} />}
        <YearBulletinButton year={year} />
      </Space>
      <Typography.Paragraph type="secondary">日常监测、网上检查和现场考核相结合：年中、三季度抽查作为全年考核重要依据，年终对照指标逐项考核评分。</Typography.Paragraph>
      {!data ? <Spin style={{ marginTop: 40, width: '100%' }} /> : <YearBody data={data} />}
    </div>
  );
}

function YearBody({ data }: { data: YearData }) {
  const { view, rounds, year } = data;
  const rounded = [...rounds].sort((a, b) => YEAR_ROUND_ORDER.indexOf(a.kind) - YEAR_ROUND_ORDER.indexOf(b.kind) || a.startDate.localeCompare(b.startDate));
  const units = data.targets.filter((t) => t.kind === '县区政府' || t.kind === '政府部门').sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'zh-CN'));

  // The same option builders draw the PDF year report.
  const [ded, status, phone] = useMemo(() => yearCharts(view), [view]);

  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Card size="small" title={`本年度检查任务（${rounds.length}）`} style={{ marginBottom: 12 }}>
            {rounds.length === 0 ? (
              <Empty description="本年度尚无检查任务" />
            ) : (
              <ul className="zw-year-list">
                {rounded.map((r) => (
                  <li key={r.id}>
                    <Tag>{r.kind}</Tag>
                    <Link to={inspectionPaths.round(r.id)}>{r.title}</Link>
                    <span className="zw-muted">
                      {' '}
                      {r.startDate} 至 {r.endDate}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="单位年度档案" style={{ marginBottom: 12 }}>
            <div className="zw-year-units">
              {units.map((t) => (
                <Link key={t.id} to={yearPaths.unit(year, t.id)}>
                  {t.name}
                </Link>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
      {view.byKind.length === 0 ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Empty description="尚无年终考核结果（新建“年终考核”检查任务后，各单位评分由全年记录预填）" />
        </Card>
      ) : (
        view.byKind.map(({ kind, rows }) => (
          <Card key={kind} size="small" title={`年终考核结果：${kind}`} style={{ marginBottom: 12 }} data-testid={`year-results-${kind}`}>
            <Table
              size="small"
              pagination={false}
              rowKey="assessmentId"
              dataSource={rows}
              columns={[
                { title: '排名', width: 70, render: (_, r) => (r.rank === null ? <Tag>未完成</Tag> : r.rank) },
                { title: '单位', render: (_, r) => <Link to={yearPaths.unit(year, r.targetId)}>{r.targetName}</Link> },
                { title: '总分', width: 90, render: (_, r) => <span className="zw-num">{r.totalText}</span> },
                { title: '等次', width: 80, render: (_, r) => r.grade ?? '—' },
                { title: '状态', render: (_, r) => r.progressText },
              ]}
            />
          </Card>
        ))
      )}
      <Row gutter={12}>
        <Col span={12}>
          <YearChart title={ded.title} testId="chart-deductions" fileName={`${year}年度各指标减分`} option={ded.option} table={ded.table} />
        </Col>
        <Col span={12}>
          <YearChart title={status.title} testId="chart-findings" fileName={`${year}年度问题整改状态`} option={status.option} table={status.table} />
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <YearChart title={phone.title} testId="chart-phone" fileName={`${year}年度季度拨测覆盖`} option={phone.option} table={phone.table} />
        </Col>
        <Col span={12}>
          <Card size="small" title={`逾期未整改（${view.overdue.length}）`} style={{ marginBottom: 12 }} data-testid="year-overdue">
            <Table
              size="small"
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              rowKey="findingId"
              dataSource={view.overdue}
              locale={{ emptyText: '没有逾期问题' }}
              columns={[
                { title: '单位', dataIndex: 'targetName' },
                { title: '问题', dataIndex: 'description' },
                { title: '整改期限', dataIndex: 'deadline', width: 110 },
                { title: '逾期', width: 80, render: (_, r) => <Tag color="red">{r.daysOverdue} 天</Tag> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
