import { ExportOutlined, ImportOutlined, ProfileOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Modal, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { parseHlc } from '../../../shared/sync/hlc';
import { getPlatform, userMessage } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { INVENTORY_EXTENSION, parseInventory, type Inventory } from '../../../shared/backup/inventory';
import { formatBytes } from '../../app/storage';
import { usePassphrasePrompt, useBundleProtection, withPassphrase } from '../lock/PassphraseDialogs';
import { sealBundleSink } from '../lock/sealing';
import { protectiveBackup } from './backupService';
import { acceptHeld, ALLOWED_DRIFT_HOURS, listConflicts, listHeld, refuseHeld, resolveConflict, settleDeleteEdit, skewText, type ConflictCandidate, type ConflictView, type MergeSummary } from './applyBundle';
import { useLeadRole } from '../trust/useRole';
import { bundleFileName, importSyncBundle, knownPeers, localInventory, openSyncBundle, SYNC_FILTERS, writeSyncBundle } from './syncService';

const INVENTORY_FILTERS = [{ name: '检查助手本机清单', extensions: [INVENTORY_EXTENSION] }];

/** A change's time in local time; the year only when it is not this year (a laptop's clock may be years off). */
export function stampText(hlc: string, now = dayjs()): string {
  const at = dayjs(parseHlc(hlc).ms);
  return at.year() === now.year() ? at.format('M月D日 HH:mm') : at.format('YYYY年M月D日 HH:mm');
}

function laptopName(author: string, device: string): string {
  return `${author || '未署名'}（设备 ${device.slice(0, 8)}）`;
}

function ConflictPlace({ c }: { c: ConflictView }) {
  const lines: [string, string | undefined][] = [
    ['单位', c.context.unit],
    ['检查任务', c.context.round],
    ['指标', c.context.indicator],
    ['规则', c.context.rule],
  ];
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>
        {c.tableLabel}「{c.rowLabel}」
      </Typography.Text>
      {lines
        .filter(([, v]) => v && v !== c.rowLabel)
        .map(([k, v]) => (
          <Typography.Text key={k} type="secondary">
            {k}：{v}
          </Typography.Text>
        ))}
      {c.missing && <Typography.Text type="danger">本机已没有这条记录</Typography.Text>}
    </Space>
  );
}

