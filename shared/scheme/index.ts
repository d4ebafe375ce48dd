// The assessment-scheme model, validation, JSON and spreadsheet-row formats.
// Real .xlsx bytes live in ./xlsxFile (import it lazily: it loads SheetJS).
export * from './model';
export * from './validate';
export * from './json';
export * from './excel';
export * from './hash';
export * from './checklist';
export { BUILTIN_SCHEMES, builtinScheme, FIVE_UNIFIED_CHECKLIST, PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT, CHANGZHOU_2020_TEMPLATE } from '../schemes/index';
