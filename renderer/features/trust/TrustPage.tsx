import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { saveProfile } from '../../db/session';
import { getPlatform } from '../../platform';
import { useSession, useSessionStore } from '../../store/sessionStore';
import { ROLE_LABELS, type Device, type JoinRequest, type Role } from '../../../shared/trust/model';
import { enrolDevice, exportOfficeKey, holdsOfficeKey, joinOffice, joinRequest, localRoster, readRequest, restoreOfficeKey, revokeDevice, setupOffice } from './enrolment';
import { currentMember, deviceKeyProtection, type KeyProtection } from './officeKeys';
import { NoticeVerifyPanel } from './NoticeVerifyPanel';

/**
 * 团队与设备: set up the office (管理员), join it (a new laptop), enrol and
 * revoke laptops, and check a notice's QR code (验证).
 */

const JSON_FILTERS = [{ name: '检查助手入网文件、密钥文件', extensions: ['json'] }];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function saveJson(name: string, value: unknown): Promise<boolean> {
  return getPlatform().saveFile(name, new TextEncoder().encode(JSON.stringify(value, null, 1)), JSON_FILTERS);
}

async function pickJson(): Promise<unknown | null> {
  const [file] = await getPlatform().pickFiles({ filters: JSON_FILTERS, maxBytes: 4 * 1024 * 1024 });
  if (!file) return null;
  return parseJson(new TextDecoder().decode(file.bytes));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('内容不是有效的文件，请完整粘贴或重新选择文件');
  }
}

export default function TrustPage() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        <SafetyCertificateOutlined /> 团队与设备
      </Typography.Title>
      <Tabs
        items={[
          { key: 'team', label: '办公室与人员', children: <TeamPanel /> },
          { key: 'verify', label: '通知书验证', children: <NoticeVerifyPanel /> },
        ]}
      />
    </Space>
  );
}

