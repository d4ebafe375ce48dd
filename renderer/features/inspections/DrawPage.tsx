import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Checkbox, Col, Empty, Input, InputNumber, Result, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { drawTargets, mergeExclusions, MAX_SEED_LENGTH } from '../../../shared/draw/draw';
import { drawHalls, kindCoverageWarnings } from '../../../shared/draw/halls';
import { newDrawSeed } from '../../../shared/draw/prng';
import { TARGET_KINDS, type TargetKind } from '../../../shared/domain/targets';
import { useRepositories } from './hooks';

interface KindRow {
  kind: TargetKind;
  inRegister: number;
  excluded: number;
  available: number;
  applies: boolean;
}

/** 随机抽查: counts per kind, seed, exclusion of units drawn earlier this year; every draw is recorded. */
export function DrawPage() {
  const { id = '' } = useParams();
  const repos = useRepositories();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const inspection = useLiveQuery(async () => (await repos.inspections.get(id)) ?? null, [repos, id]);
  const [excludeSameYear, setExcludeSameYear] = useState<boolean | null>(null);
  const [seed, setSeed] = useState(() => newDrawSeed());
  const [counts, setCounts] = useState<Partial<Record<TargetKind, number>>>({});
  const [errors, setErrors] = useState<string[]>([]);
  const [hallsPerCounty, setHallsPerCounty] = useState<number | null>(null);
  const halls = useLiveQuery(() => repos.inspections.hallCandidates(), [repos]);
  const inRound = useLiveQuery(async () => (inspection ? repos.inspections.listAssessments(inspection.id) : []), [repos, inspection]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (inspection && excludeSameYear === null) setExcludeSameYear(inspection.kind === '年中考核' || inspection.kind === '三季度考核');
  }, [inspection, excludeSameYear]);

  const candidates = useLiveQuery(() => repos.inspections.drawCandidates(), [repos]);
  // One line per unit: a unit in this round and in an earlier one is listed once.
  const exclusions = useLiveQuery(
    async () => mergeExclusions(inspection ? await repos.inspections.drawExclusions(inspection, excludeSameYear ?? false) : []),
    [repos, inspection, excludeSameYear],
  );

  const kindRows = useMemo<KindRow[]>(() => {
    if (!candidates || !exclusions || !inspection) return [];
    const ex = new Set(exclusions.map((e) => e.targetId));
    const applies = new Set(inspection.scheme.targetKinds);
    return TARGET_KINDS.map((kind) => {
      const ofKind = candidates.filter((c) => c.kind === kind);
      const excluded = ofKind.filter((c) => ex.has(c.targetId)).length;
      return { kind, inRegister: ofKind.length, excluded, available: ofKind.length - excluded, applies: applies.has(kind) };
    })
      .filter((r) => r.inRegister > 0 || r.applies)
      .sort((a, b) => Number(b.applies) - Number(a.applies));
  }, [candidates, exclusions, inspection]);

  if (inspection === undefined || !candidates) return <Spin style={{ marginTop: 80, width: '100%' }} />;
  if (inspection === null || inspection.deleted) return <Result status="404" title="检查任务不存在或已删除" extra={<Link to="/inspections">返回检查任务</Link>} />;

  async function draw() {
    if (!inspection || !candidates || !exclusions) return;
    const plan = drawTargets({ seed, perKind: counts, candidates, exclusions });
    if (!plan.ok) {
      setErrors(plan.errors);
      return;
    }
    // Halls: N per county drawn now or already in the round, never scored on the county scheme.
    let hallDraw: Parameters<typeof repos.inspections.recordDraw>[3];
    if (hallsPerCounty) {
      const kindOf = new Map(candidates.map((c) => [c.targetId, c]));
      const counties = [...plan.result, ...(inRound ?? []).map((a) => a.targetId)].filter((id) => kindOf.get(id)?.kind === '县区政府');
      const excluded = new Set([...(inRound ?? []).map((a) => a.targetId), ...(exclusions ?? []).map((e) => e.targetId)]);
      const h = drawHalls({ seed, perCounty: hallsPerCounty, countyIds: counties, halls: halls ?? [], excludedIds: excluded }, (id) => kindOf.get(id)?.name ?? id);
      if ('errors' in h) {
        setErrors(h.errors);
        return;
      }
      for (const w of h.warnings) message.warning(w);
      hallDraw = { perCounty: hallsPerCounty, pool: halls ?? [], byCounty: h.byCounty };
    }
    setErrors([]);
    setBusy(true);
    try {
      const { record, added } = await repos.inspections.recordDraw(inspection.id, plan, excludeSameYear ?? false, hallDraw);
      message.success(`已抽取 ${added.length} 家单位并加入本任务`);
      navigate(`../draws/${record.id}`, { relative: 'path' });
    } catch (e) {
      message.error(`抽取失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/inspections">检查任务</Link> }, { title: <Link to={`/inspections/${inspection.id}`}>{inspection.title}</Link> }, { title: '随机抽取' }]}
      />
      <h1 className="page-title">随机抽取被检查单位</h1>
      {candidates.length === 0 ? (
        <Card>
          <Empty description="被检查单位名单为空，请先在「被检查单位」中录入或导入">
            <Link to="/targets">前往被检查单位</Link>
          </Empty>
        </Card>
      ) : (
        <Row gutter={16}>
          <Col flex="560px">
            <Card size="small" title="抽取设置">
              <Table<KindRow>
                rowKey="kind"
                size="small"
                pagination={false}
                dataSource={kindRows}
                columns={[
                  {
                    title: '单位类别',
                    render: (_, r) => (
                      <Space size={4}>
                        {r.kind}
                        {r.applies && <Tag color="red">本方案适用</Tag>}
                      </Space>
                    ),
                  },
                  { title: '名单', width: 60, align: 'right', render: (_, r) => <span className="zw-num">{r.inRegister}</span> },
                  { title: '不参与', width: 66, align: 'right', render: (_, r) => <span className="zw-num">{r.excluded}</span> },
                  { title: '可抽取', width: 66, align: 'right', render: (_, r) => <strong className="zw-num">{r.available}</strong> },
                  {
                    title: '抽取数量',
                    width: 110,
                    render: (_, r) => (
                      <InputNumber
                        size="small"
                        min={0}
                        max={r.available}
                        precision={0}
                        aria-label={`${r.kind}抽取数量`}
                        value={counts[r.kind] ?? null}
                        disabled={r.available === 0}
                        onChange={(v) => setCounts((c) => ({ ...c, [r.kind]: v ?? undefined }))}
                        suffix="家"
                        style={{ width: 90 }}
                      />
                    ),
                  },
                ]}
              />
              <div style={{ margin: '12px 0' }}>
                <Checkbox checked={excludeSameYear ?? false} onChange={(e) => setExcludeSameYear(e.target.checked)}>
                  排除本年度其他检查任务已抽查的单位
                </Checkbox>
                <div className="zw-muted" style={{ fontSize: 12, marginLeft: 24 }}>
                  依据考核细则“年中及三季度抽查地区和部门一般不重复抽取”。已在本任务中的单位始终不参与抽取。
                </div>
              </div>
              <Space.Compact style={{ width: '100%' }}>
                <Space.Addon>随机数种子</Space.Addon>
                <Input aria-label="随机数种子" value={seed} maxLength={MAX_SEED_LENGTH} onChange={(e) => setSeed(e.target.value)} />
                <Button icon={<ReloadOutlined />} onClick={() => setSeed(newDrawSeed())}>
                  重新生成
                </Button>
              </Space.Compact>
              <div className="zw-muted" style={{ fontSize: 12, margin: '4px 0 12px' }}>
                随机数种子记入抽取记录。以相同种子和相同名单重新抽取，结果相同，可供监督复核；也可在抽取前当众确定种子（如当日日期）。
              </div>
              {inspection.scheme.targetKinds.includes('县区政府') && (
                <div style={{ margin: '0 0 12px' }}>
                  <Space>
                    <span>每个县区随机选取</span>
                    <InputNumber size="small" min={0} max={20} precision={0} value={hallsPerCounty} onChange={(v) => setHallsPerCounty(v || null)} aria-label="每个县区抽取大厅数量" style={{ width: 70 }} />
                    <span>个政务服务大厅或便民服务中心</span>
                  </Space>
                  <div className="zw-muted" style={{ fontSize: 12 }}>
                    依据考核细则“随机选取2个政务服务大厅，考察实体政务公开场所建设情况”：大厅只做“五统一”核查，结果计入所属县区的实体政务公开场所加分，不按县区方案评分。
                  </div>
                </div>
              )}
              {kindCoverageWarnings(inspection.scheme.targetKinds, counts, inspection.scheme.name).map((w) => (
                <Alert key={w} type="warning" showIcon style={{ marginBottom: 12 }} title={w} data-testid="draw-coverage-warning" />
              ))}
              {errors.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="无法抽取" description={errors.map((e) => <div key={e}>{e}</div>)} />}
              <Button type="primary" icon={<ExperimentOutlined />} loading={busy} onClick={draw}>
                抽取并记录
              </Button>
            </Card>
          </Col>
          <Col flex="auto">
            <Card size="small" title={`不参与本次抽取的单位（${exclusions?.length ?? 0} 家）`}>
              {exclusions && exclusions.length > 0 ? (
                <Table
                  rowKey="targetId"
                  size="small"
                  pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                  dataSource={exclusions.map((e) => ({ ...e, name: candidates.find((c) => c.targetId === e.targetId)?.name ?? '（已删除的单位）' }))}
                  columns={[
                    { title: '单位名称', dataIndex: 'name' },
                    { title: '原因', dataIndex: 'reason' },
                  ]}
                />
              ) : (
                <Typography.Text type="secondary">无</Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