/** 多机合并: exchange sync bundles between laptops and settle conflicting edits. */
export function MergePanel() {
  const session = useSession();
  const lead = useLeadRole();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const conflicts = useLiveQuery(async () => {
    await session.db.conflicts.count(); // re-run when conflicts change
    return listConflicts(session.db);
  }, [session.db]);
  const held = useLiveQuery(() => listHeld(session.db), [session.db]);
  const bundles = useLiveQuery(() => session.db.importedBundles.orderBy('importedAt').reverse().limit(20).toArray(), [session.db]);
  const isDesktop = !!getPlatform().backups;
  const peers = useLiveQuery(() => knownPeers(session.db), [session.db]);
  const [exportOpen, setExportOpen] = useState(false);
  const [receiver, setReceiver] = useState<string>('all');
  const [fileInventory, setFileInventory] = useState<Inventory | null>(null);
  const [withOriginals, setWithOriginals] = useState(false);
  const [outside, setOutside] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const protection = useBundleProtection();
  const filePass = usePassphrasePrompt();

  const chosenInventory = (): Inventory | null =>
    receiver === 'file' ? fileInventory : receiver === 'all' ? null : (peers ?? []).find((p) => p.deviceId === receiver) ?? null;

  async function exportBundle(options: { full?: boolean } = {}) {
    setBusy('export');
    try {
      const platform = getPlatform();
      setExportOpen(false);
      const protect = await protection.ask();
      if (!protect) return;
      const chosen = await platform.saveStream(bundleFileName(session), SYNC_FILTERS);
      if (!chosen) return;
      const sink = await sealBundleSink(session.db, chosen, protect);
      const w = await writeSyncBundle(session, sink, await platform.appVersion(), {
        receiver: options.full ? null : chosenInventory(),
        includeOriginals: !options.full && withOriginals && !outside,
        outside: !options.full && outside,
        onProgress: (done, total) => setProgress(total ? Math.floor((done / total) * 100) : 100),
      });
      const sealed = protect.mode === 'office' ? '，已为本单位加密' : protect.mode === 'passphrase' ? '，已用密码加密' : '，未加密';
      message.success(`已导出同步数据包（照片文件 ${w.photos} 个${w.originals ? `，原件 ${w.originals} 个` : ''}，${formatBytes(w.bytes)}${sealed}）`);
    } catch (e) {
      message.error(`导出失败：${userMessage(e)}`);
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
      message.error(`导出失败：${userMessage(e)}`);
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
      message.error(`无法读取清单：${userMessage(e)}`);
    }
  }

  async function importBundle() {
    const platform = getPlatform();
    let source: Awaited<ReturnType<typeof platform.openStream>> = null;
    try {
      source = await platform.openStream(SYNC_FILTERS);
      if (!source) return;
      const chosen = source;
      let passphrase: string | undefined;
      const opened = await withPassphrase(
        (typed) => {
          passphrase = typed;
          return openSyncBundle(session, chosen, { passphrase: typed });
        },
        filePass.ask,
        '该同步数据包',
      );
      if (!opened) {
        await chosen.close();
        return;
      }
      await opened.close();
      const p = opened.preview;
      modal.confirm({
        title: '合并同步数据包',
        width: 520,
        content: (
          <div>
            {p.sender ? (
              <Alert type="success" showIcon style={{ marginBottom: 12 }} title={<span data-testid="verified-sender">已验证发送方：{p.sender.label}</span>} description={`签名与「${p.sender.officeName}」人员名单相符`} />
            ) : null}
            <p>
              来自：{p.sender ? p.sender.memberName : p.fromAuthor || '未知'}（{p.sender ? p.sender.deviceName : `设备 ${p.fromDevice.slice(0, 8)}`}），导出时间 {dayjs(p.createdAt).format('YYYY年M月D日 HH:mm')}
            </p>
            <p data-testid="bundle-preview-summary">
              {p.newChanges ? <b>含有本机尚未有的内容</b> : '没有本机尚未有的内容'}；照片 {p.photos} 张{p.originals ? `，照片原件 ${p.originals} 个` : ''}。
            </p>
            <details className="zw-details" data-testid="bundle-preview-details">
              <summary>详细信息</summary>
              数据包中共有 {p.total} 条修改记录（每条记一项数据的一次修改，合并时逐条比对），其中本机尚未有的 {p.newChanges} 条。
            </details>
            {p.reducedFor && <p>这是只含对方尚未有内容的精简数据包（按「{p.reducedFor.author || '未知'}」{dayjs(p.reducedFor.createdAt).format('M月D日 HH:mm')} 的清单）。</p>}
            {!p.encrypted && <Alert type="warning" showIcon title="这个数据包未加密：途中拿到文件的人可以读出其中的数据。" style={{ marginBottom: 8 }} />}
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
            const r = await importSyncBundle(session, chosen.name, chosen, { passphrase });
            if (r.held) {
              message.warning({
                content: `这个数据包中有 ${r.held.aheadCount} 条修改记录的时间比本机时钟快${skewText(r.held.skewMs)}，已暂存到「待确认的数据包」，请核对后决定是否接受`,
                duration: 10,
              });
            } else reportMerge(r);
          } catch (e) {
            const text = userMessage(e);
            message.error({ content: text.includes('本机数据未改变') ? text : `合并失败，本机数据未改变：${text}`, duration: 10 });
          } finally {
            await chosen.close();
            setBusy(null);
          }
        },
      });
    } catch (e) {
      await source?.close();
      message.error({ content: `无法合并：${userMessage(e)}`, duration: 8 });
    }
  }

  function reportMerge(r: MergeSummary) {
    message.success(`合并完成：${r.newChanges ? `更新 ${r.rowsUpdated} 条数据` : '没有新内容'}${r.photosAdded ? `，照片 ${r.photosAdded} 张` : ''}${r.conflicts ? `，发现 ${r.conflicts} 处冲突待确认` : ''}`);
  }

  function adopt(c: ConflictView, o: ConflictCandidate) {
    modal.confirm({
      title: '采用此值？',
      content: (
        <div>
          <p>
            {c.tableLabel}「{c.rowLabel}」的「{c.fieldLabel}」将改为：<b>{o.text}</b>（{o.entry.author || '未署名'} 于 {stampText(o.entry.hlc)} 填写）。
          </p>
          <p>其他电脑导入本机的同步数据包后，也会采用这个值。</p>
        </div>
      ),
      okText: '采用',
      cancelText: '取消',
      onOk: async () => {
        try {
          await resolveConflict(session, c, o.entry.value);
          message.success('已采用所选的值');
        } catch (e) {
          message.error({ content: e instanceof Error ? e.message : String(e), duration: 8 });
        }
      },
    });
  }

  function settleDelete(c: ConflictView, keep: 'delete' | 'restore') {
    modal.confirm({
      title: keep === 'delete' ? '保留删除？' : '恢复并保留修改？',
      content:
        keep === 'delete'
          ? `${c.tableLabel}「${c.rowLabel}」将保持删除（可在回收站恢复），另一人的修改不再显示。`
          : `${c.tableLabel}「${c.rowLabel}」将恢复，并显示另一人所做的修改。`,
      okText: '确定',
      cancelText: '取消',
      onOk: async () => {
        try {
          await settleDeleteEdit(session, c, keep);
          message.success('已处理');
        } catch (e) {
          message.error({ content: e instanceof Error ? e.message : String(e), duration: 8 });
        }
      },
    });
  }

  function decideHeld(id: string, accept: boolean, from: string) {
    modal.confirm({
      title: accept ? '接受并合并这个数据包？' : '拒绝这个数据包？',
      content: accept
        ? `来自${from}的修改将参与合并，时间明显超前的修改可能显示为最新的值；本机时钟不会因此改变。`
        : `来自${from}的这个数据包将被丢弃，本机数据不变。可请对方校准电脑时钟后重新导出。`,
      okText: accept ? '接受并合并' : '拒绝',
      cancelText: '取消',
      onOk: async () => {
        try {
          if (accept) reportMerge(await acceptHeld(session, id));
          else {
            await refuseHeld(session, id);
            message.success('已拒绝，本机数据未改变');
          }
        } catch (e) {
          message.error({ content: e instanceof Error ? e.message : String(e), duration: 8 });
        }
      },
    });
  }

  const pending = (held ?? []).filter((h) => h.status === 'pending');
  const decided = (held ?? []).filter((h) => h.status !== 'pending');

  return (
    <Card title="多机合并">
      {protection.dialog}
      {filePass.dialog}
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
        <Checkbox checked={withOriginals && !outside} disabled={outside} onChange={(e) => setWithOriginals(e.target.checked)} style={{ marginTop: 16 }}>
          包含照片原件（作为证据核验用，数据包会大很多）
        </Checkbox>
        <br />
        <Checkbox checked={outside} onChange={(e) => setOutside(e.target.checked)} style={{ marginTop: 8 }}>
          外送（发往本单位以外）：不含照片原件，并去除照片中的位置和相机信息
        </Checkbox>
      </Modal>
      {pending.length > 0 && (
        <>
          <Typography.Title level={5}>待确认的数据包</Typography.Title>
          <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
            {pending.map((h) => {
              const from = laptopName(h.fromAuthor, h.fromDevice);
              return (
                <Alert
                  key={h.id}
                  type="warning"
                  showIcon
                  title={`来自${from}的数据包「${h.fileName}」尚未合并`}
                  description={
                    <div>
                      <p>
                        其中 {h.aheadCount} 条修改记录（共 {h.total} 条）的时间比本机时钟快{skewText(h.skewMs)}（最晚一条记为 {stampText(h.newestHlc)}），超过允许的 {ALLOWED_DRIFT_HOURS} 小时误差，可能是那台电脑的时钟设置错误。
                      </p>
                      <Space>
                        <Button size="small" type="primary" disabled={!lead.mayLead} title={lead.reason} onClick={() => decideHeld(h.id, true, from)}>
                          接受并合并
                        </Button>
                        {lead.reason && <Typography.Text type="secondary">{lead.reason}</Typography.Text>}
                        <Button size="small" danger onClick={() => decideHeld(h.id, false, from)}>
                          拒绝
                        </Button>
                      </Space>
                    </div>
                  }
                />
              );
            })}
          </Space>
        </>
      )}
      <Typography.Title level={5}>待确认的冲突</Typography.Title>
      {lead.reason && conflicts && conflicts.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`处理冲突${lead.reason}`} />}
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
            { title: '数据', width: 300, render: (_, c) => <ConflictPlace c={c} /> },
            { title: '内容', width: 130, render: (_, c) => (c.kind === 'deleteEdit' ? <Tag color="orange">{c.fieldLabel}</Tag> : c.fieldLabel) },
            {
              title: '各方的值',
              render: (_, c) => (
                <Space orientation="vertical" size={4}>
                  {c.options.map((o) => (
                    <Space key={o.entry.id} size={8} wrap>
                      <Tag color={o.current ? 'blue' : 'default'}>{o.entry.author || '未署名'}</Tag>
                      <span>{o.text}</span>
                      <Typography.Text type="secondary">{stampText(o.entry.hlc)}</Typography.Text>
                      {c.kind === 'field' && (
                        <Button size="small" disabled={c.missing || !lead.mayLead} title={lead.reason} onClick={() => adopt(c, o)}>
                          采用此值
                        </Button>
                      )}
                    </Space>
                  ))}
                  {c.kind === 'deleteEdit' && (
                    <Space size={8}>
                      <Button size="small" disabled={c.missing || !lead.mayLead} title={lead.reason} onClick={() => settleDelete(c, 'delete')}>
                        保留删除
                      </Button>
                      <Button size="small" disabled={c.missing || !lead.mayLead} title={lead.reason} onClick={() => settleDelete(c, 'restore')}>
                        恢复并保留修改
                      </Button>
                    </Space>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {decided.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            已处理的待确认数据包
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            dataSource={decided}
            pagination={false}
            columns={[
              { title: '文件', dataIndex: 'fileName' },
              { title: '来自', width: 160, render: (_, h) => laptopName(h.fromAuthor, h.fromDevice) },
              { title: '时钟超前', width: 100, render: (_, h) => skewText(h.skewMs) },
              { title: '处理', width: 200, render: (_, h) => `${h.status === 'accepted' ? '已接受' : '已拒绝'}（${h.decidedBy || '未署名'}，${h.decidedAt ? dayjs(h.decidedAt).format('M月D日 HH:mm') : ''}）` },
            ]}
          />
        </>
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
