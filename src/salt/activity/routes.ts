import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/http/route-config.js';
import { AUTHENTICATED } from '../../core/rbac/permissions.js';
import { ActivityList, ActivityQuery, StreamHeaders, WidgetConfigOut } from './schema.js';
import type { ActivityService } from './service.js';
import { sendEventStream } from './sse.js';

/**
 * `/api/activity` (salt-console.md §4 Activity). Any signed-in user may call these; what they
 * return is filtered to the categories the user may view.
 */
export const activityRoutes: FastifyPluginAsyncTypebox<{ activity: ActivityService }> = async (r, { activity }) => {
  r.get('/', {
    config: { permission: AUTHENTICATED },
    schema: { tags: ['activity'], querystring: ActivityQuery, response: { 200: ActivityList } },
  }, (req) => activity.list(actorOf(req), req.query));

  r.get('/stream', {
    config: { permission: AUTHENTICATED },
    schema: {
      tags: ['activity'],
      description: 'Server-sent events: `id: <event id>` and `data: {category, event_type, minion_id, jid, fun, success, changed, summary}` frames, `: keepalive` comments.',
      headers: StreamHeaders,
      produces: ['text/event-stream'],
    },
  }, async (req, reply) => sendEventStream(reply, await activity.openStream(actorOf(req), { lastEventId: req.headers['last-event-id'] })));

  r.get('/widget-config', {
    config: { permission: AUTHENTICATED },
    schema: { tags: ['activity'], response: { 200: WidgetConfigOut } },
  }, () => activity.widgetConfig());
};
