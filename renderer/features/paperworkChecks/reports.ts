import type { CheckReportInput } from '../../../shared/checks/reportWorkbook';
import { getPlatform } from '../../platform';
import { runCheckJobOffThread } from './checkJobs';
import { localToday } from './checkRunRepository';
import { CHECK_KIND_LABELS, type CheckKind, type StoredCheckResult } from './types';

/** The report input of a stored run, so a past check can be exported again. */
export function reportInputOfRun(result: StoredCheckResult, confirmed: readonly string[], title: string): CheckReportInput {
  const input: CheckReportInput = { title };
  if (result.catalogue) input.catalogue = { report: result.catalogue.report, confirmedProblemIds: [...confirmed], countUnit: result.catalogue.countUnit };
  if (result.ledger) input.ledger = result.ledger.comparison;
  if (result.timeliness) input.timeliness = [result.timeliness.report];
  return input;
}

export function reportFileName(targetName: string, kind: CheckKind, date = localToday()): string {
  const safe = targetName.replace(/[\\/:*?"<>|]+/g, '');
  return `资料核查_${safe}_${CHECK_KIND_LABELS[kind]}_${date.replace(/-/g, '')}.xlsx`;
}

/** Builds the Excel report off the main thread and hands it to the platform's save dialog. */
export async function exportCheckReport(input: CheckReportInput, fileName: string): Promise<boolean> {
  const bytes = await runCheckJobOffThread({ op: 'report', input: { ...input, generatedOn: localToday() } });
  return getPlatform().saveFile(fileName, bytes, [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
}
