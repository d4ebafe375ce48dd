import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Radio, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { credentialProblem, FREE_TRIES, type LockKind } from '../../../shared/crypto/appLock';
import type { InspectorDatabase } from '../../db/database';
import { useSession } from '../../store/sessionStore';
import { idleSeconds, lockFailures, lockSetup, setLockSecret, skipLock, tryUnlock } from './lockRepository';
import { useLockStore } from './lockStore';

/** Ctrl+Alt+L locks (Win+L belongs to the operating system). */
export const isLockShortcut = (e: KeyboardEvent) => e.ctrlKey && e.altKey && !e.shiftKey && !e.metaKey && e.key.toLowerCase() === 'l';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Covers every screen while the app is locked: the screens are not rendered at
 * all (nothing readable behind the lock, no route reachable), so the router
 * and the pages start afresh on unlock. At first run it asks for a PIN or a
 * password, which can be skipped only after a warning.
 */
export function LockGate({ children }: { children: ReactNode }) {
  const { db } = useSession();
  const setup = useLiveQuery(() => lockSetup(db), [db]);
  const locked = useLockStore((s) => s.locked);
  const lock = useLockStore((s) => s.lock);
  const hasLock = !!setup?.credential;
  useIdleLock(db, hasLock && !locked, lock);
  useEffect(() => {
    if (!hasLock) return;
    const onKey = (e: KeyboardEvent) => {
      if (isLockShortcut(e)) {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [hasLock, lock]);
  if (!setup) return <Spin size="large" fullscreen description="正在打开…" />;
  if (!setup.credential && !setup.skipped) return <LockSetupPage />;
  if (setup.credential && locked) return <LockScreen kind={setup.credential.kind} />;
  return <>{children}</>;
}

function useIdleLock(db: InspectorDatabase, active: boolean, lock: () => void) {
  const last = useRef(Date.now());
  const limit = useLiveQuery(() => idleSeconds(db), [db]);
  useEffect(() => {
    if (!active || !limit) return;
    last.current = Date.now();
    const seen = () => (last.current = Date.now());
    for (const t of ACTIVITY) window.addEventListener(t, seen, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= limit * 1000) lock();
    }, 1000);
    return () => {
      for (const t of ACTIVITY) window.removeEventListener(t, seen, { capture: true });
      window.clearInterval(timer);
    };
  }, [active, limit, lock]);
}

const KIND_LABEL: Record<LockKind, string> = { pin: 'PIN 码', password: '密码' };

/** PIN or password typed twice; used at first run and in 设置. */
export function LockSecretForm({ onDone, submitText }: { onDone: () => void; submitText: string }) {
  const { db } = useSession();
  const [kind, setKind] = useState<LockKind>('pin');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function save() {
    const p = credentialProblem(kind, a) ?? (a !== b ? `两次输入的${KIND_LABEL[kind]}不一致` : null);
    setProblem(p);
    if (p) return;
    setSaving(true);
    try {
      await setLockSecret(db, kind, a);
      onDone();
    } finally {
      setSaving(false);
    }
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)}>
        <Radio value="pin">PIN 码（6 至 12 位数字）</Radio>
        <Radio value="password">密码（至少 8 位）</Radio>
      </Radio.Group>
      <Input.Password aria-label={`设置${KIND_LABEL[kind]}`} placeholder={`设置${KIND_LABEL[kind]}`} value={a} onChange={(e) => setA(e.target.value)} inputMode={kind === 'pin' ? 'numeric' : undefined} />
      <Input.Password
        aria-label={`再次输入${KIND_LABEL[kind]}`}
        placeholder={`再次输入${KIND_LABEL[kind]}`}
        value={b}
        onChange={(e) => setB(e.target.value)}
        onPressEnter={() => void save()}
        inputMode={kind === 'pin' ? 'numeric' : undefined}
      />
      {problem && <Alert type="error" showIcon title={problem} />}
      <Button type="primary" loading={saving} onClick={() => void save()}>
        {submitText}
      </Button>
    </Space>
  );
}

