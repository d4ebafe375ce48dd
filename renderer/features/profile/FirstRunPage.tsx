import { Card, Typography } from 'antd';
import { useSessionStore } from '../../store/sessionStore';
import { ProfileForm } from './ProfileForm';

/** Shown once on a new computer: who is inspecting. Every record is stamped with it. */
export function FirstRunPage() {
  const updateProfile = useSessionStore((s) => s.updateProfile);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 520 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          欢迎使用政务公开检查助手
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          首次使用请填写检查人员信息。本机录入的每一条评分、问题和照片都会记录填写人，便于汇总和追溯；以后可在「设置」中修改。
        </Typography.Paragraph>
        <ProfileForm submitText="开始使用" onSubmit={updateProfile} />
      </Card>
    </div>
  );
}
