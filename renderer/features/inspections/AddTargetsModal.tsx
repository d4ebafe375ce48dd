import { Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { TARGET_KINDS, normaliseUnitName, type TargetKind } from '../../../shared/domain/targets';
import type { TargetRow } from '../../db/database';
import { useSession } from '../../store/sessionStore';

/** 手动添加单位: pick units from the register that are not yet in the round. */
export function AddTargetsModal({
  open,
  present,
  defaultKind,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  present: Set<string>;
  defaultKind?: TargetKind;
  onCancel: () => void;
  onSubmit: (targets: TargetRow[]) => Promise<void>;
}) {
  const { db } = useSession();
  const [kind, setKind] = useState<TargetKind | undefined>(defaultKind);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const all = useLiveQuery(() => db.targets.where('deleted').equals(0).toArray(), [db]);
  const rows = useMemo(() => {
    const q = normaliseUnitName(search.trim()).toLowerCase();
    return (all ?? [])
      .filter((t) => !present.has(t.id) && (!kind || t.kind === kind) && (!q || normaliseUnitName(t.name).toLowerCase().includes(q) || t.region.includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }, [all, present, kind, search]);
  return (
    <Modal
      open={open}
      title="添加被检查单位"
      okText={selected.length ? `加入 ${selected.length} 家单位` : '加入'}
      okButtonProps={{ disabled: selected.length === 0 }}
      cancelText="取消"
      width={760}
      destroyOnHidden
      afterOpenChange={(o) => !o && setSelected([])}
      onCancel={onCancel}
      onOk={async () => {
        const byId = new Map((all ?? []).map((t) => [t.id, t]));
        await onSubmit(selected.map((id) => byId.get(id)!).filter(Boolean));
        setSelected([]);
      }}
    >
      <Space style={{ marginBottom: 8 }}>
        <Select allowClear placeholder="全部类别" style={{ width: 150 }} value={kind} onChange={setKind} options={TARGET_KINDS.map((k) => ({ value: k, label: k }))} />
        <Input.Search allowClear placeholder="搜索名称或地区" style={{ width: 240 }} onSearch={setSearch} onChange={(e) => !e.target.value && setSearch('')} />
      </Space>
      <Table<TargetRow>
        rowKey="id"
        size="small"
        dataSource={rows}
        loading={!all}
        pagination={{ pageSize: 8, showSizeChanger: false, showTotal: (t) => `可添加 ${t} 家` }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true }}
        locale={{ emptyText: '没有可添加的单位' }}
        columns={[
          { title: '单位名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', width: 120, render: (k: string) => <Tag>{k}</Tag> },
          { title: '所属地区', dataIndex: 'region', width: 120 },
        ]}
      />
      <div className="zw-muted" style={{ fontSize: 12 }}>手动添加的单位在修改记录中标明“手动添加”及操作人。</div>
    </Modal>
  );
}
