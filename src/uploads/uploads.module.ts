import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { AuthModule } from '../auth/auth.module';
import { PHOTO_STORAGE } from './photo-storage';
import { PostgresPhotoStorage } from './postgres-photo-storage';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

/**
 * Photo uploads. Registers @fastify/multipart on the HTTP server itself (once, and only when there is
 * one: a worker process imports this module for claimForApplication without serving HTTP). Per-request
 * limits are set where the file is read.
 */
@Module({
  imports: [AuthModule],
  controllers: [UploadsController],
  providers: [UploadsService, { provide: PHOTO_STORAGE, useClass: PostgresPhotoStorage }],
  exports: [UploadsService],
})
export class UploadsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasRequestDecorator('isMultipart')) return;
    await fastify.register(multipart, { throwFileSizeLimit: true });
  }
}
