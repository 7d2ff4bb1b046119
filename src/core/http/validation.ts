import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function ajv(options: Options): Ajv {
  const instance = new Ajv({ removeAdditional: false, useDefaults: true, allErrors: false, strict: false, ...options });
  addFormats.default(instance);
  return instance;
}

/**
 * Query strings, path parameters and headers arrive as text, so they are coerced to the schema's
 * types; JSON bodies are not, so `"page_size": "5"` is a type error rather than a guess.
 */
export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const coercing = ajv({ coerceTypes: 'array' });
  const strict = ajv({ coerceTypes: false });
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}
