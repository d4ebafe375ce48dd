import { CloudDownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { BackupError, unpackBackup, type BackupManifest } from '../../../shared/backup/backupArchive';
import { getPlatform } from '../../platform';
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

export default function SyncPage() {
  const session = useSession();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const last = useLiveQuery(() => lastBackup(session.db), [session.db]);
  const isDesktop = getPlatform().kind === 'desktop';

  async function backupNow() {
    setBusy('backup');
    try {
      if (await saveBackupAs(session)) message.success('备份已保存');
    } catch (e) {
      message.error(`备份失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  }

  async function chooseRestore() {
    let bytes: Uint8Array;
    let manifest: BackupManifest;
    try {
      const [file] = await getPlatform().pickFiles({ filters: BACKUP_FILTERS, maxBytes: 2 * 1024 * 1024 * 1024 });
      if (!file) return;
      bytes = file.bytes;
      manifest = (await unpackBackup(bytes, session.db.verno)).manifest;
    } catch (e) {
      message.error({ content: `无法恢复：${e instanceof BackupError || e instanceof Error ? e.message : String(e)}`, duration: 8 });
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
          message.error(`恢复失败，本机数据未改变：${e instanceof Error ? e.message : String(e)}`);
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
      <MergePanel />
    </Space>
  );
}
