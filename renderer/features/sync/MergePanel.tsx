import { ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { parseHlc } from '../../../shared/sync/hlc';
import { getPlatform, userMessage } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { autoBackup } from './backupService';
import { exportSyncBundle, importSyncBundle, listConflicts, previewSyncBundle, resolveConflict, SYNC_FILTERS, type ConflictView } from './syncService';

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
  const isDesktop = getPlatform().kind === 'desktop';

  async function exportBundle() {
    setBusy('export');
    try {
      const platform = getPlatform();
      const { fileName, bytes, changes } = await exportSyncBundle(session, await platform.appVersion());
      if (await platform.saveFile(fileName, bytes, SYNC_FILTERS)) message.success(`已导出同步数据包（${changes} 条修改记录）`);
    } catch (e) {
      message.error(`导出失败：${userMessage(e)}`);
    } finally {
      setBusy(null);
    }
  }

  async function importBundle() {
    let file: { name: string; bytes: Uint8Array } | undefined;
    try {
      [file] = await getPlatform().pickFiles({ filters: SYNC_FILTERS, maxBytes: 2 * 1024 * 1024 * 1024 });
      if (!file) return;
      const chosen = file;
      const p = await previewSyncBundle(session, chosen.bytes);
      modal.confirm({
        title: '合并同步数据包',
        width: 520,
        content: (
          <div>
            <p>
              来自：{p.fromAuthor || '未知'}（设备 {p.fromDevice.slice(0, 8)}），导出时间 {dayjs(p.createdAt).format('YYYY年M月D日 HH:mm')}
            </p>
            <p>
              共 {p.total} 条修改记录，其中本机尚未有的 <b>{p.newChanges}</b> 条。
            </p>
            {p.sameDevice && <Alert type="warning" showIcon title="这是本机自己导出的数据包，合并不会带来新内容。" />}
            <p>合并只增加和更新数据，不会删除本机的记录；两台电脑同时修改的同一项会列为冲突，由您确认。</p>
          </div>
        ),
        okText: '合并',
        cancelText: '取消',
        onOk: async () => {
          setBusy('import');
          try {
            if (isDesktop) await autoBackup(session, 'premerge');
            const r = await importSyncBundle(session, chosen.name, chosen.bytes);
            message.success(`合并完成：新增 ${r.newChanges} 条修改记录，更新 ${r.rowsUpdated} 条数据，照片 ${r.photosAdded} 张${r.conflicts ? `，发现 ${r.conflicts} 处冲突待确认` : ''}`);
          } catch (e) {
            message.error(`合并失败，本机数据未改变：${userMessage(e)}`);
          } finally {
            setBusy(null);
          }
        },
      });
    } catch (e) {
      message.error({ content: `无法合并：${userMessage(e)}`, duration: 8 });
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
        <Button icon={<ExportOutlined />} loading={busy === 'export'} onClick={exportBundle}>
          导出同步数据包
        </Button>
        <Button type="primary" icon={<ImportOutlined />} loading={busy === 'import'} onClick={importBundle}>
          导入同步数据包
        </Button>
      </Space>
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
