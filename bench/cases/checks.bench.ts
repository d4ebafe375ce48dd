// Paperwork checks on realistic volumes, parsing included:
// - catalogue.10k.ms: read a 10,000-row catalogue (.xlsx bytes) and check every row;
// - ledger.5k.ms: read a 5,000-document ledger and the site table (.xlsx bytes each) and compare them.
import { medianMs, type BenchCase } from '../types';
import { checkCatalogueFile, compareLedgerFiles } from '../../shared/checks';
import { largeCatalogueXlsx, largeLedgerPair } from '../../test/fixtures/checks/make-fixtures';

export default {
  title: 'paperwork checks (catalogue, ledger)',
  async run() {
    const catalogue = largeCatalogueXlsx(10_000);
    const { ledger, site } = largeLedgerPair(5_000);

    // Sanity: the work measured is the real work.
    const cat = await checkCatalogueFile({ bytes: catalogue, fileName: '目录.xlsx' }, { required: 'xinjin2021' });
    if (!cat.ok || cat.value.summary.rowsChecked !== 10_000 || cat.value.summary.rowsWithProblems !== 200) throw new Error('catalogue bench did not check what it should');
    const led = await compareLedgerFiles({ bytes: ledger, fileName: '台账.xlsx' }, { bytes: site, fileName: '网站.xlsx' });
    if (!led.ok || led.value.ledgerRows.length !== 5_000 || led.value.counts.missing === 0) throw new Error('ledger bench did not compare what it should');

    const catalogueMs = await medianMs(() => checkCatalogueFile({ bytes: catalogue, fileName: '目录.xlsx' }, { required: 'xinjin2021' }));
    const ledgerMs = await medianMs(() => compareLedgerFiles({ bytes: ledger, fileName: '台账.xlsx' }, { bytes: site, fileName: '网站.xlsx' }));
    return {
      'catalogue.10k.ms': { value: catalogueMs, unit: 'ms' },
      'ledger.5k.ms': { value: ledgerMs, unit: 'ms' },
    };
  },
} satisfies BenchCase;
