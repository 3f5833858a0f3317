import { Readable } from 'node:stream';
import type { EventStore } from '@dateline/event-store';
import {
  EXPORT_MEDIA,
  ExportOptionError,
  envelopeLine,
  exportFacts,
  parseExportFormat,
  parseFilterParams,
  readLogPrefix,
} from '@dateline/interop';
import { parseReplayTarget, publishedBy, type ReplayTarget } from '@dateline/projections';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../graphql/errors.js';
import {
  positionOutOfRange,
  ReadModelsService,
  recordedAtInstant,
} from '../read-models.service.js';
import { EVENT_STORE } from '../tokens.js';

const RESERVED = new Set(['asOf', 'reportedBy', 'title']);

/**
 * Downloads of the story in the formats newsrooms use: GET /export/{timelinejs|csv|ics|ndjson}
 * with `asOf` (a log position or ISO time), `reportedBy` (a date) and the timeline filters
 * (`kind`, `country`, `actor`, `from`, `to`, …) as query parameters. The same functions as
 * `dateline export`, so both give the same bytes.
 */
@Controller('export')
export class ExportController {
  constructor(
    private readonly reads: ReadModelsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get(':format')
  async download(
    @Param('format') formatText: string,
    @Query() query: Record<string, string | string[]>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const format = refuseBadOption('format', () => parseExportFormat(formatText));
    const one = (key: string) => {
      const value = query[key];
      if (Array.isArray(value)) throw badRequest(key, 'give it once');
      return value;
    };
    const asOfText = one('asOf');
    const reportedBy = one('reportedBy');
    const title = one('title');
    // Given empty (?asOf=) is refused like any unreadable value, never taken as absent. A time is
    // then read as GraphQL's asOf.recordedAt is: today's date is the present, a time to come is
    // refused (by every format, the raw log's too).
    let asOf: ReplayTarget | undefined =
      asOfText !== undefined
        ? refuseBadOption('asOf', () => parseReplayTarget(asOfText))
        : undefined;
    if (asOfText !== undefined && asOf && 'recordedAt' in asOf) {
      const instant = recordedAtInstant(asOfText);
      asOf = instant === undefined ? undefined : { recordedAt: instant };
    }
    if (reportedBy !== undefined) refuseBadOption('reportedBy', () => publishedBy(reportedBy));
    const filterParams = Object.entries(query)
      .filter(([key]) => !RESERVED.has(key))
      .flatMap(([key, value]) =>
        Array.isArray(value) ? value.map((v) => [key, v] as const) : [[key, value] as const],
      );
    const filter = refuseBadOption('filter', () => parseFilterParams(filterParams));
    if (title !== undefined && title.trim() === '')
      throw badRequest('title', 'give a title, or leave the parameter out');
    if (format === 'ndjson') {
      if (reportedBy || filterParams.length > 0) {
        throw badRequest(
          'ndjson',
          'the raw log cannot be filtered: only a prefix of the hash chain verifies; use asOf',
        );
      }
      if (title !== undefined) throw badRequest('title', 'the raw log has no title');
      // As the other formats: a position the log has not reached is refused, not cut to the head.
      if (asOf && 'position' in asOf) {
        const head = (await this.store.head()).position;
        if (asOf.position > head) throw positionOutOfRange(head);
      }
    }
    const { mediaType, extension } = EXPORT_MEDIA[format];
    reply
      .header('content-type', mediaType)
      .header('content-disposition', `attachment; filename="dateline.${extension}"`)
      .header('cache-control', 'no-store');

    if (format === 'ndjson') {
      // The first read happens here, before any byte is sent, so that a store that cannot be read
      // is answered with a status and the API's error shape; a failure later cuts the download.
      const events = readLogPrefix(this.store, asOf)[Symbol.asyncIterator]();
      const first = await events.next();
      const lines = async function* () {
        try {
          for (let next = first; !next.done; next = await events.next())
            yield envelopeLine(next.value);
        } catch (error) {
          // The status is gone, so the only way left to say so is to close the connection before
          // the chunked body's last chunk: no client takes the cut log for a whole one (curl exits
          // 18, fetch rejects). Fastify would close it too, but logs nothing while request logging
          // is off (create-app.ts), and no onResponse runs for a closed response.
          reply.log.error({ err: error }, 'download cut short');
          reply.raw.destroy();
          throw error;
        }
      };
      await reply.send(Readable.from(lines()));
      return;
    }
    const scope = await this.reads.scope(
      asOf
        ? 'position' in asOf
          ? { position: asOf.position }
          : { recordedAt: asOf.recordedAt }
        : null,
    );
    await reply.send(exportFacts(format, scope.models, { filter, reportedBy, title }));
  }
}

function badRequest(parameter: string, message: string): ApiError {
  // Messages of the shared option parsers already name their parameter ("filter kind: …").
  const text = message.startsWith(`${parameter} `) ? message : `${parameter}: ${message}`;
  return new ApiError('BAD_USER_INPUT', text, {
    issues: [{ path: parameter, message }],
  });
}

function refuseBadOption<T>(parameter: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ExportOptionError || error instanceof RangeError)
      throw badRequest(parameter, error.message);
    throw error;
  }
}
