import { CloudDownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { unpackBackup, type BackupManifest } from '../../../shared/backup/backupArchive';
import { getPlatform, readAll, userMessage, type BackupListEntry, type BackupSeries, type FileSource } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { MergePanel } from './MergePanel';
import { BACKUP_FILTERS, autoBackup, lastBackup, restoreBackup, saveBackupAs } from './backupService';

const TABLE_LABELS: Record<string, string> = {
  targets: '被检查单位',
  inspections: '检查任务',
  assessments: '评分记录',
  findings: '问题',
  photos: '照片',
  changes: '修改记录',
};

const SERIES_LABELS: Record<BackupSeries, string> = {
  'auto-data': '自动备份（检查数据）',
  'auto-full': '每日完整备份（含照片）',
  manual: '手动备份',
  'pre-restore': '恢复前自动保存',
  'pre-merge': '合并前自动保存',
};

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Reads a chosen or listed backup into memory, closing the file in every case. */
async function readSource(source: FileSource): Promise<Uint8Array> {
  try {
    return await readAll(source);
  } finally {
    await source.close();
  }
}

export default function SyncPage() {
  const session = useSession();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const last = useLiveQuery(() => lastBackup(session.db), [session.db]);
  const isDesktop = getPlatform().kind === 'desktop';
  const diskBackups = getPlatform().backups;
  const [backupList, setBackupList] = useState<BackupListEntry[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  // Reload the backup folder's list whenever a backup was recorded (automatic ones included).
  useEffect(() => {
    if (!diskBackups) return;
    let live = true;
    diskBackups.list().then(
      (list) => live && (setBackupList(list), setListError(null)),
      (e: unknown) => live && setListError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [diskBackups, last?.name, last?.at]);

  async function backupNow() {
    setBusy('backup');
    try {
      if (await saveBackupAs(session)) message.success('备份已保存');
    } catch (e) {
      message.error(`备份失败：${userMessage(e)}`);
    } finally {
      setBusy(null);
    }
  }

  async function chooseRestore() {
    let source: FileSource | null;
    try {
      source = await getPlatform().openStream(BACKUP_FILTERS);
    } catch (e) {
      message.error({ content: `无法恢复：${userMessage(e)}`, duration: 8 });
      return;
    }
    if (source) await confirmRestore(source);
  }

  async function restoreListed(entry: BackupListEntry) {
    try {
      await confirmRestore(await diskBackups!.open(entry.name));
    } catch (e) {
      message.error({ content: `无法恢复：${userMessage(e)}`, duration: 8 });
    }
  }

  async function confirmRestore(source: FileSource) {
    let bytes: Uint8Array;
    let manifest: BackupManifest;
    try {
      bytes = await readSource(source);
      manifest = (await unpackBackup(bytes, session.db.verno)).manifest;
    } catch (e) {
      message.error({ content: `无法恢复：${userMessage(e)}`, duration: 8 });
      return;
    }
    const counts = Object.entries(TABLE_LABELS)
      .filter(([t]) => manifest.tables[t])
      .map(([t, label]) => `${label} ${manifest.tables[t].rows} 条`)
      .join('，');
    modal.confirm({
      title: '用此备份替换本机全部数据？',
      width: 520,
      content: (
        <div>
          <p>文件：{source.name}</p>
          <p>
            备份时间：{dayjs(manifest.createdAt).format('YYYY年M月D日 HH:mm')}，备份人：{manifest.author || '未知'}
          </p>
          <p>包含：{counts}</p>
          {!manifest.includesPhotos && <p>此备份只含检查数据、不含照片文件；恢复后保留本机已有的照片。</p>}
          <p>
            <Typography.Text type="danger">本机现有数据将被替换。</Typography.Text>
            {isDesktop ? '恢复前会自动为当前数据另存一份备份。' : '建议先点击「立即备份」保存当前数据。'}
          </p>
        </div>
      ),
      okText: '恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        setBusy('restore');
        try {
          if (isDesktop) await autoBackup(session, 'prerestore');
          await restoreBackup(session.db, bytes);
          message.success('已恢复，正在重新载入…');
          setTimeout(() => location.reload(), 800);
        } catch (e) {
          message.error(`恢复失败，本机数据未改变：${userMessage(e)}`);
        } finally {
          setBusy(null);
        }
      },
    });
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <h1 className="page-title">同步与备份</h1>
      <Card title="备份">
        <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="上次备份">
            {last ? `${dayjs(last.at).format('YYYY年M月D日 HH:mm')}（${last.name}）` : '尚未备份'}
          </Descriptions.Item>
          <Descriptions.Item label="自动备份">
            {isDesktop ? '已开启：数据有变化时每 10 分钟备份一次检查数据（保留最近 30 份），每天一次连同照片完整备份（保留 7 份），均存于软件的备份文件夹' : '网页版无法自动写入磁盘，请定期点击「立即备份」'}
          </Descriptions.Item>
        </Descriptions>
        <Space>
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'backup'} onClick={backupNow}>
            立即备份
          </Button>
          <Button icon={<CloudDownloadOutlined />} loading={busy === 'restore'} onClick={chooseRestore}>
            从备份恢复
          </Button>
        </Space>
      </Card>
      {diskBackups && (
        <Card title="本机备份文件夹">
          <Typography.Paragraph type="secondary">
            自动备份和恢复、合并前自动保存的副本都在这里，可直接选一份恢复。恢复前、合并前保存的副本不会被自动清理。
          </Typography.Paragraph>
          {listError ? (
            <Typography.Text type="danger">{listError}</Typography.Text>
          ) : backupList && backupList.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有自动备份" />
          ) : (
            <Table<BackupListEntry>
              size="small"
              rowKey="name"
              data-testid="backup-list"
              loading={!backupList}
              dataSource={backupList ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: '备份时间', width: 170, render: (_, b) => dayjs(b.modifiedAt).format('YYYY年M月D日 HH:mm:ss') },
                {
                  title: '类别',
                  render: (_, b) => (
                    <Space size={4}>
                      {SERIES_LABELS[b.series]}
                      {b.protected && <Tag color="gold">保留</Tag>}
                    </Space>
                  ),
                },
                { title: '大小', width: 100, render: (_, b) => formatSize(b.bytes) },
                { title: '文件', dataIndex: 'name', render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
                {
                  title: '操作',
                  width: 90,
                  render: (_, b) => (
                    <Button size="small" aria-label={`恢复 ${b.name}`} loading={busy === 'restore'} onClick={() => restoreListed(b)}>
                      恢复
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </Card>
      )}
      <MergePanel />
    </Space>
  );
}
