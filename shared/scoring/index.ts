export * from './engine';
export * from './explain';
export * from './rank';
export * from './rectification';
export * from './responses';
