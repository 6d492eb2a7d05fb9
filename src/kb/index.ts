/** The knowledge base: its format, loading and validation. */
export * from './schema.js';
export * from './loader.js';
