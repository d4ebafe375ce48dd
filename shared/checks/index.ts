/**
 * "Check the paperwork": pure checks of a unit's 主动公开事项目录, of its
 * 文件公开台账 against the website, and of interpretation/submission timeliness,
 * with previews before anything is saved and an Excel report. No DOM, no I/O:
 * bytes (or pasted text) in, results out.
 */
export * from './types';
export { sha256Hex, decodeText, parsePastedTable, parseDelimited, readTableFile, loadTable, MESSAGES as IMPORT_MESSAGES } from './tableReader';
export {
  TABLE_FIELDS,
  DEFAULT_REQUIRED,
  proposeColumnMapping,
  prepareTable,
  prepareLoaded,
  noHeaderMessage,
  fieldText,
  fieldValue,
  type TableKind,
  type FieldDef,
  type MappingTarget,
  type ColumnMapping,
  type HeaderColumn,
  type FieldProposal,
  type MappingProposal,
  type ResolvedField,
  type SampleRow,
  type PreparedTable,
  type PrepareOptions,
  type PrepareResult,
  type MappingHelp,
} from './columns';
export { parseDateValue, excelSerialToIso, addMonths, formatChineseDate, type DateParse } from './dates';
export {
  normaliseDocNumber,
  normaliseTitle,
  normaliseFreeText,
  splitTitleMarking,
  isPlaceholder,
  isSameAsAbove,
  hasTimeExpression,
  isRetentionOnly,
  citesNamedRule,
  columnLetter,
  bigramSimilarity,
} from './text';
export * from './catalogue';
export { isInternalOffice, catalogueUnit, type CatalogueUnit } from './catalogueColumns';
export * from './ledger';
export * from './timeliness';
export * from './reportWorkbook';