function LockSetupPage() {
  const { db } = useSession();
  const { modal } = App.useApp();
  const unlock = useLockStore((s) => s.unlock);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 520 }} data-testid="lock-setup">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          设置开机锁定
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          检查数据和照片尚未公开。请设置 PIN 码或密码：每次打开软件、离开电脑一段时间（默认 10 分钟，可在「设置」中修改）或按 Ctrl+Alt+L 后，须输入它才能继续使用。
        </Typography.Paragraph>
        <LockSecretForm submitText="设置并开始使用" onDone={unlock} />
        <Button
          type="link"
          danger
          style={{ paddingLeft: 0, marginTop: 12 }}
          onClick={() =>
            modal.confirm({
              title: '不设置开机锁定？',
              content: '不设置时，任何人只要打开这台电脑上的检查助手，就能查看和修改全部检查数据和照片。以后可在「设置」中补设。',
              okText: '仍不设置',
              okButtonProps: { danger: true },
              cancelText: '返回设置',
              onOk: async () => {
                await skipLock(db);
                unlock();
              },
            })
          }
        >
          暂不设置
        </Button>
      </Card>
    </div>
  );
}

function LockScreen({ kind }: { kind: LockKind }) {
  const { db, profile } = useSession();
  const unlock = useLockStore((s) => s.unlock);
  const [value, setValue] = useState('');
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    void lockFailures(db).then((f) => setWaitUntil(f.waitUntil ? Date.parse(f.waitUntil) : null));
  }, [db]);
  const waiting = waitUntil !== null && waitUntil > now;
  useEffect(() => {
    if (!waiting) return;
    const t = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(t);
  }, [waiting]);
  const seconds = waiting ? Math.ceil((waitUntil - now) / 1000) : 0;
  async function submit() {
    if (!value || waiting) return;
    setChecking(true);
    try {
      const r = await tryUnlock(db, value);
      setValue('');
      if (r.ok) {
        unlock();
        return;
      }
      setNow(Date.now());
      setWaitUntil(r.waitUntil ? Date.parse(r.waitUntil) : null);
      const left = FREE_TRIES - r.failures;
      setProblem(
        r.reason === 'wait'
          ? null
          : left > 0
            ? `${KIND_LABEL[kind]}不正确（已连续输错 ${r.failures} 次，再错 ${left} 次后须等待）`
            : `${KIND_LABEL[kind]}不正确（已连续输错 ${r.failures} 次）`,
      );
    } finally {
      setChecking(false);
    }
  }
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#263238' }} data-testid="lock-screen">
      <Card style={{ width: 420 }}>
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            <LockOutlined /> 检查助手已锁定
          </Typography.Title>
          <Typography.Text type="secondary">
            {profile?.name ? `${profile.name}，` : ''}请输入{KIND_LABEL[kind]}解锁。
          </Typography.Text>
          <Input.Password
            autoFocus
            aria-label={`输入${KIND_LABEL[kind]}`}
            value={value}
            disabled={waiting}
            inputMode={kind === 'pin' ? 'numeric' : undefined}
            onChange={(e) => setValue(e.target.value)}
            onPressEnter={() => void submit()}
          />
          {problem && <Alert type="error" showIcon title={problem} />}
          {waiting && (
            <Alert
              type="warning"
              showIcon
              data-testid="lock-wait"
              title={`输错次数过多，请在 ${seconds} 秒后重试`}
              description={`可以再试的时间：${dayjs(waitUntil).format('HH:mm:ss')}。之后每次输错，等待时间都会加倍。`}
            />
          )}
          <Button type="primary" block loading={checking} disabled={waiting || !value} onClick={() => void submit()}>
            解锁
          </Button>
        </Space>
      </Card>
    </div>
  );
}

/** The lock button in the header. */
export function LockButton() {
  const { db } = useSession();
  const setup = useLiveQuery(() => lockSetup(db), [db]);
  const lock = useLockStore((s) => s.lock);
  const { message } = App.useApp();
  return (
    <Button
      type="text"
      icon={<LockOutlined />}
      title="锁定（Ctrl+Alt+L）"
      onClick={() => (setup?.credential ? lock() : message.info('尚未设置 PIN 码或密码，请先在「设置」中设置开机锁定'))}
    >
      锁定
    </Button>
  );
}
