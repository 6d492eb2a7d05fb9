/** Agent and admin accounts. */
export * from './user-service.js';
export * from './session-service.js';
export * from './password-policy.js';
