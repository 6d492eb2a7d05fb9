// natural calls dotenv on import and prints a banner unless told to be quiet. This module is
// imported before anything that imports natural; ES modules run in import order.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
export {};
