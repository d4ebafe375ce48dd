import { Breadcrumb, Button, Card, Empty, Popconfirm, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isOverdue } from '../../../shared/domain/findings';
import type { BulletinRecord, ComplaintCase } from '../../../shared/domain/year';
import { complaintFeeds, notRectified, replyLate, requiredInWriting } from '../../../shared/inspections/yearRecords';
import { PHONE_SLOT_LABELS, phoneSlotOf } from '../../../shared/inspections/phoneCalls';
import { QUARTER_LABELS, QUARTERS } from '../../../shared/scoring/responses';
import { useSession } from '../../store/sessionStore';
import { localDate } from '../inspections/dates';
import { inspectionPaths } from '../inspections/InspectionsPage';
import { yearPaths } from './paths';
import { useUnitYear } from './yearData';
import { BulletinModal, ComplaintCaseModal, YearPhoneCallModal } from './YearRecordModals';
import { YearRepository } from './yearRepository';

const CHECK_LABELS: Record<string, string> = { catalogue: '主动公开事项目录', ledger: '文件公开台账比对', interpretation: '政策解读时效', submission: '主动公开文件报送时效' };

function caseStage(c: ComplaintCase): string {
  if (c.rectified === true) return '已整改';
  if (c.rectified === false) return '未按要求整改';
  if (c.rectificationRequiredAt) return '已书面要求整改';
  if (c.problemConfirmed === false) return '经核实无问题';
  if (c.problemConfirmed === true) return '经核实确有问题';
  if (c.repliedAt) return '已回复，待核实';
  if (c.inquirySentAt) return '已函询，待回复';
  return '已收件';
}

/**
 * 单位年度档案 (#/year/:year/units/:targetId): everything the year brought for
 * one unit — visits, findings with status, notices, quarterly 拨测, 通报,
 * complaint cases, paperwork checks and, for a county, its halls' 五统一 results.
 */
