import { env, exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';
it('smoke', async () => {
  const res = await exports.default.fetch('http://localhost/');
  expect(await res.text()).toBe('hello');
  const r = await env.DB.prepare('select count(*) as n from patients').first();
  expect(r).toEqual({ n: 0 });
});
