/**
 * The heavy steps of the paperwork checks (reading spreadsheets, writing the
 * Excel report), as one function of a plain message so they can run in a Web
 * Worker. Everything in and out is structured-clonable.
 */
import { buildCheckReportWorkbook, type CheckReportInput } from '../../../shared/checks/reportWorkbook';
import { previewCatalogue, type CatalogueOptions } from '../../../shared/checks/catalogue';
import { previewLedger, previewSite, type LedgerImportOptions } from '../../../shared/checks/ledger';
import { previewTimeliness, type TimelinessImportOptions } from '../../../shared/checks/timeliness';
import type { TableInput } from '../../../shared/checks/types';

export type CheckJob =
  | { op: 'catalogue'; input: TableInput; options: CatalogueOptions }
  | { op: 'ledger'; input: TableInput; options: LedgerImportOptions }
  | { op: 'site'; input: TableInput; options: LedgerImportOptions }
  | { op: 'timeliness'; input: TableInput; options: TimelinessImportOptions }
  | { op: 'report'; input: CheckReportInput };

export type CheckJobResult<J extends CheckJob> = J extends { op: 'catalogue' }
  ? Awaited<ReturnType<typeof previewCatalogue>>
  : J extends { op: 'ledger' }
    ? Awaited<ReturnType<typeof previewLedger>>
    : J extends { op: 'site' }
      ? Awaited<ReturnType<typeof previewSite>>
      : J extends { op: 'timeliness' }
        ? Awaited<ReturnType<typeof previewTimeliness>>
        : Uint8Array;

export async function runCheckJob(job: CheckJob): Promise<unknown> {
  switch (job.op) {
    case 'catalogue':
      return previewCatalogue(job.input, job.options);
    case 'ledger':
      return previewLedger(job.input, job.options);
    case 'site':
      return previewSite(job.input, job.options);
    case 'timeliness':
      return previewTimeliness(job.input, job.options);
    case 'report':
      return buildCheckReportWorkbook(job.input);
  }
}
