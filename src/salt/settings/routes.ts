import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/http/route-config.js';
import { AUTHENTICATED, P } from '../../core/rbac/permissions.js';
import { PollerSettingsIn, SaltSettingsIn, SaltTestIn, SaltTestResult, SettingsOut, SettingsStatus, WidgetSettingsIn } from './schema.js';
import type { SaltSettingsService } from './service.js';

/** `/api/admin/settings` (salt-console.md §4 Settings). */
export const saltSettingsRoutes: FastifyPluginAsyncTypebox<{ saltSettings: SaltSettingsService }> = async (r, { saltSettings }) => {
  r.get('/status', {
    config: { permission: AUTHENTICATED },
    schema: { tags: ['settings'], response: { 200: SettingsStatus } },
  }, () => saltSettings.status());

  r.get('/', {
    config: { permission: P.settingsEdit },
    schema: { tags: ['settings'], response: { 200: SettingsOut } },
  }, () => saltSettings.view());

  r.put('/salt', {
    config: { permission: P.settingsEdit },
    schema: { tags: ['settings'], body: SaltSettingsIn, response: { 200: SettingsOut } },
  }, (req) => saltSettings.updateSalt(actorOf(req), req.body));

  r.put('/pollers', {
    config: { permission: P.settingsEdit },
    schema: { tags: ['settings'], body: PollerSettingsIn, response: { 200: SettingsOut } },
  }, (req) => saltSettings.updatePollers(actorOf(req), req.body));

  r.put('/widget', {
    config: { permission: P.settingsEdit },
    schema: { tags: ['settings'], body: WidgetSettingsIn, response: { 200: SettingsOut } },
  }, (req) => saltSettings.updateWidget(actorOf(req), req.body));

  r.post('/test-salt', {
    config: { permission: P.settingsEdit },
    schema: { tags: ['settings'], body: SaltTestIn, response: { 200: SaltTestResult } },
  }, (req) => saltSettings.testSalt(req.body));

  r.post('/test-salt-saved', {
    config: { permission: P.settingsEdit },
    schema: { tags: ['settings'], response: { 200: SaltTestResult } },
  }, () => saltSettings.testSaved());
};
