import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';
import { InspectionList } from './InspectionList';
import { RoundOverview } from './RoundOverview';
import { DrawPage } from './DrawPage';
import { DrawRecordView } from './DrawRecordView';
import './inspections.css';

const AssessmentPage = lazy(() => import('../assessment/AssessmentPage'));
const PhoneLogPrint = lazy(() => import('../assessment/PhoneLogPrint'));

/**
 * 检查任务. Routes (under #/inspections):
 *   /                                  rounds
 *   /:id                               round overview (units, progress, scores, ranks)
 *   /:id/draw                          random draw
 *   /:id/draws/:drawId                 a draw record, printable
 *   /:id/assessments/:aid              the assessment screen (?tab=score|phone|checklist|findings)
 *   /:id/assessments/:aid/phone-log    the 拨测 log, printable
 */
export default function InspectionsPage() {
  return (
    <Routes>
      <Route index element={<InspectionList />} />
      <Route path=":id" element={<RoundOverview />} />
      <Route path=":id/draw" element={<DrawPage />} />
      <Route path=":id/draws/:drawId" element={<DrawRecordView />} />
      <Route path=":id/assessments/:aid" element={<AssessmentPage />} />
      <Route path=":id/assessments/:aid/phone-log" element={<PhoneLogPrint />} />
    </Routes>
  );
}

/** Hash-route paths, for links from other features. */
export const inspectionPaths = {
  list: () => '/inspections',
  round: (id: string) => `/inspections/${id}`,
  draw: (id: string) => `/inspections/${id}/draw`,
  drawRecord: (id: string, drawId: string) => `/inspections/${id}/draws/${drawId}`,
  assessment: (id: string, aid: string, tab?: 'score' | 'phone' | 'checklist' | 'findings') => `/inspections/${id}/assessments/${aid}${tab ? `?tab=${tab}` : ''}`,
  phoneLog: (id: string, aid: string) => `/inspections/${id}/assessments/${aid}/phone-log`,
};
