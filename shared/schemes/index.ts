import type { Scheme } from '../scheme/model';
import { CHANGZHOU_2020_TEMPLATE } from './changzhou2020';
import { PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT } from './panjin2024';

export { CHANGZHOU_2020_TEMPLATE } from './changzhou2020';
export { FIVE_UNIFIED_CHECKLIST } from './fiveUnified';
export { PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT } from './panjin2024';

/** The schemes the product ships with (read-only; offices copy and edit them). */
export const BUILTIN_SCHEMES: readonly Scheme[] = [PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT, CHANGZHOU_2020_TEMPLATE];

export function builtinScheme(id: string): Scheme | undefined {
  return BUILTIN_SCHEMES.find((s) => s.id === id);
}
