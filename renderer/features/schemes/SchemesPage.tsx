import { NotBuiltYet } from '../../components/NotBuiltYet';

export default function SchemesPage() {
  return <NotBuiltYet title="考核方案" plan="查看内置考核实施细则、导入和编辑本单位方案" />;
}
