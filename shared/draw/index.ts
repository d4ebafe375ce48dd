export * from './prng';
export * from './draw';
