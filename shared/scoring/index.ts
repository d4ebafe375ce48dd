export * from './engine';
export * from './explain';
export * from './rank';
export * from './rectification';
export * from './responses';
export { formatPoints, formatSigned, parsePoints, pointsToNumber, type Points } from '../points/points';
