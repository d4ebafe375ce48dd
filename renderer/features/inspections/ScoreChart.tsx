import { Card, Typography } from 'antd';
import { formatPoints, pointsToNumber } from '../../../shared/points/points';
import { incompleteText } from '../../../shared/scoring/rank';
import type { Scheme } from '../../../shared/scheme/model';
import type { RoundRow } from './hooks';

/**
 * 得分对比: one bar per submitted unit, best first, each kind of unit on its
 * own, drawn to the scheme's own scale (a deduction scheme from 0 down to its
 * floor, a 百分制 scheme from 0 to its top). Units not yet submitted are listed
 * as 未完成 with their progress, without a bar or a rank: an empty deduction
 * sheet totals 0, which would otherwise look like the best score.
 */
export function ScoreChart({ rows, scheme }: { rows: RoundRow[]; scheme: Scheme }) {
  const ranked = rows.filter((r) => r.standing.ranked);
  const pending = rows.filter((r) => !r.standing.ranked);
  if (rows.length < 2 || (ranked.length === 0 && pending.every((r) => r.progress.answeredRules === 0))) return null;
  const kinds = [...new Set(ranked.map((r) => r.assessment.targetKind))];
  // The scale in thousandths: the scheme's clamp, widened to every total and to 0.
  const totals = ranked.map((r) => r.result.total);
  const lowPoints = Math.min(0, scheme.totals.min ?? Math.min(0, ...totals), ...totals);
  const highPoints = Math.max(0, scheme.totals.max ?? Math.max(0, ...totals), ...totals);
  const low = pointsToNumber(lowPoints);
  const high = pointsToNumber(highPoints);
  const span = high - low || 1;
  const zero = ((0 - low) / span) * 100;
  return (
    <Card size="small" title="得分对比" style={{ marginBottom: 12 }} data-testid="score-chart">
      {kinds.map((kind) => (
        <div key={kind} data-testid="score-chart-group">
          {kinds.length > 1 && <div className="zw-chart-kind">{kind}</div>}
          <div className="zw-chart">
            {ranked
              .filter((r) => r.assessment.targetKind === kind)
              .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
              .map((r) => {
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
        </div>
      ))}
      {ranked.length === 0 && <Typography.Paragraph type="secondary">尚无已提交的单位，提交评分后在此比较。</Typography.Paragraph>}
      {pending.length > 0 && (
        <div className="zw-chart zw-chart-pending" data-testid="score-chart-pending">
          {pending.map((r) => (
            <div className="zw-chart-row" key={r.assessment.id}>
              <span className="zw-chart-rank">—</span>
              <span className="zw-chart-name" title={r.assessment.targetName}>
                {r.assessment.targetName}
              </span>
              <span className="zw-chart-status">{incompleteText(r.progress)}</span>
            </div>
          ))}
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        刻度：{formatPoints(lowPoints)} 至 {formatPoints(highPoints)} 分；只比较已提交的同类单位，按排名排列；未提交的单位显示“未完成”，不排名。
      </Typography.Text>
    </Card>
  );
}
