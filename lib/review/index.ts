/*
 * Plan review: what changes, what can reach the server, what the policy rules find; as Markdown,
 * JSON or SARIF. The API `ftp-kit review` and `ftp-kit deploy` share.
 */
export * from './format';
export * from './markdown';
export * from './review';
export * from './sarif';
export * from './types';
