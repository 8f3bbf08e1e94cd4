export * from './build';
export * from './expressions';
export * from './network';
export * from './server';
export * from './types';
export * from './container';
export * from './compare';
