import { Alert, Button, Card, Descriptions, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { NoticeCheck } from '../../../shared/trust/noticeSignature';
import { useSession } from '../../store/sessionStore';
import { checkNoticeText } from './noticeSigning';

/** 验证: paste (or scan with a reader that types) the text of a notice's QR code. */
export function NoticeVerifyPanel() {
  const { db } = useSession();
  const [text, setText] = useState('');
  const [result, setResult] = useState<NoticeCheck | null>(null);
  return (
    <Card title="整改通知书验证">
      <Typography.Paragraph type="secondary">用扫码枪扫描通知书上的二维码，或粘贴二维码中的文字，核对文号、内容摘要和签发电脑的签名。</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.TextArea rows={3} aria-label="二维码内容" value={text} onChange={(e) => setText(e.target.value)} placeholder="整改通知书|……" />
        <Button type="primary" disabled={!text.trim()} onClick={async () => setResult(await checkNoticeText(db, text))}>
          验证
        </Button>
        {result && (
          <Alert
            type={result.valid ? (result.reason ? 'warning' : 'success') : 'error'}
            showIcon
            title={<span data-testid="notice-check">{result.valid ? '有效' : '无效'}</span>}
            description={
              <Descriptions
                size="small"
                column={1}
                items={[
                  ...(result.number ? [{ label: '文号', children: result.number }] : []),
                  ...(result.contentHash ? [{ label: '内容摘要', children: result.contentHash.slice(0, 16) }] : []),
                  ...(result.issuer ? [{ label: '签发', children: result.issuer }] : []),
                  ...(result.reason ? [{ label: result.valid ? '提示' : '原因', children: result.reason }] : []),
                ]}
              />
            }
          />
        )}
      </Space>
    </Card>
  );
}
