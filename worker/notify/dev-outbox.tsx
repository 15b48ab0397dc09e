import { desc } from 'drizzle-orm';
import { Hono } from 'hono';
import { outbox } from '../../schema/index.ts';
import { OutboxPage } from '../../views/pages/outbox.tsx';
import type { AppEnv } from '../app.ts';
import { NotFound } from '../http/errors.tsx';
import { pageChrome, renderPage } from '../http/render.ts';

/** The development outbox at /dev/outbox. Every other environment returns 404. */
export const devOutbox = new Hono<AppEnv>();

devOutbox.get('/dev/outbox', async (c) => {
  if (c.var.config.environment !== 'development') throw new NotFound();

  const rows = await c.var.db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(50);
  const chrome = pageChrome(c, 'Development outbox');
  return renderPage(c, <OutboxPage chrome={chrome} model={{ messages: rows }} />);
});
