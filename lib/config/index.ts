export * from './cidr';
export * from './load';
export * from './reserved-users';
export * from './schema';
