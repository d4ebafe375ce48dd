// Entering a value on an assessment with 60 indicators: time from the input
// event on a counter to the total's text changing, with the real assessment
// screen (AssessmentWorkspace) mounted on a real IndexedDB in Chromium.
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile } from '../../../renderer/db/session';
import { AssessmentWorkspace } from '../../../renderer/features/assessment/AssessmentWorkspace';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import type { Indicator, Rule, Scheme } from '../../../shared/scheme/model';
import type { Figures } from '../../types';

/** A 100-point scheme: 3 sections × 20 indicators, each with 1–3 rules of the common kinds. */
export function generatedScheme(indicators = 60): Scheme {
  const sections: Scheme['sections'] = [];
  for (let s = 0; s < 3; s++) {
    const list: Indicator[] = [];
    for (let i = 0; i < indicators / 3; i++) {
      const n = s * (indicators / 3) + i + 1;
      const rules: Rule[] = [
        { id: `g.${n}.count`, kind: 'occurrence', text: `第${n}项：每发现一处问题`, direction: 'deduct', points: 100, unit: '处', cap: null, feed: null, note: '' },
      ];
      if (n % 2 === 0) rules.push({ id: `g.${n}.fixed`, kind: 'fixed', text: `第${n}项：未建立相关制度`, direction: 'deduct', points: 500, note: '' });
      if (n % 3 === 0) rules.push({ id: `g.${n}.range`, kind: 'range', text: `第${n}项：工作成效突出`, direction: 'bonus', min: 100, max: 200, note: '' });
      list.push({
        id: `g.${n}`,
        title: `考核指标${n}`,
        content: `第${n}项考核内容：按照政务公开相关规定做好有关工作，及时公开、动态更新。`,
        method: '现场查阅有关材料，与网站公开信息进行比对。',
        scoringText: '每发现一处问题减0.1分；未建立相关制度减0.5分；工作成效突出的，视情况加0.1-0.2分。',
        weight: null,
        bonusCap: null,
        rules,
      });
    }
    sections.push({ id: `g.s${s + 1}`, title: `第${s + 1}部分`, deductionCap: null, bonusCap: null, indicators: list });
  }
  return {
    id: 'bench-60',
    name: '性能测试方案（60项指标）',
    year: 2024,
    issuer: '',
    source: '',
    version: 1,
    targetKinds: ['县区政府'],
    builtin: false,
    description: '',
    notes: [],
    totals: { base: 100_000, deductionCap: null, bonusCap: null, min: 0, max: 100_000 },
    grades: [
      { label: '优秀', min: 90_000 },
      { label: '良好', min: 80_000 },
      { label: '合格', min: 60_000 },
      { label: '不合格', min: null },
    ],
    sections,
  };
}

async function waitFor<T>(fn: () => T | null | undefined, timeoutMs = 20_000): Promise<T> {
  const t0 = performance.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (performance.now() - t0 > timeoutMs) throw new Error('timed out waiting for the assessment screen');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;

/** Types a value into an input the way a browser does and resolves when the total's text has changed. */
function inputToTotal(input: HTMLInputElement, value: string, total: HTMLElement): Promise<number> {
  return new Promise((resolve, reject) => {
    const before = total.textContent;
    let t0 = 0;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`total did not change from ${before}`));
    }, 5000);
    const observer = new MutationObserver(() => {
      if (total.textContent === before) return;
      const ms = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timer);
      resolve(ms);
    });
    observer.observe(total, { childList: true, characterData: true, subtree: true });
    t0 = performance.now();
    setValue.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export default {
  title: 'Assessment screen in Chromium',
  async run(): Promise<Figures> {
    let session = await openSession(new InspectorDatabase(`bench-checklist-${Date.now()}`));
    session = await saveProfile(session, { name: '测试员', organisation: '性能测试', team: '第一组' });
    useSessionStore.setState({ session, error: null });
    const scheme = generatedScheme(60);
    const target = await new TargetRepository(session.db, session.logger).create({
      name: '测试县人民政府',
      kind: '县区政府',
      region: '',
      address: '',
      contactPerson: '',
      contactPhone: '',
      disclosurePhones: [],
      note: '',
    });
    const repo = new InspectionRepository(session.db, session.logger);
    const inspection = await repo.create({ title: '性能测试', year: 2024, kind: '专项检查', startDate: '2024-07-01', endDate: '2024-07-02', team: [], scheme });
    const [assessment] = await repo.addTargets(inspection.id, [target], 'manual');

    const host = document.getElementById('root')!;
    const root = createRoot(host);
    const tMount = performance.now();
    root.render(
      createElement(
        ConfigProvider,
        { locale: zhCN },
        createElement(AntApp, null, createElement(MemoryRouter, null, createElement(AssessmentWorkspace, { inspection, assessment, target: { ...target, deleted: 0 } }))),
      ),
    );
    const total = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="assessment-total"]'));
    const counters = await waitFor(() => {
      const list = [...document.querySelectorAll<HTMLInputElement>('input[aria-label$="数量"]')];
      return list.length === 60 ? list : null;
    });
    const mountMs = performance.now() - tMount;
    if (document.querySelectorAll('[data-indicator]').length !== 60) throw new Error('expected 60 indicators');

    // Warm up, then measure 40 entries spread over the screen (each changes the total).
    const times: number[] = [];
    for (let i = 0; i < 45; i++) {
      const input = counters[(i * 7) % 60];
      const value = String(1 + Math.floor(i / 3));
      const current = input.value;
      const ms = await inputToTotal(input, value === current ? String(Number(value) + 50) : value, total);
      if (i >= 5) times.push(ms);
      await new Promise((r) => setTimeout(r, 30)); // let the autosave write land, as between an inspector's keystrokes
    }
    // The writes arrive in IndexedDB.
    await new Promise((r) => setTimeout(r, 500));
    const stored = await session.db.responses.where('assessmentId').equals(assessment.id).count();
    if (stored < 30) throw new Error(`autosave wrote only ${stored} responses`);
    root.unmount();
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const p95 = times[Math.floor(times.length * 0.95)];
    return {
      'ui.checklistInput.ms': { value: Math.round(median * 10) / 10, unit: 'ms' },
      'ui.checklistInput.p95.ms': { value: Math.round(p95 * 10) / 10, unit: 'ms' },
      'ui.checklistMount60.ms': { value: Math.round(mountMs), unit: 'ms' },
    };
  },
};
