import { CloudSyncOutlined, DisconnectOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Progress, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useSession, useSessionStore } from '../../store/sessionStore';
import { localRoster } from '../trust/enrolment';
import { liveSync, onLiveSync, startAutoSync, trackedSync, AUTO_SYNC_INTERVAL_MS, type LiveSync } from './autoSync';
import { enrolWithServer, serverStatus, type SyncOutcome, type SyncPhase, type Transport } from './serverSync';
import { leaveServer, saveServerConfig } from './serverState';

const PHASES: Record<SyncPhase, string> = {
  roster: '正在连接服务器',
  push: '正在上传修改记录',
  'photos-up': '正在上传照片',
  pull: '正在下载修改记录',
  'photos-down': '正在下载照片',
  check: '正在核对',
};

function when(iso: string | null): string {
  return iso ? dayjs(iso).format('YYYY年M月D日 HH:mm') : '尚未同步';
}

function outcomeText(o: SyncOutcome): string {
  const parts = [`上传 ${o.pushed} 条修改记录`, `收到 ${o.newChanges} 条新的修改`];
  if (o.photosUp || o.photosDown) parts.push(`照片文件上传 ${o.photosUp} 个、下载 ${o.photosDown} 个`);
  if (o.conflicts) parts.push(`${o.conflicts} 处冲突待组长处理`);
  return `同步完成：${parts.join('，')}`;
}

/** Automatic sync for the whole app (mounted in the layout). */
export function useServerAutoSync(): void {
  const session = useSessionStore((s) => s.session);
  useEffect(() => {
    if (!session) return;
    return startAutoSync(session);
  }, [session]);
}

function useLive(): LiveSync {
  const [s, setS] = useState(liveSync());
  useEffect(() => onLiveSync(setS), []);
  return s;
}

/** 同步与备份 › 服务器同步: connect with the 管理员's one-time code, sync now or automatically, and see how it went. */
export function ServerSyncCard({ transport }: { transport?: Transport }) {
  const session = useSession();
  const { message } = App.useApp();
  const live = useLive();
  const status = useLiveQuery(() => serverStatus(session.db), [session.db]);
  const roster = useLiveQuery(() => localRoster(session.db), [session.db]);
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [form] = Form.useForm<{ url: string; code: string }>();

  if (!status) return <Card title="服务器同步" loading />;
  const { config, record } = status;

  async function join(values: { url: string; code: string }) {
    setJoining(true);
    setError(null);
    try {
      const c = await enrolWithServer(session, { url: values.url ?? '', code: values.code ?? '' }, transport);
      form.resetFields();
      message.success(`已加入「${c.officeName}」的同步服务器`);
      await syncNow();
    } catch (e) {
      setError(`未能加入：${(e as Error).message}`);
    } finally {
      setJoining(false);
    }
  }

  async function syncNow() {
    setError(null);
    setDone(null);
    try {
      const o = await trackedSync(session, transport);
      setDone(o.held ? '服务器上有时间明显超前的修改，已暂存待确认：请在下方「待确认的数据包」中查看后决定' : outcomeText(o));
    } catch (e) {
      setError(`同步未完成：${(e as Error).message}`);
    }
  }

  const progress = live.running && live.progress;
  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : null;

  if (!config) {
    return (
      <Card title="服务器同步" data-testid="server-sync-card">
        <Typography.Paragraph type="secondary">
          回到办公室接入办公网络后，本机可通过办公室的同步服务器与同事的电脑自动同步，整改通知书的文号也由服务器统一编排。没有网络时仍可用下方的同步数据包交换。
        </Typography.Paragraph>
        {roster === null && <Alert type="info" showIcon title="本机尚未加入办公室：请先在「团队与设备」中用管理员给的入网文件加入。" style={{ marginBottom: 12 }} />}
        <Form form={form} layout="inline" onFinish={join} requiredMark={false}>
          <Form.Item name="url" label="服务器地址" style={{ minWidth: 320 }}>
            <Input placeholder="如 http://192.168.1.10:8650" aria-label="服务器地址" autoComplete="off" />
          </Form.Item>
          <Form.Item name="code" label="一次性代码">
            <Input placeholder="管理员给的代码" aria-label="一次性代码" autoComplete="off" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<LoginOutlined />} loading={joining} disabled={!roster}>
              加入
            </Button>
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="server-sync-error" />}
      </Card>
    );
  }

  const failing = error ?? (record.lastError && !live.running ? `上次同步未完成：${record.lastError}` : null);
  const clockAhead = record.refused.filter((r) => r.code === 'clock-ahead').length;
  const refused = record.refused.length - clockAhead;
  return (
    <Card title="服务器同步" data-testid="server-sync-card">
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="服务器">
          {config.officeName}（{config.url}）
        </Descriptions.Item>
        <Descriptions.Item label="上次同步">
          <span data-testid="server-last-sync">{when(record.lastSyncAt)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="待上传">
          <span data-testid="server-pending">
            {status.pendingEntries || status.pendingPhotos ? `${status.pendingEntries} 条修改记录，${status.pendingPhotos} 个照片文件` : '无（本机的修改都已在服务器上）'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="自动同步">
          <Space>
            <Switch
              checked={config.auto}
              aria-label="自动同步"
              onChange={(auto) => void saveServerConfig(session.db, { ...config, auto })}
            />
            {config.auto ? `已开启：服务器可连接时每 ${AUTO_SYNC_INTERVAL_MS / 60_000} 分钟同步一次，连接失败后逐步延长间隔重试` : '已关闭：只在点击「立即同步」时同步'}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Space>
        <Button type="primary" icon={<CloudSyncOutlined />} loading={live.running} onClick={() => void syncNow()}>
          立即同步
        </Button>
        <Button icon={<DisconnectOutlined />} disabled={live.running} onClick={() => void leaveServer(session.db)}>
          断开服务器
        </Button>
      </Space>
      {progress && (
        <div style={{ maxWidth: 480, marginTop: 12 }} data-testid="server-progress">
          {percent === null ? (
            <Typography.Text>
              {PHASES[progress.phase]}…{progress.done ? `（已处理 ${progress.done} 条）` : ''}
            </Typography.Text>
          ) : (
            <Progress percent={percent} format={() => `${PHASES[progress.phase]} ${progress.done}/${progress.total}`} />
          )}
        </div>
      )}
      {failing && <Alert type="error" showIcon title={failing} style={{ marginTop: 12 }} data-testid="server-sync-error" />}
      {done && !failing && <Alert type="success" showIcon title={done} style={{ marginTop: 12 }} data-testid="server-sync-done" />}
      {record.held && <Alert type="warning" showIcon title="服务器上有时间明显超前的修改，已暂存待确认：请在下方「待确认的数据包」中查看后决定，之后同步继续" style={{ marginTop: 12 }} />}
      {refused > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={`${refused} 条修改记录被服务器拒绝，未上传`}
          description={[...new Set(record.refused.filter((r) => r.code !== 'clock-ahead').map((r) => r.reason))].slice(0, 3).join('；')}
        />
      )}
      {clockAhead > 0 && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`${clockAhead} 条修改记录的时间比服务器超前太多，服务器暂不接收；到时间后会自动上传`} />}
      {record.rejected.length > 0 && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`服务器上有 ${record.rejected.length} 条修改记录未通过本机的签名或权限核验，未合并`} description={record.rejected[0].reason} />
      )}
    </Card>
  );
}
