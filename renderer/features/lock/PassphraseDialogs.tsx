import { Alert, Input, Modal, Radio, Space, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { passphraseProblem } from '../../../shared/crypto/envelope';
import { useSession } from '../../store/sessionStore';
import { officeKey, PassphraseError, type BundleProtection } from './sealing';

type Pending<T> = { resolve: (v: T | null) => void } | null;

/**
 * Asks for the passphrase of a sealed file. `ask(message)` resolves with what
 * was typed, or null when the user cancels; render `dialog` once.
 */
export function usePassphrasePrompt(): { dialog: ReactNode; ask: (what: string, problem?: string) => Promise<string | null> } {
  const [state, setState] = useState<{ what: string; problem?: string } | null>(null);
  const [value, setValue] = useState('');
  const pending = useRef<Pending<string>>(null);
  const close = (v: string | null) => {
    pending.current?.resolve(v);
    pending.current = null;
    setState(null);
    setValue('');
  };
  const dialog = (
    <Modal
      open={!!state}
      title="输入密码"
      okText="打开"
      cancelText="取消"
      okButtonProps={{ disabled: !value }}
      onOk={() => close(value)}
      onCancel={() => close(null)}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{state?.what}已加密，请输入导出时设置的密码。</Typography.Text>
        {state?.problem && <Alert type="error" showIcon title={state.problem} />}
        <Input.Password autoFocus aria-label="文件密码" value={value} onChange={(e) => setValue(e.target.value)} onPressEnter={() => value && close(value)} />
      </Space>
    </Modal>
  );
  return {
    dialog,
    ask: (what, problem) =>
      new Promise((resolve) => {
        pending.current = { resolve };
        setState({ what, problem });
      }),
  };
}

/** A passphrase typed twice, checked; null while it is not acceptable. */
function PassphraseFields({ onChange }: { onChange: (p: string | null) => void }) {
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const problem = a ? passphraseProblem(a) ?? (b && a !== b ? '两次输入的密码不一致' : null) : null;
  const update = (x: string, y: string) => onChange(x && x === y && !passphraseProblem(x) ? x : null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Password
        aria-label="设置密码"
        placeholder="设置密码（至少 8 位）"
        value={a}
        onChange={(e) => {
          setA(e.target.value);
          update(e.target.value, b);
        }}
      />
      <Input.Password
        aria-label="再次输入密码"
        placeholder="再次输入密码"
        value={b}
        onChange={(e) => {
          setB(e.target.value);
          update(a, e.target.value);
        }}
      />
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
      <Typography.Text type="secondary">密码不会保存在本机，也无法找回；请通过电话等其他途径告知接收人，不要与文件一起发送。</Typography.Text>
    </Space>
  );
}

/**
 * How a bundle is protected before it is written. In an office: sealed for
 * the office without asking. Otherwise the user sets a passphrase, or sends
 * it plain after a red warning.
 */
export function useBundleProtection(): { dialog: ReactNode; ask: () => Promise<BundleProtection | null> } {
  const { db } = useSession();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'passphrase' | 'plain'>('passphrase');
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const pending = useRef<Pending<BundleProtection>>(null);
  const close = (v: BundleProtection | null) => {
    pending.current?.resolve(v);
    pending.current = null;
    setOpen(false);
    setMode('passphrase');
    setPassphrase(null);
  };
  const ready = mode === 'plain' || !!passphrase;
  const dialog = (
    <Modal
      open={open}
      title="保护同步数据包"
      okText={mode === 'plain' ? '仍以未加密方式导出' : '加密并导出'}
      okButtonProps={{ disabled: !ready, danger: mode === 'plain' }}
      cancelText="取消"
      onOk={() => close(mode === 'plain' ? { mode: 'plain' } : { mode: 'passphrase', passphrase: passphrase! })}
      onCancel={() => close(null)}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>本机尚未加入单位，无法自动为单位加密。</Typography.Text>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
          <Space orientation="vertical">
            <Radio value="passphrase">设置密码加密（推荐）</Radio>
            <Radio value="plain">不加密</Radio>
          </Space>
        </Radio.Group>
        {mode === 'passphrase' ? (
          <PassphraseFields onChange={setPassphrase} />
        ) : (
          <Alert
            type="error"
            showIcon
            title="未加密的数据包任何人都能打开"
            description="拿到这个文件（例如捡到 U 盘）的人可以直接读出其中全部问题、评分和照片。只有确实无法告知对方密码时才选择此项。"
          />
        )}
      </Space>
    </Modal>
  );
  return {
    dialog,
    ask: async () => {
      if (await officeKey(db)) return { mode: 'office' };
      return new Promise((resolve) => {
        pending.current = { resolve };
        setOpen(true);
      });
    },
  };
}

/** An optional passphrase for a backup taken to another computer. Resolves '' for none, null when cancelled. */
export function useBackupPassphrase(): { dialog: ReactNode; ask: () => Promise<string | null> } {
  const [open, setOpen] = useState(false);
  const [withPass, setWithPass] = useState(true);
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const pending = useRef<Pending<string>>(null);
  const close = (v: string | null) => {
    pending.current?.resolve(v);
    pending.current = null;
    setOpen(false);
    setWithPass(true);
    setPassphrase(null);
  };
  const dialog = (
    <Modal
      open={open}
      title="备份加密"
      okText="开始备份"
      cancelText="取消"
      okButtonProps={{ disabled: withPass && !passphrase }}
      onOk={() => close(withPass ? passphrase! : '')}
      onCancel={() => close(null)}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>备份始终用本机密钥加密，本机随时可以恢复。要在其他电脑上恢复，请另设一个备份密码。</Typography.Text>
        <Radio.Group value={withPass} onChange={(e) => setWithPass(e.target.value)}>
          <Space orientation="vertical">
            <Radio value={true}>另设备份密码（可在其他电脑上恢复）</Radio>
            <Radio value={false}>不设密码（只能在本机恢复）</Radio>
          </Space>
        </Radio.Group>
        {withPass && <PassphraseFields onChange={setPassphrase} />}
      </Space>
    </Modal>
  );
  return {
    dialog,
    ask: () =>
      new Promise((resolve) => {
        pending.current = { resolve };
        setOpen(true);
      }),
  };
}

/**
 * Runs `attempt` without a passphrase and, while the file asks for one (or the
 * one typed was wrong), asks the user and tries again. null when cancelled.
 */
export async function withPassphrase<T>(attempt: (passphrase?: string) => Promise<T>, ask: (what: string, problem?: string) => Promise<string | null>, what: string): Promise<T | null> {
  let passphrase: string | undefined;
  let problem: string | undefined;
  for (;;) {
    try {
      return await attempt(passphrase);
    } catch (e) {
      if (!(e instanceof PassphraseError) || !e.asksPassphrase) throw e;
      if (passphrase !== undefined) problem = e.message;
      const typed = await ask(what, problem);
      if (typed === null) return null;
      passphrase = typed;
    }
  }
}
