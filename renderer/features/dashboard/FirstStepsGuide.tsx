import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router-dom';
import type { InspectorDatabase } from '../../db/database';
import { useSession } from '../../store/sessionStore';

export interface FirstStep {
  key: 'targets' | 'scheme' | 'inspection';
  title: string;
  hint: string;
  to: string;
  done: boolean;
}

/** What a new installation still lacks, in the order an inspector sets up: 录入单位 → 选择方案 → 新建检查任务. */
export async function firstSteps(db: InspectorDatabase): Promise<FirstStep[]> {
  const [targets, ownSchemes, rounds] = await Promise.all([
    db.targets.where('deleted').equals(0).count(),
    db.schemes.where('deleted').equals(0).count(),
    db.inspections.where('deleted').equals(0).count(),
  ]);
  return [
    {
      key: 'targets',
      title: '录入被检查单位',
      hint: targets ? `已录入 ${targets} 家单位` : '逐家录入，或从 Excel 名单导入县区政府、政府部门和政务服务大厅',
      to: '/targets',
      done: targets > 0,
    },
    {
      key: 'scheme',
      title: '选择考核方案',
      hint:
        ownSchemes || rounds
          ? ownSchemes
            ? `已有本单位方案 ${ownSchemes} 个`
            : '已在检查任务中选用考核方案'
          : '查看内置的考核实施细则；与本地区细则不同时，复制为本单位方案后修改',
      to: '/schemes',
      done: ownSchemes > 0 || rounds > 0,
    },
    {
      key: 'inspection',
      title: '新建检查任务',
      hint: rounds ? `已有检查任务 ${rounds} 个` : '选定考核方案，随机抽取或指定被检查单位，开始现场检查',
      to: '/inspections',
      done: rounds > 0,
    },
  ];
}

/**
 * The first-steps guide of 工作台 on a new installation: three linked steps
 * with their done/undone state. Shown until the first 检查任务 exists.
 */
export function FirstStepsGuide() {
  const { db } = useSession();
  const steps = useLiveQuery(() => firstSteps(db), [db]);
  if (!steps || steps[2].done) return null;
  const next = steps.find((s) => !s.done);
  return (
    <Card className="first-steps" title="开始使用：三步完成准备工作" style={{ marginBottom: 16 }} data-testid="first-steps">
      <ol className="first-steps-list">
        {steps.map((s, i) => (
          <li key={s.key} className={s.done ? 'is-done' : s === next ? 'is-next' : undefined} data-testid={`first-step-${s.key}`} data-done={s.done}>
            <span className="first-steps-no" aria-hidden>
              {s.done ? <CheckCircleFilled /> : i + 1}
            </span>
            <div className="first-steps-body">
              <Link to={s.to} className="first-steps-title">
                第{['一', '二', '三'][i]}步　{s.title} <RightOutlined />
              </Link>
              <Typography.Text type="secondary" className="first-steps-hint">
                {s.hint}
              </Typography.Text>
            </div>
            {s.done ? <Tag color="success">已完成</Tag> : <Tag color={s === next ? 'processing' : 'default'}>{s === next ? '下一步' : '未完成'}</Tag>}
          </li>
        ))}
      </ol>
    </Card>
  );
}
