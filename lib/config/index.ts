export * from './cidr';
export * from './load';
export * from './operations';
export * from './reserved-users';
export * from './schema';
