import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page } from '../http/schemas.js';
import { P } from '../rbac/permissions.js';
import { AuditList, AuditQuery, AuditRecordQuery, AuditRecordView, AuditVerificationView } from './schema.js';
import type { AuditService } from './service.js';

/** `GET /api/audit` (salt-console.md §3.4). */
export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (r, { audit }) => {
  r.get('/', {
    config: { permission: P.auditView },
    schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditList } },
  }, (req) => audit.entries(req.query));
};

/** `GET /api/v1/audit` and `/api/v1/audit/verify` (plant.md §10). */
export const auditRecordRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (r, { audit }) => {
  r.get('/', {
    config: { permission: P.auditView },
    schema: { tags: ['audit'], querystring: AuditRecordQuery, response: { 200: Page(AuditRecordView) } },
  }, (req) => audit.records(req.query));

  r.get('/verify', {
    config: { permission: P.auditView },
    schema: { tags: ['audit'], response: { 200: AuditVerificationView } },
  }, () => audit.verify());
};
