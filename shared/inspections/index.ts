export * from './phoneCalls';
export * from './progress';
export * from './rectification';
export * from './checklist';
export * from './derived';
export * from './yearRecords';
export * from './prefill';
export * from './yearView';
