import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { derivedRuleIds } from '../../../shared/inspections/derived';
import type { Rule, Scheme } from '../../../shared/scheme/model';
import type { ScoreResult } from '../../../shared/scoring/engine';
import type { Responses } from '../../../shared/scoring/responses';
import { noProblemResponse } from '../../../shared/inspections/progress';
import { pointsToDecimal } from '../../../shared/points/points';
import { IndicatorCard, type IndicatorActions } from './IndicatorCard';

const TYPING = 'input, textarea, select, [contenteditable="true"]';

/**
 * The indicators of the scheme in order. Keyboard: J/K or ↓/↑ move between
 * rules, N jumps to the next unanswered one, + / − change a count (or set a
 * 是/否 rule), Enter goes into the rule's input, Esc comes back out.
 */
export function IndicatorList({
  scheme,
  responses,
  result,
  notes,
  disabled,
  actions,
  photoOwner,
}: {
  photoOwner?: { inspectionId: string; assessmentId: string };
  scheme: Scheme;
  responses: Responses;
  result: ScoreResult;
  notes: Map<string, string>;
  disabled: boolean;
  actions: IndicatorActions;
}) {
  const { message } = App.useApp();
  const ref = useRef<HTMLDivElement>(null);
  const current = useRef(0);
  const derived = useMemo(() => derivedRuleIds(scheme), [scheme]);
  const layout = useMemo(() => {
    const flat: { ruleId: string; kind: string; feed: boolean; rule: Rule }[] = [];
    const first: number[] = [];
    let n = 0;
    for (const s of scheme.sections)
      for (const ind of s.indicators) {
        first.push(flat.length);
        n++;
        for (const r of ind.rules) flat.push({ ruleId: r.id, kind: r.kind, feed: derived.has(r.id), rule: r });
      }
    return { flat, first, count: n };
  }, [scheme, derived]);
  const answered = useMemo(() => result.indicators.flatMap((i) => i.rules.map((r) => r.answered)), [result]);

  const focusRule = useCallback((i: number) => {
    const root = ref.current;
    if (!root) return;
    const el = root.querySelector<HTMLElement>(`[data-rule-index="${i}"]`);
    if (!el) return;
    root.querySelectorAll<HTMLElement>('[data-rule-index][tabindex="0"]').forEach((x) => (x.tabIndex = -1));
    el.tabIndex = 0;
    el.focus({ preventScroll: true });
    el.scrollIntoView?.({ block: 'nearest' });
    current.current = i;
  }, []);

  // The shortcuts work from the moment the screen opens: the first rule holds the focus,
  // and a key pressed while nothing is focused (after a click on blank space) goes to the list.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) focusRule(0);
  }, [focusRule]);
  useEffect(() => {
    const onDocKey = (e: globalThis.KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (document.activeElement && document.activeElement !== document.body) return;
      if (!/^[jJkKnN]$|^Arrow(Up|Down)$/.test(e.key)) return;
      // Only while the list is on screen (not behind another tab).
      if (!ref.current || ref.current.getClientRects().length === 0) return;
      e.preventDefault();
      focusRule(current.current);
    };
    document.addEventListener('keydown', onDocKey);
    return () => document.removeEventListener('keydown', onDocKey);
  }, [focusRule]);

  const onFocus = (e: React.FocusEvent) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-rule-index]');
    if (row) current.current = Number(row.dataset.ruleIndex);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const t = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const ownRow = t.closest<HTMLElement>('[data-rule-index]');
    if (e.key === 'Escape' && ownRow && ownRow !== t) {
      // From any control inside a rule (input, switch, button) back to its row.
      e.preventDefault();
      focusRule(Number(ownRow.dataset.ruleIndex));
      return;
    }
    if (t.matches(TYPING)) {
      if (e.key === 'Escape') {
        e.preventDefault();
        focusRule(current.current);
      }
      return;
    }
    if (ownRow !== t && (e.key === 'Enter' || e.key === ' ')) return;
    const i = current.current;
    const max = layout.flat.length - 1;
    const key = e.key;
    if (key === 'j' || key === 'J' || key === 'ArrowDown') {
      e.preventDefault();
      focusRule(Math.min(max, i + 1));
    } else if (key === 'k' || key === 'K' || key === 'ArrowUp') {
      e.preventDefault();
      focusRule(Math.max(0, i - 1));
    } else if (key === 'n' || key === 'N') {
      e.preventDefault();
      for (let step = 1; step <= layout.flat.length; step++) {
        const j = (i + step) % layout.flat.length;
        if (!answered[j] && !(layout.flat[j].feed && layout.flat[j].kind !== 'phone')) return focusRule(j);
      }
      message.info('全部指标均已评分');
    } else if (key === '+' || key === '=' || key === '-' || key === '_') {
      const r = layout.flat[i];
      if (!r || disabled || (r.feed && r.kind !== 'phone')) return;
      e.preventDefault();
      const up = key === '+' || key === '=';
      const cur = responses[r.ruleId];
      if (r.kind === 'occurrence') {
        const c = cur && 'count' in cur ? cur.count : 0;
        actions.setResponse(r.ruleId, { count: up ? c + 1 : Math.max(0, c - 1) });
      } else if (r.kind === 'fixed') {
        actions.setResponse(r.ruleId, { applies: up });
      } else if (r.rule.kind === 'range') {
        const reason = cur && 'reason' in cur ? cur.reason : '';
        actions.setResponse(r.ruleId, { value: up ? pointsToDecimal(r.rule.min) : 0, reason });
      } else if (!up) {
        // − answers “nothing found” (无文件, 未拨测) where the rule has such an answer.
        const neutral = noProblemResponse(r.rule);
        if (neutral) actions.setResponse(r.ruleId, neutral);
      }
    } else if (key === 'Enter') {
      const row = t.closest<HTMLElement>('[data-rule-index]');
      const input =
        row?.querySelector<HTMLElement>('input[type="radio"]:checked:not([disabled])') ??
        row?.querySelector<HTMLElement>('input:not([disabled]), button[role="switch"]:not([disabled]), textarea');
      if (row && input && t === row) {
        e.preventDefault();
        input.focus();
      }
    }
  };

  let n = 0;
  return (
    <div ref={ref} onKeyDown={onKeyDown} onFocus={onFocus} data-testid="indicator-list">
      {scheme.sections.map((s) => (
        <div key={s.id}>
          {scheme.sections.length > 1 && <h3 className="zw-section-title">{s.title}</h3>}
          {s.indicators.map((ind) => {
            const idx = n++;
            return (
              <IndicatorCard
                key={ind.id}
                indicator={ind}
                number={idx + 1}
                firstRuleIndex={layout.first[idx]}
                responses={responses}
                derived={derived}
                result={result.indicators[idx]}
                note={notes.get(ind.id) ?? ''}
                disabled={disabled}
                actions={actions}
                photoOwner={photoOwner}
              />
            );
          })}
        </div>
      ))}
    </div>
  );
}
