import net from 'node:net';
import { TcpProxy } from '../tcp-proxy';
import { startTestApp, TestApp } from '../test-app';
import { TestIdentityProvider } from './test-identity-provider';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface OidcTestApp {
  t: TestApp;
  idp: TestIdentityProvider;
  /** The app's public address (PUBLIC_BASE_URL), which the redirect URI registered at the provider uses. */
  url: string;
  close(): Promise<void>;
}

/**
 * The app signing citizens in with a test provider. The redirect URI comes from PUBLIC_BASE_URL, which
 * must be known before the app starts on its random port: a TCP proxy on a port chosen first carries it.
 */
export async function startOidcTestApp(
  env: Record<string, string> = {},
  role: 'api' | 'all' = 'api',
): Promise<OidcTestApp> {
  const idp = await TestIdentityProvider.start();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ role, env: { ...idp.appEnvironment(), PUBLIC_BASE_URL: url, ...env } });
  const proxy = new TcpProxy('127.0.0.1', Number(new URL(t.url).port));
  await proxy.start(port);
  idp.registerClient(url);
  return {
    t,
    idp,
    url,
    close: async () => {
      await proxy.stop();
      await t.close();
      await idp.close();
    },
  };
}
