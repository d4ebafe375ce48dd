export * from './prng';
export * from './draw';
export * from './halls';
