import { queryInteractions } from '@dateline/projections';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AsOfInput, InteractionFilterInput } from '../inputs/query.input.js';
import { InteractionModel } from '../models/interaction.model.js';
import { ReadModelsService } from '../read-models.service.js';
import { minPositionArg } from './fact.resolver.js';
import { toInteractionFilter } from './filters.js';
import { actorIn, factIn } from './lookup.js';

@Resolver(() => InteractionModel)
export class InteractionResolver {
  constructor(private readonly reads: ReadModelsService) {}

  @Query(() => [InteractionModel], {
    description: 'The actor interaction network: one edge per pair of actors, by id.',
  })
  async interactions(
    @Args('filter', { type: () => InteractionFilterInput, nullable: true })
    filter: InteractionFilterInput | null,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf: AsOfInput | null,
    @Args('minPosition', minPositionArg) minPosition: number | null,
  ): Promise<InteractionModel[]> {
    const parsed = toInteractionFilter(filter);
    const scope = await this.reads.scope(asOf, minPosition);
    return queryInteractions(scope.models, parsed).map((edge) => ({
      id: edge.id,
      kinds: edge.kinds,
      source: actorIn(scope, edge.source),
      target: actorIn(scope, edge.target),
      facts: edge.factIds.map((id) => factIn(scope, id)),
      via: edge.via.map((v) => ({
        kind: v.kind,
        fact: factIn(scope, v.factId),
        from: actorIn(scope, v.from),
        to: actorIn(scope, v.to),
      })),
    }));
  }
}
