import { NotBuiltYet } from '../../components/NotBuiltYet';

export default function InspectionsPage() {
  return <NotBuiltYet title="检查任务" plan="创建检查批次、随机抽取被检查单位、逐项评分、拨测记录和“五统一”核查" />;
}
