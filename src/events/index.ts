/** Domain events and the bus that carries them. */
export * from './event-bus.js';
