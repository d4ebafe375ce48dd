import { ArrowLeftOutlined, CheckCircleOutlined, CloseCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Space, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { verifyDraw } from '../../../shared/draw/draw';
import { TARGET_KINDS } from '../../../shared/domain/targets';
import { useSession } from '../../store/sessionStore';
import { formatDateTime } from './dates';

/** The draw record (随机抽查记录), laid out as a sheet to print and sign. */
export function DrawRecordView() {
  const { id = '', drawId = '' } = useParams();
  const { db } = useSession();
  const navigate = useNavigate();
  const data = useLiveQuery(async () => {
    const [inspection, record] = await Promise.all([db.inspections.get(id), db.draws.get(drawId)]);
    return { inspection: inspection ?? null, record: record ?? null };
  }, [db, id, drawId]);
  const verified = useMemo(() => (data?.record ? verifyDraw(data.record) : null), [data?.record]);

  if (!data) return <Spin style={{ marginTop: 80, width: '100%' }} />;
  const { inspection, record } = data;
  if (!inspection || !record || record.inspectionId !== inspection.id) return <Result status="404" title="抽取记录不存在" extra={<Link to="/inspections">返回检查任务</Link>} />;

  const drawn = new Set(record.result);
  const byId = new Map(record.pool.map((p) => [p.targetId, p]));
  const perKind = TARGET_KINDS.filter((k) => record.perKind[k]).map((k) => `${k} ${record.perKind[k]} 家`).join('，');

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
              <th>随机种子</th>
              <td className="zw-num" data-testid="draw-seed">{record.seed}</td>
              <th>抽取数量</th>
              <td>{perKind}</td>
            </tr>
            <tr>
              <th>抽取范围</th>
              <td colSpan={3}>
                被检查单位名单中在用单位 {record.pool.length + record.excluded.length} 家，其中不参与抽取 {record.excluded.length} 家
                {record.excludePreviouslyDrawn ? '（已排除本年度其他检查任务已抽查的单位）' : ''}，参与抽取 {record.pool.length} 家
              </td>
            </tr>
            <tr>
              <th>抽取方法</th>
              <td colSpan={3}>
                备选单位按类别、单位名称排序编号，以随机种子初始化 xoshiro128** 伪随机数发生器，逐类进行 Fisher–Yates 随机抽样。以相同随机种子和相同备选名单重新抽取，结果相同。
              </td>
            </tr>
            <tr>
              <th>复核</th>
              <td colSpan={3} data-testid="draw-verify">
                {verified ? (
                  <Space size={4}>
                    <CheckCircleOutlined style={{ color: '#389e0d' }} />
                    按记录的随机种子和备选名单重新抽取，结果一致
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

        <h3>备选名单（{record.pool.length} 家，按抽取时的顺序编号）</h3>
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
            {record.pool.map((p, i) => (
              <tr key={p.targetId} style={drawn.has(p.targetId) ? { fontWeight: 600 } : undefined}>
                <td>{i + 1}</td>
                <td>{p.name}</td>
                <td>{p.kind}</td>
                <td>{drawn.has(p.targetId) ? '抽中' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>

        {record.excluded.length > 0 && (
          <>
            <h3>不参与抽取的单位（{record.excluded.length} 家）</h3>
            <table>
              <thead>
                <tr>
                  <th style={{ width: 60 }}>序号</th>
                  <th>单位名称</th>
                  <th>原因</th>
                </tr>
              </thead>
              <tbody>
                {record.excluded.map((e, i) => (
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
        <div className="zw-print-sign">
          <span>抽取人（签字）：</span>
          <span>监督人（签字）：</span>
          <span>日期：　　年　　月　　日</span>
        </div>
      </div>
    </div>
  );
}
