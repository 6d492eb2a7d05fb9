import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, unknownSettings } from '../../src/config.js';

const failure = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
};

describe('settings from the environment', () => {
  it('a setting listed without a value (PORT= in an env file) means its default, not port 0', () => {
    const config = loadConfig({ PORT: '', HOST: '', PARLEY_TOKEN_TTL_SECONDS: '', PARLEY_TRACE: '', PARLEY_TRUST_PROXY: '', LOG_LEVEL: '' });
    expect(config).toMatchObject({ port: 3978, host: '127.0.0.1', tokenTtlSeconds: 3600, trace: false, trustProxy: false, logLevel: 'info' });
  });

  it('a number is decimal digits in range; anything else is one line naming the setting and what it got', () => {
    expect(loadConfig({ PORT: ' 4002 ' }).port).toBe(4002);
    expect(failure({ PORT: 'abc' })).toBe('Invalid setting PORT: must be a whole number from 0 to 65535, not "abc"');
    expect(failure({ PORT: '0x10' })).toBe('Invalid setting PORT: must be a whole number from 0 to 65535, not "0x10"');
    expect(failure({ PORT: '70000' })).toBe('Invalid setting PORT: must be a whole number from 0 to 65535, not "70000"');
    expect(failure({ PARLEY_TOKEN_TTL_SECONDS: '1e3' })).toBe('Invalid setting PARLEY_TOKEN_TTL_SECONDS: must be a whole number from 60 to 2592000, not "1e3"');
    expect(failure({ PARLEY_RETENTION_DAYS: '-1' })).toBe('Invalid setting PARLEY_RETENTION_DAYS: must be a whole number from 0 to 36500, not "-1"');
  });

  it('two bad settings: a line each; a secret is named but its value never printed', () => {
    const message = failure({ PORT: '4.5', PARLEY_ADMIN_PASSWORD: 'hunter2' });
    expect(message.split('\n')).toEqual([
      'Invalid setting PORT: must be a whole number from 0 to 65535, not "4.5"',
      expect.stringMatching(/^Invalid setting PARLEY_ADMIN_PASSWORD: /),
    ]);
    expect(message).not.toContain('hunter2');
  });

  it('a PARLEY_ variable that is no setting is named, with the setting it most likely meant; other programs\' variables are left alone', () => {
    expect(unknownSettings({ PARLEY_TRUST_PROXIES: '1', PARLEY_ADMIN_PASS: 'x', PARLEY_COLOUR: 'red', PARLEY_TRUST_PROXY: '1', PORTS: '1', NODE_ENV: 'production' })).toEqual([
      { name: 'PARLEY_ADMIN_PASS', meant: 'PARLEY_ADMIN_PASSWORD' },
      { name: 'PARLEY_COLOUR' },
      { name: 'PARLEY_TRUST_PROXIES', meant: 'PARLEY_TRUST_PROXY' },
    ]);
  });
});
