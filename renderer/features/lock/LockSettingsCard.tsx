import { App, Button, Card, Descriptions, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { checkCredential, IDLE_CHOICES } from '../../../shared/crypto/appLock';
import { useSession } from '../../store/sessionStore';
import { LockSecretForm } from './LockGate';
import { idleSeconds, lockSetup, removeLock, setIdleSeconds } from './lockRepository';

/** 设置 → 开机锁定: the idle time, and setting, changing or removing the PIN or password. */
export function LockSettingsCard() {
  const { db } = useSession();
  const { message, modal } = App.useApp();
  const setup = useLiveQuery(() => lockSetup(db), [db]);
  const idle = useLiveQuery(() => idleSeconds(db), [db]);
  const [changing, setChanging] = useState(false);
  const [current, setCurrent] = useState('');
  const [verified, setVerified] = useState(false);
  const credential = setup?.credential ?? null;
  const finish = () => {
    setChanging(false);
    setVerified(false);
    setCurrent('');
    message.success('开机锁定已设置');
  };
  return (
    <Card title="开机锁定" data-testid="lock-settings">
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="状态">
          {credential ? (
            `已设置${credential.kind === 'pin' ? ' PIN 码' : '密码'}（${dayjs(credential.setAt).format('YYYY年M月D日 HH:mm')}）`
          ) : (
            <Typography.Text type="danger">未设置：任何人打开本软件都能查看全部数据</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="无操作自动锁定">
          <Select
            aria-label="无操作自动锁定"
            style={{ width: 160 }}
            value={idle}
            disabled={!credential}
            options={IDLE_CHOICES.map((c) => ({ value: c.seconds, label: c.label }))}
            onChange={async (v: number) => {
              await setIdleSeconds(db, v);
              message.success(`已设为无操作 ${IDLE_CHOICES.find((c) => c.seconds === v)?.label} 后自动锁定`);
            }}
          />
        </Descriptions.Item>
        <Descriptions.Item label="手动锁定">点击右上角「锁定」或按 Ctrl+Alt+L</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">
        开机锁定只防止他人在这台电脑上查看软件中的数据；电脑丢失时，硬盘上的数据仍须靠 BitLocker 等全盘加密保护。
      </Typography.Paragraph>
      {!changing ? (
        <Space>
          <Button onClick={() => setChanging(true)}>{credential ? '修改 PIN 码或密码' : '设置 PIN 码或密码'}</Button>
          {credential && (
            <Button
              danger
              onClick={() =>
                modal.confirm({
                  title: '取消开机锁定？',
                  content: '取消后，任何人打开这台电脑上的检查助手都能查看和修改全部数据。',
                  okText: '取消锁定',
                  okButtonProps: { danger: true },
                  cancelText: '保留',
                  onOk: async () => {
                    await removeLock(db);
                    message.warning('已取消开机锁定');
                  },
                })
              }
            >
              取消锁定
            </Button>
          )}
        </Space>
      ) : credential && !verified ? (
        <Space>
          <Input.Password aria-label="当前 PIN 码或密码" placeholder="先输入当前的 PIN 码或密码" value={current} onChange={(e) => setCurrent(e.target.value)} style={{ width: 240 }} />
          <Button
            type="primary"
            onClick={async () => {
              if (await checkCredential(credential, current)) setVerified(true);
              else message.error('当前的 PIN 码或密码不正确');
            }}
          >
            下一步
          </Button>
          <Button onClick={() => setChanging(false)}>取消</Button>
        </Space>
      ) : (
        <div style={{ maxWidth: 420 }}>
          <LockSecretForm submitText="保存" onDone={finish} />
        </div>
      )}
    </Card>
  );
}
