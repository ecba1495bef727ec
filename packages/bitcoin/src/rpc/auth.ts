import { readFile } from 'node:fs/promises';

/**
 * How the client authenticates: rpcuser/rpcpassword, or the cookie file bitcoind writes at start
 * (`<datadir>/.cookie`, one line `__cookie__:<password>`), which changes at every restart, so it
 * is re-read after a 401.
 */
export type RpcCredentials = { readonly username: string; readonly password: string } | { readonly cookieFile: string };

export class RpcAuth {
  private header: string | null = null;
  constructor(private readonly credentials: RpcCredentials | undefined) {}

  get usesCookie(): boolean {
    return this.credentials !== undefined && 'cookieFile' in this.credentials;
  }

  /** The Authorization header value, or null without credentials. */
  async authorization(): Promise<string | null> {
    if (this.credentials === undefined) return null;
    if (this.header === null) this.header = basic(await this.userAndPassword(this.credentials));
    return this.header;
  }

  /** Forget a cached cookie so the next request reads the file again. */
  refresh(): void {
    this.header = null;
  }

  private async userAndPassword(credentials: RpcCredentials): Promise<string> {
    if ('username' in credentials) return `${credentials.username}:${credentials.password}`;
    const line = (await readFile(credentials.cookieFile, 'utf8')).trim();
    if (!line.includes(':')) throw new Error(`${credentials.cookieFile} is not a bitcoind cookie file (expected user:password)`);
    return line;
  }
}

function basic(userAndPassword: string): string {
  return `Basic ${Buffer.from(userAndPassword, 'utf8').toString('base64')}`;
}
