import { z } from 'zod';

/**
 * What an inspector recorded for each rule of one assessment: a plain,
 * JSON-serialisable map ruleId → response, stored in IndexedDB and synced.
 * The shape depends on the rule's kind; a rule without a response counts as
 * unanswered and contributes nothing.
 *
 * Points inside responses: a number is thousandths (500 = 0.5分), a string is
 * decimal point text ('0.5').
 */

/** fixed: does the condition apply? */
export interface FixedResponse {
  applies: boolean;
}

/** occurrence: how many times (件/家/次) it was found. */
export interface OccurrenceResponse {
  count: number;
}

/** range (视情况): the value picked within [min, max] and the reason; 0 means not applied. */
export interface RangeResponse {
  value: string | number;
  reason: string;
}

export interface LagItem {
  /** Usually the document title, shown as 《…》. */
  label: string;
  /** ISO date YYYY-MM-DD. */
  from: string;
  to: string;
}

/** lag (时限): the documents checked, with both dates. */
export interface LagResponse {
  items: LagItem[];
}

export const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
export type Quarter = (typeof QUARTERS)[number];
export const QUARTER_LABELS: Record<Quarter, string> = { Q1: '第一季度', Q2: '第二季度', Q3: '第三季度', Q4: '第四季度' };

export interface PhoneCall {
  /** ISO date-time of the call, e.g. 2024-05-10T14:30 or with seconds/offset. */
  at: string;
  answered: boolean;
  /** Was the answer correct? null when not judged or not answered. */
  correct: boolean | null;
}

/** phone (拨测): the calls made, grouped by quarter. */
export interface PhoneResponse {
  quarters: { quarter: Quarter; calls: PhoneCall[] }[];
}

/** weighted (百分制): points awarded out of the item's maximum. */
export interface WeightedResponse {
  awarded: string | number;
}

/** rating (评议): the chosen option's label, e.g. 基本满意. */
export interface RatingResponse {
  option: string;
}

export type RuleResponse =
  | FixedResponse
  | OccurrenceResponse
  | RangeResponse
  | LagResponse
  | PhoneResponse
  | WeightedResponse
  | RatingResponse;

/** ruleId → response. */
export type Responses = Record<string, RuleResponse>;

const pointsValue = z.union([z.string(), z.number()]);

/** Validates stored or synced responses (structure only; the engine checks values against the scheme). */
export const RuleResponseSchema: z.ZodType<RuleResponse> = z.union([
  z.object({ applies: z.boolean() }),
  z.object({ count: z.number().int().min(0) }),
  z.object({ value: pointsValue, reason: z.string() }),
  z.object({ items: z.array(z.object({ label: z.string(), from: z.string(), to: z.string() })) }),
  z.object({
    quarters: z.array(
      z.object({
        quarter: z.enum(QUARTERS),
        calls: z.array(z.object({ at: z.string(), answered: z.boolean(), correct: z.boolean().nullable() })),
      }),
    ),
  }),
  z.object({ awarded: pointsValue }),
  z.object({ option: z.string() }),
]);

export const ResponsesSchema: z.ZodType<Responses> = z.record(z.string(), RuleResponseSchema);
