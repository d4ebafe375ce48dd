import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { phoneCallWarnings, PHONE_SLOT_LABELS, phoneSlotOf } from '../../../shared/inspections/phoneCalls';
import { QUARTER_LABELS, QUARTERS } from '../../../shared/scoring/responses';
import { useSession } from '../../store/sessionStore';
import { useWorkCalendar } from '../inspections/hooks';
import { localDate, chineseDate } from '../inspections/dates';
import '../inspections/inspections.css';

/** Route #/inspections/:id/assessments/:aid/phone-log — the 拨测 log of one unit, as a sheet to print. */
export default function PhoneLogPrint() {
  const { id = '', aid = '' } = useParams();
  const { db } = useSession();
  const navigate = useNavigate();
  const calendar = useWorkCalendar();
  const data = useLiveQuery(async () => {
    const [inspection, assessment, calls] = await Promise.all([
      db.inspections.get(id),
      db.assessments.get(aid),
      db.phoneCalls.where('[assessmentId+deleted]').equals([aid, 0]).toArray(),
    ]);
    return { inspection: inspection ?? null, assessment: assessment ?? null, calls: calls.sort((a, b) => a.at.localeCompare(b.at)) };
  }, [db, id, aid]);
  if (!data) return <Spin style={{ marginTop: 80, width: '100%' }} />;
  const { inspection, assessment, calls } = data;
  if (!inspection || !assessment) return <Result status="404" title="评分记录不存在" extra={<Link to="/inspections">返回检查任务</Link>} />;
  const warnings = phoneCallWarnings(calls, { calendar });
  return (
    <div>
      <div className="zw-print-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/inspections/${id}/assessments/${aid}?tab=phone`)}>
          返回
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <div className="zw-print-sheet">
        <h2>政府信息公开联系电话拨测记录</h2>
        <div className="zw-print-sub">
          {inspection.title} · 被检查单位：{assessment.targetName}
        </div>
        {QUARTERS.filter((q) => calls.some((c) => c.quarter === q)).map((q) => {
          const list = calls.filter((c) => c.quarter === q);
          return (
            <div key={q}>
              <h3>
                {QUARTER_LABELS[q]}（拨测 {list.length} 次，接听 {list.filter((c) => c.answered).length} 次）
              </h3>
              <table>
                <thead>
                  <tr>
                    <th style={{ width: 44 }}>序号</th>
                    <th style={{ width: 150 }}>拨测时间</th>
                    <th style={{ width: 70 }}>时段</th>
                    <th style={{ width: 130 }}>拨打号码</th>
                    <th style={{ width: 80 }}>接听情况</th>
                    <th style={{ width: 100 }}>答复情况</th>
                    <th style={{ width: 70 }}>拨测人</th>
                    <th>备注</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((c, i) => {
                    const slot = phoneSlotOf(c.at);
                    return (
                      <tr key={c.id}>
                        <td>{i + 1}</td>
                        <td>{c.at.replace('T', ' ')}</td>
                        <td>{slot ? PHONE_SLOT_LABELS[slot] : ''}</td>
                        <td>{c.number}</td>
                        <td>{c.answered ? '已接听' : '无人接听'}</td>
                        <td>{!c.answered ? '—' : c.correct === true ? '答复正确' : c.correct === false ? '存在明显问题' : '未判定'}</td>
                        <td>{c.caller}</td>
                        <td>{c.note}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        })}
        {calls.length === 0 && <p>尚无拨测记录。</p>}
        {warnings.length > 0 && (
          <>
            <h3>需说明的情况</h3>
            <ol>
              {warnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ol>
          </>
        )}
        <div className="zw-print-sign">
          <span>拨测人（签字）：</span>
          <span>打印日期：{chineseDate(localDate())}</span>
        </div>
      </div>
    </div>
  );
}
