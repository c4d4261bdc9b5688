/** 共享利用与供需管理 (§20–§32, §39–§40): pure rules of share requests, grants and objections — no I/O. */
export * from './types.ts';
export * from './labels.ts';
export * from './workflow.ts';
export * from './deadlines.ts';
export * from './request-rules.ts';
export * from './grant-rules.ts';
export * from './objection-rules.ts';
