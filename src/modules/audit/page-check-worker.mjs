// A worker thread of the audit verifier (page-checkers.ts). Workers do not inherit the TypeScript
// loader the process runs under, so this plain-JavaScript entry loads the one page check
// (src/domain/audit/page-check.ts) through tsx's API, then answers one checked page per page text.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { checkPage } = await tsImport('../../domain/audit/page-check.ts', import.meta.url);

parentPort.on('message', ({ id, text }) => {
  try {
    const page = checkPage(text);
    parentPort.postMessage({ id, page }, [page.ok.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.stack ?? err) });
  }
});
parentPort.postMessage({ ready: true });
