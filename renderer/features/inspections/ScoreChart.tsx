import { Card, Typography } from 'antd';
import { formatPoints, pointsToNumber } from '../../../shared/points/points';
import type { Scheme } from '../../../shared/scheme/model';
import type { RoundRow } from './hooks';

/**
 * 得分对比: one bar per unit, best first, drawn to the scheme's own scale
 * (a deduction scheme from 0 down to its floor, a 百分制 scheme from 0 to its top).
 */
export function ScoreChart({ rows, scheme }: { rows: RoundRow[]; scheme: Scheme }) {
  const scored = rows.filter((r) => r.progress.answeredRules > 0).sort((a, b) => a.rank - b.rank);
  if (scored.length < 2) return null;
  // The scale in thousandths: the scheme's clamp, widened to every total and to 0.
  const totals = scored.map((r) => r.result.total);
  const lowPoints = Math.min(0, scheme.totals.min ?? Math.min(...totals), ...totals);
  const highPoints = Math.max(0, scheme.totals.max ?? Math.max(...totals), ...totals);
  const low = pointsToNumber(lowPoints);
  const high = pointsToNumber(highPoints);
  const span = high - low || 1;
  const zero = ((0 - low) / span) * 100;
  return (
    <Card size="small" title="得分对比" style={{ marginBottom: 12 }} data-testid="score-chart">
      <div className="zw-chart">
        {scored.map((r) => {
          const value = pointsToNumber(r.result.total);
          const from = Math.min(zero, ((value - low) / span) * 100);
          const width = Math.abs(((value - low) / span) * 100 - zero);
          return (
            <div className="zw-chart-row" key={r.assessment.id}>
              <span className="zw-chart-rank">{r.rank}</span>
              <span className="zw-chart-name" title={r.assessment.targetName}>
                {r.assessment.targetName}
              </span>
              <span className="zw-chart-track">
                <span className="zw-chart-zero" style={{ left: `${zero}%` }} />
                <span className={`zw-chart-bar ${value < 0 ? 'neg' : 'pos'}`} style={{ left: `${from}%`, width: `${Math.max(width, 0.5)}%` }} />
              </span>
              <span className="zw-chart-value zw-num">{r.result.totalText}</span>
              {r.result.grade && <span className="zw-chart-grade">{r.result.grade}</span>}
            </div>
          );
        })}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        刻度：{formatPoints(lowPoints)} 至 {formatPoints(highPoints)} 分；按排名排列，仅含已开始评分的单位。
      </Typography.Text>
    </Card>
  );
}
