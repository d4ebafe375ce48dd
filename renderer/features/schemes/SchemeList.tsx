import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes/index';
import type { SchemeImportResult } from '../../../shared/scheme/validate';
import { getPlatform } from '../../platform';
import { SchemeImportModal } from './SchemeImportModal';
import { MAX_SCHEME_FILE_BYTES, SCHEME_FILE_FILTERS, XLSX_FILTERS, readSchemeFile, schemeXlsxBytes } from './schemeFileJob';
import { useSchemeRepository, type SchemeListItem } from './schemeRepository';
import { schemeCounts } from './schemeText';
import { useSchemeActions } from './useSchemeActions';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** 考核方案: built-in and own schemes, import, template download. */
export function SchemeList() {
  const repo = useSchemeRepository();
  const actions = useSchemeActions();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [view, setView] = useState<'active' | 'deleted'>('active');
  const [importing, setImporting] = useState<{ fileName: string; result: SchemeImportResult } | null>(null);
  const [reading, setReading] = useState(false);

  const items = useLiveQuery(
    async () =>
      view === 'active'
        ? repo.listItems()
        : (await repo.listOwn({ deleted: true })).map((row): SchemeListItem => ({ scheme: row.scheme, builtin: false, row })),
    [repo, view],
  );
  const drafts = useLiveQuery(() => repo.draftIds(), [repo]) ?? new Set<string>();

  async function startImport() {
    try {
      const [file] = await getPlatform().pickFiles({ filters: SCHEME_FILE_FILTERS, maxBytes: MAX_SCHEME_FILE_BYTES });
      if (!file) return;
      setReading(true);
      setImporting({ fileName: file.name, result: await readSchemeFile(file.name, file.bytes) });
    } catch (e) {
      message.error({ content: `导入失败：${errorText(e)}`, duration: 8 });
    } finally {
      setReading(false);
    }
  }

  async function downloadTemplate() {
    const hide = message.loading('正在生成 Excel 模板…', 0);
    try {
      const bytes = await schemeXlsxBytes(PANJIN_2024_COUNTY);
      hide();
      await getPlatform().saveFile('考核方案Excel模板（以2024年盘锦市县区政府细则为例）.xlsx', bytes, XLSX_FILTERS);
    } catch (e) {
      hide();
      message.error(`生成模板失败：${errorText(e)}`);
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <h1 className="page-title">考核方案</h1>
      <Card>
        <div className="scheme-toolbar">
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'active' | 'deleted')}
            options={[
              { value: 'active', label: '全部方案' },
              { value: 'deleted', label: '回收站' },
            ]}
          />
          <Typography.Text type="secondary" className="scheme-toolbar-hint">
            内置方案不能修改，可复制为本单位方案后编辑。
          </Typography.Text>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
              下载 Excel 模板
            </Button>
            <Button type="primary" icon={<ImportOutlined />} loading={reading} onClick={startImport}>
              导入方案
            </Button>
          </Space>
        </div>
        <Table<SchemeListItem>
          rowKey={(i) => i.scheme.id}
          bordered
          size="middle"
          loading={!items}
          dataSource={items ?? []}
          pagination={false}
          locale={{ emptyText: view === 'deleted' ? '回收站为空' : '暂无方案' }}
          columns={[
            {
              title: '方案名称',
              key: 'name',
              render: (_, { scheme, builtin }) => (
                <Space orientation="vertical" size={2}>
                  <span className="scheme-name">
                    {builtin ? <Tag color="red">内置</Tag> : <Tag color="blue">本单位</Tag>}
                    {scheme.name}
                  </span>
                  {drafts.has(scheme.id) && <Tag color="warning">有未保存的修改</Tag>}
                </Space>
              ),
            },
            { title: '年度', key: 'year', width: 68, align: 'center', render: (_, { scheme }) => scheme.year },
            { title: '发布单位', key: 'issuer', width: 150, render: (_, { scheme }) => scheme.issuer || '—' },
            {
              title: '适用对象',
              key: 'kinds',
              width: 116,
              render: (_, { scheme }) => (
                <Space orientation="vertical" size={2}>
                  {scheme.targetKinds.map((k) => (
                    <span key={k}>{k}</span>
                  ))}
                </Space>
              ),
            },
            { title: '指标', key: 'indicators', width: 64, align: 'center', render: (_, { scheme }) => `${schemeCounts(scheme).indicators} 项` },
            { title: '规则', key: 'rules', width: 64, align: 'center', render: (_, { scheme }) => `${schemeCounts(scheme).rules} 条` },
            { title: '版本', key: 'version', width: 64, align: 'center', render: (_, { scheme }) => `第${scheme.version}版` },
            {
              title: '操作',
              key: 'actions',
              width: 300,
              render: (_, { scheme, builtin }) =>
                view === 'deleted' ? (
                  <Button size="small" onClick={() => actions.restore(scheme)}>
                    恢复
                  </Button>
                ) : (
                  <div className="scheme-actions">
                    <Button size="small" onClick={() => navigate(`/schemes/view/${encodeURIComponent(scheme.id)}`)}>
                      查看
                    </Button>
                    {!builtin && (
                      <Button size="small" type="primary" ghost onClick={() => navigate(`/schemes/edit/${encodeURIComponent(scheme.id)}`)}>
                        编辑
                      </Button>
                    )}
                    <Button size="small" onClick={() => actions.clone(scheme)}>
                      复制为本单位方案
                    </Button>
                    <Button size="small" onClick={() => actions.exportJson(scheme)}>
                      导出方案文件
                    </Button>
                    <Button size="small" onClick={() => actions.exportXlsx(scheme)}>
                      导出 Excel
                    </Button>
                    {!builtin && (
                      <Button size="small" danger onClick={() => actions.remove(scheme)}>
                        删除
                      </Button>
                    )}
                  </div>
                ),
            },
          ]}
        />
      </Card>
      {importing && (
        <SchemeImportModal
          fileName={importing.fileName}
          result={importing.result}
          onClose={() => setImporting(null)}
          onImported={(id) => {
            setImporting(null);
            navigate(`/schemes/view/${encodeURIComponent(id)}`);
          }}
        />
      )}
    </Space>
  );
}
