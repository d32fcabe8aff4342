export * from './errors';
export * from './http';
export * from './accounts';
export * from './friends';
export * from './system';
export * from './chat';
export * from './realtime';
export * from './wallet';
