import {
  type InteractionEdge,
  type InteractionFilter,
  type InteractionOrder,
  PositionMemo,
  queryInteractions,
  sortInteractions,
} from '@dateline/projections';
import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { checkPageSize } from '../graphql/limits.js';
import { AsOfInput, InteractionFilterInput } from '../inputs/query.input.js';
import { ActorModel } from '../models/actor.model.js';
import { InteractionOrderEnum } from '../models/enums.js';
import { FactModel } from '../models/fact.model.js';
import { InteractionModel, InteractionViaModel } from '../models/interaction.model.js';
import { actorIn, factIn } from '../models/nodes.js';
import { type InScope, inScope, type ReadScope } from '../models/scope.js';
import { ReadModelsService } from '../read-models.service.js';
import { minPositionArg } from './fact.resolver.js';
import { toInteractionFilter } from './filters.js';

type EdgeNode = InScope<InteractionEdge>;

@Resolver(() => InteractionModel)
export class InteractionResolver {
  constructor(private readonly reads: ReadModelsService) {}

  // The network page asks for the strongest edges and their count in one request: filter once.
  private readonly filteredEdges = new PositionMemo<InteractionEdge[]>();

  private filtered(
    scope: ReadScope,
    filter: InteractionFilter,
    order: InteractionOrder = 'id',
  ): InteractionEdge[] {
    // Both orders are kept per position: the network page asks for the strongest edges each time,
    // and sorting a large graph's edges by their facts costs more than answering the request.
    return this.filteredEdges.get(
      scope.models.interactions,
      scope.position,
      `${order} ${JSON.stringify(filter)}`,
      () =>
        order === 'id'
          ? queryInteractions(scope.models, filter)
          : sortInteractions(this.filtered(scope, filter), order),
    );
  }

  @Query(() => [InteractionModel], {
    description:
      'The actor interaction network: one edge per pair of actors, by id unless orderBy says otherwise. A large log has hundreds of thousands of edges: ask for the strongest with orderBy: FACTS and first.',
  })
  async interactions(
    @Args('filter', { type: () => InteractionFilterInput, nullable: true })
    filter: InteractionFilterInput | null,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf: AsOfInput | null,
    @Args('minPosition', minPositionArg) minPosition: number | null,
    @Args('orderBy', { type: () => InteractionOrderEnum, nullable: true })
    orderBy: InteractionOrder | null,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description:
        'At most this many edges (up to 100), in the order asked. Without it, every edge.',
    })
    first: number | null | undefined,
  ): Promise<EdgeNode[]> {
    const parsed = toInteractionFilter(filter);
    // An argument left out arrives as undefined, one sent as null as null: both mean every edge.
    const limit = first == null ? undefined : checkPageSize(first);
    const scope = await this.reads.scope(asOf, minPosition);
    const edges = this.filtered(scope, parsed, orderBy ?? 'id');
    return (limit === undefined ? edges : edges.slice(0, limit)).map((edge) =>
      inScope(edge, scope),
    );
  }

  @Query(() => Int, { description: 'How many edges `interactions` returns for this filter.' })
  async interactionCount(
    @Args('filter', { type: () => InteractionFilterInput, nullable: true })
    filter: InteractionFilterInput | null,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf: AsOfInput | null,
    @Args('minPosition', minPositionArg) minPosition: number | null,
  ): Promise<number> {
    const parsed = toInteractionFilter(filter);
    const scope = await this.reads.scope(asOf, minPosition);
    return this.filtered(scope, parsed).length;
  }

  @ResolveField(() => Int, { description: 'How many facts the edge rests on.' })
  factCount(@Parent() edge: EdgeNode): number {
    return edge.factIds.length;
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
  facts(
    @Parent() edge: EdgeNode,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description: 'Only the first facts (up to 100). Without it, every fact.',
    })
    first: number | null | undefined,
  ) {
    const ids = first == null ? edge.factIds : edge.factIds.slice(0, checkPageSize(first));
    return ids.map((id) => factIn(edge.scope, id));
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