export default function UnitYearFilePage() {
  const { year: yearText = '', targetId = '' } = useParams();
  const year = Number(yearText);
  const data = useUnitYear(targetId, year);
  const { db, logger } = useSession();
  const [complaint, setComplaint] = useState<{ record: ComplaintCase | null } | null>(null);
  const [bulletin, setBulletin] = useState<{ record: BulletinRecord | null } | null>(null);
  const [phone, setPhone] = useState(false);
  const today = localDate();
  if (data === undefined) return <Spin style={{ marginTop: 80, width: '100%' }} />;
  if (data === null || !Number.isInteger(year)) return <Result status="404" title="单位不存在" extra={<Link to="/year">返回考核年度</Link>} />;
  const repo = new YearRepository(db, logger);
  const { target } = data;
  const feeds = complaintFeeds(data.complaintCases);
  const noticeNumber = new Map(data.notices.map((n) => [n.id, n.number]));
  const roundTitle = new Map(data.rounds.map((r) => [r.id, r.title]));

  return (
    <div data-testid="unit-year-file">
      <Breadcrumb style={{ marginBottom: 6 }} items={[{ title: <Link to={yearPaths.year(year)}>{year}年度</Link> }, { title: target.name }]} />
      <Space align="baseline" style={{ marginBottom: 8 }}>
        <h1 className="page-title">
          {target.name} {year}年度档案
        </h1>
        <Tag>{target.kind}</Tag>
      </Space>
      <Typography.Paragraph type="secondary">本单位本年度的全部检查、问题整改、拨测、通报和投诉件，年终考核据此预填。</Typography.Paragraph>

      <Card size="small" title={`检查记录（${data.visits.length}）`} style={{ marginBottom: 12 }}>
        {data.visits.length === 0 ? (
          <Empty description="本年度尚未检查本单位" />
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey={(v) => v.assessment.id}
            dataSource={data.visits}
            columns={[
              { title: '检查任务', render: (_, v) => <Link to={inspectionPaths.assessment(v.inspection.id, v.assessment.id)}>{v.inspection.title}</Link> },
              { title: '类型', render: (_, v) => v.inspection.kind },
              { title: '时间', render: (_, v) => `${v.inspection.startDate} 至 ${v.inspection.endDate}` },
              { title: '状态', render: (_, v) => (v.assessment.status === 'submitted' ? <Tag color="green">已提交</Tag> : <Tag color="processing">评分中</Tag>) },
            ]}
          />
        )}
      </Card>

      <Card size="small" title={`问题（${data.findings.length}）`} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={data.findings}
          locale={{ emptyText: '本年度无问题' }}
          columns={[
            { title: '检查任务', render: (_, f) => roundTitle.get(f.inspectionId) ?? '' },
            { title: '问题', dataIndex: 'description' },
            { title: '整改期限', dataIndex: 'deadline', width: 110 },
            {
              title: '状态',
              width: 150,
              render: (_, f) => (
                <Space size={4}>
                  <Tag color={f.status === '逾期未整改' ? 'red' : f.status === '已复核销号' ? 'green' : undefined}>{f.status}</Tag>
                  {isOverdue(f, today) && f.status !== '逾期未整改' && <Tag color="red">已逾期</Tag>}
                </Space>
              ),
            },
            { title: '整改通知书', width: 170, render: (_, f) => (f.noticeId ? noticeNumber.get(f.noticeId) ?? '' : '') },
            { title: '回头看', render: (_, f) => f.followUpNote },
          ]}
        />
      </Card>

      {data.notices.length > 0 && (
        <Card size="small" title={`整改通知书（${data.notices.length}）`} style={{ marginBottom: 12 }}>
          <ul style={{ margin: 0 }}>
            {data.notices.map((n) => (
              <li key={n.id}>
                {n.number}，{n.issuedAt.slice(0, 10)} 下发，整改期限 {n.deadline}，问题 {n.findingIds.length} 个
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Card
        size="small"
        title={`季度拨测（${data.phoneCalls.length}）`}
        style={{ marginBottom: 12 }}
        extra={
          <Button size="small" onClick={() => setPhone(true)} data-testid="add-year-phone">
            登记拨测
          </Button>
        }
      >
        <div className="zw-year-quarters">
          {QUARTERS.map((q) => {
            const calls = data.phoneCalls.filter((c) => c.quarter === q);
            return (
              <div key={q} data-testid={`year-phone-${q}`}>
                <Typography.Text strong>{QUARTER_LABELS[q]}</Typography.Text>
                {calls.length === 0 ? (
                  <div className="zw-muted">未拨测</div>
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {calls.map((c) => (
                      <li key={c.id}>
                        {c.at.replace('T', ' ')}（{PHONE_SLOT_LABELS[phoneSlotOf(c.at) ?? 'other']}）{c.answered ? (c.correct === false ? '接听，回答存在明显问题' : '接听') : '无人接听'}
                        {!c.assessmentId && (
                          <Popconfirm title="删除这条拨测记录？" onConfirm={() => void repo.deletePhoneCall(c.id)}>
                            <Button type="link" size="small">
                              删除
                            </Button>
                          </Popconfirm>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      </Card>

      <Card
        size="small"
        title={`通报（${data.bulletins.length}）`}
        style={{ marginBottom: 12 }}
        extra={
          <Button size="small" onClick={() => setBulletin({ record: null })} data-testid="add-bulletin">
            登记通报
          </Button>
        }
      >
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={data.bulletins}
          locale={{ emptyText: '本年度无通报记录' }}
          columns={[
            { title: '通报日期', dataIndex: 'date', width: 110 },
            { title: '文号', dataIndex: 'number' },
            { title: '渠道', dataIndex: 'channel', width: 100 },
            { title: '网站或账号', dataIndex: 'subject' },
            { title: '结论', width: 90, render: (_, b) => (b.unqualified ? <Tag color="red">不合格</Tag> : <Tag>合格</Tag>) },
            {
              title: '',
              width: 110,
              render: (_, b) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setBulletin({ record: b })}>
                    编辑
                  </Button>
                  <Popconfirm title="删除这条通报记录？" onConfirm={() => void repo.deleteBulletin(b.id)}>
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={`投诉件（${data.complaintCases.length}）`}
        style={{ marginBottom: 12 }}
        extra={
          <Button size="small" onClick={() => setComplaint({ record: null })} data-testid="add-complaint">
            登记投诉件
          </Button>
        }
      >
        {data.complaintCases.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="complaint-counts">
            函询未及时回复 {feeds.inquiryNotAnswered.length} 次，经核实确有问题并书面要求整改 {feeds.rectificationRequired.length} 次，未按要求整改 {feeds.notRectified.length} 次。
          </Typography.Paragraph>
        )}
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={data.complaintCases}
          locale={{ emptyText: '本年度无投诉件' }}
          columns={[
            { title: '来件日期', dataIndex: 'receivedAt', width: 110 },
            { title: '反映的问题', dataIndex: 'summary' },
            { title: '函询 / 回复期限', render: (_, c) => (c.inquirySentAt ? `${c.inquirySentAt} / ${c.replyDeadline ?? ''}` : '未函询') },
            {
              title: '回复',
              render: (_, c) => (c.repliedAt ? `${c.repliedAt}${replyLate(c, null) ? '（逾期）' : ''}` : c.inquirySentAt ? (replyLate(c, today) ? <Tag color="red">逾期未回复</Tag> : '待回复') : ''),
            },
            { title: '进展', render: (_, c) => <Tag color={notRectified(c, null) ? 'red' : requiredInWriting(c, null) ? 'orange' : undefined}>{caseStage(c)}</Tag> },
            {
              title: '',
              width: 110,
              render: (_, c) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setComplaint({ record: c })}>
                    编辑
                  </Button>
                  <Popconfirm title="删除这件投诉？" onConfirm={() => void repo.deleteComplaintCase(c.id)}>
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title={`资料核查（${data.checkRuns.length}）`} style={{ marginBottom: 12 }}>
        {data.checkRuns.length === 0 ? (
          <Typography.Text type="secondary">本年度无目录、台账核查记录</Typography.Text>
        ) : (
          <ul style={{ margin: 0 }}>
            {data.checkRuns.map((r) => (
              <li key={r.id}>
                {CHECK_LABELS[r.kind] ?? r.kind}：{r.fileName}，确认问题 {r.count} 个（{r.createdAt.slice(0, 10)}）
              </li>
            ))}
          </ul>
        )}
      </Card>

      {target.kind === '县区政府' && (
        <Card size="small" title={`所辖政务服务大厅（${data.halls.length}）`} style={{ marginBottom: 12 }} data-testid="year-halls">
          {data.halls.length === 0 ? (
            <Typography.Text type="secondary">尚未登记属于本县区的政务服务大厅或便民服务中心（在「被检查单位」中为大厅选择所属县区）</Typography.Text>
          ) : (
            <ul style={{ margin: 0 }}>
              {data.halls.map(({ hall, visits }) => (
                <li key={hall.id}>
                  <Typography.Text strong>{hall.name}</Typography.Text>：
                  {visits.length === 0
                    ? '本年度未检查'
                    : visits.map((v) => (
                        <span key={v.assessment.id}>
                          <Link to={inspectionPaths.assessment(v.assessment.inspectionId, v.assessment.id, 'checklist')}>{v.round}</Link>{' '}
                          {v.summary.unanswered === v.summary.items ? '尚未进行“五统一”核查' : v.summary.line}
                        </span>
                      ))}
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}

      <ComplaintCaseModal open={!!complaint} targetId={target.id} year={year} record={complaint?.record ?? null} onClose={() => setComplaint(null)} />
      <BulletinModal open={!!bulletin} targetId={target.id} year={year} record={bulletin?.record ?? null} onClose={() => setBulletin(null)} />
      <YearPhoneCallModal open={phone} targetId={target.id} year={year} defaultNumber={target.disclosurePhones[0] ?? ''} onClose={() => setPhone(false)} />
    </div>
  );
}
