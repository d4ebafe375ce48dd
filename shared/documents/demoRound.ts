/**
 * A realistic demonstration round (Panjin 2024 county scheme) for document
 * samples, tests and benchmarks: deterministic for a given size, scored by the
 * real engine. Not used by the app's screens.
 */
import { watermarkLines } from '../photos/watermark';
import type { Finding, FindingSeverity } from '../domain/findings';
import type { Assessment, ChecklistAnswer, Inspection, PhoneCallRow } from '../domain/inspections';
import type { PhotoLink, PhotoRow } from '../domain/photos';
import type { Target } from '../domain/targets';
import { FIVE_UNIFIED_CHECKLIST, PANJIN_2024_COUNTY } from '../schemes/index';
import { scoreAssessment } from '../scoring/engine';
import type { Responses } from '../scoring/responses';
import { sha256Hex } from './sha256';
import { DEFAULT_NOTICE_SETTINGS, type DocumentPhoto, type RoundDocumentData } from './types';

const NAMES = [
  '盘山县人民政府',
  '大洼区人民政府',
  '双台子区人民政府',
  '兴隆台区人民政府',
  '辽东湾新区管理委员会',
  '盘锦高新技术产业开发区管理委员会',
  '辽河口生态经济区管理委员会',
  '盘锦经济开发区管理委员会',
];

const FINDINGS: { indicatorId: string | null; checklistItemId: string | null; description: string; requirement: string; severity: FindingSeverity }[] = [
  {
    indicatorId: 'pj24c.interpretation',
    checklistItemId: null,
    description: '《关于进一步优化营商环境的若干措施》于2024年3月4日印发，政策解读材料于3月15日才在政府门户网站发布，晚于文件发布时间超过5日',
    requirement: '严格落实政策文件与解读材料同步组织、同步审签、同步部署，文件印发后5日内发布解读材料，并对本年度已印发文件的解读情况开展全面自查',
    severity: '一般',
  },
  {
    indicatorId: 'pj24c.catalogue',
    checklistItemId: null,
    description: '主动公开事项目录中有12个事项缺少“公开时限”“公开渠道”要素，未按全市统一标准编制',
    requirement: '对照全市主动公开事项目录统一标准补齐目录要素，经审核后在政府门户网站更新发布',
    severity: '较重',
  },
  {
    indicatorId: 'pj24c.documents',
    checklistItemId: null,
    description: '政府门户网站“政策文件”栏目中有3件已废止的行政规范性文件仍标注为“现行有效”，与文件台账不一致',
    requirement: '逐件核对行政规范性文件台账与网站发布情况，及时标注文件有效性，建立动态更新机制',
    severity: '一般',
  },
  {
    indicatorId: null,
    checklistItemId: 'fu.materials.gazette',
    description: '县政务服务中心政务公开专区未提供政府公报、惠民惠企政策汇编等资料，资料架内容陈旧',
    requirement: '按照政务公开专区“五统一”建设标准配齐资料，安排专人定期更新资料架',
    severity: '一般',
  },
  {
    indicatorId: 'pj24c.platform',
    checklistItemId: null,
    description: '6月4日上午、下午两次拨测政府信息公开联系电话均无人接听',
    requirement: '确保工作日工作时间有专人接听政府信息公开咨询电话，建立来电登记和答复记录制度',
    severity: '较重',
  },
];

