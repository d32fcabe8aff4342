export * from './errors';
export * from './http';
export * from './accounts';
export * from './friends';
export * from './system';
