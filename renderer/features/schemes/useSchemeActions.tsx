import { App } from 'antd';
import { useNavigate } from 'react-router-dom';
import { exportSchemeJson } from '../../../shared/scheme/json';
import type { Scheme } from '../../../shared/scheme/model';
import { getPlatform } from '../../platform';
import { JSON_FILTERS, XLSX_FILTERS, safeFileName, schemeXlsxBytes } from './schemeFileJob';
import { useSchemeRepository } from './schemeRepository';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The actions offered on a scheme from the list and from the read-only view. */
export function useSchemeActions() {
  const repo = useSchemeRepository();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();

  return {
    /** 复制为本单位方案, then open the copy in the editor. */
    async clone(scheme: Scheme) {
      try {
        const row = await repo.clone(scheme);
        message.success(`已复制为本单位方案「${row.name}」`);
        navigate(`/schemes/edit/${encodeURIComponent(row.id)}`);
      } catch (e) {
        message.error(`复制失败：${errorText(e)}`);
      }
    },
    async exportJson(scheme: Scheme) {
      try {
        const bytes = new TextEncoder().encode(exportSchemeJson(scheme));
        const saved = await getPlatform().saveFile(`${safeFileName(scheme.name)}（第${scheme.version}版）.json`, bytes, JSON_FILTERS);
        if (saved) message.success('已导出方案文件');
      } catch (e) {
        message.error(`导出失败：${errorText(e)}`);
      }
    },
    async exportXlsx(scheme: Scheme) {
      const hide = message.loading('正在生成 Excel 文件…', 0);
      try {
        const bytes = await schemeXlsxBytes(scheme);
        hide();
        const saved = await getPlatform().saveFile(`${safeFileName(scheme.name)}（第${scheme.version}版）.xlsx`, bytes, XLSX_FILTERS);
        if (saved) message.success('已导出 Excel 文件');
      } catch (e) {
        hide();
        message.error(`导出失败：${errorText(e)}`);
      }
    },
    remove(scheme: Scheme, after?: () => void) {
      modal.confirm({
        title: `删除方案「${scheme.name}」？`,
        content: '删除后移入回收站，可随时恢复；已开始的检查任务使用创建时的方案副本，不受影响。',
        okText: '删除',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: async () => {
          try {
            await repo.softDelete(scheme.id);
            message.success(`已将「${scheme.name}」移入回收站`);
            after?.();
          } catch (e) {
            message.error(`删除失败：${errorText(e)}`);
          }
        },
      });
    },
    async restore(scheme: Scheme) {
      await repo.restore(scheme.id);
      message.success(`已恢复「${scheme.name}」`);
    },
  };
}
