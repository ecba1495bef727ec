import { describe, expect, it } from 'vitest';
import { LOCAL_NETWORK_SETTINGS, OptionsError, describeLocalNetworkOptions, parseLocalNetworkOptions } from '@bsk/devnet';

/* What `npm start` can be told: flags over BSK_ environment over the defaults of issue 5. */

describe('local network options', () => {
  it('defaults to the ports tools and the reference client look for', () => {
    expect(parseLocalNetworkOptions([], {})).toEqual({
      dataDir: './.devnet',
      reset: false,
      host: '127.0.0.1',
      chainPort: 18443,
      rpcUser: 'blockstack',
      rpcPassword: 'blockstacksystem',
      mineEvery: 10,
      apiPort: 6270,
      dnsPort: 5300,
      hubPort: 4000,
      readerPort: 8008,
      logLevel: 'warn',
    });
  });

  it('takes flags over the environment', () => {
    const options = parseLocalNetworkOptions(['--api-port', '7000', '--reset', '--data-dir=/srv/net', '--log-level', 'info'], { BSK_API_PORT: '6000', BSK_HUB_PORT: '4100', BSK_RESET: '0' });
    expect(options).toMatchObject({ apiPort: 7000, hubPort: 4100, reset: true, dataDir: '/srv/net', logLevel: 'info' });
  });

  it('refuses bad values with a message naming the flag', () => {
    const bad: [string[], RegExp][] = [
      [['--api-port', '70000'], /--api-port must be an integer from 0 to 65535, got '70000'/],
      [['--mine-every', '-1'], /--mine-every must be an integer/],
      [['--reset=maybe'], /--reset must be true or false/],
      [['--log-level', 'loud'], /--log-level must be one of/],
      [['--chain-port'], /--chain-port needs a value/],
      [['--nope', '1'], /unknown option --nope/],
      [['start'], /unexpected argument 'start'/],
      [['--data-dir', ''], /--data-dir must not be empty/],
    ];
    for (const [argv, message] of bad) {
      expect(() => parseLocalNetworkOptions(argv, {})).toThrow(OptionsError);
      expect(() => parseLocalNetworkOptions(argv, {})).toThrow(message);
    }
  });

  it('--help lists every option with its environment variable and default', () => {
    const help = describeLocalNetworkOptions();
    for (const setting of LOCAL_NETWORK_SETTINGS) expect(help).toContain(`--${setting.flag}`);
    expect(help).toContain('[env BSK_API_PORT, default 6270]');
    expect(help.split('\n')).toHaveLength(LOCAL_NETWORK_SETTINGS.length);
  });
});
