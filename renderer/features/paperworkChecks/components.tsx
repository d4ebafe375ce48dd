import type { TableImportState } from './useTableImport';
import { FileExcelOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import type { ImportError, SourceInfo } from '../../../shared/checks/types';
import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import type { CheckRunRow } from '../../db/database';
import type { CheckRunRepository } from './checkRunRepository';
import { rulesForSlot, type RuleOption } from './ruleChoice';
import type { CheckKind, FeedSlot } from './types';

export interface CheckContextValue {
  assessment: Assessment;
  inspection: Inspection;
  repo: CheckRunRepository;
  ruleOptions: RuleOption[];
  /** Title printed on exported reports. */
  reportTitle: string;
  runs: CheckRunRow[];
  /** Rules chosen at the last run of each kind in this round. */
  remembered: Partial<Record<CheckKind, Partial<Record<FeedSlot, string | null>>>>;
}

export const CheckContext = createContext<CheckContextValue | null>(null);

export function useCheckContext(): CheckContextValue {
  const v = useContext(CheckContext);
  if (!v) throw new Error('CheckContext missing');
  return v;
}

export const SPREADSHEET_FILTERS = [{ name: 'Excel/CSV 表格', extensions: ['xlsx', 'xls', 'csv', 'et'] }];

const NONE = '__none__';

/** Chooses the scheme rule a result feeds (grouped by indicator), or none. */
export function RuleSelect({ slot, value, onChange, width = 460, ariaLabel }: { slot: FeedSlot; value: string | null; onChange: (ruleId: string | null) => void; width?: number | string; ariaLabel?: string }) {
  const { ruleOptions } = useCheckContext();
  const options = rulesForSlot(ruleOptions, slot);
  const groups = new Map<string, RuleOption[]>();
  for (const o of options) {
    const list = groups.get(o.indicatorTitle) ?? [];
    list.push(o);
    groups.set(o.indicatorTitle, list);
  }
  return (
    <Select
      aria-label={ariaLabel ?? '计入规则'}
      style={{ width }}
      showSearch={{ optionFilterProp: 'title' }}
      value={value ?? NONE}
      onChange={(v: string) => onChange(v === NONE ? null : v)}
      popupMatchSelectWidth={false}
      options={[
        { value: NONE, label: '不计入评分（仅记录核查结果）', title: '不计入评分' },
        ...[...groups].map(([indicator, list]) => ({
          label: indicator,
          title: indicator,
          options: list.map((o) => ({ value: o.ruleId, label: o.label, title: `${indicator} ${o.label}` })),
        })),
      ]}
    />
  );
}

/** File name, worksheet and SHA-256 of the data a result comes from. */
export function SourceLine({ source, extra }: { source: SourceInfo; extra?: ReactNode }) {
  return (
    <Space size={[12, 4]} wrap data-testid="source-line">
      <span>
        <FileExcelOutlined style={{ color: '#1d6f42', marginRight: 6 }} />
        <Typography.Text strong>{source.fileName}</Typography.Text>
        {source.sheetName ? <Typography.Text type="secondary">（工作表：{source.sheetName}）</Typography.Text> : null}
      </span>
      {source.sha256 ? null : <Tag>手工录入</Tag>}
      {source.sha256 ? (
        // The file's fingerprint is evidence, not something to read: kept in a fold, in words.
        <details className="zw-details" data-testid="source-hash">
          <summary>详细信息</summary>
          <Typography.Text type="secondary" copyable={{ text: source.sha256, tooltips: ['复制校验值', '已复制'] }}>
            所核查文件的校验值（SHA-256）：<span style={{ fontFamily: 'Consolas, monospace', fontSize: 12 }}>{source.sha256}</span>
          </Typography.Text>
        </details>
      ) : null}
      {extra}
    </Space>
  );
}

/** The reader's message for a file that cannot be used; says that nothing was written. */
export function ImportErrorBox({ error, action }: { error: ImportError; action?: ReactNode }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="import-error"
      title={`无法使用「${error.fileName}」`}
      description={
        <Space orientation="vertical" size={4}>
          <span>{error.message}</span>
          <Typography.Text type="secondary">未写入任何数据。</Typography.Text>
        </Space>
      }
      action={action}
    />
  );
}

/**
 * What a table import is doing: reading (a spinner) or refused (the reader's
 * message, with a way to map the columns by hand when no header row was found).
 */
export function ImportProgress({ state, onMap, mapLabel = '手动指定表头和各列', onCancel }: { state: TableImportState<unknown>; onMap: () => void; mapLabel?: string; onCancel?: () => void }) {
  if (state.status === 'parsing') return <ParsingIndicator label={state.label} onCancel={onCancel} />;
  if (state.status !== 'error' || !state.error) return null;
  return (
    <ImportErrorBox
      error={state.error}
      action={
        state.help ? (
          <Button size="small" onClick={onMap}>
            {mapLabel}
          </Button>
        ) : undefined
      }
    />
  );
}

export function ParsingIndicator({ label, onCancel }: { label: string; onCancel?: () => void }) {
  return (
    <div data-testid="parsing" style={{ padding: '28px 0', textAlign: 'center' }}>
      <Spin indicator={<LoadingOutlined spin />} size="large" description={`正在读取「${label}」…`}>
        <div style={{ height: 48 }} />
      </Spin>
      {onCancel && (
        <Button size="small" onClick={onCancel} style={{ marginTop: 8 }} data-testid="cancel-parsing">
          取消
        </Button>
      )}
    </div>
  );
}

/** The bar above a result: what counts, export, confirm. */
export function CheckActionBar({ summary, onExport, onConfirm, confirmDisabled, confirmHint, exporting }: { summary: ReactNode; onExport: () => void; onConfirm: () => void; confirmDisabled?: boolean; confirmHint?: string; exporting?: boolean }) {
  return (
    <div className="pc-actionbar">
      <div className="pc-actionbar-summary">{summary}</div>
      <Space>
        <Button onClick={onExport} loading={exporting}>
          导出检查报告
        </Button>
        <Tooltip title={confirmDisabled ? confirmHint : undefined}>
          <Button type="primary" onClick={onConfirm} disabled={confirmDisabled}>
            确认结果
          </Button>
        </Tooltip>
      </Space>
    </div>
  );
}

export function Stat({ label, value, danger, strong }: { label: string; value: number | string; danger?: boolean; strong?: boolean }) {
  return (
    <div className={`pc-stat${danger ? ' pc-stat-danger' : ''}${strong ? ' pc-stat-strong' : ''}`}>
      <div className="pc-stat-value">{value}</div>
      <div className="pc-stat-label">{label}</div>
    </div>
  );
}
