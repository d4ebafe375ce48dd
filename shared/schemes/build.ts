import { parsePoints } from '../points/points';
import type {
  Direction,
  FixedRule,
  LagLimitUnit,
  LagRule,
  OccurrenceRule,
  PhoneRule,
  RangeRule,
  RatingRule,
  RuleFeed,
  WeightedRule,
} from '../scheme/model';

/** Small builders so built-in schemes read like the documents they come from. Points are decimal text. */

export const deduct: Direction = 'deduct';
export const bonus: Direction = 'bonus';

export function fixed(id: string, text: string, direction: Direction, points: string): FixedRule {
  return { id, kind: 'fixed', text, direction, points: parsePoints(points), note: '' };
}

export function occurrence(
  id: string,
  text: string,
  direction: Direction,
  points: string,
  unit: string,
  extra: { cap?: string; feed?: RuleFeed; note?: string } = {},
): OccurrenceRule {
  return {
    id,
    kind: 'occurrence',
    text,
    direction,
    points: parsePoints(points),
    unit,
    cap: extra.cap === undefined ? null : parsePoints(extra.cap),
    feed: extra.feed ?? null,
    note: extra.note ?? '',
  };
}

export function range(id: string, text: string, direction: Direction, min: string, max: string, note = ''): RangeRule {
  return { id, kind: 'range', text, direction, min: parsePoints(min), max: parsePoints(max), note };
}

export function lag(
  id: string,
  text: string,
  points: string,
  limit: number,
  limitUnit: LagLimitUnit,
  labels: { from: string; to: string; lag: string },
): LagRule {
  return {
    id,
    kind: 'lag',
    text,
    direction: 'deduct',
    points: parsePoints(points),
    unit: '件',
    limit,
    limitUnit,
    cap: null,
    fromLabel: labels.from,
    toLabel: labels.to,
    lagLabel: labels.lag,
    note: '',
  };
}

export function phone(id: string, text: string, unanswered: string, wrongAnswer: string, minCalls = 2): PhoneRule {
  return {
    id,
    kind: 'phone',
    text,
    unansweredPoints: parsePoints(unanswered),
    wrongAnswerPoints: parsePoints(wrongAnswer),
    minCalls,
    cap: null,
    note: '',
  };
}

export function weighted(id: string, text: string, max: string, note = ''): WeightedRule {
  return { id, kind: 'weighted', text, max: parsePoints(max), note };
}

export function rating(id: string, text: string, options: [string, string][], note = ''): RatingRule {
  return { id, kind: 'rating', text, options: options.map(([label, points]) => ({ label, points: parsePoints(points) })), note };
}
