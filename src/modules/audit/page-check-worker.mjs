// A worker thread of the audit verifier (page-checkers.ts). Workers do not inherit the TypeScript
// loader the process runs under, so this plain-JavaScript entry loads the one block check
// (src/domain/audit/page-check.ts) through tsx's API, then answers one checked block per block.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { checkCopyBlock } = await tsImport('../../domain/audit/page-check.ts', import.meta.url);

parentPort.on('message', ({ id, block }) => {
  try {
    const page = checkCopyBlock(block);
    parentPort.postMessage({ id, page }, [page.ok.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.stack ?? err) });
  }
});
