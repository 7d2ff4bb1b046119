import { Type } from 'typebox';
import { IsoDateTime } from '../../core/http/schemas.js';

export const FunctionCatalog = Type.Object({
  functions: Type.Array(Type.String()),
  cached_at: IsoDateTime,
});
