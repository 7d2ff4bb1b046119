import { ValidationError } from '../../core/errors.js';
import type { RunCommandIn } from './schema.js';

const FUN = /^[A-Za-z_]\w*\.[A-Za-z_]\w*$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const LIST = /^[^,\s]+(,[^,\s]+)*$/;
const CIDR = /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(\/\d{1,3})?)$/;
const NODEGROUP = /^[\w.-]+$/;
const COMPOUND_BINARY = new Set(['and', 'or']);

const invalid = (field: string, message: string) => new ValidationError(`${field} ${message}`, [{ field, message }], 422);

/** Parentheses balance, operators sit between terms, and no term is empty. */
function compoundProblem(target: string): string | null {
  const tokens = target.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').trim().split(/\s+/);
  let depth = 0;
  let expectTerm = true;
  for (const token of tokens) {
    if (token === '(') {
      if (!expectTerm) return 'has a term where an operator belongs';
      depth += 1;
    } else if (token === ')') {
      if (expectTerm || depth === 0) return 'has unbalanced parentheses';
      depth -= 1;
    } else if (COMPOUND_BINARY.has(token)) {
      if (expectTerm) return `has "${token}" where a term belongs`;
      expectTerm = true;
    } else if (token === 'not') {
      if (!expectTerm) return 'has "not" where an operator belongs';
    } else {
      if (!expectTerm) return 'has two terms without an operator between them';
      expectTerm = false;
    }
  }
  if (depth !== 0) return 'has unbalanced parentheses';
  return expectTerm ? 'ends with an operator' : null;
}

function targetProblem(target: string, type: RunCommandIn['target_type']): string | null {
  if (target.trim() === '') return 'must not be blank';
  if (CONTROL.test(target)) return 'must not contain control characters';
  switch (type) {
    case 'glob':
      return /\s/.test(target) ? 'must be a glob without whitespace' : null;
    case 'list':
      return LIST.test(target) ? null : 'must be comma-separated minion ids without spaces';
    case 'grain':
    case 'grain_pcre':
    case 'pillar':
      return /^[^:\s]+:/.test(target) ? null : 'must be of the form key:value';
    case 'nodegroup':
      return NODEGROUP.test(target) ? null : 'must be a nodegroup name';
    case 'ipcidr':
      return CIDR.test(target) ? null : 'must be an IP address or CIDR network';
    case 'compound':
      return compoundProblem(target);
    default:
      return null;
  }
}

/** The rules a run request must meet before anything is sent to Salt (422 naming the field). */
export function validateRun(input: RunCommandIn): void {
  if (!FUN.test(input.fun)) throw new ValidationError('fun must be of the form module.function', [{ field: 'fun', message: 'must be of the form module.function' }], 422);
  const problem = targetProblem(input.target, input.target_type);
  if (problem) throw invalid('target', problem);
  if (input.batch?.endsWith('%') && Number(input.batch.slice(0, -1)) > 100) throw invalid('batch', 'must be at most 100%');
}
