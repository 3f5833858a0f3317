import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type HealthReport, ReadModelsService } from '../read-models.service.js';

@Controller()
export class HealthController {
  constructor(private readonly reads: ReadModelsService) {}

  /** 200 once every read model has caught up with the log head; 503 before (or after a failure). */
  @Get('healthz')
  @Header('cache-control', 'no-store')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.reads.health();
    reply.status(report.ok ? 200 : 503);
    return report;
  }
}
