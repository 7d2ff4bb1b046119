import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/http/route-config.js';
import { P } from '../../core/rbac/permissions.js';
import { JobDetail, JobList, JobParams, JobQuery, JobsSettings, JobsSettingsIn, KillResult } from './schema.js';
import type { JobsService } from './service.js';
import { JobActivity, JobActivityQuery, Timeline, TimelineQuery } from './timeline/schema.js';

/** `/api/jobs` (salt-console.md §4 Jobs; seed 001). Static paths are registered before `/:jid`. */
export const jobsRoutes: FastifyPluginAsyncTypebox<{ jobs: JobsService }> = async (r, { jobs }) => {
  r.get('/', {
    config: { permission: P.jobsView },
    schema: { tags: ['jobs'], querystring: JobQuery, response: { 200: JobList } },
  }, (req) => jobs.list(req.query));

  r.get('/activity', {
    config: { permission: P.jobsView },
    schema: { tags: ['jobs'], querystring: JobActivityQuery, response: { 200: JobActivity } },
  }, (req) => jobs.activity(req.query.hours));

  r.get('/timeline', {
    config: { permission: P.jobsView },
    schema: { tags: ['jobs'], querystring: TimelineQuery, response: { 200: Timeline } },
  }, (req) => jobs.timeline(req.query));

  r.get('/settings', {
    config: { permission: P.settingsEdit },
    schema: { tags: ['jobs'], response: { 200: JobsSettings } },
  }, () => jobs.settings());

  r.put('/settings', {
    config: { permission: P.settingsEdit },
    schema: { tags: ['jobs'], body: JobsSettingsIn, response: { 200: JobsSettings } },
  }, (req) => jobs.updateSettings(actorOf(req), req.body));

  r.get('/:jid', {
    config: { permission: P.jobsView },
    schema: { tags: ['jobs'], params: JobParams, response: { 200: JobDetail } },
  }, (req) => jobs.detail(req.params.jid));

  r.post('/:jid/kill', {
    config: { permission: P.jobsKill },
    schema: { tags: ['jobs'], params: JobParams, response: { 202: KillResult } },
  }, async (req, reply) => reply.status(202).send(await jobs.kill(actorOf(req), req.params.jid)));
};
