import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../log.js';

/** The last handler: a request that failed gets a plain answer with its status, never a stack trace. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    const status = httpStatusOf(error);
    if (status >= 500) log.error({ err: error }, 'request failed');
    response
      .status(status)
      .type('text/plain')
      .send(status >= 500 ? 'Internal error' : 'Bad request');
  };
}

function httpStatusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') {
    return error.status >= 400 && error.status < 600 ? error.status : 500;
  }
  return 500;
}
