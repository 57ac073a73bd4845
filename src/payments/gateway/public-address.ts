import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { Environment } from '../../config/environment';

/**
 * This service's own address for links a gateway follows back (return URL, the simulator's IPN and API
 * calls): PUBLIC_BASE_URL, or, where none is set (local runs, tests on a random port), the address this
 * process listens on.
 */
@Injectable()
export class PublicAddress {
  constructor(
    private readonly env: Environment,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  base(): string {
    if (this.env.PUBLIC_BASE_URL) return this.env.PUBLIC_BASE_URL.replace(/\/+$/, '');
    const server = this.adapterHost.httpAdapter?.getHttpServer() as
      { address(): AddressInfo | string | null } | undefined;
    const address = server?.address();
    if (address && typeof address === 'object') return `http://127.0.0.1:${address.port}`;
    throw new Error('PUBLIC_BASE_URL is not set and this process serves no HTTP: set PUBLIC_BASE_URL.');
  }
}
