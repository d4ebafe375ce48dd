import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatBytes } from '../../app/storage';
import { useSession } from '../../store/sessionStore';
import { PhotoRepository, type OriginalsCheck } from '../photos/photoRepository';

/**
 * 照片原件: the original files kept as evidence, the space they take, and 核验:
 * every original re-hashed against the SHA-256 that captions and reports print.
 */
export function OriginalsCard() {
  const session = useSession();
  const [repo] = useState(() => new PhotoRepository(session.db, session.logger));
  const [usage, setUsage] = useState<{ count: number; bytes: number } | null>(null);
  const [copies, setCopies] = useState<number | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<OriginalsCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Nothing is set once the card has gone (the reads may end after it closed).
    let shown = true;
    void repo.originals.usage().then(
      (u) => shown && setUsage(u),
      () => shown && setUsage(null),
    );
    void repo.storageBytes().then(
      (b) => shown && setCopies(b),
      () => undefined,
    );
    return () => {
      shown = false;
    };
  }, [repo, result]);

  async function verify() {
    setResult(null);
    setError(null);
    setProgress(0);
    try {
      setResult(await repo.verifyOriginals((done, total) => setProgress(total ? Math.floor((done / total) * 100) : 100)));
    } catch (e) {
      setError(`核验未完成：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setProgress(null);
    }
  }

  const where = repo.originals.kind === 'files' ? '软件数据文件夹（originals）' : '浏览器本地存储（IndexedDB）';
  return (
    <Card title="照片原件">
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="原件">
          <span data-testid="originals-usage">{usage ? `${usage.count} 张，占用 ${formatBytes(usage.bytes)}` : '—'}</span>（保存在{where}，与报告中打印的 SHA-256 对应，供日后核验）
        </Descriptions.Item>
        <Descriptions.Item label="存储副本与缩略图">{copies === null ? '—' : formatBytes(copies)}</Descriptions.Item>
      </Descriptions>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button icon={<SafetyCertificateOutlined />} onClick={verify} loading={progress !== null}>
          核验照片原件
        </Button>
        {progress !== null && <Progress percent={progress} style={{ maxWidth: 360 }} />}
        {error && <Alert type="error" showIcon title={error} />}
        {result && (
          <Alert
            data-testid="originals-check"
            type={result.mismatched.length ? 'error' : result.missing.length ? 'warning' : 'success'}
            showIcon
            title={`已核验 ${result.checked} 张照片：${result.ok} 张原件与哈希值一致${result.mismatched.length ? `，${result.mismatched.length} 张不一致` : ''}${result.missing.length ? `，${result.missing.length} 张缺少原件` : ''}`}
            description={
              result.mismatched.length || result.missing.length ? (
                <div>
                  {result.mismatched.map((p) => (
                    <div key={p.id}>
                      <Typography.Text type="danger">不一致：</Typography.Text>
                      {p.originalName}（{p.id.slice(0, 12)}…）——原件文件已被改动或损坏，请从备份恢复
                    </div>
                  ))}
                  {result.missing.slice(0, 50).map((p) => (
                    <div key={p.id}>
                      缺少原件：{p.originalName}（{p.id.slice(0, 12)}…）——可能早于本版本导入，或原件文件已丢失
                    </div>
                  ))}
                  {result.missing.length > 50 && <div>……另有 {result.missing.length - 50} 张</div>}
                </div>
              ) : undefined
            }
          />
        )}
      </Space>
    </Card>
  );
}
