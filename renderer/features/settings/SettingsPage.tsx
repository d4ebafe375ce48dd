import { App, Card, Descriptions, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatBytes, storageFigures, type StorageFigures } from '../../app/storage';
import { getPlatform } from '../../platform';
import { useSession, useSessionStore } from '../../store/sessionStore';
import { LockSettingsCard } from '../lock/LockSettingsCard';
import { ProfileForm } from '../profile/ProfileForm';
import { FullBackupAlert } from '../sync/FullBackupAlert';
import { OriginalsCard } from './OriginalsCard';
import { WorkSettingsCard } from './WorkSettingsCard';

export default function SettingsPage() {
  const session = useSession();
  const updateProfile = useSessionStore((s) => s.updateProfile);
  const { message } = App.useApp();
  const [storage, setStorage] = useState<StorageFigures | null>(null);
  const [location, setLocation] = useState('');
  const [version, setVersion] = useState('');
  useEffect(() => {
    void storageFigures().then(setStorage);
    void getPlatform().dataLocation().then(setLocation);
    void getPlatform().appVersion().then(setVersion);
  }, []);
  const percent = storage && storage.quotaBytes ? Math.round((storage.usedBytes / storage.quotaBytes) * 1000) / 10 : 0;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <h1 className="page-title">设置</h1>
      <FullBackupAlert />
      <Card title="检查人员信息">
        <ProfileForm
          initial={session.profile}
          submitText="保存"
          onSubmit={async (p) => {
            await updateProfile(p);
            message.success('检查人员信息已保存');
          }}
        />
      </Card>
      <WorkSettingsCard />
      <LockSettingsCard />
      <Card title="本机数据">
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="设备编号">{session.device.deviceId}</Descriptions.Item>
          <Descriptions.Item label="数据位置">{location}</Descriptions.Item>
          <Descriptions.Item label="存储用量">
            {storage ? (
              <div data-testid="storage-usage">
                <Progress percent={percent} status={percent >= 80 ? 'exception' : 'normal'} style={{ maxWidth: 360 }} />
                <Typography.Text>
                  已用 {formatBytes(storage.usedBytes)}，可用上限 {formatBytes(storage.quotaBytes)}
                </Typography.Text>
                <br />
                <Typography.Text type={storage.persisted ? 'success' : 'warning'}>
                  {storage.persisted ? '已开启持久存储：浏览器不会自动清除本机数据' : '未获得持久存储授权：磁盘空间紧张时浏览器可能清除数据，请定期备份'}
                </Typography.Text>
              </div>
            ) : (
              '当前环境无法获取存储用量'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="软件版本">{version}</Descriptions.Item>
        </Descriptions>
      </Card>
      <OriginalsCard />
    </Space>
  );
}
