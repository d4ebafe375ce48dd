import { ArrowLeftOutlined, CheckCircleOutlined, CloseCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Space, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { drawScope, verifyDraw } from '../../../shared/draw/draw';
import { drawnHallsSheet } from '../../../shared/draw/halls';
import { useSession } from '../../store/sessionStore';
import { formatDateTime } from './dates';

/** The draw record (随机抽查记录), laid out as a sheet to print and sign. */
export function DrawRecordView() {
  const { id = '', drawId = '' } = useParams();
  const { db } = useSession();
  const navigate = useNavigate();
  const data = useLiveQuery(async () => {
    const [inspection, record] = await Promise.all([db.inspections.get(id), db.draws.get(drawId)]);
    const countyIds = record?.halls?.byCounty.map((c) => c.countyId) ?? [];
    const counties = countyIds.length ? await db.targets.bulkGet(countyIds) : [];
    const countyNames = new Map(counties.flatMap((t) => (t ? [[t.id, t.name] as const] : [])));
    return { inspection: inspection ?? null, record: record ?? null, countyNames };
  }, [db, id, drawId]);
  const verified = useMemo(() => (data?.record ? verifyDraw(data.record) : null), [data?.record]);
  const scope = useMemo(() => (data?.record ? drawScope(data.record) : null), [data?.record]);

  if (!data) return <Spin style={{ marginTop: 80, width: '100%' }} />;
  const { inspection, record, countyNames } = data;
  if (!inspection || !record || !scope || record.inspectionId !== inspection.id) return <Result status="404" title="抽取记录不存在" extra={<Link to="/inspections">返回检查任务</Link>} />;

  const drawn = new Set(record.result);
  const hallSheet = drawnHallsSheet(record, (cid) => countyNames.get(cid) ?? record.pool.find((p) => p.targetId === cid)?.name);
  const byId = new Map(record.pool.map((p) => [p.targetId, p]));
  const perKind = scope.perKind.map((k) => `${k.kind} ${k.count} 家`).join('，');
  const range = scope.perKind
    .map((k) => `${k.kind}：名单中在用 ${k.inRegister} 家，不参与抽取 ${k.excluded} 家，参与抽取 ${k.eligible} 家`)
    .join('；');

  return (
    <div>
      <div className="zw-print-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/inspections/${inspection.id}`)}>
          返回任务
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <div className="zw-print-sheet" data-testid="draw-record">
        <h2>随机抽查记录</h2>
        <div className="zw-print-sub">{inspection.title}</div>
        <table>
          <tbody>
            <tr>
              <th style={{ width: 110 }}>抽取时间</th>
              <td className="zw-num">{formatDateTime(record.at)}</td>
              <th style={{ width: 90 }}>操作人</th>
              <td>{record.by}</td>
            </tr>
            <tr>
              <th>随机数种子</th>
              <td className="zw-num" data-testid="draw-seed">{record.seed}</td>
              <th>抽取数量</th>
              <td>{perKind}</td>
            </tr>
            <tr>
              <th>抽取范围</th>
              <td colSpan={3} data-testid="draw-scope">
                {range}
                {record.excludePreviouslyDrawn ? '（已排除本年度其他检查任务已抽查的单位）' : ''}。
              </td>
            </tr>
            <tr>
              <th>抽取方法</th>
              <td colSpan={3} data-testid="draw-method">
                参与抽取的单位按类别、单位名称排序编号，由计算机按上述随机数种子逐类随机抽取，抽取结果当场记录。用同一随机数种子和同一名单重新抽取，结果相同，可供监督复核。
              </td>
            </tr>
            <tr>
              <th>复核</th>
              <td colSpan={3} data-testid="draw-verify">
                {verified ? (
                  <Space size={4}>
                    <CheckCircleOutlined style={{ color: '#389e0d' }} />
                    按记录的随机数种子和名单重新抽取，结果一致
                  </Space>
                ) : (
                  <Space size={4}>
                    <CloseCircleOutlined style={{ color: '#cf1322' }} />
                    按记录重新抽取，结果不一致，请核查
                  </Space>
                )}
              </td>
            </tr>
          </tbody>
        </table>

        <h3>抽取结果（{record.result.length} 家）</h3>
        <table data-testid="draw-result">
          <thead>
            <tr>
              <th style={{ width: 60 }}>序号</th>
              <th>单位名称</th>
              <th style={{ width: 140 }}>类别</th>
            </tr>
          </thead>
          <tbody>
            {record.result.map((tid, i) => (
              <tr key={tid}>
                <td>{i + 1}</td>
                <td>{byId.get(tid)?.name ?? tid}</td>
                <td>{byId.get(tid)?.kind}</td>
              </tr>
            ))}
          </tbody>
        </table>

        {hallSheet.length > 0 && (
          <>
            <h3>抽取的政务服务大厅（每个县区 {record.halls?.perCounty} 个，共 {hallSheet.reduce((n, c) => n + c.halls.length, 0)} 个）</h3>
            <table data-testid="draw-halls">
              <thead>
                <tr>
                  <th style={{ width: 60 }}>序号</th>
                  <th style={{ width: 160 }}>所属县区</th>
                  <th>大厅名称</th>
                  <th style={{ width: 140 }}>类别</th>
                </tr>
              </thead>
              <tbody>
                {hallSheet.flatMap((c, ci) =>
                  c.halls.length === 0
                    ? [
                        <tr key={c.countyId}>
                          <td>{ci + 1}</td>
                          <td>{c.countyName}</td>
                          <td colSpan={2}>没有可抽取的大厅</td>
                        </tr>,
                      ]
                    : c.halls.map((h, hi) => (
                        <tr key={h.targetId}>
                          {hi === 0 && <td rowSpan={c.halls.length}>{ci + 1}</td>}
                          {hi === 0 && (
                            <td rowSpan={c.halls.length}>
                              {c.countyName}（共 {c.poolCount} 个大厅）
                            </td>
                          )}
                          <td>{h.name}</td>
                          <td>{h.kind}</td>
                        </tr>
                      )),
                )}
              </tbody>
            </table>
          </>
        )}

        <h3>参与抽取的单位（{scope.eligible.length} 家，按抽取时的顺序编号）</h3>
        <table>
          <thead>
            <tr>
              <th style={{ width: 60 }}>编号</th>
              <th>单位名称</th>
              <th style={{ width: 140 }}>类别</th>
              <th style={{ width: 80 }}>是否抽中</th>
            </tr>
          </thead>
          <tbody>
            {scope.eligible.map((p, i) => (
              <tr key={p.targetId} style={drawn.has(p.targetId) ? { fontWeight: 600 } : undefined}>
                <td>{i + 1}</td>
                <td>{p.name}</td>
                <td>{p.kind}</td>
                <td>{drawn.has(p.targetId) ? '抽中' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>

        {scope.excluded.length > 0 && (
          <>
            <h3>不参与抽取的单位（{scope.excluded.length} 家）</h3>
            <table>
              <thead>
                <tr>
                  <th style={{ width: 60 }}>序号</th>
                  <th>单位名称</th>
                  <th>原因</th>
                </tr>
              </thead>
              <tbody>
                {scope.excluded.map((e, i) => (
                  <tr key={e.targetId}>
                    <td>{i + 1}</td>
                    <td>{e.name}</td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <p className="zw-print-note" data-testid="draw-note">
          注：技术说明。随机数由 xoshiro128** 算法生成，以“随机数种子#类别”为初值；每类单位用 Fisher–Yates 洗牌法依次抽取所需数量。抽取程序与名单排序规则固定，任何电脑上重新抽取均得到相同结果。
        </p>
        <div className="zw-print-sign">
          <span>抽取人（签字）：</span>
          <span>监督人（签字）：</span>
          <span>日期：　　年　　月　　日</span>
        </div>
      </div>
    </div>
  );
}
