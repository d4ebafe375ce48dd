import { NotBuiltYet } from '../../components/NotBuiltYet';

export default function PhotosPage() {
  return <NotBuiltYet title="照片库" plan="现场照片取证、水印和查看" />;
}
