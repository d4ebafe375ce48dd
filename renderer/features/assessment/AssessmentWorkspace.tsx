import { AuditButton } from '../audit/AuditButton';
import { ExclamationCircleOutlined, FileSearchOutlined, FolderOpenOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Space, Tabs, Tag, Tooltip } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Finding } from '../../../shared/domain/findings';
import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import { phoneCallWarnings } from '../../../shared/inspections/phoneCalls';
import { FIVE_UNIFIED_CHECKLIST } from '../../../shared/schemes/index';
import { walkRules, type PhoneRule } from '../../../shared/scheme/model';
import type { RuleResponse } from '../../../shared/scoring/responses';
import type { TargetRow } from '../../db/database';
import { FindingFormModal, checklistItemText, type FindingPreset } from '../findings/FindingFormModal';
import { FindingsTable, makeRelationText } from '../findings/FindingsTable';
import { localDate, formatDateTime } from '../inspections/dates';
import { useWorkCalendar } from '../inspections/hooks';
import { LockActions } from '../inspections/LockActions';
import { FiveUnifiedTab } from './FiveUnifiedTab';
import type { IndicatorActions } from './IndicatorCard';
import { IndicatorList } from './IndicatorList';
import { PhoneTestTab } from './PhoneTestTab';
import { ScorePanel } from './ScorePanel';
import { useAssessmentState } from './useAssessmentState';
import { yearPaths } from '../year/paths';
import { YearEndPrefill } from './YearEndPrefill';
import './assessment.css';

export type AssessmentTab = 'score' | 'phone' | 'checklist' | 'findings';

/**
 * The assessment screen for one unit in one round: tabs (逐项评分, 拨测记录,
 * 五统一核查, 问题) on the left, the live score panel on the right.
 */
