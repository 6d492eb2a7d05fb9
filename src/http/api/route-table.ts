import { Router, type RequestHandler } from 'express';
import type { Role } from '../../users/index.js';
import { requireRole } from '../auth.js';

export type Access = 'public' | Role;
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInfo {
  method: Method;
  /** Full path with express parameters, e.g. `/api/tickets/:id`. */
  path: string;
  access: Access;
}

/**
 * A router that records who may call each route. Every `/api` route is declared through it,
 * so the access rules are one table, which a test walks to check each route's answer to
 * each kind of caller.
 */
export class ApiRouter {
  readonly router = Router();
  readonly routes: RouteInfo[] = [];

  constructor(private readonly base: string) {}

  add(method: Method, path: string, access: Access, ...handlers: RequestHandler[]): this {
    this.routes.push({ method, path: `${this.base}${path}`, access });
    const guard: RequestHandler[] = access === 'public' ? [] : [requireRole(access)];
    this.router[method](path, ...guard, ...handlers);
    return this;
  }
}
