import type { InteractionVia } from '@dateline/projections';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ActorModel } from './actor.model.js';
import { InteractionKindEnum } from './enums.js';
import { FactModel } from './fact.model.js';

@ObjectType('InteractionVia', {
  description: 'One fact behind an interaction, with its direction.',
})
export class InteractionViaModel {
  @Field(() => FactModel)
  fact!: object;
  @Field(() => InteractionKindEnum)
  kind!: InteractionVia['kind'];
  @Field(() => ActorModel)
  from!: object;
  @Field(() => ActorModel)
  to!: object;
}

@ObjectType('Interaction', {
  description: 'An undirected edge between two actors, derived from the facts they share.',
})
export class InteractionModel {
  @Field(() => ID)
  id!: string;
  @Field(() => [InteractionKindEnum])
  kinds!: string[];
  // source, target, facts and via are resolved from the edge by InteractionResolver.
}
