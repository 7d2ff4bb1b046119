import path from 'node:path';

/**
 * The project's shared material (specs, Salt captures, evaluation data): `../shared` beside the
 * checkout, or SHARED_DIR.
 */
export function sharedDir(...parts: string[]): string {
  return path.join(process.env.SHARED_DIR ?? path.resolve('..', 'shared'), ...parts);
}
