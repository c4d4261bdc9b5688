import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHttpUrl } from './mount-url.ts';

test('mount editor: an upstream address on the government network passes the first check', () => {
  for (const url of [
    'http://qzk-gaj:8080/api/rows', // bare intranet host name
    'http://127.0.0.1:1/rows', // one-digit port
    'http://10.12.3.4/api/rows',
    'https://api.gaj.jc.gov.cn/v1/rows?page=1',
    ' http://localhost:9000/x ',
  ]) assert.equal(isHttpUrl(url), true, url);
});

test('mount editor: what the server would refuse as no http(s) address is refused at once', () => {
  for (const url of ['', 'not a url', 'ftp://files.jc.gov.cn/rows', '//api.gaj.jc.gov.cn/rows', 'www.gaj.jc.gov.cn/rows', 'http://']) {
    assert.equal(isHttpUrl(url), false, url);
  }
});
