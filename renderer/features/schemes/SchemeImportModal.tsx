import { Alert, App, Button, Descriptions, Modal, Radio, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { builtinScheme } from '../../../shared/schemes/index';
import type { SchemeImportResult } from '../../../shared/scheme/validate';
import { useSchemeRepository } from './schemeRepository';
import { capText, rangeText, schemeCounts } from './schemeText';

/**
 * The result of reading a scheme file: every error with its place (nothing is
 * written), or a preview of the scheme to confirm before it is saved.
 */
export function SchemeImportModal({
  fileName,
  result,
  onClose,
  onImported,
}: {
  fileName: string;
  result: SchemeImportResult;
  onClose: () => void;
  onImported: (id: string) => void;
}) {
  const repo = useSchemeRepository();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<'new' | 'replace'>('new');
  const scheme = result.ok ? result.scheme : null;
  const existing = useLiveQuery(async () => (scheme ? ((await repo.getRow(scheme.id)) ?? null) : null), [repo, scheme]);
  const replaceable = !!existing && !existing.deleted;
  const idTaken = !!scheme && (!!builtinScheme(scheme.id) || !!existing);

  async function confirm() {
    if (!scheme) return;
    setBusy(true);
    try {
      const row = replaceable && mode === 'replace' ? await repo.importReplacing(scheme.id, scheme) : await repo.importAsNew(scheme);
      message.success(`已导入「${row.name}」`);
      onImported(row.id);
    } catch (e) {
      message.error(`导入失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const footer = scheme ? (
    <Space>
      <Button onClick={onClose}>取消</Button>
      <Button type="primary" loading={busy} onClick={confirm}>
        确认导入
      </Button>
    </Space>
  ) : (
    <Button onClick={onClose}>关闭</Button>
  );

  return (
    <Modal open width={860} title={`导入方案：${fileName}`} onCancel={onClose} footer={footer} destroyOnHidden>
      {!result.ok ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert
            type="error"
            showIcon
            data-testid="scheme-import-errors"
            title={`文件中有 ${result.errors.length} 处错误，未写入任何数据。请按下列提示修改后重新导入。`}
          />
          <ol className="scheme-error-list" aria-label="错误列表">
            {result.errors.map((e, i) => (
              <li key={`${e.path}|${i}`}>
                {e.message}
                {e.path && <Typography.Text type="secondary"> （位置：{e.path}）</Typography.Text>}
              </li>
            ))}
          </ol>
        </Space>
      ) : (
        scheme && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Alert type="success" showIcon title="文件检查通过，确认后保存为本单位方案。" />
            <Descriptions bordered size="small" column={2} data-testid="scheme-import-preview">
              <Descriptions.Item label="方案名称" span={2}>
                {scheme.name}
              </Descriptions.Item>
              <Descriptions.Item label="年度">{scheme.year}</Descriptions.Item>
              <Descriptions.Item label="版本">第{scheme.version}版</Descriptions.Item>
              <Descriptions.Item label="发布单位">{scheme.issuer || '—'}</Descriptions.Item>
              <Descriptions.Item label="适用对象">{scheme.targetKinds.join('、')}</Descriptions.Item>
              <Descriptions.Item label="内容" span={2}>
                {(() => {
                  const c = schemeCounts(scheme);
                  return `${c.sections} 节，${c.indicators} 项指标，${c.rules} 条评分规则`;
                })()}
              </Descriptions.Item>
              <Descriptions.Item label="总分规则" span={2}>
                {capText(scheme.totals.deductionCap, '减分')}；净得分范围 {rangeText(scheme.totals.min, scheme.totals.max)}
                {scheme.grades ? `；分${scheme.grades.length}个等次` : ''}
              </Descriptions.Item>
            </Descriptions>
            {idTaken &&
              (replaceable ? (
                <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
                  <Space orientation="vertical">
                    <Radio value="new">另存为一份新方案（原方案保留不变）</Radio>
                    <Radio value="replace">更新已有方案「{existing!.name}」（第{existing!.scheme.version}版），版本号递增</Radio>
                  </Space>
                </Radio.Group>
              ) : (
                <Alert type="info" showIcon title="文件中的方案编号与已有方案相同，将以新的编号另存为一份方案。" />
              ))}
          </Space>
        )
      )}
    </Modal>
  );
}