export function AssessmentWorkspace({ inspection, assessment, target }: { inspection: Inspection; assessment: Assessment; target: TargetRow | null }) {
  const state = useAssessmentState(inspection, assessment);
  const calendar = useWorkCalendar();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // A hall in a county round is visited with the 五统一 checklist only: never scored on a scheme that does not cover its kind.
  const covered = inspection.scheme.targetKinds.includes(assessment.targetKind);
  const tab = (params.get('tab') as AssessmentTab | null) ?? (covered ? 'score' : 'checklist');
  const setTab = useCallback((t: string) => setParams((p) => { const n = new URLSearchParams(p); n.set('tab', t); return n; }, { replace: true }), [setParams]);
  const [findingForm, setFindingForm] = useState<{ preset: FindingPreset | null; finding: Finding | null } | null>(null);
  const scheme = inspection.scheme;
  const photoOwner = useMemo(() => ({ inspectionId: inspection.id, assessmentId: assessment.id }), [inspection.id, assessment.id]);

  const phoneRule = useMemo(() => {
    for (const { rule } of walkRules(scheme)) if (rule.kind === 'phone') return rule as PhoneRule;
    return null;
  }, [scheme]);
  const hasChecklist = useMemo(() => {
    const linked = new Set(FIVE_UNIFIED_CHECKLIST.linkedRuleIds);
    for (const { rule } of walkRules(scheme)) if (linked.has(rule.id)) return true;
    return assessment.targetKind === '政务服务大厅' || assessment.targetKind === '便民服务中心';
  }, [scheme, assessment.targetKind]);

  const { setResponse, setResponses, setNote } = state;
  const actions = useMemo<IndicatorActions>(
    () => ({
      setResponse: (ruleId: string, value: RuleResponse | null, debounce?: boolean) => setResponse(ruleId, value, debounce),
      setResponses,
      setNote,
      recordFinding: (indicatorId, ruleId) => setFindingForm({ preset: { indicatorId, ruleId }, finding: null }),
      openPhoneLog: () => setTab('phone'),
      openFindings: () => setTab('findings'),
      openYearFile: () => navigate(yearPaths.unit(inspection.year, assessment.targetId)),
    }),
    [setResponse, setResponses, setNote, setTab, navigate, inspection.year, assessment.targetId],
  );

  const phoneWarnings = useMemo(
    () => (state.phoneCalls ? phoneCallWarnings(state.phoneCalls, { minCalls: phoneRule?.minCalls ?? 2, calendar }).map((w) => `拨测：${w.message}`) : []),
    [state.phoneCalls, phoneRule, calendar],
  );
  const phoneResult = useMemo(() => {
    if (!phoneRule) return null;
    for (const ind of state.result.indicators) for (const r of ind.rules) if (r.ruleId === phoneRule.id) return r;
    return null;
  }, [state.result, phoneRule]);

  const jump = useCallback(
    (indicatorId: string) => {
      if (tab !== 'score') setTab('score');
      requestAnimationFrame(() => document.getElementById(`ind-${indicatorId}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
    },
    [tab, setTab],
  );
  const relationText = useMemo(() => makeRelationText(scheme, checklistItemText), [scheme]);
  const today = localDate();
  const findingCount = state.findings?.length ?? 0;

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 6 }}
        items={[
          { title: <Link to="/inspections">检查任务</Link> },
          { title: <Link to={`/inspections/${inspection.id}`}>{inspection.title}</Link> },
          { title: assessment.targetName },
        ]}
      />
      <div className="zw-assess-head">
        <h1 className="page-title">{assessment.targetName}</h1>
        <Tag>{assessment.targetKind}</Tag>
        {assessment.status === 'submitted' ? (
          <Tag color="green" icon={<LockOutlined />}>
            已提交
          </Tag>
        ) : (
          <Tag color="processing">评分中</Tag>
        )}
        <span className="zw-spacer" />
        <Tooltip title={<span>J/K 或 ↓/↑：上一条/下一条；N：下一条未评；+/−：增减次数或设为是/否；Enter：进入输入框；Esc：返回</span>}>
          <span className="zw-keys">
            快捷键 <kbd>J</kbd>
            <kbd>K</kbd> 移动 <kbd>N</kbd> 下一未评 <kbd>+</kbd>
            <kbd>−</kbd> 计数
          </span>
        </Tooltip>
        <Tooltip title="本单位本年度的全部检查、问题、拨测、通报和投诉件">
          <Button icon={<FolderOpenOutlined />} onClick={() => navigate(yearPaths.unit(inspection.year, assessment.targetId))} data-testid="open-year-file">
            单位年度档案
          </Button>
        </Tooltip>
        <Tooltip title="导入主动公开事项目录、文件台账等材料进行比对，结果计入相应评分规则">
          <Button icon={<FileSearchOutlined />} onClick={() => navigate(`/checks/${assessment.id}`)}>
            材料核查
          </Button>
        </Tooltip>
        <Button icon={<ExclamationCircleOutlined />} onClick={() => setFindingForm({ preset: null, finding: null })}>
          记录问题
        </Button>
        <AuditButton size="middle" table="assessments" rowId={assessment.id} title={`${assessment.targetName}的评分`} />
        <LockActions assessment={assessment} answered={{ done: state.progress.answeredIndicators, total: state.progress.totalIndicators }} />
      </div>
      <div className="zw-assess">
        <div className="zw-assess-main">
          {state.locked && (
            <Alert
              type="info"
              showIcon
              icon={<LockOutlined />}
              style={{ marginBottom: 8 }}
              title={`评分已于 ${formatDateTime(assessment.submittedAt)} 由 ${assessment.submittedBy ?? ''} 提交并锁定；如需修改，请点击「解锁」并说明理由。`}
            />
          )}
          {!state.locked && assessment.unlockReason && (
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`本评分曾解锁修改，理由：${assessment.unlockReason}`} />
          )}
          {inspection.kind === '年终考核' && <YearEndPrefill inspection={inspection} assessment={assessment} state={state} />}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              ...(covered ? [{
                key: 'score',
                label: `逐项评分（${state.progress.answeredIndicators}/${state.progress.totalIndicators}）`,
                children: state.loaded ? (
                  <IndicatorList
                    scheme={scheme}
                    responses={state.responses}
                    result={state.result}
                    notes={state.notes}
                    disabled={state.locked}
                    actions={actions}
                    photoOwner={photoOwner}
                  />
                ) : null,
              }] : []),
              ...(phoneRule
                ? [
                    {
                      key: 'phone',
                      label: `拨测记录（${state.phoneCalls?.length ?? 0}）`,
                      children: <PhoneTestTab assessment={assessment} target={target} state={state} minCalls={phoneRule.minCalls} phoneResult={phoneResult} />,
                    },
                  ]
                : []),
              ...(hasChecklist || !covered
                ? [
                    {
                      key: 'checklist',
                      label: '五统一核查',
                      children: (
                        <FiveUnifiedTab def={FIVE_UNIFIED_CHECKLIST} scheme={scheme} assessment={assessment} state={state} onRecordFinding={(preset) => setFindingForm({ preset, finding: null })} />
                      ),
                    },
                  ]
                : []),
              {
                key: 'findings',
                label: `问题（${findingCount}）`,
                children: (
                  <div style={{ background: '#fff', borderRadius: 6, padding: 8 }}>
                    <Space style={{ marginBottom: 8 }}>
                      <Button type="primary" icon={<ExclamationCircleOutlined />} onClick={() => setFindingForm({ preset: null, finding: null })}>
                        记录问题
                      </Button>
                      <span className="zw-muted" style={{ fontSize: 12 }}>
                        问题在记录时所属的评分规则下计数（每个问题只计入一条规则）；“政务公开问题投诉”各项只统计单位年度档案中的投诉件，不统计现场问题。
                      </span>
                    </Space>
                    <FindingsTable findings={state.findings ?? []} loading={!state.findings} today={today} relationText={relationText} onEdit={(f) => setFindingForm({ preset: null, finding: f })} />
                  </div>
                ),
              },
            ]}
          />
        </div>
        {covered ? <ScorePanel scheme={scheme} result={state.result} progress={state.progress} loaded={state.loaded} saveStatus={state.saveStatus} extraWarnings={phoneWarnings} onJump={jump} /> : <Alert type="info" showIcon style={{ width: 300, alignSelf: 'flex-start' }} title={`本方案不适用于「${assessment.targetKind}」`} description="本单位只做“五统一”核查和问题记录，不按本方案评分、不参加排名；核查结果计入所属县区的实体政务公开场所加分。" data-testid="hall-visit-note" />}
      </div>
      <FindingFormModal
        open={!!findingForm}
        assessment={assessment}
        scheme={scheme}
        preset={findingForm?.preset ?? null}
        finding={findingForm?.finding ?? null}
        onClose={() => setFindingForm(null)}
      />
    </div>
  );
}
