import { AuditButton } from '../audit/AuditButton';
import { FileExcelOutlined, FilePdfOutlined, FileWordOutlined, PrinterOutlined, SaveOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { DRAFT_NUMBER_LABEL, draftNoticePreview, noticeSettingsProblems, verifyNotice, type NoticeRecord } from '../../../shared/documents/notice';
import { arabicDate } from '../../../shared/documents/text';
import type { Finding } from '../../../shared/domain/findings';
import type { Assessment } from '../../../shared/domain/inspections';
import { localDateTimeText } from '../../../shared/util/localTime';
import type { NoticeDraftRow } from '../../db/database';
import { getPlatform } from '../../platform';
import { useSession } from '../../store/sessionStore';
import type { DocumentRequest, DocumentResult } from './documentEngine';
import { useDocumentJob } from './useDocumentJob';
import { gatherRoundData, readNoticeSettings } from './gatherRoundData';
import { NoticeDraftRepository, NoticeNumberingError, NoticeRepository } from './noticeRepository';
import { NoticeNumbersModal } from './NoticeNumbersModal';
import { NoticeSettingsModal } from './NoticeSettingsModal';
import { BulletinModal, type BulletinRequestValues } from './BulletinModal';
import { useLeadRole } from '../trust/useRole';
import './reports.css';

export interface ReportsPanelProps {
  inspectionId: string;
  /** Limit the panel to one unit of the round. */
  assessmentId?: string;
  /** Card title (default 报表与文书). */
  title?: string;
}

interface Ready {
  result: DocumentResult;
  title: string;
  /** Whether the save dialog / download went through. */
  saved?: boolean;
}

const PDF_FILTER = [{ name: 'PDF 文件', extensions: ['pdf'] }];
const XLSX_FILTER = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];
const DOCX_FILTER = [{ name: 'Word 文档', extensions: ['docx'] }];

