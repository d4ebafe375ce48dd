import { NotBuiltYet } from '../../components/NotBuiltYet';

export default function PaperworkChecksPage() {
  return <NotBuiltYet title="材料核查" plan="主动公开事项目录检查、文件公开台账比对、解读和报送时效核查" />;
}
