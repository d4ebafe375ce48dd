import { yearPaths } from '../year/paths';
import { Link } from 'react-router-dom';
import { DeleteOutlined, DownloadOutlined, EditOutlined, ImportOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Select, Segmented, Space, Table, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { TARGET_KINDS, normaliseUnitName, type TargetInput, type TargetKind } from '../../../shared/domain/targets';
import type { TargetImportPreview } from '../../../shared/targets/targetImport';
import type { TargetRow } from '../../db/database';
import { getPlatform } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { TargetFormModal } from './TargetFormModal';
import { TargetImportModal } from './TargetImportModal';
import { previewTargetsOffThread } from './targetImportJob';
import { TargetRepository } from './targetRepository';
import { AuditButton } from '../audit/AuditButton';

const SPREADSHEET_FILTERS = [{ name: 'Excel/CSV 表格', extensions: ['xlsx', 'xls', 'csv', 'et'] }];
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const PAGE_SIZE = 20;

export default function TargetsPage() {
  const { db, logger } = useSession();
  const repo = useMemo(() => new TargetRepository(db, logger), [db, logger]);
  const { message, modal } = App.useApp();
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<TargetKind | undefined>();
  const [region, setRegion] = useState<string | undefined>();
  const [view, setView] = useState<'active' | 'deleted'>('active');
  const [editing, setEditing] = useState<{ row: TargetRow | null } | null>(null);
  const [importing, setImporting] = useState<{ fileName: string; preview: TargetImportPreview } | null>(null);
  const [loadingFile, setLoadingFile] = useState(false);

  // The page shown is read, not the whole list (the index gives the total).
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [search, kind, region, view]);
  const listed = useLiveQuery(() => repo.page({ search, kind, region, deleted: view === 'deleted' }, (page - 1) * PAGE_SIZE, PAGE_SIZE), [repo, search, kind, region, view, page]);
  const rows = listed?.rows;
  // A page emptied (units deleted or moved on) shows the last page there is.
  useEffect(() => {
    if (listed && page > 1 && listed.rows.length === 0) setPage(Math.max(1, Math.ceil(listed.total / PAGE_SIZE)));
  }, [listed, page]);
  const regions = useLiveQuery(() => repo.regions(), [repo]) ?? [];

  async function save(input: TargetInput) {
    if (editing?.row) {
      await repo.update(editing.row.id, input);
      message.success(`已保存「${input.name}」`);
    } else {
      const names = await repo.existingNames();
      if (names.has(normaliseUnitName(input.name))) {
        message.error(`已有名为「${input.name}」的单位`);
        throw new Error('duplicate');
      }
      await repo.create(input);
      message.success(`已新增「${input.name}」`);
    }
    setEditing(null);
  }

  async function startImport() {
    try {
      const [file] = await getPlatform().pickFiles({ filters: SPREADSHEET_FILTERS, maxBytes: MAX_IMPORT_BYTES });
      if (!file) return;
      setLoadingFile(true);
      const inUse = await repo.list({ deleted: false });
      const existingUnits = inUse.map((t) => ({
        id: t.id,
        input: { name: t.name, kind: t.kind, region: t.region, address: t.address, contactPerson: t.contactPerson, contactPhone: t.contactPhone, disclosurePhones: t.disclosurePhones, note: t.note },
      }));
      const preview = await previewTargetsOffThread({ bytes: file.bytes, fileName: file.name, existingNames: [...(await repo.existingNames())], existingUnits });
      setImporting({ fileName: file.name, preview });
    } catch (e) {
      message.error({ content: `导入失败：${e instanceof Error ? e.message : String(e)}`, duration: 8 });
    } finally {
      setLoadingFile(false);
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <h1 className="page-title">被检查单位</h1>
      <Card>
        <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'active' | 'deleted')}
              options={[
                { value: 'active', label: '在用单位' },
                { value: 'deleted', label: '回收站' },
              ]}
            />
            <Input.Search allowClear placeholder="搜索名称、地区、联系人、电话" style={{ width: 260 }} onSearch={setSearch} onChange={(e) => !e.target.value && setSearch('')} />
            <Select allowClear placeholder="全部类别" style={{ width: 150 }} value={kind} onChange={setKind} options={TARGET_KINDS.map((k) => ({ value: k, label: k }))} />
            <Select allowClear placeholder="全部地区" style={{ width: 140 }} value={region} onChange={setRegion} options={regions.map((r) => ({ value: r, label: r }))} />
          </Space>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={async () => {
                const { buildTargetTemplate } = await import('../../../shared/targets/targetImport');
                await getPlatform().saveFile('被检查单位导入模板.xlsx', buildTargetTemplate(), SPREADSHEET_FILTERS);
              }}>
              下载模板
            </Button>
            <Button icon={<ImportOutlined />} loading={loadingFile} onClick={startImport}>
              从 Excel 导入
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ row: null })}>
              新增单位
            </Button>
          </Space>
        </Space>
        <Table<TargetRow>
          rowKey="id"
          size="middle"
          loading={!rows}
          dataSource={rows ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: listed?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 家`, showSizeChanger: false }}
          locale={{ emptyText: view === 'deleted' ? '回收站为空' : '暂无单位，可点击「新增单位」或「从 Excel 导入」' }}
          columns={[
            { title: '单位名称', dataIndex: 'name', ellipsis: true },
            { title: '类别', dataIndex: 'kind', width: 130, render: (k: TargetKind) => <Tag color={KIND_COLORS[k]}>{k}</Tag> },
            { title: '所属地区', dataIndex: 'region', width: 110 },
            { title: '联系人', dataIndex: 'contactPerson', width: 90 },
            { title: '政府信息公开联系电话', dataIndex: 'disclosurePhones', width: 220, render: (p: string[]) => p.join('、') },
            {
              title: '操作',
              width: 330,
              render: (_, row) =>
                view === 'deleted' ? (
                  <Button size="small" icon={<RollbackOutlined />} onClick={async () => { await repo.restore(row.id); message.success(`已恢复「${row.name}」`); }}>
                    恢复
                  </Button>
                ) : (
                  <Space>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ row })}>
                      编辑
                    </Button>
                    <AuditButton table="targets" rowId={row.id} title={row.name} />
                    <Link to={yearPaths.unit(new Date().getFullYear(), row.id)}>年度档案</Link>
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() =>
                        modal.confirm({
                          title: `删除「${row.name}」？`,
                          content: '删除后移入回收站，可随时恢复；已有的检查记录不受影响。',
                          okText: '删除',
                          okButtonProps: { danger: true },
                          cancelText: '取消',
                          onOk: async () => {
                            await repo.softDelete(row.id);
                            message.success(`已将「${row.name}」移入回收站`);
                          },
                        })
                      }
                    >
                      删除
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <TargetFormModal open={!!editing} initial={editing?.row ?? null} onCancel={() => setEditing(null)} onSubmit={save} />
      {importing && (
        <TargetImportModal
          fileName={importing.fileName}
          preview={importing.preview}
          onCancel={() => setImporting(null)}
          onConfirm={async (rows) => {
            const created = await repo.createMany(rows.filter((r) => !r.update).map((r) => r.input));
            const updates = rows.filter((r) => r.update && r.update.changes.length > 0);
            for (const r of updates) await repo.update(r.update!.id, r.input);
            message.success(updates.length ? `已新增 ${created.length} 家单位，更新 ${updates.length} 家单位` : `已导入 ${created.length} 家单位`);
            setImporting(null);
          }}
        />
      )}
    </Space>
  );
}

const KIND_COLORS: Record<TargetKind, string> = {
  县区政府: 'red',
  政府部门: 'blue',
  政务服务大厅: 'green',
  便民服务中心: 'cyan',
  其他: 'default',
};