function sizeText(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * 报表与文书: the Excel score sheet, the PDF inspection report and the
 * rectification notices of one round (or one unit of it), generated off the
 * main thread with a progress bar, then saved or printed.
 */
export function ReportsPanel({ inspectionId, assessmentId, title = '报表与文书' }: ReportsPanelProps) {
  const { db, logger } = useSession();
  const lead = useLeadRole();
  const { message } = App.useApp();
  const repo = useMemo(() => new NoticeRepository(db, logger), [db, logger]);
  const draftRepo = useMemo(() => new NoticeDraftRepository(db, logger), [db, logger]);
  const job = useDocumentJob();
  const [ready, setReady] = useState<Ready | null>(null);
  const [bulletinOpen, setBulletinOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [numbersOpen, setNumbersOpen] = useState(false);
  const [issuing, setIssuing] = useState<Assessment | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);

  const assessments = useLiveQuery(async () => {
    const rows = await db.assessments.where('[inspectionId+deleted]').equals([inspectionId, 0]).toArray();
    return rows.filter((a) => !assessmentId || a.id === assessmentId).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }, [db, inspectionId, assessmentId]);
  const findings = useLiveQuery(() => db.findings.where('[inspectionId+deleted]').equals([inspectionId, 0]).toArray(), [db, inspectionId]);
  const notices = useLiveQuery(async () => (await repo.list(inspectionId)).filter((n) => !assessmentId || n.assessmentId === assessmentId), [repo, inspectionId, assessmentId]);
  const settings = useLiveQuery(() => readNoticeSettings(db), [db]);
  const drafts = useLiveQuery(async () => (await draftRepo.list(inspectionId)).filter((d) => !assessmentId || d.assessmentId === assessmentId), [draftRepo, inspectionId, assessmentId]);
  // Why this laptop cannot number a notice now (no series, no block of its own), or '' when it can.
  const numberProblem = useLiveQuery(async () => {
    const s = await readNoticeSettings(db);
    if (noticeSettingsProblems(s).length) return '';
    try {
      await repo.numberSource(s.issuer, await repo.roundYear(inspectionId));
      return '';
    } catch (e) {
      if (e instanceof NoticeNumberingError) return e.message;
      throw e;
    }
  }, [db, repo, inspectionId]);
  const duplicates = useLiveQuery(() => repo.duplicateNumbers(), [repo]);
  // Whether each notice still matches the data it was issued from (its QR code).
  const checks = useLiveQuery(async () => {
    const list = await repo.list(inspectionId);
    if (list.length === 0) return new Map<string, boolean | null>();
    const data = await gatherRoundData(db, inspectionId);
    return new Map(
      list.map((n) => {
        try {
          return [n.id, verifyNotice(data, n).ok] as const;
        } catch {
          return [n.id, null] as const;
        }
      }),
    );
  }, [db, repo, inspectionId]);

  const pendingBy = useMemo(() => {
    const m = new Map<string, Finding[]>();
    // Findings held by a draft go out with that draft only.
    const held = new Set((drafts ?? []).flatMap((d) => d.findingIds));
    for (const f of findings ?? []) {
      if (f.noticeId || held.has(f.id)) continue;
      const list = m.get(f.assessmentId) ?? [];
      list.push(f);
      m.set(f.assessmentId, list);
    }
    for (const list of m.values()) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    return m;
  }, [findings, drafts]);

  const settingsProblems = settings ? noticeSettingsProblems(settings) : [];
  const busy = job.busy;

  // Straight to the save dialog (desktop) or the download (browser): no extra 已生成 step.
  const run = (label: string, title: string, make: () => Promise<DocumentRequest>): Promise<void> => job.run(label, make, (result) => save({ result, title }));

  const exportSheet = () =>
    run('评分表', '评分汇总表', async () => ({ kind: 'scoreSheet', data: await gatherRoundData(db, inspectionId) }));

  const exportReport = (aid?: string) =>
    run('检查报告', '检查报告', async () => ({ kind: 'report', data: await gatherRoundData(db, inspectionId, { photoBytes: aid ?? true }), assessmentId: aid }));

  const exportBulletin = (v: BulletinRequestValues) => {
    setBulletinOpen(false);
    const title = v.format === 'docx' ? '考核结果通报（Word）' : '考核结果通报';
    void run(title, title, async () => ({ kind: 'bulletin', data: await gatherRoundData(db, inspectionId), ...v }));
  };

  const printNotices = (ids: string[]) =>
    run('整改通知书', '整改通知书', async () => ({ kind: 'notices', data: await gatherRoundData(db, inspectionId), noticeIds: ids }));

  async function issue(a: Assessment, findingIds: string[]) {
    setIssuing(null);
    try {
      const n = await repo.issue(inspectionId, a.id, findingIds);
      message.success(`已下发整改通知书 ${n.number}`);
      await printNotices([n.id]);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  async function saveDraft(a: Assessment, findingIds: string[]) {
    setIssuing(null);
    try {
      await draftRepo.save(inspectionId, a.id, findingIds);
      message.success(`已存为草稿（未编号）：${a.targetName}，${findingIds.length}个问题`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  /** 编号下发: refused with the reason while this laptop has no series and no block. */
  async function numberDraft(d: NoticeDraftRow) {
    try {
      const n = await draftRepo.number(d.id);
      message.success(`草稿已编号下发：整改通知书 ${n.number}`);
      await printNotices([n.id]);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const previewDraft = (d: NoticeDraftRow) =>
    run('整改通知书草稿', '整改通知书草稿', async () => {
      const data = await gatherRoundData(db, inspectionId);
      const now = new Date();
      const notice = draftNoticePreview(data, {
        id: d.id,
        assessmentId: d.assessmentId,
        findingIds: d.findingIds,
        year: d.year,
        issuedAt: `${localDateTimeText(now).replace(' ', 'T')}:00`,
        createdAt: now.toISOString(),
        settings: data.settings,
      });
      return { kind: 'noticeDraft', data, notice };
    });

  async function issueAll() {
    setBatchOpen(false);
    const issued: NoticeRecord[] = [];
    try {
      for (const a of assessments ?? []) {
        const pending = pendingBy.get(a.id);
        if (!pending?.length) continue;
        issued.push(await repo.issue(inspectionId, a.id, pending.map((f) => f.id)));
      }
    } catch (e) {
      message.error(`${issued.length ? `已下发${issued.length}份后中止：` : ''}${e instanceof Error ? e.message : String(e)}`);
    }
    if (issued.length) {
      message.success(`已下发整改通知书${issued.length}份（${issued[0].number}至${issued[issued.length - 1].number}）`);
      await printNotices(issued.map((n) => n.id));
    }
  }

  /** Saves a generated document; afterwards (or when the save dialog was cancelled) it stays listed in place for 打印 / 另存. */
  async function save(doc: Ready | null = ready) {
    if (!doc) return;
    const { result } = doc;
    const isPdf = result.mime === 'application/pdf';
    try {
      const saved = await getPlatform().saveFile(result.fileName, result.bytes, isPdf ? PDF_FILTER : result.fileName.endsWith('.docx') ? DOCX_FILTER : XLSX_FILTER);
      if (saved) message.success(`已保存：${result.fileName}`);
      setReady({ ...doc, saved: !!saved });
    } catch (e) {
      setReady({ ...doc, saved: false });
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  async function print() {
    if (!ready) return;
    try {
      await getPlatform().printPdf(ready.result.bytes, ready.result.fileName.replace(/\.pdf$/, ''));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const units = assessments ?? [];
  const onlyUnit = assessmentId ? units[0] : undefined;
  const withPending = units.filter((a) => (pendingBy.get(a.id)?.length ?? 0) > 0);
  const nameOf = (aid: string) => units.find((a) => a.id === aid)?.targetName ?? '（已移出本次检查）';

  return (
    <Card
      className="zw-reports"
      title={title}
      extra={
        <Space>
          <Button onClick={() => setNumbersOpen(true)} disabled={!lead.mayLead} title={lead.reason}>
            文号管理
          </Button>
          {lead.reason && <Typography.Text type="secondary">下发通知书和文号管理{lead.reason}</Typography.Text>}
          <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>
            通知书设置
          </Button>
        </Space>
      }
    >
      <Space wrap>
        {!assessmentId && (
          <Button icon={<FileExcelOutlined />} onClick={exportSheet} disabled={busy || units.length === 0}>
            导出评分表（Excel）
          </Button>
        )}
        <Button icon={<FilePdfOutlined />} onClick={() => exportReport(assessmentId)} disabled={busy || units.length === 0}>
          {onlyUnit ? '生成本单位检查报告（PDF）' : '生成检查报告（全部单位）'}
        </Button>
        {!assessmentId && (
          <Button icon={<FilePdfOutlined />} onClick={() => setBulletinOpen(true)} disabled={busy || units.length === 0 || settingsProblems.length > 0}>
            生成考核结果通报
          </Button>
        )}
        {!assessmentId && units.length > 1 && (
          <Select
            aria-label="单个单位的检查报告"
            style={{ width: 260 }}
            placeholder="生成单个单位的检查报告…"
            disabled={busy}
            value={null}
            options={units.map((a) => ({ value: a.id, label: a.targetName }))}
            onChange={(id: string) => exportReport(id)}
            showSearch={{ optionFilterProp: 'label' }}
          />
        )}
      </Space>
      {units.length === 0 && assessments && <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>本次检查还没有被检查单位。</Typography.Paragraph>}

      {job.view}
      {!busy && ready && (
        <Alert
          className="zw-reports-progress"
          data-testid="document-ready"
          type={ready.saved ? 'success' : 'info'}
          showIcon
          closable={{ onClose: () => setReady(null) }}
          title={
            <Space wrap size={8}>
              <span>
                {ready.saved ? '已保存：' : `${ready.title}尚未保存：`}
                {ready.result.fileName}（{sizeText(ready.result.bytes.length)}）
              </span>
              {ready.result.mime === 'application/pdf' && (
                <Button size="small" icon={<PrinterOutlined />} onClick={() => void print()}>
                  打印
                </Button>
              )}
              <Button size="small" icon={<SaveOutlined />} onClick={() => void save()}>
                {ready.saved ? '另存一份' : '保存'}
              </Button>
            </Space>
          }
        />
      )}

      <Typography.Title level={5} className="zw-reports-heading">
        整改通知书
      </Typography.Title>
      {settingsProblems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="下发整改通知书前，请先填写发文机关和文号前缀"
          action={
            <Button size="small" onClick={() => setSettingsOpen(true)}>
              去设置
            </Button>
          }
        />
      )}
      <Table<Assessment>
        size="small"
        rowKey="id"
        pagination={units.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        dataSource={units}
        columns={[
          { title: '单位', dataIndex: 'targetName' },
          {
            title: '问题数',
            width: 80,
            align: 'center',
            render: (_, a) => (findings ?? []).filter((f) => f.assessmentId === a.id).length,
          },
          {
            title: '未下发通知的问题',
            width: 140,
            align: 'center',
            render: (_, a) => {
              const n = pendingBy.get(a.id)?.length ?? 0;
              return n ? <Tag color="orange">{n}个</Tag> : <Typography.Text type="secondary">无</Typography.Text>;
            },
          },
          {
            title: '操作',
            width: 150,
            render: (_, a) => (
              <Tooltip title={numberProblem ? undefined : lead.reason}>
                <Button size="small" type="link" disabled={busy || (!numberProblem && !lead.mayLead) || settingsProblems.length > 0 || !pendingBy.get(a.id)?.length} onClick={() => setIssuing(a)}>
                  {numberProblem ? '存为草稿' : '下发整改通知书'}
                </Button>
              </Tooltip>
            ),
          },
        ]}
      />
      {!assessmentId && withPending.length > 1 && !numberProblem && (
        <Button style={{ marginTop: 8 }} disabled={busy || !lead.mayLead || settingsProblems.length > 0} title={lead.reason} onClick={() => setBatchOpen(true)}>
          为{withPending.length}家单位批量下发整改通知书
        </Button>
      )}

      {(drafts?.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5} className="zw-reports-heading">
            整改通知书草稿（{drafts?.length}份，未编号）
          </Typography.Title>
          {numberProblem && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`暂不能编号下发：${numberProblem}`} />}
          <Table<NoticeDraftRow>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={drafts ?? []}
            columns={[
              { title: '文号', width: 200, render: () => <Tag color="gold">{DRAFT_NUMBER_LABEL}</Tag> },
              { title: '单位', render: (_, d) => nameOf(d.assessmentId) },
              { title: '问题数', width: 70, align: 'center', render: (_, d) => d.findingIds.length },
              { title: '保存', width: 170, render: (_, d) => `${d.createdBy || '—'} ${localDateTimeText(d.createdAt)}` },
              {
                title: '操作',
                width: 220,
                render: (_, d) => (
                  <Space size={0}>
                    <Button size="small" type="link" icon={<FilePdfOutlined />} disabled={busy} onClick={() => void previewDraft(d)}>
                      预览PDF（草稿）
                    </Button>
                    <Tooltip title={numberProblem || '取本机的下一个文号下发，并生成PDF'}>
                      <Button size="small" type="link" disabled={busy} onClick={() => void numberDraft(d)}>
                        编号下发
                      </Button>
                    </Tooltip>
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}

      <Typography.Title level={5} className="zw-reports-heading">
        已下发的通知书（{notices?.length ?? 0}份）
      </Typography.Title>
      <Table<NoticeRecord>
        size="small"
        rowKey="id"
        pagination={(notices?.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        dataSource={notices ?? []}
        locale={{ emptyText: '尚未下发整改通知书' }}
        columns={[
          { title: '文号', dataIndex: 'number', width: 200 },
          { title: '单位', render: (_, n) => nameOf(n.assessmentId) },
          { title: '成文日期', width: 140, render: (_, n) => arabicDate(n.issuedAt) },
          { title: '整改期限', width: 140, render: (_, n) => arabicDate(n.deadline) },
          { title: '问题数', width: 70, align: 'center', render: (_, n) => n.findingIds.length },
          {
            title: '核验',
            width: 110,
            render: (_, n) => {
              if (n.voided) return <Tooltip title={`${n.voidedBy ?? ''}作废：${n.voidReason ?? ''}`}><Tag>已作废</Tag></Tooltip>;
              if (duplicates?.has(n.number)) {
                return (
                  <Tooltip title="多台电脑分别下发时用了同一文号（合并数据后发现）。点击处理：重新编号或作废。">
                    <Tag color="red" style={{ cursor: 'pointer' }} onClick={() => setNumbersOpen(true)}>
                      文号重复
                    </Tag>
                  </Tooltip>
                );
              }
              const ok = checks?.get(n.id);
              if (ok === undefined) return null;
              if (ok) return <Tag color="green">与数据一致</Tag>;
              return (
                <Tooltip title={ok === null ? '所列问题已被删除，无法重新生成' : '所列问题的内容在下发后被修改过，重新生成的文本与已印发的不同'}>
                  <Tag color="red">{ok === null ? '问题已删除' : '内容已变化'}</Tag>
                </Tooltip>
              );
            },
          },
          {
            title: '操作',
            width: 180,
            render: (_, n) => (
              <Space size={0}>
                <Button size="small" type="link" icon={<PrinterOutlined />} disabled={busy || checks?.get(n.id) === null} onClick={() => printNotices([n.id])}>
                  生成PDF
                </Button>
                <Button
                  size="small"
                  type="link"
                  icon={<FileWordOutlined />}
                  disabled={busy || checks?.get(n.id) === null}
                  onClick={() => void run('整改通知书（Word）', '整改通知书（Word）', async () => ({ kind: 'notices', data: await gatherRoundData(db, inspectionId), noticeIds: [n.id], format: 'docx' }))}
                >
                  Word
                </Button>
                <AuditButton compact table="notices" rowId={n.id} title={`整改通知书 ${n.number}`} />
              </Space>
            ),
          },
        ]}
      />
      {(notices?.length ?? 0) > 1 && (
        <Button
          style={{ marginTop: 8 }}
          icon={<FilePdfOutlined />}
          disabled={busy}
          onClick={() => printNotices((notices ?? []).filter((n) => checks?.get(n.id) !== null).map((n) => n.id))}
        >
          合并生成全部通知书（PDF）
        </Button>
      )}

      <IssueNoticeModal
        assessment={issuing}
        findings={issuing ? (pendingBy.get(issuing.id) ?? []) : []}
        repo={repo}
        numberProblem={numberProblem ?? ''}
        onCancel={() => setIssuing(null)}
        onIssue={(a, ids) => void (numberProblem ? saveDraft(a, ids) : issue(a, ids))}
      />
      <Modal
        title="批量下发整改通知书"
        open={batchOpen}
        onCancel={() => setBatchOpen(false)}
        onOk={() => void issueAll()}
        okText={`下发${withPending.length}份并生成PDF`}
        cancelText="取消"
        destroyOnHidden
      >
        <Typography.Paragraph>将为以下单位各下发一份整改通知书，列入其全部未下发通知的问题，文号按顺序编排，下发后不能撤回：</Typography.Paragraph>
        <ul className="zw-reports-list">
          {withPending.map((a) => (
            <li key={a.id}>
              {a.targetName}（{pendingBy.get(a.id)?.length}个问题）
            </li>
          ))}
        </ul>
      </Modal>
      <BulletinModal
        open={bulletinOpen}
        suggestedNumber={settings?.numberPrefix ? `${settings.numberPrefix.replace(/改$/, '')}〔${new Date().getFullYear()}〕号` : ''}
        onCancel={() => setBulletinOpen(false)}
        onOk={exportBulletin}
      />
      <NoticeSettingsModal
        open={settingsOpen}
        repo={repo}
        onClose={() => setSettingsOpen(false)}
        onTestPage={() => void run('套印对齐测试页', '套印对齐测试页', async () => ({ kind: 'overprintTest', settings: await repo.settings(), issuedAt: new Date().toISOString() }))}
      />
      <NoticeNumbersModal open={numbersOpen} repo={repo} onClose={() => setNumbersOpen(false)} />
    </Card>
  );
}

interface IssueProps {
  assessment: Assessment | null;
  findings: Finding[];
  repo: NoticeRepository;
  /** Why this laptop cannot number now: the notice is saved as a draft instead. */
  numberProblem: string;
  onCancel(): void;
  onIssue(a: Assessment, findingIds: string[]): void;
}

/** Pick the findings a notice lists; shows the number it will get. */
function IssueNoticeModal({ assessment, findings, repo, numberProblem, onCancel, onIssue }: IssueProps) {
  const [picked, setPicked] = useState<string[] | null>(null);
  const number = useLiveQuery(async () => (assessment ? repo.nextNumber(await repo.roundYear(assessment.inspectionId)) : null), [repo, assessment?.id]);
  const chosen = picked ?? findings.map((f) => f.id);
  const deadlines = findings.filter((f) => chosen.includes(f.id)).map((f) => f.deadline).filter(Boolean).sort();
  return (
    <Modal
      title={assessment ? `${numberProblem ? '整改通知书存为草稿' : '下发整改通知书'}：${assessment.targetName}` : ''}
      open={assessment !== null}
      onCancel={() => {
        setPicked(null);
        onCancel();
      }}
      onOk={() => {
        if (assessment) onIssue(assessment, chosen);
        setPicked(null);
      }}
      okText={numberProblem ? '存为草稿' : '下发并生成PDF'}
      cancelText="取消"
      okButtonProps={{ disabled: chosen.length === 0 }}
      destroyOnHidden
      width={640}
    >
      {numberProblem && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`本机暂不能编号：${numberProblem}。可先存为草稿（不编号、不得印发），有文号后再编号下发。`} />}
      <Typography.Paragraph>
        文号：<b>{numberProblem ? DRAFT_NUMBER_LABEL : (number ?? '—')}</b>
        {deadlines.length > 0 && <>　整改期限：{arabicDate(deadlines[deadlines.length - 1])}</>}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {numberProblem ? '勾选草稿列入的问题。草稿保存后这些问题留给该草稿，编号下发时才占用文号。' : '勾选本通知书列入的问题。下发后文号即被占用，问题状态改为“已下发通知”。'}
      </Typography.Paragraph>
      <Checkbox.Group
        className="zw-reports-findings"
        value={chosen}
        onChange={(v) => setPicked(v as string[])}
        options={findings.map((f) => ({ value: f.id, label: `${f.description}（${f.deadline ? `${arabicDate(f.deadline)}前` : '未定期限'}）` }))}
      />
    </Modal>
  );
}
