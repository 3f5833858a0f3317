import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import {
  CorrectFactInput,
  CorroborateFactInput,
  LinkFactsInput,
  RecordArticleInput,
  RecordFactInput,
  RegisterActorInput,
  RetractFactInput,
} from '../inputs/write.input.js';
import { WriteResultModel } from '../models/write-result.model.js';
import { WriteService } from '../write.service.js';
import {
  type PlannedWrite,
  planCorrectFact,
  planCorroborateFact,
  planLinkFacts,
  planRecordArticle,
  planRecordFact,
  planRegisterActor,
  planRetractFact,
} from '../write-commands.js';
import { WriteTokenGuard } from '../write-token.guard.js';

@Resolver(() => WriteResultModel)
@UseGuards(WriteTokenGuard)
export class MutationResolver {
  constructor(private readonly writes: WriteService) {}

  private async write(plan: PlannedWrite, request: FastifyRequest): Promise<WriteResultModel> {
    const outcome = await this.writes.write(plan, { requestId: request.id });
    return {
      id: outcome.id,
      position: outcome.position,
      events: outcome.envelopes,
      alreadyApplied: outcome.alreadyApplied,
    };
  }

  @Mutation(() => WriteResultModel)
  recordArticle(
    @Args('input') input: RecordArticleInput,
    @Context('req') req: FastifyRequest,
  ): Promise<WriteResultModel> {
    return this.write(planRecordArticle(input), req);
  }

  @Mutation(() => WriteResultModel)
  registerActor(
    @Args('input') input: RegisterActorInput,
    @Context('req') req: FastifyRequest,
  ): Promise<WriteResultModel> {
    return this.write(planRegisterActor(input), req);
  }

  @Mutation(() => WriteResultModel)
  recordFact(
    @Args('input') input: RecordFactInput,
    @Context('req') req: FastifyRequest,
  ): Promise<WriteResultModel> {
    return this.write(planRecordFact(input), req);
  }

  @Mutation(() => WriteResultModel, { description: 'Another article supports the fact.' })
  corroborateFact(
    @Args('input') input: CorroborateFactInput,
    @Context('req') req: FastifyRequest,
  ): Promise<WriteResultModel> {
    return this.write(planCorroborateFact(input), req);
  }

  @Mutation(() => WriteResultModel, { description: 'Changes fields of a fact, with a reason.' })
  correctFact(
    @Args('input') input: CorrectFactInput,
    @Context('req') req: FastifyRequest,
  ): Promise<WriteResultModel> {
    return this.write(planCorrectFact(input), req);
  }

  @Mutation(() => WriteResultModel, {
    description: 'Withdraws a fact; it stays visible as retracted.',
  })
  retractFact(
    @Args('input') input: RetractFactInput,
    @Context('req') req: FastifyRequest,
  ): Promise<WriteResultModel> {
    return this.write(planRetractFact(input), req);
  }

  @Mutation(() => WriteResultModel)
  linkFacts(
    @Args('input') input: LinkFactsInput,
    @Context('req') req: FastifyRequest,
  ): Promise<WriteResultModel> {
    return this.write(planLinkFacts(input), req);
  }
}
