import { Type, type Static, type TSchema } from 'typebox';

/** A v4-style UUID; a malformed id is a 400/422 before any lookup. */
export const Uuid = Type.String({ format: 'uuid' });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;

/** The `/api/v1` error body (plant.md §1). */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  }),
  request_id: Type.String(),
});

/** The `/api` error body (the Salt console keeps the reference product's `{detail}`). */
export const DetailBody = Type.Object({
  detail: Type.Union([
    Type.String(),
    Type.Array(Type.Object({ loc: Type.Array(Type.String()), msg: Type.String(), type: Type.String() })),
  ]),
  request_id: Type.String(),
});

/** `page` and `page_size` (plant.md §1). */
export const PageQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  page_size: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});
export type PageQuery = Static<typeof PageQuery>;

/** The `/api/v1` list envelope. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    page_size: Type.Integer(),
    total_pages: Type.Integer(),
  });

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

/** The one pagination helper: turns `page`/`page_size` into a window and back into the envelope. */
export const pagination = {
  window: (q: PageQuery) => ({ limit: q.page_size, offset: (q.page - 1) * q.page_size }),
  envelope: <T>(items: T[], total: number, q: PageQuery): PageOf<T> => ({
    items,
    total,
    page: q.page,
    page_size: q.page_size,
    total_pages: Math.ceil(total / q.page_size),
  }),
};

/** `limit`/`offset` paging of the Salt console (`/api`), limit 1..max. */
export const LimitOffsetQuery = (max: number, fallback: number) =>
  Type.Object({
    limit: Type.Integer({ minimum: 1, maximum: max, default: fallback }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  });

/** A 204 answer: no body. */
export const NoContent = Type.Unknown({ description: 'No content' });
