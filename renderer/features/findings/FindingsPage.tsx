import { NotBuiltYet } from '../../components/NotBuiltYet';

export default function FindingsPage() {
  return <NotBuiltYet title="问题整改" plan="问题清单、整改通知书和回头看" />;
}
