import {
  type ActorView,
  factsOfActor,
  getActor,
  listActors,
  partnersOf,
} from '@dateline/projections';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AsOfInput } from '../inputs/query.input.js';
import { ActorInteractionModel, ActorModel } from '../models/actor.model.js';
import { FactConnection } from '../models/fact.model.js';
import { actorIn, factIn } from '../models/nodes.js';
import { type InScope, inScope } from '../models/scope.js';
import { ReadModelsService } from '../read-models.service.js';
import { minPositionArg } from './fact.resolver.js';
import { paginateFacts } from './pagination.js';

type ActorNode = InScope<ActorView>;

@Resolver(() => ActorModel)
export class ActorResolver {
  constructor(private readonly reads: ReadModelsService) {}

  @Query(() => [ActorModel], { description: 'Every actor, by name.' })
  async actors(
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf: AsOfInput | null,
    @Args('minPosition', minPositionArg) minPosition: number | null,
  ): Promise<ActorNode[]> {
    const scope = await this.reads.scope(asOf, minPosition);
    return listActors(scope.models).map((a) => inScope(a, scope));
  }

  @Query(() => ActorModel, { nullable: true })
  async actor(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf: AsOfInput | null,
    @Args('minPosition', minPositionArg) minPosition: number | null,
  ): Promise<ActorNode | null> {
    const scope = await this.reads.scope(asOf, minPosition);
    const actor = getActor(scope.models, id);
    return actor ? inScope(actor, scope) : null;
  }

  @ResolveField(() => FactConnection, {
    description: 'Facts the actor takes part in or is quoted in, chronologically.',
  })
  facts(
    @Parent() actor: ActorNode,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): FactConnection {
    return paginateFacts(factsOfActor(actor.scope.models, actor.id), actor.scope, {
      first,
      after,
    });
  }

  @ResolveField(() => [ActorInteractionModel], {
    description:
      "Actors this one interacted with, by name, with the facts behind each. Retracted facts are included (each says it is retracted), as in `facts`; the `interactions` query hides an edge whose facts are all retracted unless its filter's includeRetracted is true.",
  })
  interactsWith(@Parent() actor: ActorNode): ActorInteractionModel[] {
    return Object.entries(partnersOf(actor.scope.models.actors, actor.id))
      .map(([otherId, factIds]) => ({
        actor: actorIn(actor.scope, otherId),
        facts: factIds.map((id) => factIn(actor.scope, id)),
      }))
      .sort((a, b) => a.actor.name.localeCompare(b.actor.name, 'en'));
  }
}
