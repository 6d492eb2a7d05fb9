// natural loads dotenv when it is first evaluated and prints a banner unless told to be quiet.
// Import this module before anything that imports natural.
process.env.DOTENV_CONFIG_QUIET ??= 'true';

export {};
