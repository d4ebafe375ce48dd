import { Alert, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { TABLE_FIELDS, type ColumnMapping, type HeaderColumn, type MappingHelp, type MappingProposal, type TableKind } from '../../../shared/checks/columns';
import { columnLetter } from '../../../shared/checks/text';

const NONE = 'none';

type Choice = string; // 'none' | '3' | '8,9'

function choiceOf(columns: number[]): Choice {
  return columns.length ? columns.join(',') : NONE;
}

function targetOf(choice: Choice | undefined): number | number[] | null | undefined {
  if (choice === undefined) return undefined;
  if (choice === NONE) return null;
  const cols = choice.split(',').map(Number);
  return cols.length === 1 ? cols[0] : cols;
}

/** Columns of the header row picked in a sheet that has no recognisable header. */
function headersFromSample(help: MappingHelp, headerRow: number): HeaderColumn[] {
  const width = Math.max(0, ...help.sample.map((r) => r.cells.length));
  const row = help.sample.find((r) => r.row === headerRow);
  return Array.from({ length: width }, (_, i) => {
    const text = headerRow > 0 ? (row?.cells[i] ?? '') : '';
    return { index: i, letter: columnLetter(i), top: text, sub: '', text };
  });
}

/**
 * The manual mapping screen: for each element the check needs, the column that
 * holds it, or 无此列. Used when the headers are not recognised (or the
 * inspector wants to correct the automatic match). It shows what was found.
 */
export function MappingModal({
  kind,
  title,
  proposal,
  help,
  required,
  multiple = [],
  shareable = [],
  absentByDefault = false,
  intro,
  onCancel,
  onApply,
}: {
  kind: TableKind;
  title: string;
  /** The proposal of the preview (header found), or of `help` (no header found). */
  proposal: MappingProposal;
  help: MappingHelp | null;
  required: readonly string[];
  /** Fields that may be formed by several columns (a multi-level 事项名称). */
  multiple?: readonly string[];
  /** Pairs of fields that may share one column (公开形式 holding channel and method). */
  shareable?: readonly (readonly [string, string])[];
  /** Fields not found start as 无此列 (only the required ones must be chosen). */
  absentByDefault?: boolean;
  /** Why the window opened. */
  intro?: string;
  onCancel: () => void;
  /** Returns an error message when the mapping does not work. */
  onApply: (mapping: ColumnMapping) => Promise<string | null>;
}) {
  const fields = TABLE_FIELDS[kind];
  const [headerRow, setHeaderRow] = useState<number>(help ? (help.sample[0]?.row ?? 1) : (proposal.headerRow ?? 0));
  const headers = useMemo(() => (help ? headersFromSample(help, headerRow) : proposal.headers), [help, headerRow, proposal.headers]);
  const [choices, setChoices] = useState<Record<string, Choice>>(() => {
    const out: Record<string, Choice> = {};
    for (const f of proposal.fields) {
      if (f.columns.length) out[f.field] = choiceOf(f.columns);
      else if (f.confidence === 'manual' || (absentByDefault && !required.includes(f.field))) out[f.field] = NONE;
    }
    return out;
  });
  const found = useMemo(() => new Map(proposal.fields.map((f) => [f.field, f])), [proposal.fields]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Groups of sub-columns under one merged header (公开对象 → 全社会/特定群体) can be chosen as one.
  const groupOptions = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    for (const f of proposal.fields) {
      if (f.columns.length < 2) continue;
      const v = choiceOf(f.columns);
      if (seen.has(v)) continue;
      seen.add(v);
      out.push({ value: v, label: `${f.letters}　${f.header ?? ''}` });
    }
    return out;
  }, [proposal.fields]);

  const columnOptions = [
    { value: NONE, label: '无此列' },
    ...groupOptions,
    ...headers.map((h) => ({ value: String(h.index), label: `${h.letter}　${h.text || '（无表头）'}` })),
  ];

  const missing = fields.filter((f) => required.includes(f.key) && choices[f.key] === undefined);
  const used = new Map<string, string[]>();
  for (const [field, c] of Object.entries(choices)) {
    if (c === NONE) continue;
    for (const col of c.split(',')) used.set(col, [...(used.get(col) ?? []), field]);
  }
  const mayShare = (list: string[]) => list.length === 2 && shareable.some(([a, b]) => list.includes(a) && list.includes(b));
  const clash = [...used.values()].find((list) => list.length > 1 && !mayShare(list));

  async function apply() {
    setBusy(true);
    setError(null);
    try {
      const columns: ColumnMapping['columns'] = {};
      for (const f of fields) {
        const t = targetOf(choices[f.key]);
        if (t !== undefined) columns[f.key] = t;
      }
      const mapping: ColumnMapping = help ? { headerRow, columns } : { columns };
      const message = await onApply(mapping);
      if (message) setError(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={860}
      title={title}
      okText="按此对应读取"
      cancelText="取消"
      onCancel={onCancel}
      onOk={apply}
      confirmLoading={busy}
      okButtonProps={{ disabled: missing.length > 0 || !!clash }}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {intro ? <Alert type="info" showIcon title={intro} /> : null}
        <Typography.Text type="secondary">
          请为每个要素指定表格中对应的列；表格中确实没有的要素选“无此列”（检查报告中写明“目录中没有该列”）。对应关系会按表头记住，下次导入相同格式的表格时自动使用。
        </Typography.Text>
        {help ? (
          <>
            <Space>
              <span>表头所在行：</span>
              <Select
                aria-label="表头所在行"
                style={{ width: 420 }}
                value={headerRow}
                onChange={(v: number) => {
                  setHeaderRow(v);
                  setChoices({});
                }}
                options={[
                  ...help.sample.map((r) => ({ value: r.row, label: `第${r.row}行：${r.cells.filter(Boolean).slice(0, 5).join('｜')}` })),
                  { value: 0, label: '表格没有表头（第1行起即为数据）' },
                ]}
              />
            </Space>
            <Table
              size="small"
              bordered
              pagination={false}
              scroll={{ x: true, y: 160 }}
              rowKey="row"
              dataSource={help.sample.slice(0, 8)}
              columns={[
                { title: '行', dataIndex: 'row', width: 48, fixed: 'left' },
                ...headers.slice(0, 12).map((h) => ({
                  title: h.letter,
                  key: h.letter,
                  width: 110,
                  ellipsis: true,
                  render: (_: unknown, r: { cells: string[] }) => r.cells[h.index] ?? '',
                })),
              ]}
            />
          </>
        ) : null}
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={fields.map((f) => ({ key: f.key, label: f.label }))}
          columns={[
            {
              title: '要素',
              width: 180,
              render: (_, f) => (
                <Space size={4}>
                  <span>{f.label}</span>
                  {required.includes(f.key) ? <Tag color="red">必需</Tag> : null}
                </Space>
              ),
            },
            {
              title: '对应的列',
              render: (_, f) => {
                const set = (v: Choice | undefined) =>
                  setChoices((c) => {
                    const next = { ...c };
                    if (v === undefined || v === '') delete next[f.key];
                    else next[f.key] = v;
                    // A column chosen here is taken from the other fields that had it (unless they may share it).
                    const cols = v && v !== NONE ? v.split(',') : [];
                    for (const [other, choice] of Object.entries(next)) {
                      if (other === f.key || choice === NONE || mayShare([other, f.key])) continue;
                      if (!choice.split(',').some((x) => cols.includes(x))) continue;
                      const rest = choice.split(',').filter((x) => !cols.includes(x));
                      if (rest.length) next[other] = rest.join(',');
                      else if (required.includes(other)) delete next[other];
                      else next[other] = NONE;
                    }
                    return next;
                  });
                if (multiple.includes(f.key)) {
                  const value = choices[f.key] === undefined ? [] : choices[f.key] === NONE ? [NONE] : choices[f.key].split(',');
                  return (
                    <Select
                      mode="multiple"
                      aria-label={`${f.label}对应的列`}
                      style={{ width: 360 }}
                      placeholder="请选择一列或多列（多级名称按列的顺序组成路径）"
                      allowClear
                      value={value}
                      onChange={(v: string[]) => {
                        const last = v[v.length - 1];
                        if (last === NONE) return set(NONE);
                        const cols = v.filter((x) => x !== NONE).map(Number).sort((a, b) => a - b);
                        set(cols.length ? cols.join(',') : undefined);
                      }}
                      options={[{ value: NONE, label: '无此列' }, ...headers.map((h) => ({ value: String(h.index), label: `${h.letter}　${h.text || '（无表头）'}` }))]}
                    />
                  );
                }
                return <Select aria-label={`${f.label}对应的列`} style={{ width: 360 }} placeholder="请选择列" allowClear value={choices[f.key]} onChange={set} options={columnOptions} />;
              },
            },
            {
              title: '自动识别',
              render: (_, f) => {
                const p = found.get(f.key);
                if (p?.columns.length) return <Typography.Text type="secondary">{`${p.letters}列「${p.header ?? ''}」`}</Typography.Text>;
                return <Typography.Text type={required.includes(f.key) ? 'danger' : 'secondary'}>未找到</Typography.Text>;
              },
            },
          ]}
        />
        {missing.length ? <Alert type="warning" showIcon title={`请为必需的要素指定列或选择“无此列”：${missing.map((f) => f.label).join('、')}`} /> : null}
        {clash ? <Alert type="warning" showIcon title="同一列不能对应两个要素" /> : null}
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Space>
    </Modal>
  );
}