export interface DemoRoundOptions {
  targets: number;
  /** Photos for the report, spread over the findings; bytes come from `photoBytes`. */
  photos?: number;
  photoBytes?: (index: number) => { jpeg: Uint8Array; width: number; height: number } | null;
  findingsPerTarget?: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

function id(kind: string, n: number): string {
  return `0190a000-0000-7000-8000-${kind}${String(n).padStart(12 - kind.length, '0')}`;
}

const AT = '2024-06-07T09:00:00.000Z';

function targetName(i: number): string {
  const base = NAMES[i % NAMES.length];
  return i < NAMES.length ? base : `${base.replace(/人民政府$|管理委员会$/, '')}第${Math.floor(i / NAMES.length) + 1}组${base.endsWith('人民政府') ? '人民政府' : '管理委员会'}`;
}

/** Deterministic responses for target i. */
function responsesFor(i: number, r: () => number): Responses {
  const q = (n: number) => Math.floor(r() * n);
  return {
    'pj24c.catalogue.missing': { applies: false },
    'pj24c.catalogue.dept-missing': { count: q(3) },
    'pj24c.catalogue.nonstandard': { count: q(3) },
    'pj24c.documents.not-updated': { count: q(4) },
    'pj24c.documents.mismatch': { count: q(2) },
    'pj24c.interpretation.missing': { count: q(2) },
    'pj24c.interpretation.late': {
      items: [
        { label: '关于进一步优化营商环境的若干措施', from: '2024-03-04', to: i % 2 ? '2024-03-15' : '2024-03-08' },
        { label: '2024年农业补贴实施方案', from: '2024-04-01', to: '2024-04-03' },
      ],
    },
    'pj24c.interpretation.video': { count: q(3) },
    'pj24c.interpretation.secondary': { value: i % 3 === 0 ? '0.1' : '0', reason: i % 3 === 0 ? '在抖音、微信视频号开展二次传播' : '' },
    'pj24c.platform.phone': {
      quarters: [
        {
          quarter: 'Q2',
          calls: [
            { at: '2024-06-04T09:30', answered: i % 4 !== 0, correct: i % 4 !== 0 ? i % 5 !== 0 : null },
            { at: '2024-06-04T15:10', answered: i % 4 !== 0, correct: i % 4 !== 0 ? true : null },
          ],
        },
      ],
    },
    'pj24c.platform.hall': { value: i % 2 ? '0.15' : '0', reason: i % 2 ? '政务公开专区“五统一”达标，有专人解答咨询' : '' },
    'pj24c.implementation.leaders-bonus': { applies: i % 3 === 1 },
    'pj24c.implementation.training': { applies: i % 7 === 3 },
  };
}

/** A round with `targets` county governments, findings, phone calls, 五统一 answers and photos. */
export function demoRound(options: DemoRoundOptions): RoundDocumentData {
  const scheme = PANJIN_2024_COUNTY;
  const r = rng(20240607 + options.targets);
  const inspection: Inspection = {
    id: id('insp', 1),
    title: '2024年年中政务公开绩效考核',
    year: 2024,
    kind: '年中考核',
    startDate: '2024-06-03',
    endDate: '2024-06-07',
    team: ['王明', '李华', '赵雪'],
    scheme,
    schemeHash: sha256Hex(scheme.id),
    watermarkPhotos: true,
    createdAt: '2024-05-30T08:00:00.000Z',
    updatedAt: AT,
    deletedAt: null,
    deleted: 0,
  };
  const data: RoundDocumentData = {
    inspection,
    assessments: [],
    findings: [],
    phoneCalls: [],
    checklists: [FIVE_UNIFIED_CHECKLIST],
    checklistAnswers: [],
    photos: [],
    notices: [],
    settings: {
      ...DEFAULT_NOTICE_SETTINGS,
      issuer: '盘锦市人民政府办公室',
      numberPrefix: '盘政办公开改',
      contactPerson: '王明',
      contactPhone: '0427-2826114',
    },
    organisation: '盘锦市人民政府办公室',
    asOf: AT,
  };
  const perTarget = options.findingsPerTarget ?? 3;
  let findingNo = 0;
  for (let i = 0; i < options.targets; i++) {
    const name = targetName(i);
    const target: Target = {
      id: id('tgt', i + 1),
      name,
      kind: '县区政府',
      region: name.replace(/人民政府|管理委员会/, ''),
      address: '',
      contactPerson: '刘洋',
      contactPhone: '0427-1234567',
      disclosurePhones: [`0427-28${String(10000 + i).slice(-5)}`],
      note: '',
      createdAt: '2024-01-10T08:00:00.000Z',
      updatedAt: '2024-01-10T08:00:00.000Z',
      deletedAt: null,
    };
    const assessment: Assessment = {
      id: id('asmt', i + 1),
      inspectionId: inspection.id,
      targetId: target.id,
      targetName: name,
      targetKind: '县区政府',
      addedBy: 'draw',
      status: 'submitted',
      submittedAt: '2024-06-07T08:30:00.000Z',
      submittedBy: '王明',
      unlockReason: null,
      createdAt: '2024-06-03T01:00:00.000Z',
      updatedAt: AT,
      deletedAt: null,
      deleted: 0,
    };
    const responses = responsesFor(i, r);
    data.assessments.push({
      assessment,
      target,
      responses,
      result: scoreAssessment(scheme, responses),
      notes: i % 2 ? { 'pj24c.interpretation': '现场查阅了政府门户网站“政策解读”栏目及文件台账。' } : {},
    });
    for (let k = 0; k < perTarget; k++) {
      const t = FINDINGS[(i + k) % FINDINGS.length];
      findingNo++;
      const f: Finding = {
        id: id('fnd', findingNo),
        inspectionId: inspection.id,
        assessmentId: assessment.id,
        targetId: target.id,
        indicatorId: t.indicatorId,
        ruleId: null,
        checklistItemId: t.checklistItemId,
        description: t.description,
        severity: t.severity,
        requirement: t.requirement,
        deadline: '2024-06-28',
        status: '待整改',
        noticeId: null,
        followUpNote: '',
        createdBy: inspection.team[k % 3],
        createdAt: `2024-06-0${3 + (k % 4)}T0${k % 10}:00:00.000Z`,
        updatedAt: AT,
        deletedAt: null,
        deleted: 0,
      };
      data.findings.push(f);
    }
    const calls = (responses['pj24c.platform.phone'] as { quarters: { calls: { at: string; answered: boolean; correct: boolean | null }[] }[] }).quarters[0].calls;
    calls.forEach((c, n) => {
      const row: PhoneCallRow = {
        id: id('call', i * 2 + n + 1),
        assessmentId: assessment.id,
        inspectionId: inspection.id,
        targetId: target.id,
        year: inspection.year,
        quarter: 'Q2',
        number: target.disclosurePhones[0],
        at: c.at,
        answered: c.answered,
        correct: c.correct,
        caller: '李华',
        note: c.answered ? (c.correct === false ? '对依申请公开办理时限答复错误' : '') : '响铃60秒无人接听',
        createdAt: AT,
        updatedAt: AT,
        deletedAt: null,
        deleted: 0,
      };
      data.phoneCalls.push(row);
    });
    for (const d of FIVE_UNIFIED_CHECKLIST.dimensions)
      for (const it of d.items) {
        const a: ChecklistAnswer = {
          id: `${assessment.id}:${it.id}`,
          assessmentId: assessment.id,
          itemId: it.id,
          status: it.id === 'fu.materials.gazette' && i % 2 === 0 ? 'notMet' : it.optional ? 'na' : r() < 0.1 ? 'notMet' : 'met',
          note: '',
          updatedAt: AT,
        };
        data.checklistAnswers.push(a);
      }
  }
  const photoCount = options.photos ?? 0;
  const findings = data.findings;
  for (let p = 0; p < photoCount && findings.length; p++) {
    const f = findings[p % findings.length];
    const bytes = options.photoBytes?.(p) ?? null;
    const hash = sha256Hex(bytes?.jpeg ?? `photo-${p}`);
    const taken = `2024-06-0${3 + (p % 5)}T${String(9 + (p % 8)).padStart(2, '0')}:${String(p % 60).padStart(2, '0')}:00`;
    const a = data.assessments.find((x) => x.assessment.id === f.assessmentId)!;
    const photo: PhotoRow = {
      id: hash,
      originalName: `IMG_${2024060300 + p}.jpg`,
      originalBytes: bytes?.jpeg.length ?? 0,
      mime: 'image/jpeg',
      width: bytes?.width ?? 1600,
      height: bytes?.height ?? 1200,
      takenAt: taken,
      gps: null,
      camera: null,
      attachedAt: taken,
      attachedBy: inspection.team[p % 3],
      watermarked: true,
      watermarkText: watermarkLines({ targetName: a.assessment.targetName, inspector: inspection.team[p % 3], round: inspection.title, takenAt: taken, attachedAtLocal: taken, gps: null }),
      processedBytes: bytes?.jpeg.length ?? 0,
      createdAt: AT,
      updatedAt: AT,
      deletedAt: null,
      deleted: 0,
    };
    const link: PhotoLink = {
      id: id('plnk', p + 1),
      photoId: hash,
      ownerType: 'finding',
      ownerId: f.id,
      inspectionId: inspection.id,
      assessmentId: f.assessmentId,
      caption: p % 3 === 0 ? '政务公开专区资料架' : p % 3 === 1 ? '政府门户网站政策解读栏目截图' : '',
      forReport: true,
      createdAt: AT,
      updatedAt: AT,
      deletedAt: null,
      deleted: 0,
    };
    const doc: DocumentPhoto = { photo, links: [link], jpeg: bytes?.jpeg ?? null, width: photo.width, height: photo.height };
    data.photos.push(doc);
  }
  return data;
}
