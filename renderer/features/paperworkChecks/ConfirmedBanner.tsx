import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import type { CheckRunRow } from '../../db/database';
import { useCheckContext } from './components';
import type { StoredCheckResult } from './types';

export interface ConfirmedInfo {
  run: CheckRunRow;
  findings: number;
}

/** Says what the last confirmation wrote, with the way back to the assessment screen. */
export function ConfirmedBanner({ info }: { info: ConfirmedInfo }) {
  const { assessment } = useCheckContext();
  const result = info.run.result as StoredCheckResult;
  const time = new Date(info.run.createdAt).toLocaleString('zh-CN', { hour12: false });
  const fed = result.feeds.map((f) => `「${f.ruleText}」${f.count}`).join('，');
  return (
    <Alert
      type="success"
      showIcon
      data-testid="confirmed-banner"
      title={`核查结果已于 ${time} 写入${fed ? `：${fed}` : '（未计入评分）'}${info.findings ? `；生成问题 ${info.findings} 条` : ''}`}
      action={<Link to={`/inspections/${assessment.inspectionId}/assessments/${assessment.id}`}>返回评分页面查看</Link>}
    />
  );
}
