import { z } from 'zod';
import type { CustomerViews, PrivacyService, ProfileService } from '../../customers/index.js';
import { parse } from '../validate.js';
import type { ApiRouter } from './route-table.js';

const customerIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a customer id');
const vipSchema = z.object({ vip: z.boolean({ error: 'vip must be true or false' }) });

export interface CustomerRouteDeps {
  views: CustomerViews;
  profiles: ProfileService;
  privacy: PrivacyService;
}

/**
 * Customer profiles for agents; export, erasure and VIP marking for admins. The export and
 * erasure answer `404` for a customer Parley keeps nothing about (any more).
 */
export function addCustomerRoutes(api: ApiRouter, deps: CustomerRouteDeps): void {
  api.add('get', '/customers/:id', 'agent', async (req, res) => {
    const id = parse(customerIdSchema, req.params.id, 'id');
    res.json(await deps.views.view(id));
  });

  api.add('get', '/customers/:id/export', 'admin', async (req, res) => {
    const id = parse(customerIdSchema, req.params.id, 'id');
    await deps.profiles.flush();
    const exported = await deps.privacy.export(id);
    res.setHeader('Content-Disposition', `attachment; filename="customer-${id}.json"`);
    res.json(exported);
  });

  api.add('delete', '/customers/:id', 'admin', async (req, res) => {
    const id = parse(customerIdSchema, req.params.id, 'id');
    res.json(await deps.privacy.erase(id));
  });

  api.add('put', '/customers/:id/vip', 'admin', async (req, res) => {
    const id = parse(customerIdSchema, req.params.id, 'id');
    const { vip } = parse(vipSchema, req.body, 'body');
    await deps.profiles.setVip(id, vip);
    res.json(await deps.views.view(id));
  });
}
