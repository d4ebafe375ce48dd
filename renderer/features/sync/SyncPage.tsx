import { CloudDownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { formatBytes } from '../../app/storage';
import { getPlatform, userMessage, type BackupListEntry, type FileSource } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { useBackupPassphrase, usePassphrasePrompt, withPassphrase } from '../lock/PassphraseDialogs';
import { ServerSyncCard } from '../serverSync/ServerSyncCard';
import { DownloadNote } from './DownloadNote';
import { FullBackupAlert } from './FullBackupAlert';
import { MergePanel } from './MergePanel';
import { BACKUP_FILTERS, lastBackup, prepareRestore, protectiveBackup, saveBackupAs, type PreparedRestore } from './backupService';


const SERIES_LABELS: Record<string, string> = {
  'auto-data': '自动备份（检查数据）',
  'auto-full': '每日完整备份（含照片）',
  manual: '手动备份',
  'pre-restore': '恢复前自动保存',
  'pre-merge': '合并前自动保存',
};

export default function SyncPage() {
  const session = useSession();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const [progress, setProgress] = useState<{ label: string; percent: number } | null>(null);
  const last = useLiveQuery(() => lastBackup(session.db), [session.db]);
  const platform = getPlatform();
  const isDesktop = !!platform.backups;
  const [autoList, setAutoList] = useState<BackupListEntry[] | null>(null);
  const backupPass = useBackupPassphrase();
  const filePass = usePassphrasePrompt();
  useEffect(() => {
    if (platform.backups) void platform.backups.list().then(setAutoList, () => setAutoList([]));
  }, [platform, last]);

  const track = (label: string) => (done: number, total: number) => setProgress({ label, percent: total ? Math.floor((done / total) * 100) : 100 });

  async function backupNow() {
    setBusy('backup');
    try {
      const passphrase = await backupPass.ask();
      if (passphrase === null) return;
      const written = await saveBackupAs(session, track('正在备份照片'), passphrase || undefined);
      if (written) message.success(`备份已保存（${formatBytes(written.bytes)}）`);
    } catch (e) {
      message.error(`备份失败：${userMessage(e)}`);
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  async function restoreFrom(open: () => Promise<FileSource | null>) {
    let prepared: PreparedRestore;
    let source: FileSource | null = null;
    try {
      source = await open();
      if (!source) return;
      setBusy('restore');
      const chosen = source;
      const opened = await withPassphrase((passphrase) => prepareRestore(session, chosen, { passphrase }), filePass.ask, '该备份文件');
      if (!opened) {
        await source.close();
        return;
      }
      prepared = opened;
    } catch (e) {
      await source?.close();
      message.error({ content: `无法恢复：${userMessage(e)}`, duration: 8 });
      return;
    } finally {
      setBusy(null);
    }
    const file = source;
    const p = prepared.preview;
    const m = p.manifest;
    const changeCounts = p.counts.find((c) => c.table === 'changes');
    modal.confirm({
      title: '用此备份替换本机全部数据？',
      width: 620,
      content: (
        <div data-testid="restore-preview">
          <p>文件：{file.name}</p>
          {!p.encrypted && <Alert type="warning" showIcon title="这份备份未加密（由旧版本生成）：拿到文件的人可以读出其中的数据。" style={{ marginBottom: 8 }} />}
          <p>
            备份时间：{dayjs(m.createdAt).format('YYYY年M月D日 HH:mm')}，由 {m.author || '未知'}（设备 {m.deviceId.slice(0, 8)}）生成
            {p.fromOtherLaptop ? <Tag color="orange" style={{ marginLeft: 8 }}>另一台电脑</Tag> : <Tag style={{ marginLeft: 8 }}>本机</Tag>}
          </p>
          <p>
            最新修改：
            {p.newestChange ? `${dayjs(p.newestChange.at).format('YYYY年M月D日 HH:mm')}，${p.newestChange.author || '未知'}` : '（无修改记录）'}
          </p>
          <Table
            size="small"
            pagination={false}
            rowKey="table"
            dataSource={p.counts.filter((c) => c.table !== 'changes' && (c.rows || c.local))}
            columns={[
              { title: '数据', dataIndex: 'label' },
              { title: '本机现有（将被替换）', dataIndex: 'local', width: 150, align: 'right' },
              { title: '备份中', dataIndex: 'rows', width: 90, align: 'right' },
            ]}
          />
          {changeCounts && (
            <details className="zw-details" data-testid="restore-preview-details">
              <summary>详细信息</summary>
              修改记录（每条记一项数据的一次修改，用于多台电脑合并）：本机现有 {changeCounts.local} 条，备份中 {changeCounts.rows} 条。
            </details>
          )}
          <p style={{ marginTop: 8 }}>
            {m.includesPhotos ? `照片文件 ${p.photoFiles} 个` : '此备份只含检查数据、不含照片文件；恢复后保留本机已有的照片。'}
            {p.originals ? `，照片原件 ${p.originals} 个（原件只增不删）` : ''}
            {p.originalsUnavailable ? (
              <Typography.Text type="warning">
                。其中 {p.originalsUnavailable} 个原件本机和备份原件库中都没有，无法恢复；恢复后可在「设置」中核验照片原件
              </Typography.Text>
            ) : null}
          </p>
          {p.fromOtherLaptop && <p>本机的设备编号和检查人员信息保持不变，不会变成备份所属电脑的身份。</p>}
          <p>
            <Typography.Text type="danger">本机现有数据将被替换。</Typography.Text>
            {isDesktop ? '恢复前会自动为当前数据另存一份受保护的备份（不会被自动清理）。' : '网页版无法自动保存，请先下载当前数据的备份：'}
          </p>
          {!isDesktop && (
            <Button icon={<SaveOutlined />} onClick={backupNow}>
              下载当前数据备份
            </Button>
          )}
        </div>
      ),
      okText: '恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onCancel: () => void prepared.close().then(() => file.close()),
      onOk: async () => {
        setBusy('restore');
        try {
          if (isDesktop) await protectiveBackup(session, 'pre-restore');
          const outcome = await prepared.apply(track('正在恢复照片'));
          if (outcome.originalsDamaged.length) {
            message.warning({ content: `${outcome.originalsDamaged.length} 个照片原件在备份原件库中已损坏（与其 SHA-256 不符），未恢复；可在「设置」中核验照片原件`, duration: 8 });
          }
          message.success('已恢复，正在重新载入…');
          setTimeout(() => location.reload(), 800);
        } catch (e) {
          await prepared.close();
          const text = userMessage(e);
          message.error({ content: text.startsWith('恢复失败') ? text : `恢复失败，本机数据未改变：${text}`, duration: 8 });
        } finally {
          await file.close();
          setBusy(null);
          setProgress(null);
        }
      },
    });
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {backupPass.dialog}
      {filePass.dialog}
      <h1 className="page-title">同步与备份</h1>
      <FullBackupAlert />
      <DownloadNote />
      <Card title="备份">
        <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="上次备份">{last ? `${dayjs(last.at).format('YYYY年M月D日 HH:mm')}（${last.name}）` : '尚未备份'}</Descriptions.Item>
          <Descriptions.Item label="自动备份">
            {isDesktop
              ? '已开启：数据有变化时每 10 分钟备份一次检查数据，每天一次连同照片和照片原件完整备份，均存于软件的备份文件夹；恢复前、合并前的备份受保护，不会被自动清理'
              : '网页版无法自动写入磁盘，请定期点击「立即备份」'}
          </Descriptions.Item>
        </Descriptions>
        <Space>
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'backup'} onClick={backupNow}>
            立即备份
          </Button>
          <Button icon={<CloudDownloadOutlined />} loading={busy === 'restore'} onClick={() => restoreFrom(() => platform.openStream(BACKUP_FILTERS))}>
            从备份恢复
          </Button>
        </Space>
        {progress && <Progress percent={progress.percent} format={(v) => `${progress.label} ${v}%`} style={{ maxWidth: 480, marginTop: 12 }} />}
        {isDesktop && autoList && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              本机备份文件夹
            </Typography.Title>
            <Typography.Paragraph type="secondary">自动备份和恢复、合并前自动保存的副本都在这里，可直接选一份恢复。恢复前、合并前保存的副本不会被自动清理。</Typography.Paragraph>
            <Table<BackupListEntry>
              size="small"
              rowKey="name"
              data-testid="backup-list"
              dataSource={[...autoList].sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt))}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                { title: '时间', dataIndex: 'modifiedAt', width: 150, render: (v: string) => dayjs(v).format('M月D日 HH:mm') },
                { title: '类别', dataIndex: 'series', width: 150, render: (v: string, b) => <>{SERIES_LABELS[v] ?? v}{b.protected && <Tag color="gold" style={{ marginLeft: 6 }}>保留</Tag>}</> },
                { title: '大小', dataIndex: 'bytes', width: 100, render: (v: number) => formatBytes(v) },
                {
                  title: '',
                  width: 90,
                  render: (_, b) => (
                    <Button size="small" aria-label={`恢复 ${b.name}`} onClick={() => restoreFrom(() => platform.backups!.open(b.name))}>
                      恢复
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>
      <ServerSyncCard />
      <MergePanel />
    </Space>
  );
}
