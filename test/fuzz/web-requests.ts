import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import fc from 'fast-check';
import { WebModule } from '../../src/web/web.module';
import type { FuzzWorld } from './api-requests';
import { aimedAt, hostileString, idLike } from './hostile-values';
import { FuzzRequest, percentEncode } from './fuzz-request';

export interface WebRoute {
  method: 'GET' | 'POST';
  /** e.g. /staff/cases/:id/:action */
  path: string;
}

/** Every route of the web pages, read from the controllers' own decorators (the API document omits them). */
export function webRoutes(): WebRoute[] {
  const controllers = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, WebModule) ?? []) as {
    prototype: object;
  }[];
  const routes: WebRoute[] = [];
  for (const controller of controllers) {
    const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (method === undefined || path === undefined) continue;
      if (method !== RequestMethod.GET && method !== RequestMethod.POST) continue;
      const full = `/${[prefix, path]
        .map((p) => p.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      routes.push({ method: method === RequestMethod.GET ? 'GET' : 'POST', path: full });
    }
  }
  return routes;
}

/** Field and query names the pages read, so generated forms reach their checks. */
const FIELD_NAMES = [
  'nationalId',
  'fullName',
  'dateOfBirth',
  'phone',
  'email',
  'password',
  'passwordConfirm',
  'username',
  'next',
  'returnTo',
  'to',
  'type',
  'licenceNumber',
  'healthCertificateNumber',
  'method',
  'recipientName',
  'street',
  'commune',
  'provinceCode',
  'reason',
  'reasonCode',
  'message',
  'note',
  'version',
  'outcome',
  'submissionKey',
  'q',
  'status',
  'cursor',
  'dueBefore',
  'from',
  'to',
  'province',
  'done',
  'signedOut',
  'lostOn',
  'declaration',
  'newFullName',
  'all',
];

const ACTIONS = ['claim', 'release', 'approve', 'reject', 'request-info', 'collect', 'x'];

export interface WebCaller {
  cookie: string;
  csrfToken: string | null;
}

/** Requests for one web route from each kind of visitor, with forms carrying (or forging) the CSRF token. */
export function webRequests(
  route: WebRoute,
  world: FuzzWorld,
  callers: Record<string, WebCaller>,
): fc.Arbitrary<FuzzRequest> {
  const segment = (name: string) =>
    fc.oneof(
      (name === 'action' ? fc.constantFrom(...ACTIONS) : idLike(world.ids)).map(percentEncode),
      hostileString(world.personal).map(percentEncode),
      fc.constantFrom('%E0%A4%A', '%00', '%0D%0A', '%ZZ'),
    );
  const names = route.path.match(/:(\w+)/g)?.map((n) => n.slice(1)) ?? [];
  const pair = fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) },
      { weight: 1, arbitrary: hostileString() },
    )
    .chain((k) =>
      fc
        .oneof(
          hostileString(world.personal),
          aimedAt(k, undefined, world.ids) ?? fc.string({ maxLength: 12 }),
        )
        .map((v) => `${percentEncode(k)}=${percentEncode(v)}`),
    );
  return fc
    .record({
      caller: fc.constantFrom(...Object.keys(callers)),
      segments: fc.record(Object.fromEntries(names.map((n) => [n, segment(n)]))),
      query: fc.array(pair, { maxLength: 3 }),
      fields: fc.array(pair, { maxLength: 8 }),
      csrf: fc.constantFrom('valid', 'valid', 'valid', 'forged', 'none'),
      form: fc.constantFrom('urlencoded', 'urlencoded', 'urlencoded', 'multipart', 'json'),
    })
    .map(({ caller, segments, query, fields, csrf, form }) => {
      const who = callers[caller];
      const path = route.path.replace(/:(\w+)/g, (_, n: string) => segments[n]);
      const headers: Record<string, string> = who.cookie ? { cookie: who.cookie } : {};
      let body: Buffer | undefined;
      if (route.method === 'POST') {
        const token = csrf === 'valid' ? who.csrfToken : csrf === 'forged' ? 'forged-token' : null;
        const all = token ? [`_csrf=${percentEncode(token)}`, ...fields] : fields;
        if (form === 'urlencoded') {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          body = Buffer.from(all.join('&'));
        } else if (form === 'json') {
          headers['content-type'] = 'application/json';
          body = Buffer.from(
            JSON.stringify(Object.fromEntries(all.map((p) => p.split('=').map(decodeSafe)))),
          );
        } else {
          const boundary = 'webFuzzBoundary';
          headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
          const parts = all.map((p) => {
            const [k, v] = p.split('=').map(decodeSafe);
            return `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, '')}"\r\n\r\n${v}\r\n`;
          });
          body = Buffer.from(`${parts.join('')}--${boundary}--\r\n`);
        }
      }
      return {
        method: route.method,
        path: query.length ? `${path}?${query.join('&')}` : path,
        headers,
        body,
        label: `${route.method} ${route.path} as ${caller}`,
      };
    });
}

function decodeSafe(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return value ?? '';
  }
}
