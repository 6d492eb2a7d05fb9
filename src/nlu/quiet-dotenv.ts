/**
 * natural calls `dotenv` when it is imported, which prints a banner unless told to be quiet.
 * Import this module before `natural` so the setting is in place when natural is evaluated.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
export {};
