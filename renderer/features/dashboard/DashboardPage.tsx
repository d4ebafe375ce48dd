import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useSession } from '../../store/sessionStore';

export default function DashboardPage() {
  const { db, profile } = useSession();
  const targetCount = useLiveQuery(() => db.targets.where('deleted').equals(0).count(), [db]);
  const changeCount = useLiveQuery(() => db.changes.count(), [db]);
  return (
    <div>
      <h1 className="page-title">工作台</h1>
      <Typography.Paragraph type="secondary">
        {profile?.name}，您好。以下为本机数据概况。
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title="被检查单位" value={targetCount ?? 0} suffix="家" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="本机修改记录" value={changeCount ?? 0} suffix="条" />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
