import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ErrorPage } from '../../views/pages/error.tsx';
import { NotFoundPage } from '../../views/pages/not-found.tsx';
import type { AppEnv } from '../app.ts';
import { log } from '../phi/log.ts';
import { pageChrome, renderPage } from './render.ts';

/**
 * Thrown for anything that does not exist or that the person may not see. Both get the same
 * page, so nobody can tell another patient's ids from ids that do not exist.
 */
export class NotFound extends HTTPException {
  constructor() {
    super(404, { message: 'Not found' });
  }
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) => notFoundPage(c);

/**
 * Renders every uncaught error as a page that shows no technical detail. Database and other
 * unexpected failures get 503 with "try again later". The log line contains the request id and
 * the error's name and message only, never the request body or query results.
 */
export const errorHandler: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof NotFound) return notFoundPage(c);
  if (error instanceof HTTPException && error.status < 500) return error.getResponse();

  log('error', 'request.failed', {
    requestId: c.var.requestId,
    path: new URL(c.req.url).pathname,
    method: c.req.method,
    ...describeError(error),
  });
  const chrome = pageChrome(c, 'Sorry, there is a problem');
  return renderPage(c, <ErrorPage chrome={chrome} status={503} />, 503);
};

function notFoundPage(c: Context<AppEnv>) {
  return renderPage(c, <NotFoundPage chrome={pageChrome(c, 'Page not found')} />, 404);
}

/**
 * Names the innermost cause of an error. drizzle wraps D1 errors in a message that lists the
 * query's bound parameters, which can be PHI (an email address, a name), so that outer message
 * is never logged.
 */
function describeError(error: Error) {
  let cause = error;
  while (cause.cause instanceof Error) cause = cause.cause;
  return { error: cause.name, message: cause.message.split('\nparams:')[0] };
}
