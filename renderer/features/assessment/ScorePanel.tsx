import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Progress, Tooltip } from 'antd';
import { memo } from 'react';
import { formatPoints } from '../../../shared/points/points';
import type { AssessmentProgress } from '../../../shared/inspections/progress';
import type { Scheme } from '../../../shared/scheme/model';
import type { ScoreResult } from '../../../shared/scoring/engine';
import type { SaveStatus } from './autosave';

function two(n: number) {
  return String(n).padStart(2, '0');
}

export function SaveIndicator({ status }: { status: SaveStatus }) {
  if (status.state === 'error')
    return (
      <Tooltip title={status.error}>
        <span className="zw-save error" data-testid="save-state">
          <CloseCircleFilled /> 保存失败：{status.error}
        </span>
      </Tooltip>
    );
  if (status.state === 'saving')
    return (
      <span className="zw-save saving" data-testid="save-state">
        <LoadingOutlined /> 正在保存…
      </span>
    );
  const t = status.savedAt;
  return (
    <span className="zw-save saved" data-testid="save-state">
      <CheckCircleFilled /> 已保存{t ? ` ${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}` : ''}
    </span>
  );
}

/**
 * The side panel: total, grade, progress, save state, section subtotals,
 * indicator scores and every explanation line. Sticky, always in view.
 */
export const ScorePanel = memo(function ScorePanel({
  scheme,
  result,
  progress,
  loaded = true,
  saveStatus,
  extraWarnings,
  onJump,
}: {
  scheme: Scheme;
  result: ScoreResult;
  progress: AssessmentProgress;
  /** False while the records are still being read: no count is shown that could still change by itself. */
  loaded?: boolean;
  saveStatus: SaveStatus;
  extraWarnings?: string[];
  onJump: (indicatorId: string) => void;
}) {
  const warnings = [...result.warnings.map((w) => w.message), ...(extraWarnings ?? [])];
  const frame = scheme.totals.deductionCap !== null ? `最高减${formatPoints(scheme.totals.deductionCap)}分` : '';
  return (
    <aside className="zw-panel" aria-label="得分">
      <div className="zw-panel-total">
        <div className="zw-muted">总分{frame ? `（${frame}）` : ''}</div>
        <div className={`zw-total zw-num ${result.total < 0 ? 'neg' : ''}`} data-testid="assessment-total">
          {result.totalText}
        </div>
        <div className="zw-panel-sub zw-num">
          减分 {result.deductionsText} · 加分 {result.bonusesText}
          {result.awarded > 0 && ` · 得分 ${result.awardedText}`}
          {result.grade && (
            <span className="zw-grade" data-testid="assessment-grade">
              {result.grade}
            </span>
          )}
        </div>
      </div>
      <div className="zw-panel-row">
        <span>
          已评{' '}
          {loaded ? (
            <b className="zw-num" data-testid="assessment-progress">
              {progress.answeredIndicators}/{progress.totalIndicators}
            </b>
          ) : (
            <b className="zw-num">…</b>
          )}{' '}
          项指标
        </span>
        <SaveIndicator status={saveStatus} />
      </div>
      <Progress percent={progress.percent} size="small" showInfo={false} style={{ margin: '0 0 8px' }} />
      <div className="zw-panel-scroll">
        {result.sections.length > 1 && (
          <>
            <div className="zw-panel-h">各节小计</div>
            {result.sections.map((s) => (
              <div key={s.id} className="zw-panel-line">
                <span className="zw-ellipsis">{s.title}</span>
                <span className="zw-num">{s.pointsText}</span>
              </div>
            ))}
          </>
        )}
        <div className="zw-panel-h">各项得分</div>
        {result.indicators.map((ind, i) => (
          <button type="button" key={ind.id} className="zw-panel-line zw-link-line" onClick={() => onJump(ind.id)}>
            <span className="zw-ellipsis">
              {i + 1}. {ind.title}
            </span>
            <span className={`zw-num ${ind.points < 0 ? 'neg' : ind.points > 0 ? 'pos' : ''}`}>
              {ind.answered === 0 ? <span className="zw-muted">未评</span> : ind.pointsText}
            </span>
          </button>
        ))}
        <div className="zw-panel-h">计分说明</div>
        <ol className="zw-panel-lines" data-testid="score-lines">
          {result.indicators.flatMap((ind) => ind.lines.map((l, j) => <li key={`${ind.id}-${j}`}>{l}</li>))}
          {result.lines.map((l, j) => (
            <li key={`total-${j}`} className="zw-total-line">
              {l}
            </li>
          ))}
        </ol>
        {warnings.length > 0 && (
          <>
            <div className="zw-panel-h warn">
              <WarningOutlined /> 提示（{warnings.length}）
            </div>
            <ul className="zw-panel-warnings" data-testid="score-warnings">
              {warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </aside>
  );
});
