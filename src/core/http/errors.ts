import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, RateLimitedError, type FieldProblem } from '../errors.js';
import { isForeignKeyViolation, isUniqueViolation } from '../db/db-errors.js';

/** Which error body a path gets: the Salt console's `{detail}` or the plant envelope. */
export type Surface = 'salt' | 'plant';

export function surfaceOf(url: string): Surface {
  return url.startsWith('/api/') && !url.startsWith('/api/v1/') ? 'salt' : 'plant';
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const PART_NAMES: Record<string, string> = { querystring: 'query', params: 'path', body: 'body', headers: 'header' };

function fieldOf(issue: AjvIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = issue.params.missingProperty ?? issue.params.additionalProperty;
  if (typeof missing === 'string') return path ? `${path}.${missing}` : missing;
  return path || '(root)';
}

function messageOf(issue: AjvIssue): string {
  if (issue.keyword === 'additionalProperties') return 'is not allowed';
  if (issue.keyword === 'required') return 'is required';
  return issue.message ?? 'is invalid';
}

function schemaProblems(error: FastifyError): { part: string; problems: FieldProblem[]; types: string[] } {
  const issues = (error.validation ?? []) as unknown as AjvIssue[];
  return {
    part: PART_NAMES[error.validationContext ?? 'body'] ?? 'body',
    problems: issues.map((issue) => ({ field: fieldOf(issue), message: messageOf(issue) })),
    types: issues.map((issue) => issue.keyword),
  };
}

/** The `/api/v1` error body (plant.md §1). */
export function plantErrorBody(code: string, message: string, details: FieldProblem[], requestId: string) {
  return { error: { code, message, details }, request_id: requestId };
}

/** Sends an error body in the shape of the request's surface. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, details: FieldProblem[]) {
  const request_id = String(request.id);
  if (surfaceOf(request.url) === 'salt') {
    // `detail` stays the reference's string; `fields` adds which input was wrong, when known.
    return reply.status(status).send({ detail: message, ...(details.length > 0 ? { fields: details } : {}), request_id });
  }
  return reply.status(status).send(plantErrorBody(code, message, details, request_id));
}

/**
 * The only error handler. Maps AppError to its status; schema failures to 400 naming the field
 * (422 FastAPI-style on the Salt console surface); unique and foreign-key violations to 409/422;
 * anything else to a logged 500 that says nothing about internals.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof AppError) {
      return sendError(request, reply, error.status, error.code, error.message, error.details);
    }
    if (error.validation) {
      const { part, problems, types } = schemaProblems(error);
      if (surfaceOf(request.url) === 'salt') {
        const detail = problems.map((p, i) => ({ loc: [part, ...p.field.split('.')], msg: p.message, type: types[i] ?? 'value_error' }));
        return reply.status(422).send({ detail, request_id: String(request.id) });
      }
      const summary = problems.map((p) => `${p.field} ${p.message}`).join('; ');
      return sendError(request, reply, 400, 'validation_error', `Invalid ${part}: ${summary}`, problems);
    }
    if (isUniqueViolation(error)) return sendError(request, reply, 409, 'conflict', 'Already exists', []);
    if (isForeignKeyViolation(error)) return sendError(request, reply, 422, 'unprocessable', 'Refers to a record that does not exist', []);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: unparseable JSON, wrong content type, body too large.
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
      return sendError(request, reply, status, code, error.message, []);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 500, 'internal_error', 'Internal server error', []);
  });
}
