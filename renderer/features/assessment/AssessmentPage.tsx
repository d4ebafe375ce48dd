import { Result, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../../store/sessionStore';
import { AssessmentWorkspace } from './AssessmentWorkspace';

/** Route #/inspections/:id/assessments/:aid — loads the round, the assessment and the unit. */
export default function AssessmentPage() {
  const { id = '', aid = '' } = useParams();
  const { db } = useSession();
  const data = useLiveQuery(async () => {
    const [inspection, assessment] = await Promise.all([db.inspections.get(id), db.assessments.get(aid)]);
    const target = assessment ? await db.targets.get(assessment.targetId) : undefined;
    return { inspection: inspection ?? null, assessment: assessment ?? null, target: target ?? null };
  }, [db, id, aid]);
  if (!data) return <Spin style={{ marginTop: 80, width: '100%' }} />;
  const { inspection, assessment, target } = data;
  if (!inspection || !assessment || assessment.inspectionId !== inspection.id || assessment.deleted) {
    return <Result status="404" title="评分记录不存在或该单位已移出检查任务" extra={<Link to={inspection ? `/inspections/${inspection.id}` : '/inspections'}>返回</Link>} />;
  }
  return <AssessmentWorkspace key={assessment.id} inspection={inspection} assessment={assessment} target={target} />;
}
