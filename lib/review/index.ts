/*
 * Plan review: what changes, what can reach the server, what the policy rules find; as Markdown,
 * JSON, SARIF or terminal text, and the gate `ftp-kit deploy` stops on. The API `ftp-kit review`
 * and `ftp-kit deploy` share.
 */
export * from './format';
export * from './gate';
export * from './markdown';
export * from './review';
export * from './sarif';
export * from './plan-summary';
export * from './text';
export * from './types';
