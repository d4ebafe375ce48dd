import { ExportOutlined, ImportOutlined, ProfileOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Modal, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { parseHlc } from '../../../shared/sync/hlc';
import { getPlatform } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { INVENTORY_EXTENSION, parseInventory, type Inventory } from '../../../shared/backup/inventory';
import { formatBytes } from '../../app/storage';
import { describeDbError, protectiveBackup } from './backupService';
import {
  bundleFileName,
  importSyncBundle,
  knownPeers,
  listConflicts,
  localInventory,
  openSyncBundle,
  resolveConflict,
  SYNC_FILTERS,
  writeSyncBundle,
  type ConflictView,
} from './syncService';

const INVENTORY_FILTERS = [{ name: '检查助手本机清单', extensions: [INVENTORY_EXTENSION] }];

const TABLE_NAMES: Record<string, string> = {
  targets: '被检查单位',
  schemes: '考核方案',
  inspections: '检查任务',
  assessments: '评分记录',
  responses: '评分',
  indicatorNotes: '指标备注',
  phoneCalls: '拨测记录',
  checklistAnswers: '五统一核查',
  draws: '抽查记录',
  findings: '问题',
  notices: '整改通知书',
  photos: '照片',
  photoLinks: '照片关联',
  checkRuns: '材料核查',
};

const FIELD_NAMES: Record<string, string> = {
  name: '名称',
  kind: '类别',
  region: '所属地区',
  address: '地址',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  disclosurePhones: '公开电话',
  note: '备注',
  text: '备注',
  title: '标题',
  response: '评分',
  status: '状态',
  description: '问题描述',
  requirement: '整改要求',
  deadline: '整改期限',
  caption: '说明',
  deletedAt: '删除',
  deleted: '删除标记',
};

function describeValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** 多机合并: exchange sync bundles between laptops and settle conflicting edits. */
export function MergePanel() {
  const session = useSession();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const conflicts = useLiveQuery(async () => {
    await session.db.conflicts.count(); // re-run when conflicts change
    return listConflicts(session.db);
  }, [session.db]);
  const bundles = useLiveQuery(() => session.db.importedBundles.orderBy('importedAt').reverse().limit(20).toArray(), [session.db]);
  const isDesktop = !!getPlatform().backups;
  const peers = useLiveQuery(() => knownPeers(session.db), [session.db]);
  const [exportOpen, setExportOpen] = useState(false);
  const [receiver, setReceiver] = useState<string>('all');
  const [fileInventory, setFileInventory] = useState<Inventory | null>(null);
  const [withOriginals, setWithOriginals] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);

  const chosenInventory = (): Inventory | null =>
    receiver === 'file' ? fileInventory : receiver === 'all' ? null : (peers ?? []).find((p) => p.deviceId === receiver) ?? null;

  async function exportBundle(options: { full?: boolean } = {}) {
    setBusy('export');
    try {
      const platform = getPlatform();
      const sink = await platform.saveStream(bundleFileName(session), SYNC_FILTERS);
      if (!sink) return;
      setExportOpen(false);
      const w = await writeSyncBundle(session, sink, await platform.appVersion(), {
        receiver: options.full ? null : chosenInventory(),
        includeOriginals: !options.full && withOriginals,
        onProgress: (done, total) => setProgress(total ? Math.floor((done / total) * 100) : 100),
      });
      message.success(`已导出同步数据包（${w.changes} 条修改记录，照片文件 ${w.photos} 个${w.originals ? `，原件 ${w.originals} 个` : ''}，${formatBytes(w.bytes)}）`);
    } catch (e) {
      message.error(`导出失败：${describeDbError(e)}`);
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  async function exportInventory() {
    try {
      const inv = await localInventory(session);
      const name = `本机清单-${(session.profile?.name ?? '').replace(/[\\/:*?"<>|\s]/g, '') || '检查人员'}-${dayjs().format('YYYYMMDD-HHmm')}.${INVENTORY_EXTENSION}`;
      if (await getPlatform().saveFile(name, new TextEncoder().encode(JSON.stringify(inv)), INVENTORY_FILTERS)) {
        message.success(`已导出本机清单（照片 ${inv.photos.length} 张）：交给要给本机发数据包的同事，对方即可只导出本机没有的内容`);
      }
    } catch (e) {
      message.error(`导出失败：${describeDbError(e)}`);
    }
  }

  async function pickInventory() {
    try {
      const [file] = await getPlatform().pickFiles({ filters: INVENTORY_FILTERS, maxBytes: 64 * 1024 * 1024 });
      if (!file) return;
      const inv = parseInventory(new TextDecoder().decode(file.bytes));
      setFileInventory(inv);
      setReceiver('file');
    } catch (e) {
      message.error(`无法读取清单：${describeDbError(e)}`);
    }
  }

  async function importBundle() {
    const platform = getPlatform();
    let source: Awaited<ReturnType<typeof platform.openStream>> = null;
    try {
      source = await platform.openStream(SYNC_FILTERS);
      if (!source) return;
      const chosen = source;
      const opened = await openSyncBundle(session, chosen);
      await opened.close();
      const p = opened.preview;
      modal.confirm({
        title: '合并同步数据包',
        width: 520,
        content: (
          <div>
            <p>
              来自：{p.fromAuthor || '未知'}（设备 {p.fromDevice.slice(0, 8)}），导出时间 {dayjs(p.createdAt).format('YYYY年M月D日 HH:mm')}
            </p>
            <p>
              共 {p.total} 条修改记录，其中本机尚未有的 <b>{p.newChanges}</b> 条；照片 {p.photos} 张{p.originals ? `，照片原件 ${p.originals} 个` : ''}。
            </p>
            {p.reducedFor && <p>这是只含对方尚未有内容的精简数据包（按「{p.reducedFor.author || '未知'}」{dayjs(p.reducedFor.createdAt).format('M月D日 HH:mm')} 的清单）。</p>}
            {p.sameDevice && <Alert type="warning" showIcon title="这是本机自己导出的数据包，合并不会带来新内容。" />}
            <p>合并只增加和更新数据，不会删除本机的记录；两台电脑同时修改的同一项会列为冲突，由您确认。{isDesktop ? '合并前会自动为当前数据另存一份受保护的备份。' : ''}</p>
          </div>
        ),
        okText: '合并',
        cancelText: '取消',
        onCancel: () => void chosen.close(),
        onOk: async () => {
          setBusy('import');
          try {
            if (isDesktop) await protectiveBackup(session, 'pre-merge');
            const r = await importSyncBundle(session, chosen.name, chosen);
            message.success(`合并完成：新增 ${r.newChanges} 条修改记录，更新 ${r.rowsUpdated} 条数据，照片 ${r.photosAdded} 张${r.conflicts ? `，发现 ${r.conflicts} 处冲突待确认` : ''}`);
          } catch (e) {
            const text = describeDbError(e);
            message.error(text.startsWith('合并失败') ? text : `合并失败，本机数据未改变：${text}`);
          } finally {
            await chosen.close();
            setBusy(null);
          }
        },
      });
    } catch (e) {
      await source?.close();
      message.error({ content: `无法合并：${describeDbError(e)}`, duration: 8 });
    }
  }

  async function settle(c: ConflictView, value: unknown) {
    await resolveConflict(session, c, value);
    message.success('已确认');
  }

  return (
    <Card title="多机合并">
      <Typography.Paragraph type="secondary">
        每位检查人员在本机「导出同步数据包」，通过 U 盘或共享文件夹交给汇总人员，在汇总电脑上逐个「导入」。合并结果与导入顺序无关，重复导入同一数据包不会产生重复数据。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Button icon={<ExportOutlined />} loading={busy === 'export'} onClick={() => exportBundle({ full: true })}>
          导出同步数据包
        </Button>
        <Button onClick={() => setExportOpen(true)}>精简导出或含原件…</Button>
        <Button type="primary" icon={<ImportOutlined />} loading={busy === 'import'} onClick={importBundle}>
          导入同步数据包
        </Button>
        <Button icon={<ProfileOutlined />} onClick={exportInventory}>
          导出本机清单
        </Button>
      </Space>
      {progress !== null && <Progress percent={progress} format={(v) => `正在导出照片 ${v}%`} style={{ maxWidth: 480, marginBottom: 16 }} />}
      <Modal
        title="导出同步数据包"
        open={exportOpen}
        okText="选择保存位置并导出"
        cancelText="取消"
        confirmLoading={busy === 'export'}
        onOk={() => exportBundle()}
        onCancel={() => setExportOpen(false)}
        okButtonProps={{ disabled: receiver === 'file' && !fileInventory }}
      >
        <Typography.Paragraph>交给谁？已知对方有哪些数据时，可只导出对方尚未有的内容，数据包小得多。</Typography.Paragraph>
        <Radio.Group value={receiver} onChange={(e) => setReceiver(e.target.value as string)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Radio value="all">完整数据包（全部修改记录和照片）</Radio>
          {(peers ?? []).map((p) => (
            <Radio key={p.deviceId} value={p.deviceId}>
              只含「{p.author || p.deviceId.slice(0, 8)}」尚未有的（按其 {dayjs(p.createdAt).format('M月D日 HH:mm')} 的数据包）
            </Radio>
          ))}
          <Radio value="file">
            按对方的本机清单文件{fileInventory ? `：「${fileInventory.author || fileInventory.deviceId.slice(0, 8)}」${dayjs(fileInventory.createdAt).format('M月D日 HH:mm')}` : ''}{' '}
            <Button size="small" onClick={pickInventory}>
              选择清单…
            </Button>
          </Radio>
        </Radio.Group>
        <Checkbox checked={withOriginals} onChange={(e) => setWithOriginals(e.target.checked)} style={{ marginTop: 16 }}>
          包含照片原件（作为证据核验用，数据包会大很多）
        </Checkbox>
      </Modal>
      <Typography.Title level={5}>待确认的冲突</Typography.Title>
      {conflicts && conflicts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有冲突" />
      ) : (
        <Table<ConflictView>
          size="small"
          rowKey="id"
          loading={!conflicts}
          dataSource={conflicts ?? []}
          pagination={false}
          columns={[
            { title: '数据', width: 240, render: (_, c) => `${TABLE_NAMES[c.table] ?? c.table}「${c.rowLabel}」· ${FIELD_NAMES[c.field] ?? c.field}` },
            {
              title: '各方的值',
              render: (_, c) => (
                <Space orientation="vertical" size={4}>
                  {c.candidates.map((e) => (
                    <Space key={e.id} size={8} wrap>
                      <Tag color={e.value === c.current ? 'blue' : 'default'}>{e.author || '未知'}</Tag>
                      <span>{describeValue(e.value)}</span>
                      <Typography.Text type="secondary">{dayjs(parseHlc(e.hlc).ms).format('M月D日 HH:mm')}</Typography.Text>
                      <Button size="small" onClick={() => settle(c, e.value)}>
                        采用此值
                      </Button>
                    </Space>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
      {bundles && bundles.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            已导入的数据包
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            dataSource={bundles}
            pagination={false}
            columns={[
              { title: '文件', dataIndex: 'fileName' },
              { title: '来自', dataIndex: 'fromAuthor', width: 100 },
              { title: '新增记录', dataIndex: 'newChanges', width: 90 },
              { title: '导入时间', dataIndex: 'importedAt', width: 150, render: (v: string) => dayjs(v).format('M月D日 HH:mm') },
            ]}
          />
        </>
      )}
    </Card>
  );
}
