import { type InteractionEdge, queryInteractions } from '@dateline/projections';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AsOfInput, InteractionFilterInput } from '../inputs/query.input.js';
import { ActorModel } from '../models/actor.model.js';
import { FactModel } from '../models/fact.model.js';
import { InteractionModel, InteractionViaModel } from '../models/interaction.model.js';
import { type InScope, inScope } from '../models/scope.js';
import { ReadModelsService } from '../read-models.service.js';
import { minPositionArg } from './fact.resolver.js';
import { toInteractionFilter } from './filters.js';
import { actorIn, factIn } from './lookup.js';

type EdgeNode = InScope<InteractionEdge>;

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
  ): Promise<EdgeNode[]> {
    const parsed = toInteractionFilter(filter);
    const scope = await this.reads.scope(asOf, minPosition);
    return queryInteractions(scope.models, parsed).map((edge) => inScope(edge, scope));
  }

  @ResolveField(() => ActorModel)
  source(@Parent() edge: EdgeNode) {
    return actorIn(edge.scope, edge.source);
  }

  @ResolveField(() => ActorModel)
  target(@Parent() edge: EdgeNode) {
    return actorIn(edge.scope, edge.target);
  }

  @ResolveField(() => [FactModel], { description: 'The facts behind the edge, in log order.' })
  facts(@Parent() edge: EdgeNode) {
    return edge.factIds.map((id) => factIn(edge.scope, id));
  }

  @ResolveField(() => [InteractionViaModel])
  via(@Parent() edge: EdgeNode): InteractionViaModel[] {
    return edge.via.map((v) => ({
      kind: v.kind,
      fact: factIn(edge.scope, v.factId),
      from: actorIn(edge.scope, v.from),
      to: actorIn(edge.scope, v.to),
    }));
  }
}
