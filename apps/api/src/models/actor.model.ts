import type { ActorView } from '@dateline/projections';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActorKindEnum } from './enums.js';
import { FactModel } from './fact.model.js';

@ObjectType('Actor', {
  description: 'A person, government, organisation or source named in facts.',
})
export class ActorModel {
  @Field(() => ID)
  id!: string;
  @Field()
  name!: string;
  @Field(() => ActorKindEnum)
  kind!: ActorView['kind'];
  @Field(() => String, { nullable: true })
  title?: string;
  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code, or EU for the European Union.',
  })
  country?: string;
  @Field(() => [String])
  aliases!: string[];
  @Field(() => Int, { description: 'Log position of the ActorRegistered event.' })
  position!: number;
  @Field()
  recordedAt!: string;
}

@ObjectType('ActorInteraction', { description: 'Another actor and the facts linking the two.' })
export class ActorInteractionModel {
  @Field(() => ActorModel)
  actor!: object;
  @Field(() => [FactModel])
  facts!: object[];
}
