import { NotBuiltYet } from '../../components/NotBuiltYet';

export default function SyncPage() {
  return <NotBuiltYet title="同步与备份" plan="多台电脑合并检查数据、自动备份和恢复" />;
}
