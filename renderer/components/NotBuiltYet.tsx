import { Card, Result } from 'antd';

/** Stands in for a screen that is not available in this version; says so plainly. */
export function NotBuiltYet({ title, plan }: { title: string; plan: string }) {
  return (
    <Card>
      <Result status="info" title={`「${title}」功能尚未开放`} subTitle={`本版本暂不提供此功能。计划内容：${plan}`} />
    </Card>
  );
}