function TeamPanel() {
  const session = useSession();
  const { db } = session;
  const roster = useLiveQuery(() => localRoster(db), [db]);
  const member = useLiveQuery(() => currentMember(db), [db]);
  const isAdmin = useLiveQuery(() => holdsOfficeKey(db), [db]);
  if (roster === undefined || member === undefined || isAdmin === undefined) return null;
  if (!roster) return <NotJoined />;
  const r = roster.roster;
  const me = r.devices.find((d) => d.id === session.device.deviceId);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={r.officeName}>
        <Descriptions
          size="small"
          column={2}
          items={[
            { label: '本机人员', children: <span data-testid="current-member">{member ? `${member.name}（${ROLE_LABELS[member.role]}）` : '未登记'}</span> },
            { label: '本机名称', children: me?.name ?? '—' },
            { label: '人员名单版本', children: `第 ${r.version} 版（${dayjs(r.issuedAt).format('YYYY年M月D日 HH:mm')}）` },
            { label: '办公室密钥', children: isAdmin ? '保存在本机（口令保护）' : '不在本机' },
            { label: '本机签名密钥', children: <KeyProtectionText /> },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          本机导出的同步数据包均带有本机签名；导入时核对发送方是否在名单中。人员名单更新（如吊销丢失的电脑）随数据包传到各台电脑。
        </Typography.Paragraph>
      </Card>
      <RosterTable devices={r.devices} members={r.members} canRevoke={isAdmin} />
      {isAdmin && <EnrolCard />}
      {isAdmin && <OfficeKeyCard />}
    </Space>
  );
}

function RosterTable({ devices, members, canRevoke }: { devices: Device[]; members: { id: string; name: string; role: Role; team: string }[]; canRevoke: boolean }) {
  const session = useSession();
  const { modal, message: toast } = App.useApp();
  const passphrase = useRef('');
  const byId = new Map(members.map((m) => [m.id, m]));
  function revoke(d: Device) {
    passphrase.current = '';
    modal.confirm({
      title: `吊销「${d.name}」？`,
      content: (
        <div>
          <p>该电脑此后导出的数据包将被各台电脑拒绝。用于丢失或报废的电脑，吊销后不能撤销。</p>
          <Input.Password placeholder="办公室密钥口令" aria-label="办公室密钥口令" onChange={(e) => (passphrase.current = e.target.value)} />
        </div>
      ),
      okText: '吊销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await revokeDevice(session, d.id, passphrase.current);
          toast.success(`已吊销「${d.name}」，请导出同步数据包发给各台电脑`);
        } catch (e) {
          toast.error(message(e));
          throw e;
        }
      },
    });
  }
  return (
    <Card title="人员与电脑">
      <Table<Device>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={devices}
        columns={[
          { title: '人员', render: (_, d) => byId.get(d.memberId)?.name ?? '—' },
          { title: '角色', width: 90, render: (_, d) => ROLE_LABELS[byId.get(d.memberId)?.role ?? 'inspector'] },
          { title: '检查组', render: (_, d) => byId.get(d.memberId)?.team || '—' },
          { title: '电脑', dataIndex: 'name' },
          { title: '入网时间', width: 150, render: (_, d) => dayjs(d.enrolledAt).format('YYYY-MM-DD HH:mm') },
          {
            title: '状态',
            width: 160,
            render: (_, d) =>
              d.revokedAt ? (
                <Tag color="red">已吊销 {dayjs(d.revokedAt).format('M月D日')}</Tag>
              ) : (
                <Space>
                  <Tag color="green">有效</Tag>
                  {canRevoke && d.id !== session.device.deviceId && (
                    <Button size="small" danger onClick={() => revoke(d)}>
                      吊销
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}

function EnrolCard() {
  const session = useSession();
  const { message: toast } = App.useApp();
  const [requestText, setRequestText] = useState('');
  const [request, setRequest] = useState<{ request: JoinRequest; fingerprint: string } | null>(null);
  const [fileText, setFileText] = useState('');
  const [form] = Form.useForm<{ name: string; role: Role; team: string; passphrase: string }>();
  const [busy, setBusy] = useState(false);

  async function read(value: unknown) {
    try {
      setRequest(await readRequest(value));
      setFileText('');
    } catch (e) {
      toast.error(message(e));
    }
  }
  async function enrol() {
    if (!request) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const file = await enrolDevice(session, request.request, v, v.passphrase);
      setFileText(JSON.stringify(file));
      form.setFieldValue('passphrase', '');
      toast.success(`已为「${request.request.deviceName}」制作入网文件`);
    } catch (e) {
      toast.error(message(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="办理入网（管理员）">
      <Typography.Paragraph type="secondary">新电脑在「加入办公室」中生成入网申请，交给管理员。请与对方电话核对申请上显示的核对码，一致后再办理。</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.TextArea rows={3} aria-label="入网申请内容" placeholder="粘贴入网申请，或选择申请文件" value={requestText} onChange={(e) => setRequestText(e.target.value)} />
        <Space>
          <Button
            onClick={() => {
              try {
                void read(parseJson(requestText));
              } catch (e) {
                toast.error(message(e));
              }
            }}
          >
            读取申请
          </Button>
          <Button onClick={() => void pickJson().then((v) => v && read(v), (e) => toast.error(message(e)))}>选择申请文件…</Button>
        </Space>
        {request && (
          <>
            <Alert type="info" showIcon title={`申请电脑：${request.request.deviceName}`} description={<span>核对码：<b data-testid="request-fingerprint">{request.fingerprint}</b>（请与对方电话核对）</span>} />
            <Form form={form} layout="inline" initialValues={{ role: 'inspector', team: '' }}>
              <Form.Item name="name" label="使用人" rules={[{ required: true, whitespace: true, message: '请填写使用人姓名' }]}>
                <Input style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="role" label="角色">
                <Select style={{ width: 110 }} options={(['inspector', 'lead', 'admin'] as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
              </Form.Item>
              <Form.Item name="team" label="检查组">
                <Input style={{ width: 140 }} placeholder="如：第一检查组" />
              </Form.Item>
              <Form.Item name="passphrase" label="办公室密钥口令" rules={[{ required: true, message: '请输入口令' }]}>
                <Input.Password style={{ width: 180 }} />
              </Form.Item>
              <Button type="primary" loading={busy} onClick={() => void enrol()}>
                制作入网文件
              </Button>
            </Form>
          </>
        )}
        {fileText && (
          <>
            <Typography.Text>入网文件（复制或保存后交给该电脑）：</Typography.Text>
            <Input.TextArea rows={3} readOnly aria-label="入网文件内容" value={fileText} />
            <Button onClick={() => void saveJson(`入网文件-${request?.request.deviceName ?? ''}.json`, JSON.parse(fileText))}>保存入网文件…</Button>
          </>
        )}
      </Space>
    </Card>
  );
}

const PROTECTION_TEXT: Record<KeyProtection, string> = {
  system: '由系统保管（Windows 账户加密），复制数据文件夹不能签名',
  browser: '保存在浏览器中，不可读出',
  unsealed: '旧版本生成，未由系统保管：复制本机数据文件夹的人可以用它签名',
};

function KeyProtectionText() {
  const { db } = useSession();
  const [state, setState] = useState<KeyProtection | string | null>(null);
  useEffect(() => {
    let live = true;
    deviceKeyProtection(db).then(
      (p) => live && setState(p),
      (e) => live && setState(message(e)),
    );
    return () => {
      live = false;
    };
  }, [db]);
  if (state === null) return <span>…</span>;
  if (state in PROTECTION_TEXT) return <span data-testid="key-protection">{PROTECTION_TEXT[state as KeyProtection]}</span>;
  return (
    <Typography.Text type="danger" data-testid="key-protection">
      {state}
    </Typography.Text>
  );
}

function OfficeKeyCard() {
  const { db } = useSession();
  const { message: toast } = App.useApp();
  const [passphrase, setPassphrase] = useState('');
  return (
    <Card title="办公室密钥备份">
      <Typography.Paragraph type="secondary">办公室密钥用于办理入网和吊销，以口令加密保存。请导出一份存放在安全处（口令另行保管）；本机损坏时可用它恢复管理员职能。</Typography.Paragraph>
      <Space>
        <Input.Password placeholder="办公室密钥口令" aria-label="备份用办公室密钥口令" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        <Button
          onClick={async () => {
            try {
              const file = await exportOfficeKey(db, passphrase);
              if (await saveJson(`办公室密钥-${file.officeName}.json`, file)) toast.success('办公室密钥已导出（仍以口令加密）');
            } catch (e) {
              toast.error(message(e));
            }
          }}
        >
          导出办公室密钥
        </Button>
      </Space>
    </Card>
  );
}

/** 管理员's new laptop: the exported office key file and its passphrase. */
function RestoreOfficeCard() {
  const session = useSession();
  const { message: toast } = App.useApp();
  const [deviceName, setDeviceName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  async function restore() {
    setBusy(true);
    try {
      const file = await pickJson();
      if (!file) return;
      const next = await restoreOfficeKey(session, file, passphrase, deviceName, saveProfile);
      useSessionStore.setState({ session: next });
      toast.success(`已恢复办公室密钥，本机为管理员电脑（${next.profile?.name ?? ''}）`);
    } catch (e) {
      toast.error(message(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="恢复管理员电脑（用导出的办公室密钥）">
      <Typography.Paragraph type="secondary">管理员的电脑丢失或损坏时，在新电脑上选择导出的办公室密钥文件并输入口令，本机即可继续办理入网和吊销。请随后吊销原来的电脑。</Typography.Paragraph>
      <Space wrap>
        <Input placeholder="本机名称，如：办公室新电脑" aria-label="恢复用本机名称" value={deviceName} onChange={(e) => setDeviceName(e.target.value)} style={{ width: 220 }} />
        <Input.Password placeholder="办公室密钥口令" aria-label="恢复用办公室密钥口令" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        <Button loading={busy} onClick={() => void restore()}>
          选择办公室密钥文件并恢复…
        </Button>
      </Space>
    </Card>
  );
}

function NotJoined() {
  const session = useSession();
  const { message: toast } = App.useApp();
  const [setupForm] = Form.useForm<{ officeName: string; adminName: string; team: string; deviceName: string; passphrase: string; confirm: string }>();
  const [deviceName, setDeviceName] = useState('');
  const [request, setRequest] = useState<{ text: string; fingerprint: string } | null>(null);
  const [fileText, setFileText] = useState('');
  const [busy, setBusy] = useState(false);
  const setSession = (s: typeof session) => useSessionStore.setState({ session: s });

  async function setup() {
    const v = await setupForm.validateFields();
    setBusy(true);
    try {
      await setupOffice(session, v);
      setSession(await saveProfile(session, { name: v.adminName.trim(), organisation: v.officeName.trim(), team: v.team.trim() || session.profile?.team || '' }));
      toast.success(`已建立「${v.officeName.trim()}」，本机为管理员电脑`);
    } catch (e) {
      toast.error(message(e));
    } finally {
      setBusy(false);
    }
  }
  async function makeRequest() {
    try {
      const r = await joinRequest(session, deviceName);
      setRequest({ text: JSON.stringify(r.request), fingerprint: r.fingerprint });
    } catch (e) {
      toast.error(message(e));
    }
  }
  async function join(value: unknown) {
    try {
      const next = await joinOffice(session, value, saveProfile);
      setSession(next);
      toast.success(`已加入办公室，本机人员：${next.profile?.name ?? ''}`);
    } catch (e) {
      toast.error(message(e));
    }
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon title="本机尚未加入办公室" description="单独使用时一切照常。加入办公室后，同步数据包带有签名，解锁评分、下发通知书、处理冲突等须由组长操作。" />
      <Card title="加入办公室（新电脑）">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space>
            <Input placeholder="本机名称，如：张三的笔记本" aria-label="本机名称" value={deviceName} onChange={(e) => setDeviceName(e.target.value)} style={{ width: 240 }} />
            <Button type="primary" onClick={() => void makeRequest()}>
              生成入网申请
            </Button>
          </Space>
          {request && (
            <>
              <Alert type="success" showIcon title={<span>核对码：<b data-testid="own-fingerprint">{request.fingerprint}</b></span>} description="将下面的入网申请交给管理员，并电话核对这个核对码。" />
              <Input.TextArea rows={3} readOnly aria-label="本机入网申请" value={request.text} />
              <Button onClick={() => void saveJson(`入网申请-${deviceName.trim()}.json`, JSON.parse(request.text))}>保存入网申请…</Button>
            </>
          )}
          <Typography.Text>管理员制作的入网文件：</Typography.Text>
          <Input.TextArea rows={3} aria-label="粘贴入网文件" placeholder="粘贴入网文件，或选择文件" value={fileText} onChange={(e) => setFileText(e.target.value)} />
          <Space>
            <Button
              onClick={() => {
                try {
                  void join(parseJson(fileText));
                } catch (e) {
                  toast.error(message(e));
                }
              }}
            >
              导入入网文件
            </Button>
            <Button onClick={() => void pickJson().then((v) => v && join(v), (e) => toast.error(message(e)))}>选择入网文件…</Button>
          </Space>
        </Space>
      </Card>
      <RestoreOfficeCard />
      <Card title="新建办公室（管理员）">
        <Form form={setupForm} layout="vertical" style={{ maxWidth: 480 }} initialValues={{ team: '' }}>
          <Form.Item name="officeName" label="办公室名称" rules={[{ required: true, whitespace: true, message: '请填写办公室名称' }]}>
            <Input placeholder="如：盘锦市政务公开办公室" />
          </Form.Item>
          <Form.Item name="adminName" label="管理员姓名" rules={[{ required: true, whitespace: true, message: '请填写管理员姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="team" label="检查组">
            <Input placeholder="可不填" />
          </Form.Item>
          <Form.Item name="deviceName" label="本机名称" rules={[{ required: true, whitespace: true, message: '请填写本机名称' }]}>
            <Input placeholder="如：办公室电脑" />
          </Form.Item>
          <Form.Item name="passphrase" label="办公室密钥口令" rules={[{ required: true, message: '请设置口令' }, { min: 8, message: '口令至少 8 位' }]}>
            <Input.Password />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="再次输入口令"
            dependencies={['passphrase']}
            rules={[{ required: true, message: '请再次输入口令' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error('两次输入的口令不一致'))) })]}
          >
            <Input.Password />
          </Form.Item>
          <Button type="primary" loading={busy} onClick={() => void setup()}>
            新建办公室
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
